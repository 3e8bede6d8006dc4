import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { COSE_ALG } from '../../codec/cose.js';
import { ProoflineError } from '../../errors.js';
import { parseCertificate, readChildren, readTlv, sameKey, spkiToCoseKey } from './certificate.js';
import { stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/** Apple's nonce extension (WebAuthn L3 §8.8). */
const OID_APPLE_NONCE = '1.2.840.113635.100.8.2';

/**
 * `apple` (WebAuthn L3 §8.8): the credCert's nonce extension is SHA-256(authData ‖ clientDataHash)
 * and its public key is the credential public key. Anonymization CA; no trust root is checked.
 */
export function verifyApple(input: AttestationInput): AttestationOutcome {
  // Intent: Apple signs nothing here: the certificate itself binds the nonce and the key.
  const x5c = stmtX5c(input.attStmt);
  if (!x5c) return { status: 'fail', type: 'basic-unverified-chain', detail: 'expected x5c with the credential certificate, got none' };
  const cert = parseCertificate(x5c[0]!);
  const ext = cert.extensions.get(OID_APPLE_NONCE);
  if (!ext) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the nonce extension ${OID_APPLE_NONCE} in the credential certificate, got none` };
  // SEQUENCE { [1] EXPLICIT OCTET STRING nonce }
  const tagged = readChildren(readTlv(ext).value)[0];
  if (!tagged || tagged.tag !== 0xa1) throw new ProoflineError('ERR_DER', 'nonce extension is not SEQUENCE { [1] OCTET STRING }', 'x5c[0]');
  const nonce = readTlv(tagged.value).value;
  const expected = sha256(concatBytes(input.authData.raw, input.clientDataHash));
  if (!equalBytes(nonce, expected)) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: `expected the certificate nonce SHA-256(authData ‖ clientDataHash) = ${bytesToHex(expected).slice(0, 16)}…, got ${bytesToHex(nonce).slice(0, 16)}…` };
  const key = input.credentialKey;
  if (!key || !sameKey(spkiToCoseKey(cert, key.alg ?? COSE_ALG.ES256), key)) return { status: 'fail', type: 'basic-unverified-chain', x5c, detail: 'expected the credential certificate key to be the credential public key, got a different key' };
  return { status: 'pass', type: 'basic-unverified-chain', x5c, detail: 'apple attestation: the certificate nonce is SHA-256(authData ‖ clientDataHash) and its key is the credential key; the chain is not checked against Apple\'s root' };
}
