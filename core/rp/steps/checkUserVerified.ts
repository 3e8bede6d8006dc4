import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import type { Ceremony, UserVerificationPolicy } from '../types.js';
import { specRef } from '../specTable.js';

/**
 * If the RP requires user verification, verify the UV flag is set (WebAuthn L3 §7.1 step 16,
 * §7.2 step 17). `preferred` and `discouraged` accept either value and report it.
 */
export function checkUserVerified(authData: AuthenticatorData | undefined, policy: UserVerificationPolicy, ceremony: Ceremony): CheckResult {
  // Intent: with `required`, the authenticator (not an app) attests it verified the user.
  const spec = specRef('rp.userVerified', ceremony);
  if (!authData) return check('rp.userVerified', 'rp', spec, 'skip', 'cannot run: authenticatorData did not parse');
  const uv = authData.flags.uv;
  if (policy === 'required') {
    return uv
      ? check('rp.userVerified', 'rp', spec, 'pass', 'UV is set, as the RP requires')
      : check('rp.userVerified', 'rp', spec, 'fail', 'expected the UV flag set (userVerification required), got UV = 0');
  }
  return check('rp.userVerified', 'rp', spec, 'pass', `UV is ${uv ? 'set' : 'not set'}; userVerification is ${policy}, so either is accepted`);
}
