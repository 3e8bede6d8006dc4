import { SCENARIOS } from '../core.js';
import type { LaneState, RunSource, TraceInfo } from '../store/types.js';

/**
 * Where a lane's run came from, in words a reader needs to tell lanes apart: a prepared trace, a
 * file, a live recording, the outcome matrix, a real response, or a what-if fork of which run at
 * which step.
 */
export function sourceWords(source: RunSource, trace: TraceInfo | null): string {
  switch (source.kind) {
    case 'live':
      return 'recorded live here';
    case 'trace': {
      const t = trace && trace.name === source.name ? trace : null;
      const of = t && t.runs.length > 1 ? `, run ${source.index + 1} of ${t.runs.length}` : '';
      return t?.prepared ? `${source.name}, a prepared trace (“${t.title || t.name}”)${of}` : `${source.name}, a file you opened${of}`;
    }
    case 'matrix':
      return `recorded live for the outcome matrix (${source.label})`;
    case 'fork':
      return `what-if fork${source.of ? ` of ${source.of}` : ''}: ${source.label}`;
    case 'response':
      return `real response from ${source.name}, read-only`;
    case 'empty':
      return 'no run';
  }
}

/** What the headline says of a saved real response (and what a file saved from one describes itself with). */
export const SAVED_RESPONSE_SUMMARY = 'Its bytes and what its relying party expected, nothing else: opening the file verified it again from them, with every check of WebAuthn L3 §7.1/§7.2.';

/** A lane's provenance line: `From 01-honest.proofline.json, a prepared trace (“…”), run 1 of 2`, `Recorded live here · seed 1`. */
export function laneProvenance(lane: Pick<LaneState, 'source' | 'run'>, trace: TraceInfo | null): string {
  const words = sourceWords(lane.source, trace);
  const seed = lane.source.kind === 'live' && lane.run ? ` · seed ${lane.run.seed}` : '';
  const text = lane.source.kind === 'trace' ? `From ${words}` : `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return `${text}${seed}`;
}

/** What the header says is on screen: a title and one sentence, from the lanes and what is open. */
export function screenHeadline(lanes: readonly Pick<LaneState, 'source' | 'run'>[], trace: TraceInfo | null): { title: string; summary: string } | null {
  const response = lanes.find((l) => l.source.kind === 'response');
  if (response?.run && response.source.kind === 'response') {
    return { title: `A real WebAuthn response: ${response.source.name}`, summary: 'Verified here, offline, as the relying party would: every check of WebAuthn L3 §7.1/§7.2 over the bytes the browser gave. Nothing else is on screen.' };
  }
  // A real response saved and opened again: said from its run (its name is an input), not from the file's free-text title.
  const saved = lanes.find((l) => l.source.kind === 'trace' && l.run?.response);
  if (saved?.run?.response) {
    return { title: `A real WebAuthn response: ${saved.run.response.name}`, summary: SAVED_RESPONSE_SUMMARY };
  }
  const fork = lanes.find((l) => l.source.kind === 'fork');
  if (fork?.run && fork.source.kind === 'fork') {
    return { title: `What if…: ${fork.source.label}`, summary: `Left: the original run (${fork.source.of ?? 'as recorded'}). Right: the same bytes with one change, nothing re-signed — the real checks decide who notices.` };
  }
  const fromTrace = trace && lanes.some((l) => l.source.kind === 'trace' && l.source.name === trace.name);
  if (fromTrace && trace) {
    // A trace without a description is described by its scenario.
    const scenario = lanes.find((l) => l.run)?.run?.scenario;
    return { title: trace.title || trace.name, summary: trace.description || (SCENARIOS.find((x) => x.id === scenario)?.summary ?? '') };
  }
  return null;
}
