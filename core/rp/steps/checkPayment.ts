import { check, type CheckResult } from '../../check.js';
import type { ClientData } from '../../codec/clientData.js';
import type { ExpectedPayment } from '../types.js';

/** SPC's RP-side rule; the SPC spec adds it to WebAuthn's §7.2 verification (no stable step number). */
const SPEC = 'SPC, verifying an authentication assertion (C.payment)';

function field(obj: unknown, ...path: string[]): unknown {
  let v: unknown = obj;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/**
 * Secure Payment Confirmation: when the RP is asked to execute a payment and C.type is
 * `payment.get`, verify C.payment (payee, total, instrument) is that transaction — what the
 * browser showed the user on its own surface.
 */
export function checkPayment(cd: ClientData | undefined, expected: ExpectedPayment | undefined): CheckResult {
  // Intent: "what you see is what you sign" — the signed display data must be the executed transaction.
  if (!expected) return check('rp.payment', 'rp', SPEC, 'skip', 'no payment transaction was given to compare with');
  if (!cd) return check('rp.payment', 'rp', SPEC, 'skip', 'cannot run: clientDataJSON did not parse');
  if (cd.type !== 'payment.get') return check('rp.payment', 'rp', SPEC, 'fail', `expected a payment.get assertion carrying the payment data, got type ${JSON.stringify(cd.type)}`);
  const p: unknown = cd.members.payment;
  if (p === null || typeof p !== 'object') return check('rp.payment', 'rp', SPEC, 'fail', 'expected clientData.payment with payee, total and instrument, got none');
  const pairs: [string, unknown, unknown][] = [
    ['total.currency', expected.total.currency, field(p, 'total', 'currency')],
    ['total.value', expected.total.value, field(p, 'total', 'value')],
  ];
  if (expected.payeeName !== undefined) pairs.push(['payeeName', expected.payeeName, field(p, 'payeeName')]);
  if (expected.payeeOrigin !== undefined) pairs.push(['payeeOrigin', expected.payeeOrigin, field(p, 'payeeOrigin')]);
  if (expected.instrument !== undefined) {
    pairs.push(['instrument.displayName', expected.instrument.displayName, field(p, 'instrument', 'displayName')]);
    if (expected.instrument.icon !== undefined) pairs.push(['instrument.icon', expected.instrument.icon, field(p, 'instrument', 'icon')]);
  }
  if (expected.rpId !== undefined) pairs.push(['rpId', expected.rpId, field(p, 'rpId')]);
  if (expected.topOrigin !== undefined) pairs.push(['topOrigin', expected.topOrigin, field(p, 'topOrigin')]);
  const diff = pairs.filter(([, want, got]) => want !== got);
  const payee = expected.payeeName ?? expected.payeeOrigin ?? 'the payee';
  if (diff.length === 0) return check('rp.payment', 'rp', SPEC, 'pass', `the signed payment data is the transaction to execute (${expected.total.value} ${expected.total.currency} to ${payee})`);
  const [name, want, got] = diff[0]!;
  const more = diff.length > 1 ? ` (and ${diff.slice(1).map((d) => d[0]).join(', ')})` : '';
  // Said the way the RP reads it: the transaction it is about to execute, then what was signed.
  return check('rp.payment', 'rp', SPEC, 'fail', `expected ${name} ${JSON.stringify(want)} (the transaction to execute), but the browser showed and signed ${got === undefined ? 'none' : JSON.stringify(got)}${more}`);
}
