import { p256 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { COSE_ALG, type CosePublicKey } from '../codec/cose.js';
import type { Random } from './random.js';

/** Algorithms Proofline's own actors sign with. */
export type SigningAlg = 'ES256' | 'EdDSA';

/** A key pair held by a simulated authenticator or keystore. */
export interface KeyPair {
  readonly alg: SigningAlg;
  readonly secretKey: Uint8Array;
  readonly publicKey: CosePublicKey;
}

/** Generate a key pair from the seeded source. */
export function generateKeyPair(alg: SigningAlg, rng: Random): KeyPair {
  if (alg === 'ES256') {
    const secretKey = p256.utils.randomSecretKey(rng.bytes(48));
    // Uncompressed directly: decompressing a point costs a modular square root.
    const point = p256.getPublicKey(secretKey, false);
    return { alg, secretKey, publicKey: { kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: point.slice(1, 33), y: point.slice(33, 65) } };
  }
  const { secretKey, publicKey } = ed25519.keygen(rng.bytes(32));
  return { alg, secretKey, publicKey: { kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x: publicKey } };
}

/**
 * Sign `message`: ES256 as WebAuthn requires (SHA-256, ECDSA, DER; RFC 6979 deterministic nonces
 * keep recordings reproducible), EdDSA over the message itself.
 */
export function signMessage(key: KeyPair, message: Uint8Array): Uint8Array {
  if (key.alg === 'ES256') return p256.sign(message, key.secretKey, { prehash: true, format: 'der' });
  return ed25519.sign(message, key.secretKey);
}
