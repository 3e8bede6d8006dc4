import { decodeCbor, encodeCbor } from './cbor.js';
import { parseAuthenticatorData, type AuthenticatorData } from './authenticatorData.js';
import { ProoflineError, errorMessage } from '../errors.js';

/** A decoded attestationObject (WebAuthn L3 §6.5.4). */
export interface AttestationObject {
  readonly fmt: string;
  /** attStmt as a CBOR map with string keys. */
  readonly attStmt: Map<unknown, unknown>;
  readonly authData: AuthenticatorData;
  readonly authDataBytes: Uint8Array;
  readonly raw: Uint8Array;
}

/** Decode an attestationObject; wrong shapes are ERR_ATTESTATION, bad CBOR ERR_CBOR. */
export function parseAttestationObject(raw: Uint8Array): AttestationObject {
  const m = decodeCbor(raw, 'attestationObject');
  if (!(m instanceof Map)) throw new ProoflineError('ERR_ATTESTATION', 'is not a CBOR map', 'attestationObject');
  const fmt = m.get('fmt');
  const attStmt = m.get('attStmt');
  const authDataBytes = m.get('authData');
  if (typeof fmt !== 'string') throw new ProoflineError('ERR_ATTESTATION', '"fmt" expected a text string', 'attestationObject');
  if (!(attStmt instanceof Map)) throw new ProoflineError('ERR_ATTESTATION', '"attStmt" expected a map', 'attestationObject');
  if (!(authDataBytes instanceof Uint8Array)) throw new ProoflineError('ERR_ATTESTATION', '"authData" expected a byte string', 'attestationObject');
  let authData: AuthenticatorData;
  try {
    authData = parseAuthenticatorData(authDataBytes);
  } catch (e) {
    if (e instanceof ProoflineError) throw e;
    throw new ProoflineError('ERR_AUTH_DATA', errorMessage(e), 'attestationObject.authData');
  }
  return { fmt, attStmt, authData, authDataBytes, raw };
}

/** Encode an attestationObject with members in CTAP2 canonical order (fmt, attStmt, authData). */
export function encodeAttestationObject(fmt: string, attStmt: Map<string, unknown>, authData: Uint8Array): Uint8Array {
  return encodeCbor(new Map<string, unknown>([['fmt', fmt], ['attStmt', attStmt], ['authData', authData]]));
}
