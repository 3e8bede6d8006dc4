import { p256 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { COSE_ALG, type CosePublicKey } from '../codec/cose.js';
import type { Random } from './random.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToHex, concatBytes, equalBytes as bytesEqual } from '../codec/bytes.js';
import { platformSubtle } from './webcrypto.js';

const P256_BASE = p256.Point.BASE.toBytes(false);

/** Public keys already derived, by secret key: a seed makes the same few keys in run after run. */
const PUBLIC_KEY_CACHE_LIMIT = 64;
const publicKeys = new Map<string, Uint8Array>();

/**
 * The uncompressed P-256 public key of `secretKey` (uncompressed directly: decompressing a point
 * costs a modular square root). `record --all` makes every run from one seed, so each actor's key
 * comes back hundreds of times: it is derived once (a scalar multiplication, as costly as a
 * signature) and remembered; a copy goes out, so no caller can change the remembered one.
 */
function p256PublicKey(secretKey: Uint8Array): Uint8Array {
  const id = bytesToHex(secretKey);
  let point = publicKeys.get(id);
  if (!point) {
    point = p256.getPublicKey(secretKey, false);
    if (publicKeys.size >= PUBLIC_KEY_CACHE_LIMIT) publicKeys.delete(publicKeys.keys().next().value!);
    publicKeys.set(id, point);
  }
  return point.slice();
}

/** Algorithms Proofline's own actors sign with. */
export type SigningAlg = 'ES256' | 'EdDSA';

/** A key pair held by a simulated authenticator or keystore. */
export interface KeyPair {
  readonly alg: SigningAlg;
  readonly secretKey: Uint8Array;
  readonly publicKey: CosePublicKey;
}

/** Key pairs made for a replay: their public key is a stand-in and they sign with a stand-in. */
const standIns = new WeakSet<KeyPair>();

/**
 * Generate a key pair from the seeded source. From a replay's source (`rng.replay`) the private
 * key is the same as in the recording, but the public key is a stand-in (the curve's base point)
 * and {@link signMessage} returns a stand-in signature: a replay spends no scalar multiplication.
 */
export function generateKeyPair(alg: SigningAlg, rng: Random): KeyPair {
  if (rng.replay) {
    const pair: KeyPair = alg === 'ES256'
      ? { alg, secretKey: p256.utils.randomSecretKey(rng.bytes(48)), publicKey: { kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: P256_BASE.slice(1, 33), y: P256_BASE.slice(33, 65) } }
      : { alg, secretKey: rng.bytes(32), publicKey: { kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x: ed25519.Point.BASE.toBytes() } };
    standIns.add(pair);
    return pair;
  }
  if (alg === 'ES256') {
    const secretKey = p256.utils.randomSecretKey(rng.bytes(48));
    const point = p256PublicKey(secretKey);
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
  if (standIns.has(key)) return key.alg === 'ES256' ? new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]) : new Uint8Array(64);
  if (key.alg === 'ES256') return p256.sign(message, key.secretKey, { prehash: true, format: 'der' });
  return ed25519.sign(message, key.secretKey);
}

/**
 * True when `secretKey` is the private key of `publicKey` (an ES256 or Ed25519 key). P-256 goes
 * through WebCrypto, which checks the pair natively when a JWK with both is imported (no
 * scalar multiplication in JS); without WebCrypto, and for Ed25519, noble derives the public key.
 */
export async function isKeyPair(alg: string, secretKey: Uint8Array, publicKey: CosePublicKey): Promise<boolean> {
  if (alg === 'ES256' && publicKey.kty === 'EC2' && publicKey.crv === 'P-256') {
    const subtle = platformSubtle();
    if (!subtle) return bytesEqual(p256.getPublicKey(secretKey, false), concatBytes(new Uint8Array([4]), publicKey.x, publicKey.y));
    const jwk = { kty: 'EC', crv: 'P-256', d: toBase64url(secretKey), x: toBase64url(publicKey.x), y: toBase64url(publicKey.y), ext: false };
    return subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']).then(() => true, () => false);
  }
  if (alg === 'EdDSA' && publicKey.kty === 'OKP' && publicKey.crv === 'Ed25519') return bytesEqual(ed25519.getPublicKey(secretKey), publicKey.x);
  return false;
}
