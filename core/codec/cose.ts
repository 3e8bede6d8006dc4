import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import { bytesToHex, concatBytes, toU8 } from './bytes.js';
import { ProoflineError } from '../errors.js';

/**
 * COSE algorithm identifiers that Proofline verifies (IANA COSE Algorithms registry;
 * RS1 is the WebAuthn-registered -65535; ML-DSA per draft-ietf-cose-dilithium).
 */
export const COSE_ALG = {
  ES256: -7,
  ES384: -35,
  ES512: -36,
  EdDSA: -8,
  Ed25519: -19,
  Ed448: -53,
  RS256: -257,
  RS384: -258,
  RS512: -259,
  PS256: -37,
  PS384: -38,
  PS512: -39,
  RS1: -65535,
  'ML-DSA-44': -48,
  'ML-DSA-65': -49,
  'ML-DSA-87': -50,
} as const;

export type CoseAlgName = keyof typeof COSE_ALG;

/** Name of a COSE algorithm number, or `alg <n>` when unknown. */
export function coseAlgName(alg: number): string {
  for (const [name, n] of Object.entries(COSE_ALG)) if (n === alg) return name;
  return `alg ${alg}`;
}

export type Ec2Curve = 'P-256' | 'P-384' | 'P-521';
export type OkpCurve = 'Ed25519' | 'Ed448';

/** A parsed COSE_Key (RFC 9052 §7, RFC 9053), public part only. */
export type CosePublicKey =
  | { kty: 'EC2'; alg: number; crv: Ec2Curve; x: Uint8Array; y: Uint8Array }
  | { kty: 'OKP'; alg: number; crv: OkpCurve; x: Uint8Array }
  | { kty: 'RSA'; alg: number; n: Uint8Array; e: Uint8Array }
  | { kty: 'AKP'; alg: number; pub: Uint8Array };

const EC2_CURVES: Record<number, { crv: Ec2Curve; len: number }> = {
  1: { crv: 'P-256', len: 32 },
  2: { crv: 'P-384', len: 48 },
  3: { crv: 'P-521', len: 66 },
};
const OKP_CURVES: Record<number, { crv: OkpCurve; len: number }> = {
  6: { crv: 'Ed25519', len: 32 },
  7: { crv: 'Ed448', len: 57 },
};
/** ML-DSA public key sizes (FIPS 204 Table 2). */
const AKP_PUB_LEN: Record<number, number> = { [-48]: 1312, [-49]: 1952, [-50]: 2592 };

function bytesAt(map: Map<unknown, unknown>, label: number, name: string, len?: number): Uint8Array {
  const v = map.get(label);
  if (!(v instanceof Uint8Array)) throw new ProoflineError('ERR_COSE', `"${name}" (label ${label}) expected a byte string, got ${v === undefined ? 'nothing' : typeof v}`, 'COSE_Key');
  if (len !== undefined && v.length !== len) throw new ProoflineError('ERR_COSE', `"${name}" (label ${label}) expected ${len} bytes, got ${v.length}`, 'COSE_Key');
  return toU8(v);
}

const EC_POINTS = { 'P-256': p256.Point, 'P-384': p384.Point, 'P-521': p521.Point } as const;

/**
 * An EC2 key must be a point on its curve, not the identity (SEC 1 §3.2.2.1; what WebAuthn
 * L3 §7.1 step 20's "credentialPublicKey" stores must be usable): checked when the key is read,
 * so an RP never stores a key nobody holds. Costs one curve equation, no scalar multiplication.
 */
function checkEcPoint(key: { crv: Ec2Curve; x: Uint8Array; y: Uint8Array }): void {
  // A verifier reads the same stored key at every assertion: a point once found valid is remembered.
  const id = `${key.crv}:${bytesToHex(key.x)}:${bytesToHex(key.y)}`;
  if (validPoints.has(id)) return;
  let point;
  try {
    point = EC_POINTS[key.crv].fromBytes(concatBytes(new Uint8Array([4]), key.x, key.y));
  } catch {
    throw new ProoflineError('ERR_COSE', `"x" and "y" (labels -2, -3) are not a point on ${key.crv}`, 'COSE_Key');
  }
  if (point.is0()) throw new ProoflineError('ERR_COSE', `"x" and "y" (labels -2, -3) are the point at infinity of ${key.crv}`, 'COSE_Key');
  if (validPoints.size >= 256) validPoints.delete(validPoints.values().next().value!);
  validPoints.add(id);
}

