import { actorName, outcomeWord } from '../flows/outcome.js';
import { stepLabel, stepNumber } from '../flows/stepNumber.js';
import type { FlowOptions } from '../flows/types.js';
import { printable } from '../printable.js';
import type { ExportNotes, ExportRun } from './types.js';
import { changeText } from '../fork/changeText.js';

/**
 * Escape text for XML and HTML (element content and quoted attributes). Characters XML 1.0 does
 * not allow at all (most C0 controls, U+FFFE, U+FFFF, lone surrogates), and those that would act
 * on a terminal, are written as visible escapes ({@link printable}), so the document stays
 * well-formed for any text.
 */
export function escapeXml(text: string): string {
  return printable(text, true).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Escape text for Markdown: inline HTML and Markdown syntax are shown literally, pipes cannot break
 * a table, and a line break cannot start a new block.
 */
export function escapeMarkdown(text: string): string {
  return printable(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/** Options as `key=value, …`, or `defaults`. */
export function optionsText(options: FlowOptions): string {
  const parts = Object.entries(options).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(', ') : 'defaults';
}

/** A run's one-line name: `webauthn · honest (binding=none, …)`. */
export function runName(run: Pick<ExportRun, 'flow' | 'scenario' | 'options' | 'fork' | 'response'>): string {
  if (run.response) return `${run.flow} · real response “${run.response.name}”`;
  return `${run.flow} · ${run.scenario}${run.fork ? ' · what-if' : ''} (${optionsText(run.options)})`;
}

/** A run's seed as a report says it: a real response never had one; a redacted run's is withheld. */
export function seedText(run: Pick<ExportRun, 'seed' | 'response'>): string {
  return run.response ? 'none (a real response)' : run.seed === null || run.seed === undefined ? 'withheld' : String(run.seed);
}

export { outcomeWord };

/** The outcome as a short phrase: `blocked (rp: rp.challenge)`. */
export function outcomeText(run: Pick<ExportRun, 'outcome'>): string {
  const o = run.outcome;
  return o.actor && o.check ? `${outcomeWord(o.outcome)} (${o.actor}: ${o.check})` : outcomeWord(o.outcome);
}

/** A what-if fork's change in words. */
export function forkText(run: Pick<ExportRun, 'fork'>): string | undefined {
  const f = run.fork;
  if (!f) return undefined;
  return `What-if fork of run ${f.of} at ${stepLabel(f.at)}: ${changeText(f.change)}; nothing was re-signed.`;
}

/** A step as a person numbers it in a list or label: `7. ` for the step stored at index 6. */
export function stepPrefix(index: number): string {
  return `${stepNumber(index)}. `;
}

/** The display name of an actor of a run (the attacker has none in the flow's list). */
export function actorLabel(run: Pick<ExportRun, 'actors'>, id: string): string {
  return run.actors.find((a) => a.id === id)?.name ?? (id === 'attacker' ? 'Attacker' : actorName(id));
}

/** The actors a run's steps and checks use, in the flow's order, the attacker last. */
export function participants(run: Pick<ExportRun, 'actors' | 'steps'>): string[] {
  const used = new Set<string>();
  for (const s of run.steps) {
    used.add(s.from);
    used.add(s.to);
    for (const c of s.checks) used.add(c.actor);
  }
  const out = run.actors.map((a) => a.id as string);
  for (const id of used) if (!out.includes(id)) out.push(id);
  return out;
}

/** The standard sentence for an export whose payloads were masked. */
export const MASKED_BYTES_NOTE = 'Masked payloads were re-encoded: their signatures and hashes no longer verify. This export illustrates the runs; it is not evidence.';

/**
 * The sentence an export prints about re-verification: that the runs agree with their bytes, or
 * how many disagreements there are and — truthfully — which version the export shows.
 */
export function verificationNote(v: NonNullable<ExportNotes['verification']>): string {
  if (v.agrees) return 'Re-verified from its bytes: every recorded check, outcome and ledger entry agrees.';
  const n = `${v.disagreements} disagreement${v.disagreements === 1 ? '' : 's'}`;
  return (v.shows ?? 'recomputed') === 'recomputed'
    ? `Re-verified from its bytes: ${n} with what the file claims; this export shows what the bytes support (the recomputed checks, outcome and ledger), not the file’s claims.`
    : `Re-verified from its bytes: ${n} with what the file claims; this export shows the file’s claims, which its bytes do not support.`;
}
