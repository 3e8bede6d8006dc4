import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import type { Ceremony } from '../types.js';
import { specRef } from '../specTable.js';

/** Verify the UP flag is set (WebAuthn L3 §7.1 step 15, §7.2 step 16), unless the RP switched it off. */
export function checkUserPresent(authData: AuthenticatorData | undefined, required: boolean, ceremony: Ceremony): CheckResult {
  // Intent: someone touched the authenticator for this very ceremony.
  const spec = specRef('rp.userPresent', ceremony);
  if (!authData) return check('rp.userPresent', 'rp', spec, 'skip', 'cannot run: authenticatorData did not parse');
  if (!required) return check('rp.userPresent', 'rp', spec, 'skip', `not required by the RP (requireUserPresence false); UP is ${authData.flags.up ? 'set' : 'not set'}`);
  if (authData.flags.up) return check('rp.userPresent', 'rp', spec, 'pass', 'the UP flag is set');
  return check('rp.userPresent', 'rp', spec, 'fail', 'expected the UP flag set, got UP = 0');
}
