import { check, type CheckResult } from '../../check.js';
import type { ClientData } from '../../codec/clientData.js';
import type { Ceremony } from '../types.js';
import { oneOf } from './spec.js';
import { specRef } from '../specTable.js';

/**
 * Verify C.origin is an origin the RP expects (WebAuthn L3 §7.1 step 9, §7.2 step 12).
 * Exact string match against the RP's list.
 */
export function checkOrigin(cd: ClientData | undefined, expected: readonly string[], ceremony: Ceremony): CheckResult {
  // Intent: phishing resistance — the browser-reported origin must be the RP's own.
  const spec = specRef('rp.origin', ceremony);
  if (!cd) return check('rp.origin', 'rp', spec, 'skip', 'cannot run: clientDataJSON did not parse');
  if (expected.includes(cd.origin)) return check('rp.origin', 'rp', spec, 'pass', `origin ${JSON.stringify(cd.origin)} is expected`);
  return check('rp.origin', 'rp', spec, 'fail', `expected origin ${oneOf(expected)}, got ${JSON.stringify(cd.origin)}`);
}
