import { check, type CheckResult } from '../../check.js';
import { errorMessage } from '../../errors.js';
import type { AttestationType } from '../types.js';
import { verifyAndroidKey } from './verifyAndroidKey.js';
import { verifyAndroidSafetyNet } from './verifyAndroidSafetyNet.js';
import { verifyApple } from './verifyApple.js';
import { verifyFidoU2F } from './verifyFidoU2F.js';
import { verifyNone } from './verifyNone.js';
import { verifyPacked } from './verifyPacked.js';
import { verifyTpm } from './verifyTpm.js';
import type { AttestationInput, AttestationOutcome, AttestationPolicy } from './types.js';

export type { AttestationInput, AttestationOutcome, AttestationPolicy } from './types.js';

const SPEC = 'WebAuthn L3 §7.1 steps 21–22';

/**
 * Determine the attestation format and run its verification procedure (WebAuthn L3 §7.1
 * steps 21–22). No trust-root or chain validation. A format that is not (fully) verified is a
 * `skip`, or a `fail` when the policy requires verified attestation. Never throws.
 */
export async function checkAttestation(input: AttestationInput | undefined, policy: AttestationPolicy = {}): Promise<{ check: CheckResult; type?: AttestationType; x5c?: Uint8Array[] }> {
  // Intent: say what the authenticator's statement proves about where the key lives.
  if (!input) return { check: check('rp.attestation', 'rp', SPEC, 'skip', 'cannot run: the attestationObject did not decode') };
  let out: AttestationOutcome;
  try {
    switch (input.fmt) {
      case 'none': out = verifyNone(input); break;
      case 'packed': out = await verifyPacked(input); break;
      case 'fido-u2f': out = await verifyFidoU2F(input); break;
      case 'apple': out = verifyApple(input); break;
      case 'android-key': out = await verifyAndroidKey(input); break;
      case 'tpm': out = await verifyTpm(input); break;
      case 'android-safetynet': out = await verifyAndroidSafetyNet(input, policy); break;
      default: out = { status: 'skip', type: 'not-verified', detail: `not verified (format ${JSON.stringify(input.fmt)} is not supported)` };
    }
  } catch (e) {
    out = { status: 'fail', type: 'not-verified', detail: `expected a well-formed ${JSON.stringify(input.fmt)} attestation statement, but ${errorMessage(e)}` };
  }
  let { status, detail } = out;
  if (status === 'skip' && policy.require) {
    status = 'fail';
    detail = `${detail}; the RP requires verified attestation`;
  }
  return { check: check('rp.attestation', 'rp', SPEC, status, detail), type: out.type, ...(out.x5c ? { x5c: out.x5c } : {}) };
}
