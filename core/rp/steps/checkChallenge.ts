import { check, type CheckResult } from '../../check.js';
import type { ClientData } from '../../codec/clientData.js';
import type { Ceremony } from '../types.js';
import { specRef } from '../specTable.js';

function short(s: string): string {
  return JSON.stringify(s.length > 48 ? `${s.slice(0, 45)}…` : s);
}

/**
 * Verify C.challenge equals the base64url challenge the RP issued (WebAuthn L3 §7.1 step 8,
 * §7.2 step 11). Exact string comparison: the UA writes it base64url without padding.
 */
export function checkChallenge(cd: ClientData | undefined, expected: string, ceremony: Ceremony): CheckResult {
  // Intent: freshness — only a response to this RP's own, current challenge counts.
  const spec = specRef('rp.challenge', ceremony);
  if (!cd) return check('rp.challenge', 'rp', spec, 'skip', 'cannot run: clientDataJSON did not parse');
  if (cd.challenge === expected) return check('rp.challenge', 'rp', spec, 'pass', `challenge ${short(cd.challenge)} is the one the RP issued`);
  return check('rp.challenge', 'rp', spec, 'fail', `expected challenge ${short(expected)}, got ${short(cd.challenge)}`);
}
