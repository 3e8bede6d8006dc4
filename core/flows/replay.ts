import { bytesToHex } from '../codec/bytes.js';

const lossy = new TextDecoder('utf-8');
const bytesToUtf8Lossy = (bytes: Uint8Array): string => lossy.decode(bytes);
import { canonicalAction } from '../codec/action.js';
import { createRandom } from '../crypto/random.js';
import { isKeyPair } from '../crypto/sign.js';
import { errorMessage } from '../errors.js';
import { scenarioInfo } from '../scenarios/index.js';
import { actorsFor, resolveOptions } from './catalog.js';
import type { EvalState, Evaluation } from '../ops/evaluate.js';
import { Recorder, type StepInit } from './record.js';
import { flowDefinition } from './registry.js';
import { ATTACKER_ACTION, INTENDED_ACTION, reevaluateStep, SIGN_IN_ACTION, type Disagreement } from './runs.js';
import type { Action } from '../codec/action.js';
import type { ActorInfo, FlowId, FlowOptions, ScenarioId, SecretKeyRecord, Step } from './types.js';

/**
 * Re-verification of what a run *shows*, not only of its bytes. A simulated run is the output of
 * its flow's script, driven by its spec (flow, scenario, options, seed): every step's phase,
 * sender, receiver, attacker mark, label, caption, op and payload names come from that script. A
 * replay runs the script again with a {@link ReplayRecorder}: each step the script would record
 * is compared with the trace's step at that position, field by field, and the trace's own bytes
 * are then evaluated there (the re-verification proper), so the script branches on what the bytes
 * support, as the actors did. Keys are made with stand-in public keys and signatures
 * (`Random.replay`), so a replay costs no scalar multiplication: the cryptography is checked by
 * the evaluators, from the bytes.
 *
 * Where the trace withholds the seed (redacted), the script runs with a stand-in seed; the only
 * seed-dependent text in the scripts (transaction ids, codes, numbers) may then differ where the
 * run's own bytes carry the recorded value ({@link sameButSeed}).
 */

/** What a step shows, as the script would record it. */
export interface Shown {
  readonly phase: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly caption: string;
  readonly op: string;
  readonly attacker: string;
  readonly payloads: string;
}

/** What a step shows: as the script records it, or as the trace stores it (a local step's receiver is its sender). */
export function shown(step: StepInit | Step): Shown {
  return {
    phase: step.phase,
    from: step.from,
    to: step.to ?? step.from,
    label: step.label,
    caption: step.caption,
    op: step.op,
    attacker: String(step.attacker === true),
    payloads: (step.payloads ?? []).map((p) => `${p.name} (${p.encoding})`).join(', '),
  };
}

/** Text the scripts draw from the seed: transaction ids, codes and numbers shown to the user. */
const FROM_SEED = /tx-[0-9a-f]+|[0-9]+/g;

/**
 * In a redacted run the script runs with a stand-in seed, so the values it draws (transaction
 * ids, one-time codes, a number to match) differ from the trace's. Two texts agree when they are
 * the same around those values, and every value where they differ is one the run's bytes carry
 * (it appears in the text of a payload of this step or an earlier one).
 */
function sameButSeed(recorded: string, script: string, carried: (value: string) => boolean): boolean {
  if (recorded.replace(FROM_SEED, '#') !== script.replace(FROM_SEED, '#')) return false;
  const a = recorded.match(FROM_SEED) ?? [];
  const b = script.match(FROM_SEED) ?? [];
  return a.length === b.length && a.every((v, i) => v === b[i] || carried(v));
}

/** Thrown into the script when the trace has no step where the script records one. */
export class TraceEnds extends Error {}

/**
 * A recorder that records nothing new: each step the script records is compared with the trace's
 * step at its position, and the trace's bytes are evaluated there.
 */
export class ReplayRecorder extends Recorder {
  readonly found: Disagreement[] = [];

