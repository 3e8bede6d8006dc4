import type { Action } from '../codec/action.js';
import { bytesToHex } from '../codec/bytes.js';
import { createRandom } from '../crypto/random.js';
import { scenarioInfo } from '../scenarios/index.js';
import { actorsFor, applies, recordedOptions, resolveOptions } from './catalog.js';
import { errorMessage, ProoflineError } from '../errors.js';
import { evaluateStep, evaluatorFor, newEvalState, type EvalState } from '../ops/evaluate.js';
import { deriveOutcome, outcomeSummary } from './outcome.js';
import { Recorder } from './record.js';
import { flowDefinition } from './registry.js';
import type { CheckResult } from '../check.js';
import type { FlowOptions, KnowledgeItem, LedgerEntry, Outcome, Run, RunSpec, Step } from './types.js';

/** What the legitimate user intends: 10 EUR to Alice. */
export const INTENDED_ACTION: Action = {
  kind: 'payment',
  amount: { value: '10.00', currency: 'EUR' },
  payee: { name: 'Alice', iban: 'DE89370400440532013000' },
  reference: 'Lunch, Tuesday',
};

/** What the attacker wants executed: 5000 EUR to Mallory. */
export const ATTACKER_ACTION: Action = {
  kind: 'payment',
  amount: { value: '5000.00', currency: 'EUR' },
  payee: { name: 'Mallory', iban: 'GB33BUKB20201555555555' },
  reference: 'Invoice 4471',
};

export { resolveOptions };

/** What a sign-in attack wants executed: a session for whoever started it. */
export const SIGN_IN_ACTION: Action = { kind: 'sign-in' };

/**
 * Simulate a run from its spec: every signature and verification real, outcome from the checks.
 * A scenario that does not apply to the flow (n/a, DESIGN.md §8.1) throws ERR_NOT_APPLICABLE with
 * the reason: no run is recorded for it.
 */
export async function recordRun(spec: RunSpec): Promise<Run> {
  const def = flowDefinition(spec.flow);
  const scenario = scenarioInfo(spec.scenario);
  const na = applies(spec.flow, spec.scenario, spec.options);
  if (na !== true) throw new ProoflineError('ERR_NOT_APPLICABLE', `scenario ${spec.scenario} does not apply to ${spec.flow}: ${na}`, 'scenario');
  const resolved = resolveOptions(spec.flow, spec.options);
  const rec = new Recorder();
  await def.simulate(rec, { options: resolved, scenario, rng: createRandom(spec.seed), intended: INTENDED_ACTION, attackerAction: scenario.attackerAction === 'sign-in' ? SIGN_IN_ACTION : ATTACKER_ACTION });
  const options = recordedOptions(spec.flow, resolved);
  const ledger = def.ledger(rec.steps, rec.state, options);
  const outcome = deriveOutcome(rec.steps, rec.state, scenario, ledger);
  return { flow: spec.flow, scenario: spec.scenario, options, seed: spec.seed, intended: INTENDED_ACTION, actors: actorsFor(spec.flow, resolved), steps: rec.steps, outcome, ledger, secrets: rec.secrets };
}

/** One difference between what a trace claims and what its bytes support. */
export interface Disagreement {
  /** Step index, or null for the run's outcome and ledger. */
  readonly step: number | null;
  /** What differs, e.g. `check rp.signature` or `outcome`. */
  readonly what: string;
  readonly recorded: string;
  readonly recomputed: string;
}

/** A run recomputed from its bytes, and where it disagrees with its claims. */
export interface Reverification {
  /** The run with checks, knowledge, outcome and ledger as the bytes support them. */
  readonly run: Run;
  readonly disagreements: readonly Disagreement[];
}

function fmtCheck(c: CheckResult | undefined): string {
  return c ? `${c.status}: ${c.detail}` : 'absent';
}

function knowledgeText(items: readonly KnowledgeItem[] | undefined): string {
  return (items ?? []).map((k) => `${k.key}=${k.text}${k.never ? ' (never)' : ''}`).join('; ');
}

/** One step as re-evaluation recomputed it, or why it could not be evaluated. */
export interface ReevaluatedStep {
  /** The step with checks and knowledge recomputed from its payloads (empty when it could not be evaluated). */
  readonly step: Step;
  /** Set when the step's op has no evaluator or its bytes made the evaluator throw. */
  readonly problem?: Disagreement;
}

