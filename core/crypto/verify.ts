import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToHex, concatBytes } from '../codec/bytes.js';
import { COSE_ALG, coseAlgName, type CosePublicKey } from '../codec/cose.js';
import { errorMessage } from '../errors.js';
import { platformSubtle, type SubtleLike } from './webcrypto.js';

/** Outcome of a signature verification: a boolean, with the reason when false. */
export type SignatureResult = { valid: true; algorithm: string } | { valid: false; algorithm: string; reason: string };

type Plan =
  | { via: 'subtle'; name: string; importAlg: unknown; verifyAlg: unknown; format: 'raw' | 'jwk'; keyData: (k: CosePublicKey) => unknown; sig: (s: Uint8Array) => Uint8Array }
  | { via: 'noble'; name: string; verify: (k: CosePublicKey, msg: Uint8Array, sig: Uint8Array) => Promise<boolean> };

const EC = { 'P-256': { curve: p256, hash: 'SHA-256', alg: COSE_ALG.ES256 }, 'P-384': { curve: p384, hash: 'SHA-384', alg: COSE_ALG.ES384 }, 'P-521': { curve: p521, hash: 'SHA-512', alg: COSE_ALG.ES512 } } as const;
const RSA_PKCS1: Record<number, string> = { [COSE_ALG.RS256]: 'SHA-256', [COSE_ALG.RS384]: 'SHA-384', [COSE_ALG.RS512]: 'SHA-512', [COSE_ALG.RS1]: 'SHA-1' };
const RSA_PSS: Record<number, { hash: string; salt: number }> = { [COSE_ALG.PS256]: { hash: 'SHA-256', salt: 32 }, [COSE_ALG.PS384]: { hash: 'SHA-384', salt: 48 }, [COSE_ALG.PS512]: { hash: 'SHA-512', salt: 64 } };
const MLDSA: Record<number, 'ml_dsa44' | 'ml_dsa65' | 'ml_dsa87'> = { [COSE_ALG['ML-DSA-44']]: 'ml_dsa44', [COSE_ALG['ML-DSA-65']]: 'ml_dsa65', [COSE_ALG['ML-DSA-87']]: 'ml_dsa87' };

// Ed448 and ML-DSA are rare in WebAuthn and their noble modules are large: each is imported on
// first use (the same code path in Node and in a browser, where the bundler splits it off).
const verifyEd25519Strict = async (k: CosePublicKey, msg: Uint8Array, sig: Uint8Array) => ed25519.verify(sig, msg, (k as { x: Uint8Array }).x, { zip215: false });
const verifyEd448 = async (k: CosePublicKey, msg: Uint8Array, sig: Uint8Array) => (await import('@noble/curves/ed448.js')).ed448.verify(sig, msg, (k as { x: Uint8Array }).x);
const verifyMlDsa = (which: 'ml_dsa44' | 'ml_dsa65' | 'ml_dsa87') => async (k: CosePublicKey, msg: Uint8Array, sig: Uint8Array) =>
  (await import('@noble/post-quantum/ml-dsa.js'))[which].verify(sig, msg, (k as { pub: Uint8Array }).pub);

/**
 * How a key is verified. WebCrypto does ECDSA and RSA (natively, ~20× faster than pure JS for
 * P-256); noble covers what browsers lack (Ed448, ML-DSA). The choice depends only on the
 * algorithm, so Node and Chromium run the same code path.
 */