  constructor(
    private readonly recorded: readonly Step[],
    private readonly redacted: boolean,
  ) {
    super();
  }

  override async step(init: StepInit): Promise<Evaluation & { step: Step }> {
    const index = this.steps.length;
    const given = this.recorded[index];
    if (!given) {
      this.found.push({ step: index, what: 'step', recorded: 'absent: the run ends here', recomputed: `the flow records “${init.label}” (${init.op}) here` });
      throw new TraceEnds();
    }
    const script = shown(init);
    const trace = shown(given);
    for (const field of Object.keys(script) as (keyof Shown)[]) {
      const a = trace[field];
      const b = script[field];
      const same = a === b || (this.redacted && (field === 'caption' || field === 'label') && sameButSeed(a, b, (v) => this.carried(index, v)));
      if (!same) this.found.push({ step: index, what: field, recorded: a, recomputed: b });
    }
    return this.evaluate(given);
  }

  /** True when `value` appears in the text of a payload of step `upTo` or an earlier one. */
  carried(upTo: number, value: string): boolean {
    return this.recorded.slice(0, upTo + 1).some((st) => st.payloads.some((p) => bytesToUtf8Lossy(p.bytes).includes(value)));
  }

  /** Evaluate the trace's step from its bytes, against the state so far. */
  async evaluate(given: Step): Promise<Evaluation & { step: Step }> {
    const { step, problem } = await reevaluateStep(given, this.state);
    if (problem) this.found.push(problem);
    this.steps.push(step);
    // The step's checks and knowledge are the evaluation's own (read-only in a Step's type).
    return { checks: step.checks as Evaluation['checks'], knowledge: step.knowledge as Evaluation['knowledge'], step };
  }
}

/**
 * Run a recording script against recorded steps: each step the script records is compared with the
 * recorded one at its position and the recorded bytes are evaluated there; recorded steps the
 * script does not have are evaluated too, and reported. `who` names the script in the reports.
 * The flows' scripts (below) and the capture recorder's (core/capture/replay.ts) both use it.
 */
export async function replayScript(recorded: readonly Step[], redacted: boolean, who: string, script: (rec: Recorder) => Promise<void>): Promise<ReplayRecorder> {
  const rec = new ReplayRecorder(recorded, redacted);
  try {
    await script(rec);
  } catch (e) {
    if (!(e instanceof TraceEnds)) rec.found.push({ step: rec.steps.length, what: 'script', recorded: `${who} replays over these bytes`, recomputed: `it cannot (${errorMessage(e)})` });
  }
  for (const extra of recorded.slice(rec.steps.length)) {
    rec.found.push({ step: extra.index, what: 'step', recorded: `“${extra.label}” (${extra.op})`, recomputed: `absent: ${who} ends before this step` });
    await rec.evaluate(extra);
  }
  return rec;
}

/** What a replay needs of a run. */
export interface ReplayInput {
  readonly flow: FlowId;
  readonly scenario: ScenarioId;
  readonly options: FlowOptions;
  readonly seed: number | null;
  readonly intended: Action;
  readonly actors: readonly ActorInfo[];
  readonly steps: readonly Step[];
  readonly secrets?: readonly SecretKeyRecord[];
}

/** A replayed run: its steps with checks and knowledge from the bytes, the state, and every difference found. */
export interface Replay {
  readonly steps: Step[];
  readonly state: EvalState;
  readonly disagreements: Disagreement[];
  /** The private keys the script made (the seed's), for comparison with the trace's. */
  readonly secrets: readonly SecretKeyRecord[];
}

/** A run's actors as one line of text, as disagreements show them. */
export function actorsText(actors: readonly ActorInfo[]): string {
  return actors.map((a) => `${a.id} “${a.name}” (${a.role})`).join(', ');
}

function optionsText(options: FlowOptions): string {
  return Object.entries(options).map(([k, v]) => `${k}=${String(v)}`).join(', ') || 'none';
}

