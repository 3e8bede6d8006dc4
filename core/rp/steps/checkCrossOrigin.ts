import { check, type CheckResult } from '../../check.js';
import type { ClientData } from '../../codec/clientData.js';
import type { Ceremony } from '../types.js';
import { specRef } from '../specTable.js';

/**
 * If C.crossOrigin is true, verify the RP expects to be used in a cross-origin iframe
 * (WebAuthn L3 §7.1 step 10, §7.2 step 13: a step of its own in the Recommendation).
 */
export function checkCrossOrigin(cd: ClientData | undefined, allowCrossOrigin: boolean, ceremony: Ceremony): CheckResult {
  // Intent: an RP that is never framed must refuse a ceremony run inside someone else's page.
  const spec = specRef('rp.crossOrigin', ceremony);
  if (!cd) return check('rp.crossOrigin', 'rp', spec, 'skip', 'cannot run: clientDataJSON did not parse');
  if (cd.crossOrigin !== true) return check('rp.crossOrigin', 'rp', spec, 'pass', `the ceremony ran same-origin (crossOrigin ${cd.crossOrigin === undefined ? 'absent' : 'false'})`);
  if (allowCrossOrigin) return check('rp.crossOrigin', 'rp', spec, 'pass', 'crossOrigin is true and the RP allows use from a cross-origin iframe');
  return check('rp.crossOrigin', 'rp', spec, 'fail', 'expected a same-origin ceremony (the RP does not allow cross-origin iframes), got crossOrigin true');
}
