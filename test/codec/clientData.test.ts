import { describe, expect, it } from 'vitest';
import { buildClientDataJSON, parseClientDataJSON } from '../../core/codec/clientData.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { ProoflineError } from '../../core/errors.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('clientDataJSON build/parse (WebAuthn L3 §5.8.1, SPC CollectedClientPaymentData)', () => {
  it('serialises members in the browser order', () => {
    const b = buildClientDataJSON({ type: 'webauthn.get', challenge: 'abc', origin: 'https://example.com' });
    expect(text(b)).toBe('{"type":"webauthn.get","challenge":"abc","origin":"https://example.com","crossOrigin":false}');
    const x = buildClientDataJSON({ type: 'webauthn.create', challenge: 'abc', origin: 'https://bank.example', crossOrigin: true, topOrigin: 'https://shop.example' });
    expect(text(x)).toBe('{"type":"webauthn.create","challenge":"abc","origin":"https://bank.example","crossOrigin":true,"topOrigin":"https://shop.example"}');
    expect(parseClientDataJSON(x)).toMatchObject({ type: 'webauthn.create', crossOrigin: true, topOrigin: 'https://shop.example' });
  });

  it('round-trips the SPC payment member', () => {
    const payment = { rpId: 'example.com', topOrigin: 'https://merchant.example', payeeName: 'Alice', total: { currency: 'EUR', value: '10.00' }, instrument: { displayName: 'Card ****1234', icon: 'https://example.com/i.png' } };
    const b = buildClientDataJSON({ type: 'payment.get', challenge: 'c', origin: 'https://merchant.example', payment });
    expect(text(b)).toBe(`{"type":"payment.get","challenge":"c","origin":"https://merchant.example","crossOrigin":false,"payment":${JSON.stringify(payment)}}`);
    const cd = parseClientDataJSON(b);
    expect(cd.type).toBe('payment.get');
    expect(cd.payment).toEqual(payment);
    expect(cd.raw).toBe(b);
  });

  it('parses as JSON: whitespace, escaped slashes, reordering and unknown members are fine', () => {
    const raw = utf8ToBytes('{ "origin" : "https:\\/\\/example.com", "challenge":"x", "type":"webauthn.get", "tokenBinding": {"status":"supported"}, "other_keys_can_be_added_here": "do not compare clientDataJSON against a template" }');
    const cd = parseClientDataJSON(raw);
    expect(cd.origin).toBe('https://example.com');
    expect(cd.members.tokenBinding).toEqual({ status: 'supported' });
  });

  it.each([
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
    ['not JSON', utf8ToBytes('{"type":')],
    ['an array', utf8ToBytes('[]')],
    ['missing type', utf8ToBytes('{"challenge":"x","origin":"o"}')],
    ['a non-string origin', utf8ToBytes('{"type":"t","challenge":"x","origin":1}')],
    ['a non-boolean crossOrigin', utf8ToBytes('{"type":"t","challenge":"x","origin":"o","crossOrigin":"no"}')],
    ['a non-object payment', utf8ToBytes('{"type":"t","challenge":"x","origin":"o","payment":[]}')],
  ])('rejects %s with ERR_CLIENT_DATA', (_label, raw) => {
    expect(() => parseClientDataJSON(raw)).toThrow(ProoflineError);
    try {
      parseClientDataJSON(raw);
    } catch (e) {
      expect((e as ProoflineError).code).toBe('ERR_CLIENT_DATA');
    }
  });
});
