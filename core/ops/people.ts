import { check } from '../check.js';
import { describeAction, parseAction, type Action } from '../codec/action.js';
import { defineOp } from './evaluate.js';
import { readJson } from './payloads.js';

/**
 * The person and the attacker as steps. The user's decision — "what you see is what you sign" — is
 * taken here: the user compares what a surface shows with what they intend, and can only catch a
 * difference on a surface the attacker does not control.
 */

const SPEC_WYSIWYS = 'What you see is what you sign (user decision)';

// The user decides what to do; the intention is recorded so the user's later comparison is checkable.
defineOp('user.intend', (step, state) => {
  const p = readJson(step, 'intent');
  const action = typeof p === 'string' ? p : parseAction(p);
  if (typeof action === 'string') return { checks: [check('user.intent', 'user', SPEC_WYSIWYS, 'fail', action)], knowledge: {} };
  state.memory.set('user.intent', action);
  return { checks: [], knowledge: { user: [{ key: 'intent', text: `wants to pay ${describeAction(action)}` }] } };
});

/**
 * A surface shows the user an action. `surface` payload: `{"surface": name, "trusted": bool,
 * "action": {...}}` — trusted surfaces are drawn by the browser or OS, outside the page's or app's
 * control. The user approves if the action matches the intention, declines otherwise.
 */
defineOp('user.review', (step, state) => {
  const p = readJson(step, 'screen');
  if (typeof p === 'string') return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', p)], knowledge: {} };
  const surface = typeof p.surface === 'string' ? p.surface : 'a screen';
  const shown = p.shows as Shown | undefined;
  const intent = state.memory.get('user.intent') as Action | undefined;
  if (shown === undefined || shown === null || typeof shown !== 'object') {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows no amount or payee, so the user has nothing to compare and approves`)], knowledge: { user: [{ key: 'seen', text: `${surface}: no amount or payee shown` }] } };
  }
  const text = describeShown(shown);
  const knowledge = { user: [{ key: 'seen', text: `${surface}${p.trusted === true ? ' (drawn by the browser, out of the page’s reach)' : ''} shows ${text}` }] };
  const differs = intent ? differences(shown, intent) : ['the user has no intention to compare with'];
  if (differs.length === 0) {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows ${text}, which is what the user intends; the user approves`)], knowledge };
  }
  state.halted ??= { step: step.index, actor: 'user', check: 'user.confirm' };
  return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', `${surface} shows ${text} but the user intends ${intent ? describeAction(intent) : 'nothing'} (${differs.join('; ')}); the user declines`)], knowledge };
});

/** What a surface shows of an action: any of amount, payee name, IBAN, reference. */
export interface Shown {
  amount?: { value: string; currency: string };
  payeeName?: string;
  iban?: string;
  reference?: string;
}

/** What a surface shows of an action (all of it, for an app or page; SPC shows amount and payee name). */
export function shownOf(action: Action, parts: 'all' | 'spc' = 'all'): Shown {
  if (action.kind !== 'payment') return {};
  return parts === 'spc'
    ? { amount: action.amount, payeeName: action.payee.name }
    : { amount: action.amount, payeeName: action.payee.name, iban: action.payee.iban, reference: action.reference };
}

function describeShown(s: Shown): string {
  const amount = s.amount ? `${s.amount.value} ${s.amount.currency}` : 'an amount not shown';
  return `${amount} to ${s.payeeName ?? 'a payee not shown'}${s.iban ? ` (${s.iban})` : ''}`;
}

/** The shown parts that differ from the intention. */
function differences(s: Shown, intent: Action): string[] {
  if (intent.kind !== 'payment') return ['the user intends no payment'];
  const out: string[] = [];
  if (s.amount && (s.amount.value !== intent.amount.value || s.amount.currency !== intent.amount.currency)) out.push('the amount differs');
  if (s.payeeName !== undefined && s.payeeName !== intent.payee.name) out.push('the payee differs');
  if (s.iban !== undefined && s.iban !== intent.payee.iban) out.push('the IBAN differs');
  return out;
}

// An attacker action with no verifier: what the attacker learns or prepares (e.g. a captured message).
defineOp('attacker.note', (step) => {
  const p = readJson(step, 'note');
  const text = typeof p === 'string' ? p : String(p.text ?? '');
  return { checks: [], knowledge: { attacker: [{ key: `note:${step.index}`, text }] } };
});
