import { base64 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToUtf8, concatBytes, utf8ToBytes } from '../../codec/bytes.js';
import { fromBase64url } from '../../codec/base64url.js';
import { COSE_ALG } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { ProoflineError } from '../../errors.js';
import { parseCertificate, spkiToCoseKey } from './certificate.js';
import { stmtBytes, type AttestationInput, type AttestationOutcome, type AttestationPolicy } from './types.js';

function jsonPart(part: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(bytesToUtf8(fromBase64url(part, what)));
  } catch (e) {
    if (e instanceof ProoflineError) throw e;
    throw new ProoflineError('ERR_ATTESTATION', 'is not base64url JSON', what);
  }
  if (v === null || typeof v !== 'object') throw new ProoflineError('ERR_ATTESTATION', 'is not a JSON object', what);
  return v as Record<string, unknown>;
}

/**
 * `android-safetynet` (WebAuthn L3 §8.5), partly: the JWS signature verifies with its x5c[0]
 * (RS256), the nonce is base64(SHA-256(authData ‖ clientDataHash)) and, by policy,
 * ctsProfileMatch is true. The chain, hostname and timestamp are not checked.
 */
export async function verifyAndroidSafetyNet(input: AttestationInput, policy: AttestationPolicy): Promise<AttestationOutcome> {
  // Intent: check the JWS binding to this registration and the device-integrity verdict in it.
  const jws = bytesToUtf8(stmtBytes(input.attStmt, 'response'));
  const parts = jws.split('.');
  if (parts.length !== 3) throw new ProoflineError('ERR_ATTESTATION', `expected a compact JWS of 3 parts, got ${parts.length}`, 'attStmt.response');
  const header = jsonPart(parts[0]!, 'attStmt.response header');
  const payload = jsonPart(parts[1]!, 'attStmt.response payload');
  const x5c = Array.isArray(header.x5c) ? (header.x5c as unknown[]).filter((c): c is string => typeof c === 'string').map((c) => base64.decode(c)) : [];
  if (x5c.length === 0 || header.alg !== 'RS256') return { status: 'fail', type: 'basic-unverified-chain', detail: `expected an RS256 JWS with x5c, got alg ${JSON.stringify(header.alg)} and ${x5c.length} certificates` };
  const r = await verifySignature(spkiToCoseKey(parseCertificate(x5c[0]!), COSE_ALG.RS256), utf8ToBytes(`${parts[0]}.${parts[1]}`), fromBase64url(parts[2]!, 'attStmt.response signature'));
  if (!r.valid) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the SafetyNet JWS signature to verify with its certificate, but ${r.reason}` };
  const nonce = base64.encode(sha256(concatBytes(input.authData.raw, input.clientDataHash)));
  if (payload.nonce !== nonce) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected nonce ${nonce}, got ${JSON.stringify(payload.nonce)}` };
  if (policy.requireCtsProfileMatch !== false && payload.ctsProfileMatch !== true) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected ctsProfileMatch true (the device passed Android compatibility checks), got ${JSON.stringify(payload.ctsProfileMatch)}` };
  return { status: 'skip', type: 'not-verified', x5c, detail: `not verified (format android-safetynet): the JWS signature and nonce check out${policy.requireCtsProfileMatch === false ? ' (ctsProfileMatch not required)' : ', ctsProfileMatch true'}; the chain, hostname and timestamp are not checked` };
}
