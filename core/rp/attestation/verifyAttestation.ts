import { check, type CheckResult } from '../../check.js';
import { specRef } from '../specTable.js';
import { errorMessage } from '../../errors.js';
import type { AttestationType } from '../types.js';
import { verifyNone } from './verifyNone.js';
import type { AttestationInput, AttestationOutcome, AttestationPolicy } from './types.js';

export type { AttestationInput, AttestationOutcome, AttestationPolicy } from './types.js';

const SPEC = specRef('rp.attestation', 'registration');

// The formats that read X.509 certificates pull in an ASN.1 stack (asn1js, @peculiar/asn1-*),
// most of a browser bundle's weight, while the flows register with "none": each format's module
// is imported on first use, the same code path in Node and in the browser (the bundler splits
// them off). A module that fails to load throws inside the try below, like a malformed statement.
const verifyPacked = async (input: AttestationInput) => (await import('./verifyPacked.js')).verifyPacked(input);
const verifyFidoU2F = async (input: AttestationInput) => (await import('./verifyFidoU2F.js')).verifyFidoU2F(input);
const verifyApple = async (input: AttestationInput) => (await import('./verifyApple.js')).verifyApple(input);
const verifyAndroidKey = async (input: AttestationInput) => (await import('./verifyAndroidKey.js')).verifyAndroidKey(input);
const verifyTpm = async (input: AttestationInput) => (await import('./verifyTpm.js')).verifyTpm(input);
const verifyAndroidSafetyNet = async (input: AttestationInput, policy: AttestationPolicy) => (await import('./verifyAndroidSafetyNet.js')).verifyAndroidSafetyNet(input, policy);

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
      case 'apple': out = await verifyApple(input); break;
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
