import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { createRandom } from '../../core/crypto/random.js';
import { generateKeyPair, signMessage, type SigningAlg } from '../../core/crypto/sign.js';
import { verifySignature } from '../../core/crypto/verify.js';
import { concatBytes } from '../../core/codec/bytes.js';
import { getCredential, createCredential } from '../../core/ua/index.js';

// fast-check properties (STYLE.md, after noble): sign→verify round trip, and any one-byte
// change in signed data or in the signature fails verification.

const ALGS: SigningAlg[] = ['ES256', 'EdDSA'];

describe.each(ALGS)('%s properties', (alg) => {
  it('sign → verify round trip for any key seed and message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 16 }), fc.uint8Array({ maxLength: 256 }), async (seed, message) => {
        const key = generateKeyPair(alg, createRandom(`prop/${seed}`));
        const v = await verifySignature(key.publicKey, message, signMessage(key, message));
        expect(v.valid).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('flipping any one byte of authenticatorData, clientDataJSON or the signature fails verification', async () => {
    // One real ceremony through our UA and authenticator; then tamper with its bytes.
    const rng = createRandom(`flip/${alg}`);
    const authn = createAuthenticator({ rng: rng.fork('authn') });
    const created = createCredential(authn, {
      origin: 'https://example.com',
      publicKey: { challenge: rng.bytes(32), rp: { name: 'Example' }, user: { id: new Uint8Array([1]), name: 'a', displayName: 'A' }, pubKeyCredParams: [{ type: 'public-key', alg: alg === 'ES256' ? -7 : -8 }] },
    });
    if (created.status !== 'ok') throw new Error(created.message);
    const got = getCredential(authn, { origin: 'https://example.com', publicKey: { challenge: rng.bytes(32) } });
    if (got.status !== 'ok') throw new Error(got.message);
    const { authenticatorData, clientDataJSON, signature } = got.credential.response;
    const pub = created.authenticator.publicKey;
    const verify = (ad: Uint8Array, cdj: Uint8Array, sig: Uint8Array) => verifySignature(pub, concatBytes(ad, sha256(cdj)), sig);
    expect((await verify(authenticatorData, clientDataJSON, signature)).valid).toBe(true);

    const part = fc.constantFrom<'authenticatorData' | 'clientDataJSON' | 'signature'>('authenticatorData', 'clientDataJSON', 'signature');
    await fc.assert(
      fc.asyncProperty(part, fc.nat(), fc.integer({ min: 1, max: 255 }), async (which, index, mask) => {
        const parts = { authenticatorData: authenticatorData.slice(), clientDataJSON: clientDataJSON.slice(), signature: signature.slice() };
        const target = parts[which];
        const i = index % target.length;
        target[i] = target[i]! ^ mask;
        const v = await verify(parts.authenticatorData, parts.clientDataJSON, parts.signature);
        expect(v.valid).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
