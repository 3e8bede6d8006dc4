import { check, type CheckResult } from '../../check.js';
import type { ClientData } from '../../codec/clientData.js';
import type { Ceremony } from '../types.js';
import { oneOf } from './spec.js';
import { specRef } from '../specTable.js';

/**
 * If C.topOrigin is present, verify the RP expects to be framed and that topOrigin is a page it
 * expects to be framed by (WebAuthn L3 §7.1 step 11, §7.2 step 14).
 */
export function checkTopOrigin(cd: ClientData | undefined, allowCrossOrigin: boolean, expected: readonly string[] | undefined, ceremony: Ceremony): CheckResult {
  // Intent: when embedded, the embedding page is part of the context the user acted in.
  const spec = specRef('rp.topOrigin', ceremony);
  if (!cd) return check('rp.topOrigin', 'rp', spec, 'skip', 'cannot run: clientDataJSON did not parse');
  if (cd.topOrigin === undefined) return check('rp.topOrigin', 'rp', spec, 'pass', 'no topOrigin: the ceremony ran in a top-level page');
  if (!allowCrossOrigin) return check('rp.topOrigin', 'rp', spec, 'fail', `expected no topOrigin (the RP does not allow being framed), got ${JSON.stringify(cd.topOrigin)}`);
  if (!expected || expected.length === 0) return check('rp.topOrigin', 'rp', spec, 'pass', `topOrigin ${JSON.stringify(cd.topOrigin)} accepted: the RP allows framing and lists no top origins`);
  if (expected.includes(cd.topOrigin)) return check('rp.topOrigin', 'rp', spec, 'pass', `topOrigin ${JSON.stringify(cd.topOrigin)} is expected`);
  return check('rp.topOrigin', 'rp', spec, 'fail', `expected topOrigin ${oneOf(expected)}, got ${JSON.stringify(cd.topOrigin)}`);
}
