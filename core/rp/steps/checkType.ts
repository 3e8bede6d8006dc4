import { check, type CheckResult } from '../../check.js';
import type { ClientData } from '../../codec/clientData.js';
import type { Ceremony } from '../types.js';
import { oneOf } from './spec.js';
import { specRef } from '../specTable.js';

/** Verify C.type is the expected ceremony type (WebAuthn L3 §7.1 step 7, §7.2 step 10). */
export function checkType(cd: ClientData | undefined, expected: readonly string[], ceremony: Ceremony): CheckResult {
  // Intent: a signature made for one ceremony must not be accepted for another.
  const spec = specRef('rp.type', ceremony);
  if (!cd) return check('rp.type', 'rp', spec, 'skip', 'cannot run: clientDataJSON did not parse');
  if (expected.includes(cd.type)) return check('rp.type', 'rp', spec, 'pass', `type is ${JSON.stringify(cd.type)} as expected`);
  return check('rp.type', 'rp', spec, 'fail', `expected type ${oneOf(expected)}, got ${JSON.stringify(cd.type)}`);
}
