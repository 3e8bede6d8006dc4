import { sha256 } from '@noble/hashes/sha2.js';
import type { ActorId, CheckResult } from '../check.js';
import { bytesToHex } from '../codec/bytes.js';
import type { Action } from '../codec/action.js';
import type { KnowledgeItem, Payload, Phase } from './types.js';

/**
 * Evaluators judge a step from its bytes. One registry serves recording and re-verification, so
 * what a trace claims is always what these functions compute from the stored bytes.
 */

/** The verifier-side memory of a run, built only from payload bytes as the steps go by. */
export interface EvalState {
  /** Free-form per-actor state (e.g. the RP's stored credential, the bank's pending transactions). */
  readonly memory: Map<string, unknown>;
  /**
   * Actions the server executed. `tainted` says the transaction was started, or its proof
   * submitted or altered, by an attacker step: the fact the outcome turns on.
   */
  readonly executions: { action: Action; step: number; by: ActorId; tainted: false | 'transaction' | 'submission' }[];
  /** Set when an actor refuses to go on (a browser error, a declined dialog, a failed keystore unlock). */
  halted?: { step: number; actor: ActorId; check: string };
}

/** What an evaluator sees of a step. */
export interface StepView {
  readonly index: number;
  readonly phase: Phase;
  readonly from: ActorId;
  readonly to: ActorId;
  readonly payloads: readonly Payload[];
  readonly attacker: boolean;
}

/** What an evaluator returns. */
export interface Evaluation {
  readonly checks: CheckResult[];
  readonly knowledge: Partial<Record<ActorId, KnowledgeItem[]>>;
}

export type Evaluator = (step: StepView, state: EvalState) => Promise<Evaluation> | Evaluation;

const registry = new Map<string, Evaluator>();

/** Register an evaluator under an op name (done once per flow module at import time). */
export function defineOp(op: string, evaluator: Evaluator): void {
  if (registry.has(op)) throw new Error(`op "${op}" is defined twice`);
  registry.set(op, evaluator);
}

/** Look up an evaluator; unknown ops are undefined (a trace naming one is reported, not trusted). */
export function evaluatorFor(op: string): Evaluator | undefined {
  return registry.get(op);
}

/** A fresh evaluation state. */
export function newEvalState(): EvalState {
  return { memory: new Map(), executions: [] };
}

/** The payload named `name`, or undefined. */
export function payload(step: StepView, name: string): Uint8Array | undefined {
  return step.payloads.find((p) => p.name === name)?.bytes;
}

/**
 * Evaluate a step: its evaluator's checks and knowledge, plus a SHA-256 fingerprint of every payload
 * the step carries, held by the receiver of a message (or, for a local step, by the actor that
 * wrote it down). That makes any change to any recorded byte visible on re-verification, even in
 * bytes no check looks at.
 */
export async function evaluateStep(op: string, view: StepView, state: EvalState): Promise<Evaluation> {
  const evaluator = evaluatorFor(op);
  if (!evaluator) throw new Error(`no evaluator for op "${op}"`);
  const evaluation = await evaluator(view, state);
  if (view.payloads.length === 0) return evaluation;
  const knowledge = { ...evaluation.knowledge, [view.to]: [...(evaluation.knowledge[view.to] ?? []), ...payloadReceipts(view)] };
  return { checks: evaluation.checks, knowledge };
}

/**
 * The receipt of every payload a step carries — its length and SHA-256 fingerprint — as the
 * receiver of a message (or, for a local step, the actor that wrote it down) holds it.
 */
export function payloadReceipts(step: Pick<StepView, 'from' | 'to' | 'payloads'>): KnowledgeItem[] {
  const local = step.from === step.to;
  return step.payloads.map((p) => ({
    key: `${local ? 'recorded' : 'received'}:${p.name}`,
    text: `${p.name} (${p.bytes.length} bytes, SHA-256 ${bytesToHex(sha256(p.bytes)).slice(0, 16)}…)`,
  }));
}
