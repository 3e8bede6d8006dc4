import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import type { Ceremony } from '../types.js';
import { specRef } from '../specTable.js';

/** If BE is not set, verify BS is not set either (WebAuthn L3 §7.1 step 17, §7.2 step 18). */
export function checkBackupFlags(authData: AuthenticatorData | undefined, ceremony: Ceremony): CheckResult {
  // Intent: a credential that cannot be backed up cannot claim to be backed up.
  const spec = specRef('rp.backupFlags', ceremony);
  if (!authData) return check('rp.backupFlags', 'rp', spec, 'skip', 'cannot run: authenticatorData did not parse');
  const { be, bs } = authData.flags;
  if (!be && bs) return check('rp.backupFlags', 'rp', spec, 'fail', 'expected BS = 0 when BE = 0 (a device-bound credential cannot be backed up), got BE = 0, BS = 1');
  const what = be ? (bs ? 'a synced (backed-up) multi-device credential' : 'a multi-device credential, not backed up yet') : 'a device-bound credential';
  return check('rp.backupFlags', 'rp', spec, 'pass', `BE = ${be ? 1 : 0}, BS = ${bs ? 1 : 0}: consistent, ${what}`);
}
