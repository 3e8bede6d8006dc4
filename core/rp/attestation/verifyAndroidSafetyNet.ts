import { base64 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToUtf8, concatBytes, utf8ToBytes } from '../../codec/bytes.js';
import { fromBase64url } from '../../codec/base64url.js';
import { COSE_ALG } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { ProoflineError } from '../../errors.js';
import { OID_NAME, certificateSan, parseCertificate, spkiToCoseKey, type ParsedCertificate } from './certificate.js';
import { Requirements, stmtBytes, type AttestationInput, type AttestationOutcome, type AttestationPolicy } from './types.js';

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

/** The host name Google's SafetyNet attestation service signs with. */
const SAFETYNET_HOST = 'attest.android.com';

/**
 * `android-safetynet` (WebAuthn L3 §8.5), in full: response is a SafetyNet JWS whose RS256
 * signature verifies with its x5c[0], a certificate issued to attest.android.com (the SafetyNet
 * online documentation's check that it came from the service); its nonce is
 * base64(SHA-256(authData ‖ clientDataHash)); by policy ctsProfileMatch is true; its timestampMs
 * is not later than the time attestation is judged at. Basic attestation, trust path x5c.
 */
export async function verifyAndroidSafetyNet(input: AttestationInput, policy: AttestationPolicy, at: number): Promise<AttestationOutcome> {
  // Intent: Google's service vouched for this device, for this registration, at a time that makes sense.
  const r = new Requirements('rp.safetyNet', 'androidSafetyNet');
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  let parts: string[];
  let x5c: Uint8Array[];
  try {
    const ver = input.attStmt.get('ver');
    if (typeof ver !== 'string' || ver === '') throw new ProoflineError('ERR_ATTESTATION', `"ver" expected the Google Play Services version string, got ${JSON.stringify(ver ?? null)}`, 'attStmt');
    const jws = bytesToUtf8(stmtBytes(input.attStmt, 'response'));
    parts = jws.split('.');
    if (parts.length !== 3) throw new ProoflineError('ERR_ATTESTATION', `expected a compact JWS of 3 parts, got ${parts.length}`, 'attStmt.response');
    header = jsonPart(parts[0]!, 'attStmt.response header');
    payload = jsonPart(parts[1]!, 'attStmt.response payload');
    x5c = Array.isArray(header.x5c) ? (header.x5c as unknown[]).filter((c): c is string => typeof c === 'string').map((c) => base64.decode(c)) : [];
    if (x5c.length === 0) throw new ProoflineError('ERR_ATTESTATION', 'the JWS header has no x5c certificates', 'attStmt.response header');
  } catch (e) {
    r.malformed('syntax', 'attStmt syntax: ver, response (a SafetyNet JWS)', e);
    return { checks: r.checks, type: 'not-verified' };
  }
  let leaf: ParsedCertificate | undefined;
  try {
    leaf = parseCertificate(x5c[0]!, 'attStmt.response x5c[0]');
    if (header.alg !== 'RS256') throw new ProoflineError('ERR_ATTESTATION', `the JWS alg is ${JSON.stringify(header.alg)}, not RS256`, 'attStmt.response header');
    const v = await verifySignature(spkiToCoseKey(leaf, COSE_ALG.RS256), utf8ToBytes(`${parts[0]}.${parts[1]}`), fromBase64url(parts[2]!, 'attStmt.response signature'));
    r.need('jws', 'the JWS signature verifies with its certificate', v.valid, 'the RS256 JWS signature verifies with its x5c[0] certificate', `expected the SafetyNet JWS signature to verify with its certificate, but ${v.valid ? '' : v.reason}`);
  } catch (e) {
    r.malformed('jws', 'the JWS signature verifies with its certificate', e);
  }
  if (leaf) {
    let names: string[] = [...(leaf.subjectAttributes.get(OID_NAME.CN) ?? [])];
    try {
      names = [...names, ...(certificateSan(leaf)?.flatMap((g) => (g.dNSName ? [g.dNSName] : [])) ?? [])];
    } catch {
      // A malformed SAN leaves the subject CN to decide.
    }
    r.need('host', 'the certificate is issued to attest.android.com', names.includes(SAFETYNET_HOST), `the JWS certificate is issued to ${SAFETYNET_HOST}`, `expected the JWS certificate to be issued to ${SAFETYNET_HOST}, got ${names.length ? names.map((n) => JSON.stringify(n)).join(', ') : 'no host name'}`);
  }
  const nonce = base64.encode(sha256(concatBytes(input.authData.raw, input.clientDataHash)));
  r.need('nonce', 'nonce is base64(SHA-256(authData ‖ clientDataHash))', payload.nonce === nonce, 'the payload nonce is base64(SHA-256(authData ‖ clientDataHash)): bound to this registration', `expected nonce ${nonce}, got ${JSON.stringify(payload.nonce)}`);
  if (policy.requireCtsProfileMatch === false) r.skip('ctsProfileMatch', 'ctsProfileMatch, by RP policy', `not required by the RP's policy (requireCtsProfileMatch false); the payload says ${JSON.stringify(payload.ctsProfileMatch)}`);
  else r.need('ctsProfileMatch', 'ctsProfileMatch, by RP policy', payload.ctsProfileMatch === true, 'ctsProfileMatch is true: the device passed Android compatibility checks', `expected ctsProfileMatch true (the RP requires a device that passed Android compatibility checks), got ${JSON.stringify(payload.ctsProfileMatch)}`);
  const ts = payload.timestampMs;
  // Number.isFinite is false for anything but a finite number.
  const time = Number.isFinite(ts) ? new Date(ts as number).toISOString() : undefined;
  const when = new Date(at).toISOString();
  r.need(
    'timestamp',
    'timestampMs is not later than the verification time',
    time !== undefined && (ts as number) <= at,
    `timestampMs ${time} is not later than the verification time ${when}`,
    time !== undefined ? `expected timestampMs not later than the verification time ${when}, got ${time}` : `expected a numeric timestampMs, got ${JSON.stringify(ts ?? null)}`,
  );
  return { checks: r.checks, type: 'basic', x5c };
}
