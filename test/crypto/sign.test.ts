import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { createRandom } from '../../core/crypto/random.js';
import { generateKeyPair, signMessage } from '../../core/crypto/sign.js';
import { verifySignature } from '../../core/crypto/verify.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { COSE_ALG } from '../../core/codec/cose.js';

describe('seeded Random', () => {
  it('is deterministic per seed, and forks are independent of other draws', () => {
    expect(createRandom(1).bytes(40)).toEqual(createRandom(1).bytes(40));
    expect(createRandom(1).bytes(32)).not.toEqual(createRandom(2).bytes(32));
    expect(createRandom('1').bytes(32)).not.toEqual(createRandom(1).bytes(32));
    const a = createRandom('x');
    a.bytes(100);
    expect(a.fork('keys').bytes(32)).toEqual(createRandom('x').fork('keys').bytes(32));
    expect(a.fork('keys').bytes(32)).not.toEqual(a.fork('ids').bytes(32));
    const r = createRandom(3);
    expect(new Uint8Array([...r.bytes(5), ...r.bytes(7)])).toEqual(createRandom(3).bytes(12));
    expect(() => r.bytes(-1)).toThrow(RangeError);
  });
});

describe('sign and verify (ES256, EdDSA)', () => {
  const msg = utf8ToBytes('authenticatorData ‖ clientDataHash');

  it('ES256: DER signatures, deterministic (RFC 6979), verified by WebCrypto', async () => {
    const key = generateKeyPair('ES256', createRandom('es'));
    expect(key.publicKey).toMatchObject({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256' });
    const sig = signMessage(key, msg);
    expect(sig[0]).toBe(0x30);
    expect(signMessage(key, msg)).toEqual(sig);
    expect(await verifySignature(key.publicKey, msg, sig)).toEqual({ valid: true, algorithm: 'ES256' });
    expect((await verifySignature(key.publicKey, utf8ToBytes('other'), sig)).valid).toBe(false);
  });

  it('ES256: a high-S signature is still valid (WebAuthn does not require low-S)', async () => {
    const key = generateKeyPair('ES256', createRandom('high-s'));
    const sig = p256.Signature.fromBytes(signMessage(key, msg), 'der');
    const n = p256.Point.CURVE().n;
    const flipped = new p256.Signature(sig.r, n - sig.s);
    const low = sig.s <= n / 2n ? sig : flipped;
    const high = sig.s <= n / 2n ? flipped : sig;
    expect(high.s > n / 2n).toBe(true);
    expect((await verifySignature(key.publicKey, msg, low.toBytes('der'))).valid).toBe(true);
    expect((await verifySignature(key.publicKey, msg, high.toBytes('der'))).valid).toBe(true);
  });

  it('EdDSA (Ed25519)', async () => {
    const key = generateKeyPair('EdDSA', createRandom('ed'));
    expect(key.publicKey).toMatchObject({ kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519' });
    const sig = signMessage(key, msg);
    expect(sig.length).toBe(64);
    expect(await verifySignature(key.publicKey, msg, sig)).toEqual({ valid: true, algorithm: 'Ed25519' });
  });

  it('a malformed signature or mismatched key is a false result, not an exception', async () => {
    const es = generateKeyPair('ES256', createRandom('m1'));
    const ed = generateKeyPair('EdDSA', createRandom('m2'));
    const r1 = await verifySignature(es.publicKey, msg, new Uint8Array([0x30, 0x02, 0x01]));
    expect(r1.valid).toBe(false);
    const r2 = await verifySignature(ed.publicKey, msg, signMessage(es, msg));
    expect(r2.valid).toBe(false);
    const r3 = await verifySignature({ ...es.publicKey, alg: COSE_ALG.EdDSA }, msg, signMessage(es, msg));
    expect(r3).toMatchObject({ valid: false });
  });
});
