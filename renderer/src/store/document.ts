import type { Run } from '../core.js';
import { SAVED_RESPONSE_SUMMARY } from '../model/provenance.js';
import type { ViewState } from './types.js';

/** The document "Save trace" and the report export write: what the user is looking at. */
export interface DocumentRuns {
  readonly runs: readonly Run[];
  /** The open trace's title and description, when the document is that trace. */
  readonly meta?: { readonly title: string; readonly description: string };
  /** When the open trace was recorded, if known. */
  readonly created?: string;
  /** A file name saying what the document is. */
  readonly name: string;
}

/**
 * When a lane shows a run of the open trace, the document is that trace — every run of it, with
 * the trainer's notes and kept forks; otherwise it is the lanes' runs.
 */
export function documentRuns(s: Pick<ViewState, 'lanes' | 'trace' | 'scenario'>): DocumentRuns | null {
  const t = s.trace;
  if (t && s.lanes.some((l) => l.source.kind === 'trace' && l.source.name === t.name)) {
    return { runs: t.runs.map((r) => r.run), meta: { title: t.title, description: t.description }, ...(t.created ? { created: t.created } : {}), name: t.name.endsWith('.proofline.json') ? t.name : `${t.name}.proofline.json` };
  }
  const runs = s.lanes.flatMap((l) => (l.run ? [l.run] : []));
  if (runs.length === 0) return null;
  const response = s.lanes.find((l) => l.source.kind === 'response');
  if (response?.source.kind === 'response') {
    // A real response is saved under its own name, and says what it is (its run re-verifies from its payloads).
    const { name } = response.source;
    const base = name.replace(/\.(proofline\.)?json$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'response';
    const meta = { title: `A real WebAuthn response: ${name}`, description: SAVED_RESPONSE_SUMMARY };
    return { runs, meta, name: `${base}.proofline.json` };
  }
  const [a, b] = s.lanes;
  return { runs, name: `${s.scenario}.${a.flow}-vs-${b.flow}.proofline.json` };
}
