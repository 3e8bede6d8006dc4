import { check, type CheckResult } from '../../check.js';
import { parseAttestationObject, type AttestationObject } from '../../codec/attestationObject.js';
import { specRef } from '../specTable.js';
import { errorMessage } from '../../errors.js';

/**
 * CBOR-decode the attestationObject into fmt, authData and attStmt (WebAuthn L3 §7.1 step 13).
 * Hostile CBOR (truncated, huge declared lengths, deep nesting) is a failed check, not an exception.
 */
export function checkAttestationObject(raw: Uint8Array): { check: CheckResult; attestationObject?: AttestationObject } {
  // Intent: every registration check below reads authData and attStmt from this object.
  const spec = specRef('rp.attestationObject', 'registration');
  try {
    const ao = parseAttestationObject(raw);
    return { attestationObject: ao, check: check('rp.attestationObject', 'rp', spec, 'pass', `attestationObject decodes: fmt ${JSON.stringify(ao.fmt)}, authData ${ao.authDataBytes.length} bytes`) };
  } catch (e) {
    return { check: check('rp.attestationObject', 'rp', spec, 'fail', `expected a CBOR map of fmt, attStmt and authData, but ${errorMessage(e)}`) };
  }
}
