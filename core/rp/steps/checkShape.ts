import { check, type CheckResult } from '../../check.js';
import type { Ceremony } from '../types.js';
import { specRef } from '../specTable.js';

/** The members a response must carry, with their bytes (undefined or empty = missing). */
export type ResponseParts = Readonly<Record<string, Uint8Array | undefined>>;

/**
 * Verify the response has the shape of its ceremony (AuthenticatorAttestationResponse for
 * registration, AuthenticatorAssertionResponse for authentication): every required member present
 * and non-empty (WebAuthn L3 §7.1 step 3, §7.2 step 3).
 */
export function checkShape(parts: ResponseParts, ceremony: Ceremony): CheckResult {
  // Intent: refuse a response that is not the kind of response this ceremony returns.
  const spec = specRef('rp.shape', ceremony);
  const kind = ceremony === 'registration' ? 'AuthenticatorAttestationResponse' : 'AuthenticatorAssertionResponse';
  const missing = Object.entries(parts).filter(([, v]) => v === undefined || v.length === 0).map(([k]) => k);
  if (missing.length > 0) return check('rp.shape', 'rp', spec, 'fail', `expected an ${kind} with ${Object.keys(parts).join(', ')}, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing or empty`);
  const sizes = Object.entries(parts).map(([k, v]) => `${k} ${v!.length} B`).join(', ');
  return check('rp.shape', 'rp', spec, 'pass', `an ${kind} as expected (${sizes})`);
}
