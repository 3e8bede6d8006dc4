import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { actionHash, canonicalAction, describeAction, type Action } from '../../core/codec/action.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('canonical action (RFC 8785 JSON Canonicalization Scheme)', () => {
  it('RFC 8785 §3.2.2 sample: numbers, string escapes, literals', () => {
    const input = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}');
    expect(text(canonicalAction(input as Action))).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('RFC 8785 §3.2.3 sample: property sorting by UTF-16 code units', () => {
    const input = JSON.parse('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}');
    expect(text(canonicalAction(input as Action))).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
  });

  it('a payment action: member order does not change the bytes or the hash', () => {
    const a: Action = { kind: 'payment', amount: { value: '10.00', currency: 'EUR' }, payee: { name: 'Alice', iban: 'DE89370400440532013000' }, reference: 'INV-1' };
    const b = JSON.parse('{"reference":"INV-1","payee":{"iban":"DE89370400440532013000","name":"Alice"},"amount":{"currency":"EUR","value":"10.00"},"kind":"payment"}') as Action;
    const expected = '{"amount":{"currency":"EUR","value":"10.00"},"kind":"payment","payee":{"iban":"DE89370400440532013000","name":"Alice"},"reference":"INV-1"}';
    expect(text(canonicalAction(a))).toBe(expected);
    expect(canonicalAction(b)).toEqual(canonicalAction(a));
    expect(actionHash(a)).toEqual(sha256(new TextEncoder().encode(expected)));
    expect(describeAction(a)).toBe('10.00 EUR to Alice');
    expect(text(canonicalAction({ kind: 'sign-in' }))).toBe('{"kind":"sign-in"}');
  });
});
