import { check, type CheckResult } from '../../check.js';
import { specRef } from '../specTable.js';
import { bytesToHex, equalBytes } from '../../codec/bytes.js';

/**
 * If the RP listed allowCredentials, verify the credential id is one of them
 * (WebAuthn L3 §7.2 step 5).
 */
export function checkAllowCredential(credentialId: Uint8Array | undefined, allowed: readonly Uint8Array[] | undefined): CheckResult {
  // Intent: only credentials the RP asked for may answer.
  const spec = specRef('rp.allowCredential', 'authentication');
  if (!allowed || allowed.length === 0) return check('rp.allowCredential', 'rp', spec, 'skip', 'no allowCredentials list was given, so any credential of the account may answer');
  if (!credentialId || credentialId.length === 0) return check('rp.allowCredential', 'rp', spec, 'fail', `expected one of ${allowed.length} allowed credential ids, but the response carries no credential id`);
  const hex = bytesToHex(credentialId);
  const short = hex.length > 16 ? `${hex.slice(0, 16)}…` : hex;
  if (allowed.some((a) => equalBytes(a, credentialId))) return check('rp.allowCredential', 'rp', spec, 'pass', `credential id ${short} is one of the ${allowed.length} allowed credentials`);
  return check('rp.allowCredential', 'rp', spec, 'fail', `expected one of the ${allowed.length} allowed credential ids, got ${short}`);
}
