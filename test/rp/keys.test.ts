// Keys are what they claim to be (issue 13): EC points on their curve and not the identity,
// Ed25519 keys not of small order and signatures checked by the strict RFC 8032 rule, and CBOR in
// WebAuthn structures read as the CTAP2 canonical subset — each refusal a failed check with a reason.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, hexToBytes } from '../../core/codec/bytes.js';
import { decodeCbor, encodeCbor } from '../../core/codec/cbor.js';
import { COSE_ALG, decodeCoseKey, encodeCoseKey } from '../../core/codec/cose.js';
import { ProoflineError } from '../../core/errors.js';
import { verifyAssertion } from '../../core/rp/verifyAssertion.js';
import { verifyRegistration } from '../../core/rp/verifyRegistration.js';
import { EXPECTED, craftAssertion, craftRegistration } from './craft.js';

const failedWith = (checks: readonly { id: string; status: string; detail: string }[]) => checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`);
const ec = (x: Uint8Array, y: Uint8Array) => encodeCoseKey({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x, y });
const okp = (x: Uint8Array) => encodeCoseKey({ kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x });

function coseError(bytes: Uint8Array): string {
  try {
    decodeCoseKey(bytes);
  } catch (e) {
    if (e instanceof ProoflineError) return e.message;
    throw e;
  }
  return 'accepted';
}

// The identity (y = 1) and the point of order 2 (y = p − 1), as RFC 8032 encodes them.
const ED_IDENTITY = hexToBytes('01' + '00'.repeat(31));
const ED_ORDER_2 = hexToBytes('ec' + 'ff'.repeat(30) + '7f');

describe('EC2 keys are points on their curve, not the identity', () => {
  it('an off-curve point and (0, 0) (how the point at infinity would be written) are refused when read', () => {
    expect(coseError(ec(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)))).toBe('COSE_Key: "x" and "y" (labels -2, -3) are not a point on P-256');
    expect(coseError(ec(new Uint8Array(32), new Uint8Array(32)))).toMatch(/not a point on P-256/);
  });

  it('a registration carrying an off-curve credential key is rejected, with the reason', async () => {
    for (const coseKey of [ec(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)), ec(new Uint8Array(32), new Uint8Array(32))]) {
      const r = await verifyRegistration(craftRegistration({ coseKey }), EXPECTED);
      expect(r.verdict).toBe('rejected');
      expect(failedWith(r.checks).join('\n')).toMatch(/not a point on P-256/);
    }
  });
});

describe('Ed25519: no small-order keys, strict verification', () => {
  const sk = new Uint8Array(32).fill(5);
  const pub = ed25519.getPublicKey(sk);
  const assertion = () => {
    const a = craftAssertion();
    return { ...a, signature: ed25519.sign(concatBytes(a.authenticatorData, sha256(a.clientDataJSON)), sk) };
  };

  it('the identity and a point of order 2 are refused as keys; a real key is read', () => {
    expect(coseError(okp(ED_IDENTITY))).toMatch(/small order/);
    expect(coseError(okp(ED_ORDER_2))).toMatch(/small order/);
    expect(coseError(okp(pub))).toBe('accepted');
  });

  it('with the identity as key, the constant signature (R = identity, S = 0) no longer verifies any message', async () => {
    const constant = concatBytes(ED_IDENTITY, new Uint8Array(32));
    const r = await verifyAssertion({ ...craftAssertion(), signature: constant }, EXPECTED, { publicKey: okp(ED_IDENTITY) });
    expect(r.verdict).toBe('rejected');
    expect(failedWith(r.checks)).toEqual([expect.stringMatching(/^rp\.credentialKey: .*small order/)]);
  });

  it('a valid signature verifies; the same with S + L (a second spelling) does not', async () => {
    const a = assertion();
    expect((await verifyAssertion(a, EXPECTED, { publicKey: okp(pub) })).verdict).toBe('accepted');
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(a.signature[32 + i]!);
    const big = s + L;
    const sBytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) sBytes[i] = Number((big >> BigInt(8 * i)) & 0xffn);
    const r = await verifyAssertion({ ...a, signature: concatBytes(a.signature.subarray(0, 32), sBytes) }, EXPECTED, { publicKey: okp(pub) });
    expect(failedWith(r.checks)).toEqual([expect.stringMatching(/^rp\.signature: /)]);
  });
});

describe('CBOR is read as the CTAP2 canonical subset', () => {
  const refusal = (hex: string): string => {
    try {
      decodeCbor(hexToBytes(hex), 'x');
    } catch (e) {
      if (e instanceof ProoflineError && e.code === 'ERR_CBOR') return e.message;
      throw e;
    }
    return 'accepted';
  };

  it.each([
    ['a bignum (tag 2)', 'c2' + '41' + '01', /tag 2 \(bignum\), which is not allowed at byte 0/],
    ['a negative bignum (tag 3)', 'c3' + '41' + '01', /tag 3 \(bignum\)/],
    ['any other tag', 'd82a' + '00', /tag 42, which is not allowed/],
    ['an indefinite-length map', 'bf' + '6161' + '01' + 'ff', /indefinite length/],
    ['an indefinite-length byte string', '5f' + '4101' + 'ff', /indefinite length/],
    ['a duplicate map key', 'a2' + '6161' + '01' + '6161' + '02', /map key that appears twice at byte 4/],
    ['a duplicate integer key', 'a2' + '01' + '02' + '01' + '03', /appears twice/],
    ['a non-shortest integer', '1801', /not in its shortest form/],
    ['a non-shortest length', '5801' + '00', /not in its shortest form/],
    ['nesting deeper than 16', '81'.repeat(17) + '00', /nests deeper than 16 levels/],
    ['a length beyond the input', '5a' + 'ffffffff', /only 0 bytes follow/],
    ['an unassigned simple value', 'f0', /unassigned simple value/],
    ['trailing bytes', '00' + '00', /1 bytes after its one item/],
  ])('refuses %s', (_name, hex, why) => {
    expect(refusal(hex)).toMatch(why);
  });

  it('reads what WebAuthn writes: maps, arrays, strings, integers, booleans, null, floats', () => {
    const value = new Map<unknown, unknown>([[1, 2], [3, -7], ['fmt', 'none'], ['a', [true, false, null, new Uint8Array([1, 2])]], ['f', 1.5]]);
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
  });

  it('an attestationObject with a bignum of 100 KB, or with "fmt" twice, fails rp.attestationObject', async () => {
    const reg = craftRegistration();
    const bignum = concatBytes(hexToBytes('a3' + '63666d74' + 'c2' + '5a00019000'), new Uint8Array(0x19000).fill(0xff), hexToBytes('6761747453746d74a0' + '6861757468446174614100'));
    const twice = concatBytes(hexToBytes('a3' + '63666d74' + '646e6f6e65' + '63666d74' + '667061636b6564'), encodeCbor('attStmt'), encodeCbor(new Map()));
    for (const [attestationObject, why] of [[bignum, /tag 2 \(bignum\)/], [twice, /map key that appears twice/]] as const) {
      const r = await verifyRegistration({ ...reg, attestationObject }, EXPECTED);
      expect(failedWith(r.checks)).toEqual([expect.stringMatching(new RegExp(`^rp\\.attestationObject: .*${why.source}`))]);
    }
  });
});
