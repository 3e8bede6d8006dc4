import { describe, expect, it } from 'vitest';
import { authenticatorDataSpans, describeFlags, encodeAuthenticatorData, parseAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { encodeCoseKey } from '../../core/codec/cose.js';
import { ProoflineError } from '../../core/errors.js';
import { createRandom } from '../../core/crypto/random.js';
import { generateKeyPair } from '../../core/crypto/sign.js';

const rpIdHash = new Uint8Array(32).fill(0xaa);
const key = generateKeyPair('ES256', createRandom('ad')).publicKey;
const attested = { aaguid: new Uint8Array(16).fill(1), credentialId: new Uint8Array([5, 6, 7, 8]), credentialPublicKey: encodeCoseKey(key) };
const extensions = new Map<unknown, unknown>([['credProtect', 2]]);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ProoflineError ? e.code : `not a ProoflineError: ${String(e)}`;
  }
  return undefined;
}

describe('authenticatorData encode/parse (WebAuthn L3 §6.1)', () => {
  const bools = [false, true];
  for (const up of bools) for (const uv of bools) for (const be of bools) for (const bs of bools) for (const at of bools) for (const ed of bools) {
    it(`round trip UP=${+up} UV=${+uv} BE=${+be} BS=${+bs} AT=${+at} ED=${+ed}`, () => {
      const raw = encodeAuthenticatorData({ rpIdHash, flags: { up, uv, be, bs }, signCount: 0x01020304, ...(at ? { attested } : {}), ...(ed ? { extensions } : {}) });
      const ad = parseAuthenticatorData(raw);
      expect({ up: ad.flags.up, uv: ad.flags.uv, be: ad.flags.be, bs: ad.flags.bs, at: ad.flags.at, ed: ad.flags.ed }).toEqual({ up, uv, be, bs, at, ed });
      expect(ad.flags.byte).toBe((up ? 1 : 0) | (uv ? 4 : 0) | (be ? 8 : 0) | (bs ? 16 : 0) | (at ? 64 : 0) | (ed ? 128 : 0));
      expect(ad.signCount).toBe(0x01020304);
      expect(ad.rpIdHash).toEqual(rpIdHash);
      expect(ad.raw).toBe(raw);
      if (at) {
        expect(ad.attestedCredentialData!.credentialId).toEqual(attested.credentialId);
        expect(ad.attestedCredentialData!.aaguid).toEqual(attested.aaguid);
        expect(ad.attestedCredentialData!.credentialPublicKeyBytes).toEqual(attested.credentialPublicKey);
        expect(ad.attestedCredentialData!.credentialPublicKey).toEqual(key);
      } else expect(ad.attestedCredentialData).toBeUndefined();
      if (ed) expect(ad.extensions).toEqual(extensions);
      const spans = authenticatorDataSpans(ad);
      expect(spans.at(-1)!.end).toBe(raw.length);
    });
  }

  it('describes flags', () => {
    expect(describeFlags(parseAuthenticatorData(encodeAuthenticatorData({ rpIdHash, flags: { up: true, uv: true }, signCount: 0 })).flags)).toBe('UP UV (0x05)');
  });

  it('rejects malformed input with ERR_AUTH_DATA', () => {
    const ok = encodeAuthenticatorData({ rpIdHash, flags: { up: true }, signCount: 1, attested });
    expect(codeOf(() => parseAuthenticatorData(new Uint8Array(36)))).toBe('ERR_AUTH_DATA');
    expect(codeOf(() => parseAuthenticatorData(ok.slice(0, 40)))).toBe('ERR_AUTH_DATA');
    expect(codeOf(() => parseAuthenticatorData(ok.slice(0, ok.length - 1)))).toBe('ERR_AUTH_DATA');
    const plain = encodeAuthenticatorData({ rpIdHash, flags: { up: true }, signCount: 1 });
    expect(codeOf(() => parseAuthenticatorData(new Uint8Array([...plain, 0])))).toBe('ERR_AUTH_DATA');
    const edNoExt = plain.slice();
    edNoExt[32] = edNoExt[32]! | 0x80;
    expect(codeOf(() => parseAuthenticatorData(edNoExt))).toBe('ERR_AUTH_DATA');
  });

  it('throws RangeError on misuse', () => {
    expect(() => encodeAuthenticatorData({ rpIdHash: new Uint8Array(31), flags: {}, signCount: 0 })).toThrow(RangeError);
    expect(() => encodeAuthenticatorData({ rpIdHash, flags: {}, signCount: -1 })).toThrow(RangeError);
  });
});
