import { concatBytes } from '../../codec/bytes.js';
import { COSE_ALG } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { parseCertificate, spkiToCoseKey } from './certificate.js';
import { stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/**
 * `fido-u2f` (WebAuthn L3 §8.6): one P-256 attestation certificate; sig verifies over
 * 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖ 0x04 ‖ x ‖ y (the U2F registration message).
 */
export async function verifyFidoU2F(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: rebuild what a U2F token signed and check it with the certificate key.
  const sig = stmtBytes(input.attStmt, 'sig');
  const x5c = stmtX5c(input.attStmt);
  if (!x5c || x5c.length !== 1) return { status: 'fail', type: 'basic-unverified-chain', detail: `expected x5c with exactly one certificate, got ${x5c ? x5c.length : 'none'}` };
  const certKey = spkiToCoseKey(parseCertificate(x5c[0]!), COSE_ALG.ES256);
  if (certKey.kty !== 'EC2' || certKey.crv !== 'P-256') return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected an EC P-256 attestation certificate key, got ${certKey.kty}` };
  const key = input.credentialKey;
  const acd = input.authData.attestedCredentialData;
  if (!key || !acd || key.kty !== 'EC2' || key.crv !== 'P-256') return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: 'expected an EC2 P-256 credential public key for fido-u2f' };
  const data = concatBytes(new Uint8Array([0]), input.authData.rpIdHash, input.clientDataHash, acd.credentialId, new Uint8Array([4]), key.x, key.y);
  const r = await verifySignature(certKey, data, sig);
  if (!r.valid) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the U2F attestation signature over 0x00‖rpIdHash‖clientDataHash‖credentialId‖publicKey to verify with the certificate key, but ${r.reason}` };
  return { status: 'pass', type: 'basic-unverified-chain', x5c, detail: 'fido-u2f attestation: the ES256 signature over the U2F registration data verifies with the certificate key; the certificate is not checked against a trust root' };
}
