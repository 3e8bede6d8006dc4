import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes } from '../../codec/bytes.js';
import { COSE_ALG } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { errorMessage } from '../../errors.js';
import { spkiToCoseKey, type ParsedCertificate } from './certificate.js';

/** Certificate signature algorithms (RFC 5758, RFC 8017, RFC 8410) → how to verify them. */
const SIG_ALGS: Record<string, { kind: 'ecdsa'; hash: (m: Uint8Array) => Uint8Array; name: string } | { kind: 'cose'; alg: number; name: string }> = {
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: sha256, name: 'ecdsa-with-SHA256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: sha384, name: 'ecdsa-with-SHA384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: sha512, name: 'ecdsa-with-SHA512' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: sha1, name: 'ecdsa-with-SHA1' },
  '1.2.840.113549.1.1.11': { kind: 'cose', alg: COSE_ALG.RS256, name: 'sha256WithRSAEncryption' },
  '1.2.840.113549.1.1.12': { kind: 'cose', alg: COSE_ALG.RS384, name: 'sha384WithRSAEncryption' },
  '1.2.840.113549.1.1.13': { kind: 'cose', alg: COSE_ALG.RS512, name: 'sha512WithRSAEncryption' },
  '1.2.840.113549.1.1.5': { kind: 'cose', alg: COSE_ALG.RS1, name: 'sha1WithRSAEncryption' },
  '1.3.101.112': { kind: 'cose', alg: COSE_ALG.EdDSA, name: 'Ed25519' },
};
const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

/** Whether `issuer`'s key signed `cert` (its tbsCertificate, with its signature algorithm). */
export async function issuedBy(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<{ ok: boolean; why: string }> {
  const alg = SIG_ALGS[cert.signatureAlgorithm];
  if (!alg) return { ok: false, why: `its signature algorithm ${cert.signatureAlgorithm} is not supported` };
  try {
    if (alg.kind === 'ecdsa') {
      const key = spkiToCoseKey(issuer, COSE_ALG.ES256);
      if (key.kty !== 'EC2') return { ok: false, why: `${alg.name} needs an EC issuer key, got ${key.kty}` };
      const ok = CURVES[key.crv].verify(cert.signature, alg.hash(cert.tbs), concatBytes(new Uint8Array([4]), key.x, key.y), { format: 'der', lowS: false, prehash: false });
      return { ok, why: ok ? alg.name : `the ${alg.name} signature does not verify with the issuer's key` };
    }
    const key = spkiToCoseKey(issuer, alg.alg);
    const v = await verifySignature(key, cert.tbs, cert.signature);
    return { ok: v.valid, why: v.valid ? alg.name : `the ${alg.name} signature does not verify with the issuer's key (${v.reason})` };
  } catch (e) {
    return { ok: false, why: errorMessage(e) };
  }
}

function within(cert: ParsedCertificate, at: number): boolean {
  return cert.notBefore.getTime() <= at && at <= cert.notAfter.getTime();
}

function iso(t: number | Date): string {
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/** A chain verified to an anchor, or why not. */
export type ChainResult = { ok: true; anchor: ParsedCertificate; length: number } | { ok: false; reason: string };

/**
 * Verify an attestation trust path (x5c, leaf first) to one of `anchors` at time `at`: each
 * certificate is valid at `at` and signed by the next one (a CA) or by an anchor, which must be
 * valid at `at` too. An x5c that ends in the anchor itself is accepted (the certificate before it
 * is issued by that anchor). Never throws.
 */
export async function verifyChain(path: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[], at: number): Promise<ChainResult> {
  if (anchors.length === 0) return { ok: false, reason: 'no trust anchor was given' };
  for (let i = 0; i < path.length; i++) {
    const cert = path[i]!;
    if (!within(cert, at)) return { ok: false, reason: `x5c[${i}] (${cert.subject || 'empty subject'}) is not valid at ${iso(at)}: valid ${iso(cert.notBefore)} to ${iso(cert.notAfter)}` };
    const reasons: string[] = [];
    for (const anchor of anchors.filter((a) => equalBytes(a.subjectDer, cert.issuerDer))) {
      const s = await issuedBy(cert, anchor);
      if (s.ok) return within(anchor, at) ? { ok: true, anchor, length: i + 1 } : { ok: false, reason: `the trust anchor ${anchor.subject} is not valid at ${iso(at)} (${iso(anchor.notBefore)} to ${iso(anchor.notAfter)})` };
      reasons.push(`anchor ${anchor.subject}: ${s.why}`);
    }
    const next = path[i + 1];
    if (next && equalBytes(next.subjectDer, cert.issuerDer)) {
      const s = await issuedBy(cert, next);
      if (!s.ok) return { ok: false, reason: `x5c[${i}] is not signed by x5c[${i + 1}]: ${s.why}` };
      // An anchor as the next certificate was tried above (same subject), so here next is not one.
      if (next.isCA !== true) return { ok: false, reason: `x5c[${i + 1}] (${next.subject}) signs x5c[${i}] but is not a CA (basic constraints)` };
      continue;
    }
    return { ok: false, reason: `x5c[${i}] is issued by ${cert.issuer || '(empty)'}, which is neither the next certificate nor a trust anchor${reasons.length ? ` (${reasons.join('; ')})` : ''}` };
  }
  return { ok: false, reason: 'the path ends without reaching a trust anchor' };
}
