import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { coseAlgName } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { ProoflineError } from '../../errors.js';
import { parseCertificate, readChildren, readTlv, sameKey, spkiToCoseKey } from './certificate.js';
import { stmtAlg, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/** Android Key Attestation extension (KeyDescription). */
const OID_ANDROID_KEY = '1.3.6.1.4.1.11129.2.1.17';

/**
 * `android-key` (WebAuthn L3 §8.4), partly: sig verifies with the certificate key, the
 * certificate key is the credential key, attestationChallenge is clientDataHash. The
 * authorization lists (origin, purpose, allApplications) and the chain are not checked, so a
 * statement that passes these is reported as not fully verified.
 */
export async function verifyAndroidKey(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: check everything that does not need Google's roots or a KeyMint policy.
  const alg = stmtAlg(input.attStmt);
  const sig = stmtBytes(input.attStmt, 'sig');
  const x5c = stmtX5c(input.attStmt);
  if (!x5c) return { status: 'fail', type: 'basic-unverified-chain', detail: 'expected x5c with the attestation certificate, got none' };
  const cert = parseCertificate(x5c[0]!);
  const certKey = spkiToCoseKey(cert, alg);
  const r = await verifySignature(certKey, concatBytes(input.authData.raw, input.clientDataHash), sig);
  if (!r.valid) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the ${coseAlgName(alg)} attestation signature to verify with the certificate key, but ${r.reason}` };
  if (!input.credentialKey || !sameKey(certKey, input.credentialKey)) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: 'expected the attestation certificate key to be the credential public key, got a different key' };
  const ext = cert.extensions.get(OID_ANDROID_KEY);
  if (!ext) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the key description extension ${OID_ANDROID_KEY}, got none` };
  const fields = readChildren(readTlv(ext).value);
  const challenge = fields[4];
  if (!challenge || challenge.tag !== 0x04) throw new ProoflineError('ERR_DER', 'KeyDescription has no attestationChallenge OCTET STRING', 'x5c[0]');
  if (!equalBytes(challenge.value, input.clientDataHash)) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected attestationChallenge = clientDataHash ${bytesToHex(input.clientDataHash).slice(0, 16)}…, got ${bytesToHex(challenge.value).slice(0, 16)}…` };
  return { status: 'skip', type: 'not-verified', x5c, detail: 'not verified (format android-key): signature, key and attestationChallenge check out; authorization lists and the chain are not checked' };
}
