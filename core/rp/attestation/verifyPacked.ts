import { coseAlgName } from '../../codec/cose.js';
import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { verifySignature } from '../../crypto/verify.js';
import { certificateAaguid, parseCertificate, spkiToCoseKey } from './certificate.js';
import { stmtAlg, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/**
 * `packed` (WebAuthn L3 §8.2): with x5c, sig over authData ‖ clientDataHash verifies with the
 * attestation certificate's key and the certificate meets §8.2.1 as far as it can be checked
 * without trust roots (version 3, not a CA, AAGUID extension matches); without x5c (self
 * attestation), alg is the credential key's and sig verifies with the credential key.
 */
export async function verifyPacked(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: check the statement's signature and the certificate claims we can check offline.
  const alg = stmtAlg(input.attStmt);
  const sig = stmtBytes(input.attStmt, 'sig');
  const x5c = stmtX5c(input.attStmt);
  const signed = concatBytes(input.authData.raw, input.clientDataHash);
  if (!x5c) {
    const key = input.credentialKey;
    if (!key) return { status: 'skip', type: 'self', detail: 'cannot run: self attestation needs the credential public key, which is unusable (see rp.credentialKey)' };
    if (key.alg !== alg) return { status: 'fail', type: 'self', detail: `expected attStmt.alg to be the credential key's ${coseAlgName(key.alg)}, got ${coseAlgName(alg)}` };
    const r = await verifySignature(key, signed, sig);
    if (!r.valid) return { status: 'fail', type: 'self', detail: `expected the self-attestation signature to verify with the credential key, but ${r.reason}` };
    return { status: 'pass', type: 'self', detail: `packed self attestation: the ${r.algorithm} signature verifies with the credential key (the authenticator vouches only for itself)` };
  }
  const leaf = parseCertificate(x5c[0]!);
  const r = await verifySignature(spkiToCoseKey(leaf, alg), signed, sig);
  if (!r.valid) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the ${coseAlgName(alg)} attestation signature to verify with the x5c[0] certificate key, but ${r.reason}` };
  if (leaf.version !== 3) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected an X.509 version 3 attestation certificate, got version ${leaf.version}` };
  if (leaf.isCA === true) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: 'expected basicConstraints CA false on the attestation certificate, got CA true' };
  const certAaguid = certificateAaguid(leaf);
  const aaguid = input.authData.attestedCredentialData?.aaguid;
  if (certAaguid && aaguid && !equalBytes(certAaguid, aaguid)) {
    return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the certificate's id-fido-gen-ce-aaguid ${bytesToHex(certAaguid)} to equal authData's AAGUID ${bytesToHex(aaguid)}` };
  }
  return {
    status: 'pass',
    type: 'basic-unverified-chain',
    x5c,
    detail: `packed x5c attestation: the ${r.algorithm} signature verifies with the certificate key, certificate v3, CA false${certAaguid ? ', AAGUID extension matches' : ''}; the chain (${x5c.length} cert${x5c.length === 1 ? '' : 's'}) is not checked against a trust root`,
  };
}
