import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { coseAlgName } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { certificateAaguid, parseCertificate, spkiToCoseKey } from './certificate.js';
import { hashForAlg } from './hashForAlg.js';
import { stmtAlg, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/**
 * `tpm` (WebAuthn L3 §8.3), partly: sig over certInfo verifies with the AIK certificate,
 * certInfo.extraData is hash(authData ‖ clientDataHash), and the certificate's AAGUID extension
 * matches. pubArea is not compared with the credential key and the chain is not checked, so a
 * statement that passes these is reported as not fully verified.
 */
export async function verifyTpm(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: catch a wrong signature, binding or AAGUID without implementing all of TPM 2.0.
  if (input.attStmt.get('ver') !== '2.0') return { status: 'fail', type: 'basic-unverified-chain', detail: `expected ver "2.0", got ${JSON.stringify(input.attStmt.get('ver'))}` };
  const alg = stmtAlg(input.attStmt);
  const sig = stmtBytes(input.attStmt, 'sig');
  const certInfo = stmtBytes(input.attStmt, 'certInfo');
  const x5c = stmtX5c(input.attStmt);
  if (!x5c) return { status: 'fail', type: 'basic-unverified-chain', detail: 'expected x5c with the AIK certificate (ECDAA is not supported), got none' };
  const cert = parseCertificate(x5c[0]!);
  const certAaguid = certificateAaguid(cert);
  const aaguid = input.authData.attestedCredentialData?.aaguid;
  if (certAaguid && aaguid && !equalBytes(certAaguid, aaguid)) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the AIK certificate's id-fido-gen-ce-aaguid ${bytesToHex(certAaguid)} to equal authData's AAGUID ${bytesToHex(aaguid)}` };
  const r = await verifySignature(spkiToCoseKey(cert, alg), certInfo, sig);
  if (!r.valid) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the ${coseAlgName(alg)} signature over certInfo to verify with the AIK certificate key, but ${r.reason}` };
  // TPMS_ATTEST: magic(4) type(2) qualifiedSigner(TPM2B) extraData(TPM2B) …
  const hash = hashForAlg(alg);
  if (hash && certInfo.length >= 8) {
    const qsLen = (certInfo[6]! << 8) | certInfo[7]!;
    const at = 8 + qsLen;
    const edLen = at + 2 <= certInfo.length ? (certInfo[at]! << 8) | certInfo[at + 1]! : -1;
    const extraData = edLen >= 0 ? certInfo.subarray(at + 2, at + 2 + edLen) : new Uint8Array(0);
    if (!equalBytes(extraData, hash(concatBytes(input.authData.raw, input.clientDataHash)))) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: 'expected certInfo.extraData = hash(authData ‖ clientDataHash), got a different value' };
  }
  return { status: 'skip', type: 'not-verified', x5c, detail: `not verified (format tpm): the certInfo signature${certAaguid ? ', extraData and AAGUID extension' : ' and extraData'} check out; pubArea and the chain are not checked` };
}
