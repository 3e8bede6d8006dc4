import { ProoflineError, errorMessage } from '../errors.js';
import { allFlows } from '../flows/registry.js';
import { reverifyRun, type Disagreement } from '../flows/runs.js';
import { stepLabel } from '../flows/stepNumber.js';
import type { LedgerEntry, Run } from '../flows/types.js';
import type { Trace, TraceRun } from './trace.js';

/** One difference between what a trace claims and what its bytes support, located in the file. */
export interface TraceDisagreement extends Disagreement {
  /** Index of the run in `runs`. */
  readonly run: number;
  /** JSON path of the disputed part, e.g. `runs[0].steps[7]` or `runs[0].outcome`. */
  readonly path: string;
}

/** One run recomputed from its bytes. */
export interface RunVerification {
  /** Index of the run in `runs`. */
  readonly index: number;
  /** The run as its bytes support it: checks, knowledge, outcome and ledger recomputed; notes kept. */
  readonly run: TraceRun;
  readonly disagreements: readonly TraceDisagreement[];
}

/** The result of re-verifying a whole trace. */
export interface TraceVerification {
  /** True when every recorded claim agrees with the recomputation. */
  readonly agrees: boolean;
  readonly runs: readonly RunVerification[];
  /** Every disagreement of every run, in order. */
  readonly disagreements: readonly TraceDisagreement[];
}

/**
 * Re-verify every run of a trace from its raw bytes (core/flows/runs.ts `reverifyRun`: every
 * step's evaluator runs again over the stored payloads, no private key needed) and collect each
 * difference from the file's claims per run and step. Beyond what `reverifyRun` compares, this
 * also reports a step `kind` that contradicts its `from`/`to`, a changed outcome step, changed
 * ledger evidence and ledger entries the recomputation does not produce.
 *
 * Throws ERR_UNSUPPORTED (with the run's path) only when a run's flow is not registered in this
 * program; anything a run's bytes make an evaluator or the ledger throw is a disagreement.
 */
export async function verifyTrace(trace: Trace): Promise<TraceVerification> {
  const registered = new Set(allFlows().map((f) => f.id));
  const runs: RunVerification[] = [];
  for (const [i, recorded] of trace.runs.entries()) {
    if (!registered.has(recorded.flow)) {
      throw new ProoflineError('ERR_UNSUPPORTED', `flow "${recorded.flow}" is not available in this program`, `runs[${i}].spec.flow`);
    }
    const located = (d: Disagreement): TraceDisagreement => ({ ...d, run: i, path: d.step === null ? `runs[${i}]` : `runs[${i}].steps[${d.step}]` });
    // reverifyRun needs no seed and no keys; a redacted run re-verifies exactly like a full one.
    const asRun: Run = { ...recorded, seed: recorded.seed ?? 0, secrets: [] };
    let recomputed: Run;
    let found: Disagreement[];
    try {
      const result = await reverifyRun(asRun);
      recomputed = result.run;
      found = [...result.disagreements];
    } catch (e) {
      const d: Disagreement = { step: null, what: 're-verification', recorded: 'the run re-verifies', recomputed: `the run cannot be re-verified (${errorMessage(e)})` };
      runs.push({ index: i, run: recorded, disagreements: [located(d)] });
      continue;
    }
    found.push(...extraDisagreements(recorded, recomputed));
    const run: TraceRun = {
      ...recorded,
      steps: recorded.steps.map((s, j) => {
        const r = recomputed.steps[j];
        return r ? { ...s, checks: r.checks, knowledge: r.knowledge } : s;
      }),
      outcome: recomputed.outcome,
      ledger: recomputed.ledger,
    };
    runs.push({ index: i, run, disagreements: found.map(located) });
  }
  const disagreements = runs.flatMap((r) => r.disagreements);
  return { agrees: disagreements.length === 0, runs, disagreements };
}

function evidenceText(e: LedgerEntry['evidence']): string {
  return e.map((x) => (x.check ? `${stepLabel(x.step)} ${x.check}` : stepLabel(x.step))).join(', ') || 'none';
}

/** What reverifyRun leaves uncompared but a trace still claims. */
function extraDisagreements(recorded: TraceRun, recomputed: Run): Disagreement[] {
  const out: Disagreement[] = [];
  for (const s of recorded.steps) {
    const kind = s.from === s.to ? 'local' : 'message';
    if (s.kind !== kind) out.push({ step: s.index, what: 'kind', recorded: s.kind, recomputed: `${kind} (from ${s.from} to ${s.to})` });
  }
  if (recorded.outcome.step !== recomputed.outcome.step) {
    out.push({ step: null, what: 'outcome step', recorded: recorded.outcome.step === null ? 'none' : stepLabel(recorded.outcome.step), recomputed: recomputed.outcome.step === null ? 'none' : stepLabel(recomputed.outcome.step) });
  }
  for (const entry of recomputed.ledger) {
    const rec = recorded.ledger.find((l) => l.property === entry.property);
    if (rec && rec.level === entry.level && rec.why === entry.why && evidenceText(rec.evidence) !== evidenceText(entry.evidence)) {
      out.push({ step: null, what: `ledger ${entry.property} evidence`, recorded: evidenceText(rec.evidence), recomputed: evidenceText(entry.evidence) });
    }
  }
  const seen = new Set<string>();
  for (const rec of recorded.ledger) {
    if (seen.has(rec.property)) {
      out.push({ step: null, what: `ledger ${rec.property}`, recorded: `a second entry (${rec.level})`, recomputed: 'one entry per property' });
    } else if (!recomputed.ledger.some((l) => l.property === rec.property)) {
      out.push({ step: null, what: `ledger ${rec.property}`, recorded: `${rec.level}: ${rec.why}`, recomputed: 'absent' });
    }
    seen.add(rec.property);
  }
  return out;
}
