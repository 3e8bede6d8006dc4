import { check, type CheckResult } from '../../check.js';
import { specRef } from '../specTable.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';

/**
 * If the new or the stored counter is non-zero, verify the new one is greater (WebAuthn L3
 * §7.2 step 22). This RP rejects a counter that did not increase as a possible clone.
 */
export function checkSignCount(authData: AuthenticatorData | undefined, stored: number): CheckResult {
  // Intent: clone detection — two copies of one private key cannot both keep the counter rising.
  const spec = specRef('rp.signCount', 'authentication');
  if (!authData) return check('rp.signCount', 'rp', spec, 'skip', 'cannot run: authenticatorData did not parse');
  const n = authData.signCount;
  if (n === 0 && stored === 0) return check('rp.signCount', 'rp', spec, 'pass', 'both counters are 0: this authenticator does not count (e.g. a synced passkey), nothing to compare');
  if (n > stored) return check('rp.signCount', 'rp', spec, 'pass', `signCount ${n} is greater than the stored ${stored}`);
  return check('rp.signCount', 'rp', spec, 'fail', `expected signCount greater than the stored ${stored}, got ${n}: the authenticator may be cloned`);
}
