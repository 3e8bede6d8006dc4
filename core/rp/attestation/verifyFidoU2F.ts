import { concatBytes } from '../../codec/bytes.js';
import { COSE_ALG, type CosePublicKey } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { keyKind, parseCertificate, spkiToCoseKey } from './certificate.js';
import { Requirements, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/**
 * `fido-u2f` (WebAuthn L3 §8.6): x5c holds exactly one certificate, whose key is EC P-256; the
 * credential key is EC2 P-256; sig verifies over 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖
 * 0x04 ‖ x ‖ y (the U2F registration message). Basic or AttCA, trust path x5c.
 */
export async function verifyFidoU2F(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: rebuild what a U2F token signed and check it with the certificate key.
  const r = new Requirements('rp.u2f', 'fidoU2F');
  let sig: Uint8Array;
  let x5c: Uint8Array[] | undefined;
  try {
    sig = stmtBytes(input.attStmt, 'sig');
    x5c = stmtX5c(input.attStmt);
  } catch (e) {
    r.malformed('syntax', 'attStmt syntax: sig, x5c', e);
    return { checks: r.checks, type: 'not-verified' };
  }
  if (!r.need('x5c', 'x5c has exactly one element', x5c?.length === 1, 'x5c holds exactly one attestation certificate', `expected x5c with exactly one certificate, got ${x5c ? x5c.length : 'none'}`)) return { checks: r.checks, type: 'basic-or-attca', ...(x5c ? { x5c } : {}) };
  let certKey;
  try {
    certKey = spkiToCoseKey(parseCertificate(x5c![0]!), COSE_ALG.ES256);
  } catch (e) {
    r.malformed('certKey', 'the certificate key is EC P-256', e);
    return { checks: r.checks, type: 'basic-or-attca', x5c: x5c! };
  }
  const p256 = r.need('certKey', 'the certificate key is EC P-256', keyKind(certKey) === 'EC2 P-256', 'the attestation certificate key is EC P-256', `expected an EC P-256 attestation certificate key, got ${keyKind(certKey)}`);
  const key = input.credentialKey;
  const acd = input.authData.attestedCredentialData;
  const cred = acd && key && keyKind(key) === 'EC2 P-256' ? { acd, key: key as Extract<CosePublicKey, { kty: 'EC2' }> } : undefined;
  r.need('credentialKey', 'the credential key is EC2 P-256', cred !== undefined, 'the credential public key is EC2 P-256, as U2F tokens make', `expected an EC2 P-256 credential public key for fido-u2f, got ${key ? keyKind(key) : 'none'}`);
  if (!p256 || !cred) {
    r.skip('sig', 'sig verifies over the U2F registration message', 'cannot run: needs a P-256 certificate key and a P-256 credential key');
    return { checks: r.checks, type: 'basic-or-attca', x5c: x5c! };
  }
  const data = concatBytes(new Uint8Array([0]), input.authData.rpIdHash, input.clientDataHash, cred.acd.credentialId, new Uint8Array([4]), cred.key.x, cred.key.y);
  const v = await verifySignature(certKey, data, sig);
  r.need('sig', 'sig verifies over the U2F registration message', v.valid, 'the ES256 signature over 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖ public key verifies with the certificate key', `expected the U2F attestation signature over 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖ public key to verify with the certificate key, but ${v.valid ? '' : v.reason}`);
  return { checks: r.checks, type: 'basic-or-attca', x5c: x5c! };
}