/** EC points already found on their curve (at most 256, oldest dropped first). */
const validPoints = new Set<string>();

/**
 * An Ed25519 key must be the canonical encoding of a curve point (RFC 8032 §5.1.3) and not of
 * small order: with a small-order key one fixed signature verifies many messages (and with the
 * identity, any message), so such a key proves nothing.
 */
function checkEd25519Point(x: Uint8Array): void {
  let point;
  try {
    point = ed25519.Point.fromBytes(x, false);
  } catch {
    throw new ProoflineError('ERR_COSE', '"x" (label -2) is not the canonical encoding of an Ed25519 point (RFC 8032 §5.1.3)', 'COSE_Key');
  }
  if (point.isSmallOrder()) throw new ProoflineError('ERR_COSE', '"x" (label -2) is an Ed25519 point of small order, which no private key controls: refused', 'COSE_Key');
}

/** Interpret a decoded CBOR map as a COSE public key; wrong shapes are ERR_COSE. */
export function coseKeyFromMap(map: unknown): CosePublicKey {
  if (!(map instanceof Map)) throw new ProoflineError('ERR_COSE', 'expected a CBOR map', 'COSE_Key');
  const kty = map.get(1);
  const alg = map.get(3);
  if (typeof alg !== 'number' || !Number.isInteger(alg)) throw new ProoflineError('ERR_COSE', `"alg" (label 3) expected an integer, got ${typeof alg}`, 'COSE_Key');
  if (kty === 2) {
    const curve = EC2_CURVES[map.get(-1) as number];
    if (!curve) throw new ProoflineError('ERR_COSE', `EC2 "crv" (label -1) ${String(map.get(-1))} is not P-256, P-384 or P-521`, 'COSE_Key');
    const key = { kty: 'EC2' as const, alg, crv: curve.crv, x: bytesAt(map, -2, 'x', curve.len), y: bytesAt(map, -3, 'y', curve.len) };
    checkEcPoint(key);
    return key;
  }
  if (kty === 1) {
    const curve = OKP_CURVES[map.get(-1) as number];
    if (!curve) throw new ProoflineError('ERR_COSE', `OKP "crv" (label -1) ${String(map.get(-1))} is not Ed25519 or Ed448`, 'COSE_Key');
    const x = bytesAt(map, -2, 'x', curve.len);
    if (curve.crv === 'Ed25519') checkEd25519Point(x);
    return { kty: 'OKP', alg, crv: curve.crv, x };
  }
  if (kty === 3) {
    return { kty: 'RSA', alg, n: bytesAt(map, -1, 'n'), e: bytesAt(map, -2, 'e') };
  }
  if (kty === 7) {
    return { kty: 'AKP', alg, pub: bytesAt(map, -1, 'pub', AKP_PUB_LEN[alg]) };
  }
  throw new ProoflineError('ERR_COSE', `"kty" (label 1) ${String(kty)} is not supported (expected 1 OKP, 2 EC2, 3 RSA or 7 AKP)`, 'COSE_Key');
}

/** Decode COSE_Key bytes. */
export function decodeCoseKey(bytes: Uint8Array): CosePublicKey {
  return coseKeyFromMap(decodeCbor(bytes, 'COSE_Key'));
}

/**
 * Encode a COSE public key in CTAP2 canonical order (kty 1, alg 3, then -1, -2, -3), as
 * authenticators write it into attested credential data.
 */
export function encodeCoseKey(key: CosePublicKey): Uint8Array {
  const m = new Map<number, unknown>();
  switch (key.kty) {
    case 'EC2':
      m.set(1, 2).set(3, key.alg).set(-1, { 'P-256': 1, 'P-384': 2, 'P-521': 3 }[key.crv]).set(-2, key.x).set(-3, key.y);
      break;
    case 'OKP':
      m.set(1, 1).set(3, key.alg).set(-1, { Ed25519: 6, Ed448: 7 }[key.crv]).set(-2, key.x);
      break;
    case 'RSA':
      m.set(1, 3).set(3, key.alg).set(-1, key.n).set(-2, key.e);
      break;
    case 'AKP':
      m.set(1, 7).set(3, key.alg).set(-1, key.pub);
      break;
  }
  return encodeCbor(m);
}
