import { ProoflineError, errorMessage } from '../errors.js';
import { allFlows } from '../flows/registry.js';
import { bytesToHex } from '../codec/bytes.js';
import { forkRun } from '../fork/forkRun.js';
import { replayRun } from '../flows/replay.js';
import { replayCapturedRun } from '../capture/replay.js';
import { compareClaims, judgeSteps, type Disagreement } from '../flows/runs.js';
import { stepLabel } from '../flows/stepNumber.js';
import type { LedgerEntry, Run, Step } from '../flows/types.js';
import type { Trace, TraceRun } from './trace.js';
import { PROPERTY_SINCE, TRACE_VERSION } from './schema.js';

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
 * Re-verify every run of a trace: what it shows and what its bytes prove. A simulated run is
 * replayed (core/flows/replay.ts): its flow's script runs again from its spec, and every step's
 * phase, sender, receiver, attacker mark, label, caption, op and payload names must be the
 * script's, the actors the flow's, the options those the policy bytes carry, the keys those the
 * seed makes; at each step the stored bytes are evaluated again (no private key needed). A fork
 * (`fork`) is made again from the run it names with the change it names (core/fork `forkRun`),
 * and must equal the stored one in every field and byte. Then the checks (each id once, in order),
 * knowledge, outcome and ledger are compared with the recomputation (`compareClaims`), plus a step
 * `kind` that contradicts its `from`/`to`, the outcome step and ledger evidence. Every difference
 * is a disagreement naming its run, step and field.
 *
 * Throws ERR_UNSUPPORTED (with the run's path) only when a run's flow is not registered in this
 * program; anything a run's bytes make an evaluator, the script or the ledger throw is a disagreement.
 */
export async function verifyTrace(trace: Trace): Promise<TraceVerification> {
  const registered = new Set(allFlows().map((f) => f.id));
  for (const [i, recorded] of trace.runs.entries()) {
    if (!registered.has(recorded.flow)) {
      throw new ProoflineError('ERR_UNSUPPORTED', `flow "${recorded.flow}" is not available in this program`, `runs[${i}].spec.flow`);
    }
  }
  const done = new Map<number, RunVerification>();
  // Runs first, then forks in an order where each fork's origin is done before it.
  const order = [...trace.runs.keys()].filter((i) => !trace.runs[i]!.fork);
  const forks = [...trace.runs.keys()].filter((i) => trace.runs[i]!.fork);
  for (let pass = 0; forks.length > 0 && pass <= trace.runs.length; pass++) {
    for (const i of [...forks]) {
      const of = trace.runs[i]!.fork!.of;
      if (order.includes(of) || !forks.includes(of)) {
        order.push(i);
        forks.splice(forks.indexOf(i), 1);
      }
    }
  }
  order.push(...forks);
  for (const i of order) {
    const recorded = trace.runs[i]!;
    const located = (d: Disagreement): TraceDisagreement => ({ ...d, run: i, path: d.step === null ? `runs[${i}]` : `runs[${i}].steps[${d.step}]` });
    const compared = comparedLedger(recorded, trace.version ?? TRACE_VERSION);
    let recomputed: Run;
    let found: Disagreement[];
    try {
      ({ run: recomputed, disagreements: found } = recorded.fork ? await verifyFork(trace, i, done, compared) : recorded.capture ? await verifyCaptured(recorded, compared) : await verifyRun(recorded, compared));
    } catch (e) {
      const d: Disagreement = { step: null, what: 're-verification', recorded: 'the run re-verifies', recomputed: `the run cannot be re-verified (${errorMessage(e)})` };
      done.set(i, { index: i, run: recorded, disagreements: [located(d)] });
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
    done.set(i, { index: i, run, disagreements: found.map(located) });
  }
  const runs = [...trace.runs.keys()].map((i) => done.get(i)!);
  const disagreements = runs.flatMap((r) => r.disagreements);
  return { agrees: disagreements.length === 0, runs, disagreements };
}

/** The recomputed ledger rows a run's file is held to (see {@link comparedLedger}). */
type LedgerFilter = (ledger: readonly LedgerEntry[]) => LedgerEntry[];

/**
 * Which recomputed ledger rows the file must carry: all of them, except a property newer than the
 * file's version (schema.ts PROPERTY_SINCE) that the run does not record — an older file could not
 * hold it. The recomputed row is still shown; a file of that version or newer must carry it.
 */
function comparedLedger(recorded: TraceRun, version: number): LedgerFilter {
  const newer = new Set(Object.entries(PROPERTY_SINCE).filter(([p, since]) => since > version && !recorded.ledger.some((l) => l.property === p)).map(([p]) => p));
  return (ledger) => ledger.filter((l) => !newer.has(l.property));
}

/** A simulated run: replayed against its bytes, then its claims compared. */
async function verifyRun(recorded: TraceRun, compared: LedgerFilter): Promise<{ run: Run; disagreements: Disagreement[] }> {
  const replay = await replayRun(recorded);
  const { ledger, outcome } = judgeSteps(recorded, replay.steps, replay.state);
  const unevaluated = new Set(replay.disagreements.filter((d) => d.what === 'op' || d.what === 'evaluation').map((d) => d.step));
  const disagreements = [...replay.disagreements, ...compareClaims(recorded, replay.steps, outcome, compared(ledger), unevaluated)];
  return { run: { ...recorded, seed: recorded.seed ?? 0, secrets: [], steps: replay.steps, outcome, ledger }, disagreements };
}

/**
 * A captured run (a real browser and authenticator, or a run built from one's bytes): no seed to
 * replay, but the capture recorder's script to run again on the inputs its bytes carry
 * (core/capture/replay.ts): every step's shown fields are recomputed from them and its bytes
 * evaluated again, its actors, device record, `derived`, origin and options recomputed; then the
 * claims are compared.
 */
async function verifyCaptured(recorded: TraceRun, compared: LedgerFilter): Promise<{ run: Run; disagreements: Disagreement[] }> {
  const replay = await replayCapturedRun({ ...recorded, capture: recorded.capture! });
  const { ledger, outcome } = judgeSteps(recorded, replay.steps, replay.state);
  const unevaluated = new Set(replay.disagreements.filter((d) => d.what === 'op' || d.what === 'evaluation').map((d) => d.step));
  const disagreements = [...replay.disagreements, ...compareClaims(recorded, replay.steps, outcome, compared(ledger), unevaluated)];
  return { run: { ...recorded, seed: 0, secrets: [], steps: replay.steps, outcome, ledger }, disagreements };
}

function stepText(step: Step): string {
  return JSON.stringify([step.phase, step.kind, step.from, step.to, step.label, step.caption, step.op, step.attacker === true, step.payloads.map((p) => [p.name, p.encoding, bytesToHex(p.bytes)])]);
}

/**
 * A what-if fork: made again from the run it names (as re-verified) with the change it names, it
 * must equal the stored fork in spec, actors, every step's fields and bytes, and every claim.
 */
async function verifyFork(trace: Trace, i: number, done: ReadonlyMap<number, RunVerification>, compared: LedgerFilter): Promise<{ run: Run; disagreements: Disagreement[] }> {
  const recorded = trace.runs[i]!;
  const fork = recorded.fork!;
  const origin = done.get(fork.of)?.run ?? trace.runs[fork.of]!;
  const { fork: _originFork, ...originRun } = origin;
  const made = (await forkRun({ ...originRun, seed: origin.seed ?? 0, secrets: [] }, fork.at, fork.change, { of: fork.of })).run;
  const found: Disagreement[] = [];
  const spec = (r: Pick<Run, 'flow' | 'scenario' | 'options' | 'intended' | 'actors'> & { seed: number | null }) => JSON.stringify([r.flow, r.scenario, r.options, r.seed, r.intended, r.actors]);
  if (spec(recorded) !== spec({ ...made, seed: origin.seed })) found.push({ step: null, what: 'fork spec', recorded: spec(recorded), recomputed: `the spec of run ${fork.of}, which it forks: ${spec({ ...made, seed: origin.seed })}` });
  const n = Math.max(recorded.steps.length, made.steps.length);
  for (let j = 0; j < n; j++) {
    const a = recorded.steps[j];
    const b = made.steps[j];
    if (!a || !b || stepText(a) !== stepText(b)) {
      found.push({ step: j, what: 'fork step', recorded: a ? `“${a.label}”: ${a.caption}` : 'absent', recomputed: b ? `run ${fork.of} with the change at ${stepLabel(fork.at)}: “${b.label}”: ${b.caption}` : 'absent: the fork ends before this step' });
    }
  }
  found.push(...compareClaims(recorded, made.steps, made.outcome, compared(made.ledger), new Set(found.map((d) => d.step))));
  return { run: made, disagreements: found };
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
