import { check, type CheckResult } from '../../check.js';
import { parseAuthenticatorData, type AuthenticatorData } from '../../codec/authenticatorData.js';
import { specRef } from '../specTable.js';
import { errorMessage } from '../../errors.js';

/**
 * Parse authenticatorData (WebAuthn L3 §6.1) for an assertion; the flag, counter and signature
 * steps of §7.2 read it (step 7 names it authData).
 */
export function checkAuthenticatorData(raw: Uint8Array): { check: CheckResult; authData?: AuthenticatorData } {
  // Intent: the rpIdHash, flags and counter checks need well-formed authenticator data.
  const spec = specRef('rp.authenticatorData', 'authentication');
  if (raw.length === 0) return { check: check('rp.authenticatorData', 'rp', spec, 'skip', 'cannot run: the response has no authenticatorData (see rp.shape)') };
  try {
    const authData = parseAuthenticatorData(raw);
    return { authData, check: check('rp.authenticatorData', 'rp', spec, 'pass', `authenticatorData is well-formed (${raw.length} bytes)`) };
  } catch (e) {
    return { check: check('rp.authenticatorData', 'rp', spec, 'fail', `expected authenticatorData laid out as in §6.1, but ${errorMessage(e)}`) };
  }
}
