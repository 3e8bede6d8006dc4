import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../core/codec/base64url.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { ProoflineError } from '../../core/errors.js';

describe('base64url (RFC 4648 §5, unpadded)', () => {
  // RFC 4648 §10 test vectors, without padding.
  it.each([['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']])('%j ↔ %s', (plain, encoded) => {
    expect(toBase64url(utf8ToBytes(plain))).toBe(encoded);
    expect(fromBase64url(encoded)).toEqual(utf8ToBytes(plain));
  });

  it('uses the URL-safe alphabet', () => {
    expect(toBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64url('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('tolerates trailing padding', () => {
    expect(fromBase64url('Zg==')).toEqual(utf8ToBytes('f'));
  });

  it.each(['+/8', 'Zm9v!', 'Z', 'Zm9v Zg'])('rejects %j with ERR_BASE64URL', (s) => {
    expect(() => fromBase64url(s, 'response.signature')).toThrow(ProoflineError);
    try {
      fromBase64url(s, 'response.signature');
    } catch (e) {
      expect((e as ProoflineError).code).toBe('ERR_BASE64URL');
      expect((e as ProoflineError).path).toBe('response.signature');
    }
  });
});
