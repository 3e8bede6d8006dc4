/**
 * The edges Stryker's survivors over core/rp/steps pointed at (`MUTATE_BATCH=steps npm run
 * mutate`): the exact sentence for an empty credential id, a counter rising from 0, payment data
 * that is not an object, and the detail helpers.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import type { AuthenticatorData } from '../../core/codec/authenticatorData.js';
import type { ClientData } from '../../core/codec/clientData.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { checkAllowCredential } from '../../core/rp/steps/checkAllowCredential.js';
import { checkPayment } from '../../core/rp/steps/checkPayment.js';
import { checkSignCount } from '../../core/rp/steps/checkSignCount.js';
import { asList, oneOf } from '../../core/rp/steps/spec.js';

const pick = (r: { status: string; detail: string }) => [r.status, r.detail];
const ad = (signCount: number) => ({ raw: new Uint8Array(37), rpIdHash: sha256(utf8ToBytes('example.org')), flags: { up: true, uv: false, be: false, bs: false, at: false, ed: false }, signCount }) as unknown as AuthenticatorData;
const spc = (payment: unknown) => ({ type: 'payment.get', challenge: 'x', origin: 'https://a.example', members: { type: 'payment.get', challenge: 'x', origin: 'https://a.example', payment } }) as unknown as ClientData;
const EXPECTED = { payeeName: 'Alice', total: { currency: 'EUR', value: '10.00' }, instrument: { displayName: 'Card' } } as never;

describe('step edges', () => {
  it('an empty credential id is "no credential id", not an unknown one', () => {
    expect(pick(checkAllowCredential(new Uint8Array(0), [new Uint8Array([1])]))).toEqual(['fail', 'expected one of 1 allowed credential ids, but the response carries no credential id']);
  });

  it('a counter that rises from a stored 0 says so, it is not "both 0"', () => {
    expect(pick(checkSignCount(ad(1), 0))).toEqual(['pass', 'signCount 1 is greater than the stored 0']);
    expect(pick(checkSignCount(ad(0), 2))).toEqual(['fail', 'expected signCount greater than the stored 2, got 0: the authenticator may be cloned']);
  });

  it('payment data that is missing or not an object fails with one sentence, never an exception', () => {
    for (const payment of [undefined, null, 'EUR 10', 7]) {
      expect(pick(checkPayment(spc(payment), EXPECTED)), String(payment)).toEqual(['fail', 'expected clientData.payment with payee, total and instrument, got none']);
    }
    const nullTotal = checkPayment(spc({ payeeName: 'Alice', total: null, instrument: { displayName: 'Card' } }), EXPECTED);
    expect(nullTotal.status).toBe('fail');
    expect(nullTotal.detail).toContain('total.currency');
    const textTotal = checkPayment(spc({ payeeName: 'Alice', total: 'EUR 10.00', instrument: { displayName: 'Card' } }), EXPECTED);
    expect(textTotal.status).toBe('fail');
  });

  it('detail helpers: one value is quoted alone, several are listed; a single expected value is a list of one', () => {
    expect(oneOf(['https://a.example'])).toBe('"https://a.example"');
    expect(oneOf(['a', 'b'])).toBe('one of "a", "b"');
    expect(asList('x')).toEqual(['x']);
    const list = ['x', 'y'];
    expect(asList(list)).toBe(list);
  });
});
