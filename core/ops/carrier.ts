import { check } from '../check.js';
import { defineOp } from './evaluate.js';
import { readJson, strOf } from './payloads.js';

/**
 * The mobile network (DESIGN.md §8.3): the subscriber register (MSISDN → SIM) and the SMS centre.
 * It routes by number to whatever SIM the register names now; a swap moves the number.
 */

const SPEC_ROUTE = 'operator’s subscriber record (MSISDN → IMSI/ICCID)';
const SPEC_IDENTITY = 'operator’s customer verification (knowledge questions)';

interface Subscriber {
  iccid: string;
  device: string;
  since: string;
}

function register(state: Parameters<Parameters<typeof defineOp>[1]>[1]): Map<string, Subscriber> {
  let m = state.memory.get('carrier') as Map<string, Subscriber> | undefined;
  if (!m) state.memory.set('carrier', (m = new Map()));
  return m;
}

// The subscriber record: Bob's number maps to the SIM in his phone.
defineOp('carrier.provision', (step, state) => {
  const p = readJson(step, 'subscriber');
  if (typeof p === 'string') return { checks: [], knowledge: {} };
  const msisdn = strOf(p, 'msisdn') ?? '';
  register(state).set(msisdn, { iccid: strOf(p, 'iccid') ?? '', device: strOf(p, 'device') ?? '?', since: 'provisioning' });
  return { checks: [], knowledge: { carrier: [{ key: 'subscriber', text: `${msisdn} → SIM ${strOf(p, 'iccid') ?? '?'} in ${strOf(p, 'device') ?? '?'}` }] } };
});

// A caller who answers the security questions has the number moved to a new SIM.
defineOp('carrier.swap', (step, state) => {
  const p = readJson(step, 'swap');
  if (typeof p === 'string') return { checks: [check('carrier.identity', 'carrier', SPEC_IDENTITY, 'fail', p)], knowledge: {} };
  const msisdn = strOf(p, 'msisdn') ?? '';
  const answered = p.answeredSecurityQuestions === true;
  if (!answered) return { checks: [check('carrier.identity', 'carrier', SPEC_IDENTITY, 'fail', 'the caller could not answer the account’s security questions')], knowledge: {} };
  register(state).set(msisdn, { iccid: strOf(p, 'iccid') ?? '', device: strOf(p, 'device') ?? '?', since: `the swap at step ${step.index + 1}` });
  return {
    checks: [check('carrier.identity', 'carrier', SPEC_IDENTITY, 'pass', 'the caller answered the account’s security questions: a knowledge test the attacker can pass')],
    knowledge: { carrier: [{ key: 'subscriber', text: `${msisdn} → SIM ${strOf(p, 'iccid') ?? '?'} (moved)` }], user: [{ key: 'noService', text: 'Bob’s phone shows “No service”' }] },
  };
});

// The bank hands the SMS centre a text for a number.
defineOp('carrier.submit', (step) => {
  const p = readJson(step, 'sms');
  return { checks: [], knowledge: { carrier: [{ key: `sms:${step.index}`, text: typeof p === 'string' ? p : `an SMS for ${String(p.to)} in clear: “${String(p.text)}”` }] } };
});

// Delivery goes to the SIM the register names now: Bob's, or a swapped one.
defineOp('carrier.deliver', (step, state) => {
  const p = readJson(step, 'sms');
  if (typeof p === 'string') return { checks: [check('carrier.route', 'carrier', SPEC_ROUTE, 'fail', p)], knowledge: {} };
  const msisdn = strOf(p, 'msisdn') ?? '';
  const sub = register(state).get(msisdn);
  const iccid = strOf(p, 'iccid');
  const to = step.to;
  if (!sub || sub.iccid !== iccid) return { checks: [check('carrier.route', 'carrier', SPEC_ROUTE, 'fail', `the register maps ${msisdn} to ${sub ? `SIM ${sub.iccid}` : 'no SIM'}, not to ${String(iccid)}`)], knowledge: {} };
  return {
    checks: [check('carrier.route', 'carrier', SPEC_ROUTE, 'pass', `delivered to SIM ${sub.iccid} in ${sub.device}, which ${msisdn} maps to since ${sub.since}`)],
    knowledge: { [to]: [{ key: `sms:${step.index}`, text: `an SMS: “${String(p.text)}”` }] },
  };
});
