import type { CheckResult } from '../check.js';
import type { Level, LedgerEntry, Property, Step } from '../flows/types.js';

/** The last step at which a check ran, with the check. */
export function findCheck(steps: readonly Step[], id: string): { step: Step; check: CheckResult } | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const check = steps[i]!.checks.find((c) => c.id === id);
    if (check) return { step: steps[i]!, check };
  }
  return undefined;
}

/** Why-sentences for a property, by the result of the check behind it. */
export interface LevelRule {
  readonly property: Property;
  /** The check whose result decides the level. */
  readonly check: string;
  /** Level when the check passed (proven for the verifier's own cryptographic checks, attested for authenticated claims, asserted for unsigned ones). */
  readonly onPass: Level;
  readonly whyPass: string;
  readonly whyFail?: string;
  /** Level and reason when the check did not run (skip or absent). */
  readonly onMissing?: { level: Level; why: string };
}

/**
 * A ledger entry from one check: pass → the rule's level, fail → failed, skip or not run → absent
 * (or the rule's own fallback). Evidence is the step and check the level rests on.
 */
export function fromCheck(steps: readonly Step[], rule: LevelRule): LedgerEntry {
  const found = findCheck(steps, rule.check);
  if (found && found.check.status === 'pass') {
    return { property: rule.property, level: rule.onPass, evidence: [{ step: found.step.index, check: rule.check }], why: rule.whyPass };
  }
  if (found && found.check.status === 'fail') {
    return { property: rule.property, level: 'failed', evidence: [{ step: found.step.index, check: rule.check }], why: rule.whyFail ?? found.check.detail };
  }
  const missing = rule.onMissing ?? { level: 'absent' as Level, why: `nothing in the run establishes it (${rule.check} did not run)` };
  return { property: rule.property, level: missing.level, evidence: found ? [{ step: found.step.index, check: rule.check }] : [], why: missing.why };
}

/** A fixed entry: a property the design never establishes (or only claims), whatever happened. */
export function fixed(property: Property, level: Level, why: string, evidence: { step: number; check?: string }[] = []): LedgerEntry {
  return { property, level, evidence, why };
}

/**
 * authenticator-model in a flow without WebAuthn attestation: missing (`absent`), decided at the
 * enrolment step `op` where the verifier could have learnt the device and did not (else the run's
 * end). `why` says truthfully what the verifier holds instead.
 */
export function noModel(steps: readonly Step[], op: string, why: string): LedgerEntry {
  const at = steps.find((s) => s.op === op);
  return fixed('authenticator-model', 'absent', why, at ? [{ step: at.index }] : []);
}
