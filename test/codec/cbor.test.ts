import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor, splitFirstCbor } from '../../core/codec/cbor.js';
import { decodeCoseKey, encodeCoseKey } from '../../core/codec/cose.js';
import { bytesToHex, hexToBytes } from '../../core/codec/bytes.js';
import { ProoflineError } from '../../core/errors.js';
import { createRandom } from '../../core/crypto/random.js';
import { generateKeyPair } from '../../core/crypto/sign.js';

// A P-256 COSE_Key as authenticators emit it: {1: 2, 3: -7, -1: 1, -2: x, -3: y}.
const COSE_ES256 = hexToBytes(
  'a5010203262001215820' + '11'.repeat(32) + '225820' + '22'.repeat(32),
);

describe('CBOR wrapper (cbor-x configured for WebAuthn)', () => {
  it('keeps COSE keys as Maps with integer keys in canonical order 1, 3, -1, -2, -3', () => {
    const m = decodeCbor(COSE_ES256) as Map<unknown, unknown>;
    expect(m).toBeInstanceOf(Map);
    expect([...m.keys()]).toEqual([1, 3, -1, -2, -3]);
    expect(m.get(-2)).toBeInstanceOf(Uint8Array);
    expect((m.get(-2) as Uint8Array).constructor).toBe(Uint8Array); // not a Node Buffer
  });

  it('decode → encode is byte-identical for a COSE key and for our encoder output', () => {
    expect(bytesToHex(encodeCbor(decodeCbor(COSE_ES256)))).toBe(bytesToHex(COSE_ES256));
    const key = generateKeyPair('ES256', createRandom(1)).publicKey;
    const bytes = encodeCoseKey(key);
    expect(bytesToHex(bytes.subarray(0, 10))).toBe('a50102032620012158' + '20');
    expect(encodeCbor(decodeCbor(bytes))).toEqual(bytes);
    expect(decodeCoseKey(bytes)).toEqual(key);
    const ed = generateKeyPair('EdDSA', createRandom(2)).publicKey;
    const edBytes = encodeCoseKey(ed);
    expect([...(decodeCbor(edBytes) as Map<number, unknown>).keys()]).toEqual([1, 3, -1, -2]);
    expect(decodeCoseKey(edBytes)).toEqual(ed);
  });

  it('writes byte strings without tag 64, even for Node Buffers', () => {
    expect(bytesToHex(encodeCbor(new Uint8Array([1, 2, 3])))).toBe('43010203');
    expect(bytesToHex(encodeCbor(Buffer.from([1, 2, 3])))).toBe('43010203');
    expect(bytesToHex(encodeCbor(new Map([['a', new Uint8Array([9])]])))).toBe('a1616141' + '09');
  });

  it('uses minimal lengths and plain maps (RFC 8949 preferred serialisation)', () => {
    expect(bytesToHex(encodeCbor(new Map([[1, 2]])))).toBe('a10102');
    expect(bytesToHex(encodeCbor(23))).toBe('17');
    expect(bytesToHex(encodeCbor(24))).toBe('1818');
    expect(bytesToHex(encodeCbor(-1))).toBe('20');
    expect(bytesToHex(encodeCbor('fmt'))).toBe('63666d74');
  });

  it('rejects empty, truncated and trailing input with ERR_CBOR', () => {
    for (const hex of ['', '43 0102', 'a2 01 02', '01 02']) {
      const bytes = hexToBytes(hex.replace(/ /g, ''));
      expect(() => decodeCbor(bytes)).toThrow(ProoflineError);
      try {
        decodeCbor(bytes);
      } catch (e) {
        expect((e as ProoflineError).code).toBe('ERR_CBOR');
      }
    }
  });

  it('splits the first item from what follows', () => {
    const tail = encodeCbor(new Map([['credProtect', 2]]));
    const s = splitFirstCbor(new Uint8Array([...COSE_ES256, ...tail]));
    expect(s.raw).toEqual(COSE_ES256);
    expect(s.rest).toEqual(tail);
  });
});
