import { check } from '../check.js';
import { describeAction, parseAction, sameAction, type Action } from '../codec/action.js';
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
  const shown = p.action === undefined ? undefined : parseAction(p.action);
  const intent = state.memory.get('user.intent') as Action | undefined;
  if (shown === undefined) {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows no amount or payee, so the user has nothing to compare and approves`)], knowledge: { user: [{ key: 'seen', text: `${surface}: no amount or payee shown` }] } };
  }
  if (typeof shown === 'string' || !intent) {
    state.halted ??= { step: step.index, actor: 'user', check: 'user.confirm' };
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', typeof shown === 'string' ? shown : 'the user has no intention to compare with')], knowledge: {} };
  }
  const knowledge = { user: [{ key: 'seen', text: `${surface}${p.trusted === true ? ' (drawn by the browser/OS)' : ''} shows ${describeAction(shown)}` }] };
  if (sameAction(shown, intent)) {
    return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'pass', `${surface} shows ${describeAction(shown)}, which is what the user intends; the user approves`)], knowledge };
  }
  state.halted ??= { step: step.index, actor: 'user', check: 'user.confirm' };
  return { checks: [check('user.confirm', 'user', SPEC_WYSIWYS, 'fail', `${surface} shows ${describeAction(shown)} but the user intends ${describeAction(intent)}; the user declines`)], knowledge };
});

// An attacker action with no verifier: what the attacker learns or prepares (e.g. a captured message).
defineOp('attacker.note', (step) => {
  const p = readJson(step, 'note');
  const text = typeof p === 'string' ? p : String(p.text ?? '');
  return { checks: [], knowledge: { attacker: [{ key: `note:${step.index}`, text }] } };
});
