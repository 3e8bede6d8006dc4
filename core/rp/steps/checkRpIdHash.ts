import { sha256 } from '@noble/hashes/sha2.js';
import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import { bytesToHex, equalBytes, utf8ToBytes } from '../../codec/bytes.js';
import type { Ceremony } from '../types.js';
import { oneOf } from './spec.js';
import { specRef } from '../specTable.js';

/**
 * Verify authData.rpIdHash is SHA-256 of the RP ID the RP expects (WebAuthn L3 §7.1 step 14,
 * §7.2 step 15). With a list, any one may match; `null` means the RP does not check it.
 */
export function checkRpIdHash(authData: AuthenticatorData | undefined, expected: readonly string[] | null, ceremony: Ceremony): CheckResult {
  // Intent: the authenticator scoped the credential to this RP, not to a look-alike.
  const spec = specRef('rp.rpIdHash', ceremony);
  if (!authData) return check('rp.rpIdHash', 'rp', spec, 'skip', 'cannot run: authenticatorData did not parse');
  if (expected === null) return check('rp.rpIdHash', 'rp', spec, 'skip', 'not checked: the RP gave no expected RP ID (expected.rpId is null)');
  const match = expected.find((id) => equalBytes(sha256(utf8ToBytes(id)), authData.rpIdHash));
  if (match !== undefined) return check('rp.rpIdHash', 'rp', spec, 'pass', `rpIdHash is SHA-256(${JSON.stringify(match)})`);
  return check('rp.rpIdHash', 'rp', spec, 'fail', `expected rpIdHash = SHA-256 of ${oneOf(expected)}, got ${bytesToHex(authData.rpIdHash).slice(0, 16)}…, which is none of them`);
}
