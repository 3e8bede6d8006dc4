import type { Action } from '../codec/action.js';
import type { CosePublicKey } from '../codec/cose.js';
import type { Random } from '../crypto/random.js';
import type { ScenarioInfo } from '../scenarios/index.js';
import type { EvalState } from '../ops/evaluate.js';
import type { Recorder } from './record.js';
import type { FlowInfo } from './catalog.js';
import type { FlowId, FlowOptions, LedgerEntry, Step } from './types.js';

/** What a flow simulation gets. */
export interface SimContext {
  readonly options: Required<Pick<FlowOptions, never>> & FlowOptions;
  readonly scenario: ScenarioInfo;
  readonly rng: Random;
  /** What the legitimate user intends to approve. */
  readonly intended: Action;
  /** What the attacker wants executed instead (a payment to Mallory). */
  readonly attackerAction: Action;
}

export type { OptionInfo } from './catalog.js';

/** A flow: its metadata (core/flows/catalog.ts), simulation and ledger. */
export interface FlowDefinition extends FlowInfo {
  /** Drive the actors through one run, recording every step. */
  simulate(rec: Recorder, ctx: SimContext): Promise<void>;
  /**
   * The options a run's bytes carry (its policy payloads), for re-verification to compare with
   * `spec.options`; only the keys the bytes say something about.
   */
  optionsFromSteps?(steps: readonly Step[]): FlowOptions;
  /**
   * The public keys the run's verifiers registered (from the evaluation state, so from the bytes):
   * each private key a run keeps for its devices must belong to one of them.
   */
  registeredKeys?(state: EvalState): CosePublicKey[];
  /** The ledger of DESIGN.md §3, from the steps' checks and the evaluation state. */
  ledger(steps: readonly Step[], state: EvalState, options: FlowOptions): LedgerEntry[];
}

const flows = new Map<FlowId, FlowDefinition>();

/** Register a flow (each flow module does this once). */
export function registerFlow(def: FlowDefinition): void {
  flows.set(def.id, def);
}

/** The registered flow with this id. */
export function flowDefinition(id: FlowId): FlowDefinition {
  const f = flows.get(id);
  if (!f) throw new RangeError(`"flow" expected one of ${[...flows.keys()].join(', ')}, got ${String(id)}`);
  return f;
}

/** All registered flows, in registration order. */
export function allFlows(): FlowDefinition[] {
  return [...flows.values()];
}
