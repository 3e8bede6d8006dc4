import type { ActorId } from '../check.js';
import { evaluateStep, newEvalState, type EvalState, type Evaluation } from '../ops/evaluate.js';
import type { Payload, PayloadEncoding, Phase, SecretKeyRecord, Step } from './types.js';

/** What a flow says about a step it is about to record. */
export interface StepInit {
  phase: Phase;
  from: ActorId;
  /** Receiver; omit for a local action. */
  to?: ActorId;
  label: string;
  caption: string;
  op: string;
  payloads?: { name: string; encoding: PayloadEncoding; bytes: Uint8Array }[];
  attacker?: boolean;
}

/**
 * Records a run step by step. Each step is judged by its op's evaluator right away, against the
 * same evaluation state that re-verification rebuilds from the bytes.
 */
export class Recorder {
  readonly steps: Step[] = [];
  readonly state: EvalState = newEvalState();
  /** Private keys the simulated devices created, kept apart from the steps. */
  readonly secrets: SecretKeyRecord[] = [];

  /** Record one step and return its evaluation (the flow branches on it, as the actors would). */
  async step(init: StepInit): Promise<Evaluation & { step: Step }> {
    const index = this.steps.length;
    const payloads: Payload[] = (init.payloads ?? []).map((p) => ({ name: p.name, encoding: p.encoding, bytes: p.bytes }));
    const view = { index, phase: init.phase, from: init.from, to: init.to ?? init.from, payloads, attacker: init.attacker ?? false };
    const evaluation = await evaluateStep(init.op, view, this.state);
    const step: Step = {
      index,
      phase: init.phase,
      kind: init.to && init.to !== init.from ? 'message' : 'local',
      from: init.from,
      to: init.to ?? init.from,
      label: init.label,
      caption: init.caption,
      op: init.op,
      payloads,
      checks: evaluation.checks,
      knowledge: evaluation.knowledge,
      ...(init.attacker ? { attacker: true } : {}),
    };
    this.steps.push(step);
    return { ...evaluation, step };
  }

  /** True once an actor has refused to go on. */
  get halted(): boolean {
    return this.state.halted !== undefined;
  }
}
