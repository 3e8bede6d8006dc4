import { sha256 } from '@noble/hashes/sha2.js';
import type { UserVerificationRequirement } from '../authenticator/decideUserVerification.js';
import { check, type CheckResult } from '../check.js';
import { bytesToHex, equalBytes, utf8ToBytes } from '../codec/bytes.js';
import { parseClientDataJSON } from '../codec/clientData.js';
import { checkRpId, rpIdSpec } from '../ua/checkRpId.js';
import { errorMessage } from '../errors.js';
import { defineOp, payload, type EvalState, type Evaluation, type StepView } from './evaluate.js';
import { readJson, strOf } from './payloads.js';
import { authnMemory } from './authenticator.js';

/**
 * The browser's evaluators: rpId against the page's real origin, clientDataJSON, and the hash it hands
 * to the authenticator (WebAuthn L3 §5.1.3, §5.1.4).
 */

function uaRequest(step: StepView): { origin: string; rpId: string; userVerification: UserVerificationRequirement; mode: string } | string {
  const r = readJson(step, 'request');
  if (typeof r === 'string') return r;
  return { origin: strOf(r, 'origin') ?? '', rpId: strOf(r, 'rpId') ?? '', userVerification: (strOf(r, 'userVerification') ?? 'preferred') as UserVerificationRequirement, mode: strOf(r, 'mode') ?? 'get' };
}

// The browser checks rpId against the page's real origin, then hands only the hash to the authenticator.
function uaCall(ceremony: 'create' | 'get') {
  return (step: StepView, state: EvalState): Evaluation => {
    const req = uaRequest(step);
    const cdj = payload(step, 'clientDataJSON');
    const cdh = payload(step, 'clientDataHash');
    if (typeof req === 'string' || !cdj || !cdh) return { checks: [check('ua.request', 'ua', 'WebAuthn L3 §5.1.3/§5.1.4', 'fail', typeof req === 'string' ? req : 'clientDataJSON or its hash is missing')], knowledge: {} };
    const checks: CheckResult[] = [];
    if (req.mode === 'spc') {
      checks.push(check('ua.rpId', 'ua', 'Secure Payment Confirmation §4.1.5 (a third party may call for the RP’s credential)', 'skip', `SPC lets ${req.origin} exercise credentials of rpId "${req.rpId}" without the rpId vs origin check; the RP must check clientDataJSON.origin itself`));
    } else {
      checks.push(checkRpId(req.origin, req.rpId, ceremony));
    }
    let origin = '';
    try {
      origin = parseClientDataJSON(cdj).origin;
    } catch (e) {
      checks.push(check('ua.clientData', 'ua', 'WebAuthn L3 §5.8.1.1', 'fail', errorMessage(e)));
    }
    if (origin) {
      const hashOk = equalBytes(sha256(cdj), cdh);
      checks.push(hashOk && origin === req.origin
        ? check('ua.clientData', 'ua', 'WebAuthn L3 §5.8.1.1', 'pass', `clientDataJSON carries the page’s real origin ${origin}; the authenticator receives only its SHA-256`)
        : check('ua.clientData', 'ua', 'WebAuthn L3 §5.8.1.1', 'fail', hashOk ? `clientDataJSON says origin ${origin}, but the page is ${req.origin}` : 'clientDataHash is not SHA-256(clientDataJSON)'));
    }
    const failed = checks.find((c) => c.status === 'fail');
    if (failed) state.halted ??= { step: step.index, actor: 'ua', check: failed.id };
    const authn = authnMemory(state);
    if (!failed) authn.request = { rpId: req.rpId, userVerification: req.userVerification, clientDataHash: cdh };
    const knowledge: Evaluation['knowledge'] = {
      ua: [{ key: 'origin', text: `the page’s real origin: ${req.origin}` }],
      ...(failed ? {} : { authn: [
        { key: 'rpIdHash', text: `rpIdHash = SHA-256("${req.rpId}") ${bytesToHex(sha256(utf8ToBytes(req.rpId))).slice(0, 16)}…` },
        { key: 'clientDataHash', text: `clientDataHash ${bytesToHex(cdh).slice(0, 16)}…` },
        { key: 'never', text: 'the origin, the challenge, the amount and the payee (only a hash of clientDataJSON)', never: true },
      ] }),
    };
    return { checks, knowledge };
  };
}
defineOp('ua.create', uaCall('create'));
defineOp('ua.get', uaCall('get'));

// A ceremony the browser was asked for and refused (or performed): the real user agent's verdict,
// recorded as it reported it, beside what the rule of §5.1.4.1 says for the same origin and rpId.
defineOp('ua.refused', (step, state) => {
  const req = readJson(step, 'request');
  const res = readJson(step, 'result');
  if (typeof req === 'string' || typeof res === 'string') {
    return { checks: [check('ua.request', 'ua', 'WebAuthn L3 §5.1.4', 'fail', typeof req === 'string' ? req : String(res))], knowledge: {} };
  }
  const origin = strOf(req, 'origin') ?? '';
  const rpId = strOf(req, 'rpId') ?? '';
  const mode = strOf(req, 'mode') === 'create' ? 'create' : 'get';
  const error = res.error !== null && typeof res.error === 'object' ? (res.error as Record<string, unknown>) : undefined;
  const name = error ? strOf(error, 'name') ?? 'Error' : undefined;
  const message = error ? strOf(error, 'message') ?? '' : '';
  const rule = checkRpId(origin, rpId, mode);
  const ruleText = `the rule says ${rule.status}: ${rule.detail}`;
  const spec = rpIdSpec(mode);
  let result: CheckResult;
  if (name === 'SecurityError') {
    result = check('ua.rpId', 'ua', spec, 'fail', `the browser refused rpId "${rpId}" for ${origin} with ${name}${message ? ` (“${message}”)` : ''}; ${ruleText}`);
    state.halted ??= { step: step.index, actor: 'ua', check: 'ua.rpId' };
  } else if (name !== undefined) {
    result = check('ua.rpId', 'ua', spec, 'skip', `the attempt ended with ${name}${message ? ` (“${message}”)` : ''} before the browser’s rpId check could be seen; ${ruleText}`);
    state.halted ??= { step: step.index, actor: 'ua', check: 'ua.rpId' };
  } else {
    result = check('ua.rpId', 'ua', spec, 'pass', `the browser let ${origin} use rpId "${rpId}"; ${ruleText}`);
  }
  return { checks: [result], knowledge: { ua: [{ key: 'origin', text: `the page’s real origin: ${origin}` }] } };
});
