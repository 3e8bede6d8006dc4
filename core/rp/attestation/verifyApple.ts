import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { ProoflineError } from '../../errors.js';
import { parseCertificate, sameKey, spkiToCoseKey, type ParsedCertificate } from './certificate.js';
import { Requirements, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/** Apple's nonce extension (WebAuthn L3 §8.8). */
const OID_APPLE_NONCE = '1.2.840.113635.100.8.2';

/** The nonce in credCert's extension: SEQUENCE { [1] EXPLICIT OCTET STRING }, read with asn1js. */
function appleNonce(cert: ParsedCertificate): Uint8Array {
  const ext = cert.extensions.get(OID_APPLE_NONCE);
  if (!ext) throw new ProoflineError('ERR_ATTESTATION', `credCert has no nonce extension ${OID_APPLE_NONCE}`, cert.where);
  const parsed = asn1js.fromBER(ext.value);
  const seq = parsed.result;
  const tagged = seq instanceof asn1js.Sequence ? seq.valueBlock.value[0] : undefined;
  const inner = tagged instanceof asn1js.Constructed && tagged.idBlock.tagClass === 3 && tagged.idBlock.tagNumber === 1 ? tagged.valueBlock.value[0] : undefined;
  if (parsed.offset === -1 || !(inner instanceof asn1js.OctetString)) throw new ProoflineError('ERR_DER', 'the nonce extension is not SEQUENCE { [1] OCTET STRING }', cert.where);
  return new Uint8Array(inner.valueBlock.valueHexView);
}

/**
 * `apple` (WebAuthn L3 §8.8): credCert's nonce extension is SHA-256(authData ‖ clientDataHash) and
 * its public key is the credential public key. Apple signs nothing here: the anonymization CA's
 * certificate itself binds the nonce and the key (AnonCA, trust path x5c).
 */
export function verifyApple(input: AttestationInput): AttestationOutcome {
  // Intent: the certificate Apple issued is for this key and this registration.
  const r = new Requirements('rp.apple', 'apple');
  let x5c: Uint8Array[] | undefined;
  let cert: ParsedCertificate;
  try {
    x5c = stmtX5c(input.attStmt);
    if (!x5c) throw new ProoflineError('ERR_ATTESTATION', '"x5c" is required (credCert and its chain), got nothing', 'attStmt');
    cert = parseCertificate(x5c[0]!);
  } catch (e) {
    r.malformed('syntax', 'attStmt syntax: x5c', e);
    return { checks: r.checks, type: 'not-verified' };
  }
  const expected = sha256(concatBytes(input.authData.raw, input.clientDataHash));
  try {
    const nonce = appleNonce(cert);
    r.need('nonce', 'credCert nonce is SHA-256(authData ‖ clientDataHash)', equalBytes(nonce, expected), 'credCert\'s nonce is SHA-256(authData ‖ clientDataHash): issued for this registration', `expected the certificate nonce SHA-256(authData ‖ clientDataHash) = ${bytesToHex(expected).slice(0, 16)}…, got ${bytesToHex(nonce).slice(0, 16)}…`);
  } catch (e) {
    r.malformed('nonce', 'credCert nonce is SHA-256(authData ‖ clientDataHash)', e);
  }
  const key = input.credentialKey;
  if (!key) r.skip('key', 'credCert\'s key is the credential public key', 'cannot run: the credential public key is unusable (see rp.credentialKey)');
  else {
    try {
      r.need('key', 'credCert\'s key is the credential public key', sameKey(spkiToCoseKey(cert, key.alg), key), 'credCert\'s subject public key is the credential public key', 'expected the credential certificate\'s public key to be the credential public key, got a different key');
    } catch (e) {
      r.malformed('key', 'credCert\'s key is the credential public key', e);
    }
  }
  return { checks: r.checks, type: 'anonca', x5c };
}