/**
 * Run one stored step's evaluator again over its payloads, against the evaluation state so far:
 * the one way recorded steps are judged again, by {@link reevaluateSteps} and by a replay
 * (core/flows/replay.ts). An op with no evaluator, or bytes that make it throw, give a step with
 * no checks and the problem.
 */
export async function reevaluateStep(recorded: Step, state: EvalState): Promise<ReevaluatedStep> {
  if (!evaluatorFor(recorded.op)) {
    return { step: { ...recorded, checks: [], knowledge: {} }, problem: { step: recorded.index, what: 'op', recorded: recorded.op, recomputed: 'no such evaluator: the step cannot be checked' } };
  }
  const view = { index: recorded.index, phase: recorded.phase, from: recorded.from, to: recorded.to, payloads: recorded.payloads, attacker: recorded.attacker ?? false };
  try {
    const evaluation = await evaluateStep(recorded.op, view, state);
    return { step: { ...recorded, checks: evaluation.checks, knowledge: evaluation.knowledge } };
  } catch (e) {
    return { step: { ...recorded, checks: [], knowledge: {} }, problem: { step: recorded.index, what: 'evaluation', recorded: 'evaluates', recomputed: `the step's bytes cannot be evaluated (${errorMessage(e)})` } };
  }
}

/**
 * Run every step's evaluator again over its stored payloads, in order, against one fresh
 * evaluation state — the machinery of {@link reverifyRun}, shared with what-if forks. With
 * `haltFrom`, evaluation stops after the first step at or after that index where an actor halts
 * (as the recorded flow would have stopped there); later steps are left out. `prepare` may replace a
 * step just before it is evaluated, given the state so far (forks use it for the verifier's own records).
 */
export async function reevaluateSteps(
  recordedSteps: readonly Step[],
  options: { haltFrom?: number; prepare?: (step: Step, state: EvalState) => Step } = {},
): Promise<{ steps: ReevaluatedStep[]; state: EvalState }> {
  const state = newEvalState();
  const out: ReevaluatedStep[] = [];
  for (const given of recordedSteps) {
    const recorded = options.prepare ? options.prepare(given, state) : given;
    const done = await reevaluateStep(recorded, state);
    out.push(done);
    if (done.problem?.what === 'op') continue;
    if (options.haltFrom !== undefined && recorded.index >= options.haltFrom && state.halted && state.halted.step >= options.haltFrom) break;
  }
  return { steps: out, state };
}

/** Ledger and outcome of a run's steps, as its flow derives them from the checks and the evaluation state. */
export function judgeSteps(run: Pick<RunSpec, 'flow' | 'scenario' | 'options'>, steps: readonly Step[], state: EvalState): { ledger: LedgerEntry[]; outcome: Outcome } {
  const ledger = flowDefinition(run.flow).ledger(steps, state, run.options);
  const outcome = deriveOutcome(steps, state, scenarioInfo(run.scenario), ledger);
  return { ledger, outcome };
}

/**
 * Re-verify a run from its raw bytes: every step's evaluator runs again over the stored payloads
 * (no private key needed), then outcome and ledger are derived again; each difference from the
 * recorded claims is reported per step. Never trusts the file's checks, outcome or ledger.
 */
export async function reverifyRun(run: Run): Promise<Reverification> {
  flowDefinition(run.flow);
  scenarioInfo(run.scenario);
  const disagreements: Disagreement[] = [];
  const { steps: evaluated, state } = await reevaluateSteps(run.steps);
  const steps: Step[] = [];
  for (const { step, problem } of evaluated) {
    steps.push(step);
    if (problem) disagreements.push(problem);
  }
  const { ledger, outcome } = judgeSteps(run, steps, state);
  disagreements.push(...compareClaims(run, steps, outcome, ledger, new Set(disagreements.map((d) => d.step))));
  return { run: { ...run, steps, outcome, ledger }, disagreements };
}

