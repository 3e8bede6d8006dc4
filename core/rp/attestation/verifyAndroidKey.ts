import { NonStandardKeyDescription, id_ce_keyDescription, type NonStandardAuthorizationList } from '@peculiar/asn1-android';
import { AsnConvert } from '@peculiar/asn1-schema';
import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { errorMessage, ProoflineError } from '../../errors.js';
import { certificateSignature, sameKey } from './certificate.js';
import { Requirements, stmtAlg, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome, type AttestationPolicy } from './types.js';

/** KeyMint / Keymaster tag values the procedure names (Android KeyMint Tag, KeyOrigin, KeyPurpose). */
const KM_ORIGIN_GENERATED = 0;
const KM_PURPOSE_SIGN = 2;
const SECURITY_LEVEL = ['Software', 'TrustedEnvironment', 'StrongBox'];

/**
 * `android-key` (WebAuthn L3 §8.4), in full: sig verifies with x5c[0]'s key; that key is the
 * credential public key; the key description extension (§8.4.1) has attestationChallenge =
 * clientDataHash; allApplications is on neither authorization list; origin is
 * KM_ORIGIN_GENERATED and purpose includes KM_PURPOSE_SIGN — in the TEE's list, or (unless the RP
 * accepts only TEE keys) in the union with the software list. Basic attestation, trust path x5c.
 */
export async function verifyAndroidKey(input: AttestationInput, policy: AttestationPolicy): Promise<AttestationOutcome> {
  // Intent: the Android keystore generated this very key, for signing, for this RP only.
  const r = new Requirements('rp.androidKey', 'androidKey');
  const stmt = r.read('syntax', 'attStmt syntax: alg, sig, x5c', () => {
    const x5c = stmtX5c(input.attStmt);
    if (!x5c) throw new ProoflineError('ERR_ATTESTATION', '"x5c" is required (the credential certificate and its chain), got nothing', 'attStmt');
    return { alg: stmtAlg(input.attStmt), sig: stmtBytes(input.attStmt, 'sig'), x5c };
  });
  if (!stmt) return { checks: r.checks, type: 'not-verified' };
  const { alg, sig, x5c } = stmt;
  const signed = concatBytes(input.authData.raw, input.clientDataHash);
  const { cert, key: certKey } = await certificateSignature(r, 'sig', 'sig verifies with the first certificate\'s key', x5c[0]!, alg, signed, sig, { signed: 'authData ‖ clientDataHash', key: "the certificate's (x5c[0]) key" });
  if (!cert || !certKey) return { checks: r.checks, type: 'basic', x5c };
  if (!input.credentialKey) r.skip('key', 'the certificate\'s key is the credential public key', 'cannot run: the credential public key is unusable (see rp.credentialKey)');
  else r.need('key', 'the certificate\'s key is the credential public key', sameKey(certKey, input.credentialKey), 'the certificate\'s public key is the credential public key', 'expected the attestation certificate\'s public key to be the credential public key, got a different key');

  const ext = cert.extensions.get(id_ce_keyDescription);
  let kd: NonStandardKeyDescription | undefined;
  try {
    if (!ext) throw new ProoflineError('ERR_ATTESTATION', `the certificate has no key description extension ${id_ce_keyDescription}`, cert.where);
    kd = AsnConvert.parse(ext.value, NonStandardKeyDescription);
  } catch (e) {
    r.malformed('challenge', 'attestationChallenge is clientDataHash', e instanceof ProoflineError ? e : new ProoflineError('ERR_DER', `the key description does not parse (${errorMessage(e)})`, cert.where), 'androidKeyCertificate');
  }
  if (!kd) return { checks: r.checks, type: 'basic', x5c };
  const challenge = new Uint8Array(kd.attestationChallenge.buffer);
  r.need('challenge', 'attestationChallenge is clientDataHash', equalBytes(challenge, input.clientDataHash), 'attestationChallenge is clientDataHash: the key was attested for this registration', `expected attestationChallenge = clientDataHash ${bytesToHex(input.clientDataHash).slice(0, 16)}…, got ${bytesToHex(challenge).slice(0, 16)}…`);

  const tee = kd.teeEnforced;
  const sw = kd.softwareEnforced;
  const has = (list: NonStandardAuthorizationList, key: 'allApplications'): boolean => list.findProperty(key) !== undefined;
  const allApps = [has(tee, 'allApplications') ? 'teeEnforced' : '', has(sw, 'allApplications') ? 'softwareEnforced' : ''].filter(Boolean);
  r.need('allApplications', 'allApplications absent from both authorization lists', allApps.length === 0, 'allApplications is on neither authorization list: the key is scoped to one application', `expected no allApplications field (the credential must be scoped to its RP ID), found it in ${allApps.join(' and ')}`);

  const teeOnly = policy.androidKeyTeeOnly === true;
  const lists: [string, NonStandardAuthorizationList][] = teeOnly ? [['teeEnforced', tee]] : [['teeEnforced', tee], ['softwareEnforced', sw]];
  const where = teeOnly ? 'the TEE list (the RP accepts only TEE keys)' : 'the TEE and software lists';
  const origins = lists.map(([name, l]) => [name, l.findProperty('origin')] as const).filter(([, v]) => v !== undefined);
  const originAt = origins.find(([, v]) => v === KM_ORIGIN_GENERATED)?.[0];
  r.need(
    'origin',
    'origin is KM_ORIGIN_GENERATED',
    originAt !== undefined,
    `origin is KM_ORIGIN_GENERATED in ${originAt}: the key was generated inside the keystore`,
    `expected origin KM_ORIGIN_GENERATED (0) in ${where}, got ${origins.length ? origins.map(([n, v]) => `${v} in ${n}`).join(', ') : 'no origin field'}`,
  );
  const purposes = lists.map(([name, l]) => [name, [...(l.findProperty('purpose') ?? [])]] as const).filter(([, v]) => v.length > 0);
  const purposeAt = purposes.find(([, v]) => v.includes(KM_PURPOSE_SIGN))?.[0];
  r.need(
    'purpose',
    'purpose is KM_PURPOSE_SIGN',
    purposeAt !== undefined,
    `purpose includes KM_PURPOSE_SIGN in ${purposeAt}`,
    `expected purpose KM_PURPOSE_SIGN (2) in ${where}, got ${purposes.length ? purposes.map(([n, v]) => `[${v.join(', ')}] in ${n}`).join(', ') : 'no purpose field'}`,
  );
  const level = SECURITY_LEVEL[kd.attestationSecurityLevel] ?? `level ${kd.attestationSecurityLevel}`;
  return { checks: r.checks, type: 'basic', x5c, facts: [`Android keystore attestation, security level ${level}`] };
}