function keysId(keys: readonly SecretKeyRecord[]): string {
  return keys.map((k) => `${k.actor}|${k.label}|${k.alg}|${bytesToHex(k.secretKey)}`).join(';');
}

function keysText(keys: readonly SecretKeyRecord[]): string {
  return keys.map((k) => `${k.actor} ${k.label} ${k.alg} ${bytesToHex(k.secretKey).slice(0, 8)}…`).join('; ') || 'none';
}

/**
 * Replay a simulated run's script against its bytes (see the file comment). Compares, beyond
 * each step: the actors with the flow's, the options with the flow's option keys and with what
 * the bytes carry (the flow's `optionsFromSteps`), the intended action with the one the scripts
 * use, and — when the run keeps them — the private keys with the ones its seed makes.
 */
export async function replayRun(run: ReplayInput): Promise<Replay> {
  const def = flowDefinition(run.flow);
  const found: Disagreement[] = [];
  const resolved = resolveOptions(run.flow, run.options);
  const actors = actorsFor(run.flow, resolved);
  if (actorsText(run.actors) !== actorsText(actors)) found.push({ step: null, what: 'actors', recorded: actorsText(run.actors), recomputed: actorsText(actors) });
  // Every key must be one of the flow's, with an allowed value; a key left out takes its default
  // (files written before the flow had that option still read).
  const valid = Object.keys(run.options).every((k) => def.options.some((o) => o.key === k && (o.values as readonly unknown[]).includes((run.options as Record<string, unknown>)[k])));
  if (!valid) found.push({ step: null, what: 'options', recorded: optionsText(run.options), recomputed: `the ${run.flow} flow's options: ${def.options.map((o) => `${o.key} (${o.values.join(' | ')})`).join(', ') || 'none'}` });
  const fromBytes = def.optionsFromSteps?.(run.steps);
  if (fromBytes && optionsText(fromBytes) !== optionsText(Object.fromEntries(Object.keys(fromBytes).map((k) => [k, (resolved as Record<string, unknown>)[k]])))) {
    found.push({ step: null, what: 'options', recorded: optionsText(run.options), recomputed: `the policy in the bytes: ${optionsText(fromBytes)}` });
  }
  if (bytesToHex(canonicalAction(run.intended)) !== bytesToHex(canonicalAction(INTENDED_ACTION))) {
    found.push({ step: null, what: 'intended', recorded: JSON.stringify(run.intended), recomputed: JSON.stringify(INTENDED_ACTION) });
  }
  const scenario = scenarioInfo(run.scenario);
  // The context recordRun (core/flows/runs.ts) gives the script, with a replay's random source.
  const rec = await replayScript(run.steps, run.seed === null, 'the flow’s script', (r) => def.simulate(r, { options: resolved, scenario, rng: createRandom(run.seed ?? 0, { replay: true }), intended: INTENDED_ACTION, attackerAction: scenario.attackerAction === 'sign-in' ? SIGN_IN_ACTION : ATTACKER_ACTION }));
  if (run.secrets && run.seed !== null && keysId(run.secrets) !== keysId(rec.secrets)) {
    found.push({ step: null, what: 'keys', recorded: keysText(run.secrets), recomputed: `the keys seed ${run.seed} makes: ${keysText(rec.secrets)}` });
  }
  // Each device's private key must belong to the public key the run's verifier registered.
  const registered = def.registeredKeys?.(rec.state) ?? [];
  for (const [i, k] of (run.secrets ?? []).entries()) {
    if (k.actor === 'attacker' || registered.length === 0) continue;
    let belongs = false;
    for (const pub of registered) if (!belongs) belongs = await isKeyPair(k.alg, k.secretKey, pub);
    if (!belongs) found.push({ step: null, what: `keys[${i}]`, recorded: `${k.actor}’s ${k.label}`, recomputed: 'not the private key of the public key the run registered' });
  }
  return { steps: rec.steps, state: rec.state, disagreements: [...rec.found, ...found], secrets: rec.secrets };
}
