import { check } from '../check.js';
import { describeAction, parseAction, type Action } from '../codec/action.js';
import { defineOp } from './evaluate.js';
import { readJson } from './payloads.js';
import { parseSmsText } from '../otp/smsText.js';

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
  // Number matching: the user remembers the number the page showed (DESIGN.md §8.1).
  if (typeof p.number === 'string') state.memory.set('user.number', p.number);
  const shown = p.shows as Shown | undefined;
  const intent = state.memory.get('user.intent') as Action | undefined;
  if (shown === undefined || shown === null || typeof shown !== 'object') {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows no amount or payee, so the user has nothing to compare and approves`)], knowledge: { user: [{ key: 'seen', text: `${surface}: no amount or payee shown` }] } };
  }
  const text = describeShown(shown);
  const knowledge = { user: [{ key: 'seen', text: `${surface}${p.trusted === true ? ' (drawn by the browser, out of the page’s reach)' : ''} shows ${text}` }] };
  const differs = intent ? differences(shown, intent) : ['the user has no intention to compare with'];
  if (differs.length === 0) {
    // An attacker-drawn screen that shows the intended payment deceives: the approval is real, the screen is not.
    const deceived = step.attacker ? ' — but the attacker drew this screen, so it says nothing about what will be executed' : '';
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows ${text}, which is what the user intends; the user approves${deceived}`)], knowledge };
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

// A retrying attacker counts its tries; the outcome names the first failure at or after the last one.
defineOp('attacker.attempt', (step) => {
  const p = readJson(step, 'attempt');
  const n = typeof p === 'string' ? '?' : String(p.attempt);
  const of = typeof p === 'string' ? '?' : String(p.of);
  return { checks: [], knowledge: { attacker: [{ key: `attempt:${step.index}`, text: `attempt ${n} of ${of}` }] } };
});

// How the user reacts to unsolicited prompts (only mfa-fatigue records one): gives in after K.
defineOp('user.profile', (step, state) => {
  const p = readJson(step, 'profile');
  const k = typeof p === 'string' || typeof p.givesInAfter !== 'number' ? undefined : p.givesInAfter;
  if (k !== undefined) state.memory.set('user.givesInAfter', k);
  return { checks: [], knowledge: { user: [{ key: 'profile', text: k === undefined ? 'never gives in to unsolicited prompts' : `gives in after ${k} unsolicited prompts` }] } };
});

/** What the user has seen and decided on phone prompts so far. */
interface PromptMemory {
  unsolicited: number;
}

/**
 * The user's decision on a phone prompt or a code message (DESIGN.md §8.1), computed from what the
 * user intends and has seen, never from a flag in the payload. `prompt` payload: `{"surface",
 * "shows"?, "asks": "tap"|"number"|"code", "kind": "payment"|"sign-in"|"code"}`.
 */
defineOp('user.prompt', (step, state) => {
  const p = readJson(step, 'prompt');
  if (typeof p === 'string') return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', p)], knowledge: {} };
  const surface = typeof p.surface === 'string' ? p.surface : 'a prompt';
  const asks = typeof p.asks === 'string' ? p.asks : 'tap';
  // An SMS is read with the bank's fixed template: amount and payee come from the text itself.
  const sms = typeof p.sms === 'string' ? parseSmsText(p.sms) : undefined;
  if (sms?.action?.kind === 'sign-in') p.kind = 'sign-in';
  const fromSms: Shown | undefined = sms?.action?.kind === 'payment' ? { amount: { value: sms.action.value, currency: sms.action.currency }, payeeName: sms.action.payeeName, iban: sms.action.iban } : undefined;
  const shown = fromSms ?? (p.shows && typeof p.shows === 'object' && (p.shows as Shown).amount ? (p.shows as Shown) : undefined);
  const intent = state.memory.get('user.intent') as Action | undefined;
  const seenNumber = state.memory.get('user.number') as string | undefined;
  const number = asks === 'number' ? (seenNumber ? `, and types the number ${seenNumber} the page showed` : '') : '';
  if (shown) {
    const text = describeShown(shown);
    const knowledge = { user: [{ key: `prompt:${step.index}`, text: `${surface} shows ${text}` }] };
    const differs = intent ? differences(shown, intent) : ['the user intends no payment'];
    if (differs.length === 0) return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows ${text}, which is what the user intends; the user approves${number}`)], knowledge };
    state.halted ??= { step: step.index, actor: 'user', check: 'user.confirm' };
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', `${surface} shows ${text} but the user intends ${intent ? describeAction(intent) : 'nothing'} (${differs.join('; ')}); the user declines`)], knowledge };
  }
  const what = p.kind === 'sign-in' ? 'a sign-in' : 'a code';
  if (intent) {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} asks about ${what} with no amount; the user is in the middle of ${describeAction(intent) === 'sign in' ? 'signing in' : `paying ${describeAction(intent)}`} on a page, so approves${asks === 'code' ? ' and reads the code' : number}`)], knowledge: { user: [{ key: `prompt:${step.index}`, text: `${surface}: ${what}, no amount shown` }] } };
  }
  // Unsolicited: the user started nothing.
  if (asks === 'code') return { checks: [], knowledge: { user: [{ key: `prompt:${step.index}`, text: `${surface}: an unsolicited code, typed nowhere` }] } };
  let m = state.memory.get('user.prompts') as PromptMemory | undefined;
  if (!m) state.memory.set('user.prompts', (m = { unsolicited: 0 }));
  m.unsolicited += 1;
  const k = state.memory.get('user.givesInAfter') as number | undefined;
  const knowledge = { user: [{ key: `prompt:${step.index}`, text: `${surface}: ${what} the user did not start (prompt ${m.unsolicited})` }] };
  if (k !== undefined && m.unsolicited > k) {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `unsolicited, gave in: ${what} the user had not started — prompt ${m.unsolicited}; the user gives in after ${k}${asks === 'number' ? ', and, never shown a number, types a guess' : ''}`)], knowledge };
  }
  return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', `${surface} asks about ${what} the user did not start (prompt ${m.unsolicited}); the user declines`)], knowledge };
});