function planFor(key: CosePublicKey): Plan | string {
  const name = coseAlgName(key.alg);
  if (key.kty === 'EC2') {
    const ec = EC[key.crv];
    if (key.alg !== ec.alg) return `${name} does not match an EC2 ${key.crv} key`;
    return {
      via: 'subtle', name, format: 'raw',
      importAlg: { name: 'ECDSA', namedCurve: key.crv },
      verifyAlg: { name: 'ECDSA', hash: ec.hash },
      keyData: (k) => concatBytes(new Uint8Array([4]), (k as { x: Uint8Array }).x, (k as { y: Uint8Array }).y),
      // WebAuthn ECDSA signatures are ASN.1 DER (WebAuthn L3 §6.5.5); WebCrypto takes r‖s.
      // Parsed with lowS off: authenticators may emit high-S signatures and those are valid.
      sig: (s) => ec.curve.Signature.fromBytes(s, 'der').toBytes('compact'),
    };
  }
  if (key.kty === 'OKP') {
    const okAlg = key.alg === COSE_ALG.EdDSA || key.alg === (key.crv === 'Ed25519' ? COSE_ALG.Ed25519 : COSE_ALG.Ed448);
    if (!okAlg) return `${name} does not match an OKP ${key.crv} key`;
    // Strict RFC 8032 verification (cofactorless, canonical R, A and S < L; noble's zip215: false):
    // WebCrypto implementations differ on these edges, and a lenient rule lets crafted signatures pass.
    if (key.crv === 'Ed25519') return { via: 'noble', name: 'Ed25519', verify: verifyEd25519Strict };
    return { via: 'noble', name: 'Ed448', verify: verifyEd448 };
  }
  if (key.kty === 'RSA') {
    const jwk = (k: CosePublicKey) => ({ kty: 'RSA', n: toBase64url((k as { n: Uint8Array }).n), e: toBase64url((k as { e: Uint8Array }).e), ext: true });
    const pkcs1 = RSA_PKCS1[key.alg];
    if (pkcs1) return { via: 'subtle', name, format: 'jwk', importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: pkcs1 }, verifyAlg: { name: 'RSASSA-PKCS1-v1_5' }, keyData: jwk, sig: (s) => s };
    const pss = RSA_PSS[key.alg];
    if (pss) return { via: 'subtle', name, format: 'jwk', importAlg: { name: 'RSA-PSS', hash: pss.hash }, verifyAlg: { name: 'RSA-PSS', saltLength: pss.salt }, keyData: jwk, sig: (s) => s };
    return `${name} is not an RSA signature algorithm`;
  }
  const dsa = MLDSA[key.alg];
  if (!dsa) return `${name} does not match an AKP (ML-DSA) key`;
  return { via: 'noble', name, verify: verifyMlDsa(dsa) };
}

/** Without WebCrypto (never the case in Node ≥ 20 or browsers), ECDSA falls back to noble. */
function nobleFallback(key: CosePublicKey, msg: Uint8Array, sig: Uint8Array): boolean | undefined {
  if (key.kty === 'EC2') {
    const pub = concatBytes(new Uint8Array([4]), key.x, key.y);
    return EC[key.crv].curve.verify(sig, msg, pub, { format: 'der', lowS: false, prehash: true });
  }
  return undefined;
}

const KEY_CACHE_LIMIT = 512;
const keyCache = new Map<string, Promise<unknown>>();

function keyId(key: CosePublicKey): string {
  switch (key.kty) {
    case 'EC2': return `${key.alg}:${bytesToHex(key.x)}:${bytesToHex(key.y)}`;
    case 'OKP': return `${key.alg}:${bytesToHex(key.x)}`;
    case 'RSA': return `${key.alg}:${bytesToHex(key.n)}:${bytesToHex(key.e)}`;
    case 'AKP': return `${key.alg}:${bytesToHex(key.pub)}`;
  }
}

/** Import once per public key: an RP verifies many assertions with the same stored credential key. */
function importCached(subtle: SubtleLike, key: CosePublicKey, plan: Extract<Plan, { via: 'subtle' }>): Promise<unknown> {
  const id = keyId(key);
  let p = keyCache.get(id);
  if (!p) {
    p = subtle.importKey(plan.format, plan.keyData(key), plan.importAlg, false, ['verify']);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, p);
    p.catch(() => keyCache.delete(id));
  }
  return p;
}

/**
 * Verify `signature` over `message` with a COSE public key. Never throws: a malformed key or
 * signature is `{ valid: false, reason }`, because hostile protocol data is a failed check.
 */
export async function verifySignature(key: CosePublicKey, message: Uint8Array, signature: Uint8Array): Promise<SignatureResult> {
  const plan = planFor(key);
  if (typeof plan === 'string') return { valid: false, algorithm: coseAlgName(key.alg), reason: plan };
  try {
    if (plan.via === 'noble') {
      return (await plan.verify(key, message, signature)) ? { valid: true, algorithm: plan.name } : { valid: false, algorithm: plan.name, reason: 'the signature does not verify with the credential public key' };
    }
    const subtle = platformSubtle();
    let ok: boolean | undefined;
    if (subtle) {
      let sig: Uint8Array;
      try {
        sig = plan.sig(signature);
      } catch (e) {
        return { valid: false, algorithm: plan.name, reason: `the signature is not a valid DER-encoded ECDSA signature (${errorMessage(e)})` };
      }
      const cryptoKey = await importCached(subtle, key, plan);
      ok = await subtle.verify(plan.verifyAlg, cryptoKey, sig, message);
    } else {
      ok = nobleFallback(key, message, signature);
      if (ok === undefined) return { valid: false, algorithm: plan.name, reason: `${plan.name} needs WebCrypto, which this platform lacks` };
    }
    return ok ? { valid: true, algorithm: plan.name } : { valid: false, algorithm: plan.name, reason: 'the signature does not verify with the credential public key' };
  } catch (e) {
    return { valid: false, algorithm: plan.name, reason: `the key or signature cannot be used (${errorMessage(e)})` };
  }
}
