import { ProoflineError, errorMessage } from '../errors.js';
import { allFlows } from '../flows/registry.js';
import { bytesToHex } from '../codec/bytes.js';
import { forkRun } from '../fork/forkRun.js';
import { replayRun } from '../flows/replay.js';
import { replayCapturedRun } from '../capture/replay.js';
import { replayResponseRun } from '../response/replayResponse.js';
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
 * seed makes; at each step the stored bytes are evaluated again (no private key needed). A captured
 * run is replayed the same way by the capture recorder's script (core/capture/replay.ts). A fork
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
  const runs: RunVerification[] = [];
  for (const i of trace.runs.keys()) runs.push(await verifyRunAt(trace, i));
  const disagreements = runs.flatMap((r) => r.disagreements);
  return { agrees: disagreements.length === 0, runs, disagreements };
}

/** The run recomputed from a trace run's bytes, with what differs from its claims. */
interface Recomputation {
  readonly recomputed: Pick<Run, 'steps' | 'outcome' | 'ledger'>;
  readonly disagreements: Disagreement[];
}

/** Re-verify run `i` of a trace (see {@link verifyTrace}). */
async function verifyRunAt(trace: Trace, i: number): Promise<RunVerification> {
  const recorded = trace.runs[i]!;
  const located = (d: Disagreement): TraceDisagreement => ({ ...d, run: i, path: d.step === null ? `runs[${i}]` : `runs[${i}].steps[${d.step}]` });
  const compared = comparedLedger(recorded, trace.version);
  let result: Recomputation;
  try {
    result = recorded.fork ? await verifyFork(trace, i, compared) : recorded.response ? await verifyResponse(recorded, compared) : await verifyReplayed(recorded, compared);
  } catch (e) {
    const d: Disagreement = { step: null, what: 're-verification', recorded: 'the run re-verifies', recomputed: `the run cannot be re-verified (${errorMessage(e)})` };
    return { index: i, run: recorded, disagreements: [located(d)] };
  }
  const { recomputed, disagreements } = result;
  const run: TraceRun = {
    ...recorded,
    steps: recorded.steps.map((s, j) => {
      const r = recomputed.steps[j];
      return r ? { ...s, checks: r.checks, knowledge: r.knowledge } : s;
    }),
    outcome: recomputed.outcome,
    ledger: recomputed.ledger,
  };
  return { index: i, run, disagreements: [...disagreements, ...extraDisagreements(recorded, recomputed)].map(located) };
}

/** The recomputed ledger rows a run's file is held to (see {@link comparedLedger}). */
type LedgerFilter = (ledger: readonly LedgerEntry[]) => LedgerEntry[];

/**
 * Which recomputed ledger rows the file must carry: all of them, except a property newer than the
 * file's version (schema.ts PROPERTY_SINCE) that the run does not record — an older file could not
 * hold it. The recomputed row is still shown; a file of that version or newer must carry it. A
 * trace made in memory (no version read) is the current version.
 */
function comparedLedger(recorded: TraceRun, version: number = TRACE_VERSION): LedgerFilter {
  const newer = new Set(Object.entries(PROPERTY_SINCE).filter(([p, since]) => since > version && !recorded.ledger.some((l) => l.property === p)).map(([p]) => p));
  return (ledger) => ledger.filter((l) => !newer.has(l.property));
}

/**
 * A simulated run, or a captured one (a real browser and authenticator, or a run built from one's
 * bytes), replayed against its bytes: a simulated run by its flow's script from its spec and seed
 * (core/flows/replay.ts); a captured run, which has no seed, by the capture recorder's script on
 * the inputs its bytes carry (core/capture/replay.ts), its actors, device record, `derived`, origin
 * and options recomputed too. Then its claims are compared, except at the steps that could not be
 * evaluated (an op with no evaluator, or not the script's; bytes an evaluator throws on): those
 * are reported once, by the replay.
 */
async function verifyReplayed(recorded: TraceRun, compared: LedgerFilter): Promise<Recomputation> {
  const replay = recorded.capture ? await replayCapturedRun({ ...recorded, capture: recorded.capture }) : await replayRun(recorded);
  const { ledger, outcome } = judgeSteps(recorded, replay.steps, replay.state);
  const unevaluated = new Set(replay.disagreements.filter((d) => d.what === 'op' || d.what === 'evaluation').map((d) => d.step));
  const disagreements = [...replay.disagreements, ...compareClaims(recorded, replay.steps, outcome, compared(ledger), unevaluated)];
  return { recomputed: { steps: replay.steps, outcome, ledger }, disagreements };
}

/**
 * A real response shown as a run: its bundle rebuilt from its payloads, verified again and the run
 * built again (core/response/replayResponse.ts), every shown field compared; then the claims.
 */
async function verifyResponse(recorded: TraceRun, compared: LedgerFilter): Promise<Recomputation> {
  const replay = await replayResponseRun({ ...recorded, response: recorded.response! });
  return { recomputed: replay.run, disagreements: [...replay.disagreements, ...compareClaims(recorded, replay.run.steps, replay.run.outcome, compared(replay.run.ledger))] };
}

function stepText(step: Step): string {
  return JSON.stringify([step.phase, step.kind, step.from, step.to, step.label, step.caption, step.op, step.attacker ?? false, step.payloads.map((p) => [p.name, p.encoding, bytesToHex(p.bytes)])]);
}

/**
 * A what-if fork: made again from the run it names with the change it names, it must equal the
 * stored fork in spec, actors, every step's fields and bytes, and every claim. `forkRun` evaluates
 * every step of the origin again from its bytes, so the origin's own claims (checks, knowledge,
 * outcome, ledger) play no part: the fork is made from the origin as stored, whatever the order of
 * the runs, even when the origin is itself a fork or fails to re-verify.
 */
async function verifyFork(trace: Trace, i: number, compared: LedgerFilter): Promise<Recomputation> {
  const recorded = trace.runs[i]!;
  const fork = recorded.fork!;
  const origin = trace.runs[fork.of]!;
  const { fork: _originFork, ...originRun } = origin;
  // forkRun reads the origin's spec and steps, not its seed or keys (the seed is compared below);
  // the remade run's own fork marking is not read either.
  // Stryker disable next-line ArrayDeclaration: equivalent, forkRun never reads a run's secrets.
  const made = (await forkRun({ ...originRun, seed: 0, secrets: [] }, fork.at, fork.change)).run;
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
  return { recomputed: made, disagreements: found };
}

function evidenceText(e: LedgerEntry['evidence']): string {
  return e.map((x) => (x.check ? `${stepLabel(x.step)} ${x.check}` : stepLabel(x.step))).join(', ') || 'none';
}

/** What reverifyRun leaves uncompared but a trace still claims. */
function extraDisagreements(recorded: TraceRun, recomputed: Pick<Run, 'outcome' | 'ledger'>): Disagreement[] {
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
