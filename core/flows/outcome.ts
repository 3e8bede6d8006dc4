import type { CheckResult } from '../check.js';
import { describeAction } from '../codec/action.js';
import type { ScenarioInfo } from '../scenarios/index.js';
import type { EvalState } from '../ops/evaluate.js';
import { levelWord } from '../ledger/levels.js';
import { stepLabel } from './stepNumber.js';
import type { LedgerEntry, Outcome, OutcomeClass, Step } from './types.js';

/** An outcome class in words: `false reject` for `false-reject`. */
export function outcomeWord(o: OutcomeClass): string {
  return o === 'false-reject' ? 'false reject' : o;
}

/**
 * An outcome as one short phrase a person reads: `blocked (rp: rp.challenge) at step 12`,
 * `breach at step 20` — the class, the deciding actor and check where there is one, and the step.
 */
export function outcomeSummary(o: Pick<Outcome, 'outcome' | 'actor' | 'check' | 'step'>): string {
  const by = o.actor && o.check ? ` (${o.actor}: ${o.check})` : o.check ? ` (${o.check})` : '';
  return `${outcomeWord(o.outcome)}${by}${o.step === null ? '' : ` at ${stepLabel(o.step)}`}`;
}

function firstFailure(steps: readonly Step[], from: number): { step: Step; check: CheckResult } | undefined {
  for (const step of steps) {
    if (step.index < from) continue;
    const check = step.checks.find((c) => c.status === 'fail');
    if (check) return { step, check };
  }
  return undefined;
}

/**
 * Classify a run from its checks and executions (DESIGN.md §2): an attack that got a tainted
 * execution is a breach, otherwise it was blocked by the first failing check after the attacker
 * acted; a legitimate run that got its action executed is ok, otherwise a false reject. A run with
 * an attacker step is judged as an attack whatever its scenario (a what-if fork alters an honest run).
 */
export function deriveOutcome(steps: readonly Step[], state: EvalState, scenario: ScenarioInfo, ledger: readonly LedgerEntry[]): Outcome {
  if (scenario.attack || steps.some((s) => s.attacker)) {
    // What the attack wanted, where it got that; else the first tainted execution (a relay's own
    // sign-in comes before the payment it wanted).
    const wanted = scenario.attackerAction ?? 'payment';
    const breach = state.executions.find((e) => e.tainted && e.action.kind === wanted) ?? state.executions.find((e) => e.tainted);
    if (breach) {
      const how = breach.tainted === 'transaction' ? 'for a transaction the attacker started' : 'on an approval the attacker sent or altered';
      const who = breach.by === 'rp' ? 'relying party' : 'bank server';
      // A sign-in's execution issues a session to whoever started it: that is what the attack wanted.
      const what = breach.action.kind === 'sign-in' ? `signed the attacker in` : `executed “${describeAction(breach.action)}” ${how}`;
      return {
        outcome: 'breach',
        actor: null,
        check: null,
        step: breach.step,
        sentence: `Breach: the ${who} ${what}. ${breachReason(steps, scenario, ledger)}`.trimEnd(),
      };
    }
    // A retrying attacker is judged on its last attempt (DESIGN.md §8.1); otherwise from its first step.
    const lastAttempt = [...steps].reverse().find((s) => s.op === 'attacker.attempt');
    const firstAttack = lastAttempt?.index ?? steps.find((s) => s.attacker)?.index ?? 0;
    const failed = firstFailure(steps, firstAttack);
    if (failed) {
      return { outcome: 'blocked', actor: failed.check.actor, check: failed.check.id, step: failed.step.index, sentence: `Blocked by the ${actorName(failed.check.actor)} at ${failed.check.id}: ${failed.check.detail}` };
    }
    return { outcome: 'blocked', actor: null, check: null, step: null, sentence: 'Blocked: the attacker’s action was never executed.' };
  }
  const done = state.executions.find((e) => !e.tainted);
  if (done) {
    return { outcome: 'ok', actor: null, check: null, step: done.step, sentence: `OK: “${describeAction(done.action)}” was approved by the legitimate user and executed.` };
  }
  const failed = firstFailure(steps, 0);
  if (failed) {
    return { outcome: 'false-reject', actor: failed.check.actor, check: failed.check.id, step: failed.step.index, sentence: `False reject: the legitimate user was refused by the ${actorName(failed.check.actor)} at ${failed.check.id}: ${failed.check.detail}` };
  }
  return { outcome: 'false-reject', actor: null, check: null, step: null, sentence: 'False reject: the legitimate user’s action was never executed.' };
}

/**
 * Why the attack got through: a user who approved what an attacker-drawn screen showed, or else the
 * ledger's entry for the property the scenario goes after.
 */
function breachReason(steps: readonly Step[], scenario: ScenarioInfo, ledger: readonly LedgerEntry[]): string {
  const gaveIn = steps.flatMap((s) => s.checks).find((c) => c.id === 'user.confirm' && c.status === 'pass' && c.detail.startsWith('unsolicited, gave in'));
  if (gaveIn) return `Bob approved ${gaveIn.detail.slice('unsolicited, gave in: '.length)}.`;
  const fooled = steps.find((s) => s.attacker && s.checks.some((c) => c.id === 'user.confirm' && c.status === 'pass'));
  if (fooled) return `The user approved what a screen the attacker controls showed them (${fooled.checks.find((c) => c.id === 'user.confirm')!.detail.split(',')[0]}), not what was executed.`;
  const target = scenario.targets ? ledger.find((l) => l.property === scenario.targets) : undefined;
  return target ? `${capitalise(target.property)} was ${levelWord(target.level)}: ${target.why}.` : '';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ');
}

const ACTOR_NAMES: Record<string, string> = {
  rp: 'relying party', ua: 'browser', authn: 'authenticator', server: 'bank server', app: 'mobile app',
  sensor: 'OS biometric', keystore: 'keystore', user: 'user', attacker: 'attacker', push: 'push service', carrier: 'mobile network',
};

/** A readable actor name for sentences. */
export function actorName(id: string): string {
  return ACTOR_NAMES[id] ?? id;
}