function sameItems(a: readonly KnowledgeItem[] | undefined, b: readonly KnowledgeItem[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((k, i) => k.key === y[i]!.key && k.text === y[i]!.text && (k.never === true) === (y[i]!.never === true));
}

function sameCheck(a: CheckResult, b: CheckResult): boolean {
  return a.id === b.id && a.actor === b.actor && a.spec === b.spec && a.status === b.status && a.detail === b.detail;
}

/**
 * Every difference between a run's claims and what was recomputed: per step, the checks (each
 * id once, in order, every field) and each actor's knowledge (items in order, with their "never"
 * mark); then the outcome (class, actor, check, sentence) and the ledger (each property once, in
 * the recomputed order, level and reason). Steps in `skip` could not be evaluated (already reported).
 */
export function compareClaims(recorded: Pick<Run, 'steps' | 'outcome' | 'ledger'>, steps: readonly Step[], outcome: Outcome, ledger: readonly LedgerEntry[], skip: ReadonlySet<number | null> = new Set()): Disagreement[] {
  const out: Disagreement[] = [];
  for (const [i, step] of steps.entries()) {
    const given = recorded.steps[i];
    if (!given || skip.has(step.index)) continue;
    // The common case, every check the same and in order, costs one pass.
    if (given.checks.length !== step.checks.length || !given.checks.every((c, k) => sameCheck(c, step.checks[k]!))) {
      const before = out.length;
      for (const id of new Set([...given.checks.map((c) => c.id), ...step.checks.map((c) => c.id)])) {
        const a = given.checks.filter((c) => c.id === id);
        const b = step.checks.find((c) => c.id === id);
        if (a.length > 1) out.push({ step: step.index, what: `check ${id}`, recorded: `${a.length} claims: ${a.map(fmtCheck).join(' | ')}`, recomputed: fmtCheck(b) });
        else if (!a[0] || !b || !sameCheck(a[0], b)) {
          // Where status and detail agree, the difference is in who ran the check or its clause: name them.
          const who = (c: CheckResult | undefined) => (c && a[0] && b && fmtCheck(a[0]) === fmtCheck(b) ? `${fmtCheck(c)} (${c.actor}, ${c.spec})` : fmtCheck(c));
          out.push({ step: step.index, what: `check ${id}`, recorded: who(a[0]), recomputed: who(b) });
        }
      }
      const order = (cs: readonly CheckResult[]) => cs.map((c) => c.id).join(', ');
      if (out.length === before) out.push({ step: step.index, what: 'checks', recorded: order(given.checks), recomputed: order(step.checks) });
    }
    const actors = new Set([...Object.keys(given.knowledge), ...Object.keys(step.knowledge)]) as Set<keyof Step['knowledge']>;
    for (const actor of actors) {
      if (!sameItems(given.knowledge[actor], step.knowledge[actor])) {
        out.push({ step: step.index, what: `knowledge of ${actor}`, recorded: knowledgeText(given.knowledge[actor]), recomputed: knowledgeText(step.knowledge[actor]) });
      }
    }
  }
  // The step is compared on its own (core/trace/verify.ts "outcome step"); the text names it all.
  const same = recorded.outcome.outcome === outcome.outcome && recorded.outcome.actor === outcome.actor && recorded.outcome.check === outcome.check;
  if (!same || recorded.outcome.sentence !== outcome.sentence) {
    // The sentences are named only when they are all that differs.
    const text = (o: Outcome) => (same ? `${outcomeSummary(o)} — ${o.sentence}` : outcomeSummary(o));
    out.push({ step: null, what: 'outcome', recorded: text(recorded.outcome), recomputed: text(outcome) });
  }
  for (const entry of ledger) {
    const rec = recorded.ledger.find((l) => l.property === entry.property);
    if (!rec || rec.level !== entry.level || rec.why !== entry.why) {
      out.push({ step: null, what: `ledger ${entry.property}`, recorded: rec ? `${rec.level}: ${rec.why}` : 'no row for this property', recomputed: `${entry.level}: ${entry.why}` });
    }
  }
  const rows = (l: readonly LedgerEntry[]) => l.map((e) => e.property).join(', ');
  // The order of the rows both hold (a missing or extra row is reported above or by the caller).
  const shared = ledger.filter((e) => recorded.ledger.some((r) => r.property === e.property));
  if (new Set(recorded.ledger.map((e) => e.property)).size === recorded.ledger.length && recorded.ledger.every((r) => ledger.some((e) => e.property === r.property)) && rows(recorded.ledger) !== rows(shared)) {
    out.push({ step: null, what: 'ledger order', recorded: rows(recorded.ledger), recomputed: rows(shared) });
  }
  return out;
}

/** A short fingerprint of bytes for knowledge items: the first 8 bytes of their hex. */
export function fingerprint(bytes: Uint8Array): string {
  return bytesToHex(bytes.subarray(0, 8));
}
