import { check, type CheckResult } from '../../check.js';
import { errorMessage } from '../../errors.js';
import { specRef } from '../specTable.js';
import type { AttestationType } from '../types.js';
import { verifyNone } from './verifyNone.js';
import type { AttestationInput, AttestationOutcome, AttestationPolicy } from './types.js';

export type { AttestationInput, AttestationOutcome, AttestationPolicy } from './types.js';

const SPEC = specRef('rp.attestation', 'registration');

// The formats that read X.509 certificates pull in an ASN.1 stack (asn1js, @peculiar/asn1-*),
// most of a browser bundle's weight, while the flows register with "none": each format's module
// is imported on first use, the same code path in Node and in the browser (the bundler splits
// them off). A module that fails to load throws inside the try below, like a malformed statement.
type Verify = (input: AttestationInput, policy: AttestationPolicy, at: number) => Promise<AttestationOutcome> | AttestationOutcome;

/** Import a module once: later calls reuse the promise (a dynamic import() can cost a loader round trip each time). */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

const packed = once(() => import('./verifyPacked.js'));
const tpm = once(() => import('./verifyTpm.js'));
const androidKey = once(() => import('./verifyAndroidKey.js'));
const safetyNet = once(() => import('./verifyAndroidSafetyNet.js'));
const fidoU2F = once(() => import('./verifyFidoU2F.js'));
const apple = once(() => import('./verifyApple.js'));

/**
 * The attestation statement formats of WebAuthn L3 §8 that this RP verifies, by their registered
 * identifiers (§7.1 step 21 matches fmt against these case-sensitively).
 */
export const ATTESTATION_FORMATS: Readonly<Record<string, Verify>> = {
  packed: async (i) => (await packed()).verifyPacked(i),
  tpm: async (i) => (await tpm()).verifyTpm(i),
  'android-key': async (i, p) => (await androidKey()).verifyAndroidKey(i, p),
  'android-safetynet': async (i, p, at) => (await safetyNet()).verifyAndroidSafetyNet(i, p, at),
  'fido-u2f': async (i) => (await fidoU2F()).verifyFidoU2F(i),
  none: (i) => verifyNone(i),
  apple: async (i) => (await apple()).verifyApple(i),
};

const TYPE_WORDS: Record<AttestationType, string> = {
  none: 'None',
  self: 'Self',
  basic: 'Basic',
  attca: 'AttCA',
  'basic-or-attca': 'Basic or AttCA',
  anonca: 'AnonCA',
  'not-verified': 'not verified',
};

/** The attestation type as WebAuthn L3 §6.5.3 names it. */
export function attestationTypeWord(t: AttestationType): string {
  return TYPE_WORDS[t];
}

/** What checking a registration's attestation gives: `rp.attestation`, then one check per requirement. */
export interface AttestationResult {
  readonly checks: CheckResult[];
  readonly type?: AttestationType;
  readonly x5c?: Uint8Array[];
  readonly facts?: string[];
}

/**
 * Determine the attestation statement format (WebAuthn L3 §7.1 step 21: a case-sensitive match;
 * an unknown or misspelled fmt cannot be verified and is rejected) and run its verification
 * procedure (step 22). `rp.attestation` sums up; each requirement of the procedure follows as its
 * own check. Trust (steps 23–24) is judged separately. Never throws.
 */
export async function checkAttestation(input: AttestationInput | undefined, policy: AttestationPolicy = {}): Promise<AttestationResult> {
  // Intent: say what the authenticator's statement proves about where the key lives.
  if (!input) return { checks: [check('rp.attestation', 'rp', SPEC, 'skip', 'cannot run: the attestationObject did not decode')] };
  const verify = Object.hasOwn(ATTESTATION_FORMATS, input.fmt) ? ATTESTATION_FORMATS[input.fmt] : undefined;
  if (!verify) {
    const known = Object.keys(ATTESTATION_FORMATS).map((f) => JSON.stringify(f)).join(', ');
    return { checks: [check('rp.attestation', 'rp', SPEC, 'fail', `expected a registered attestation statement format (step 21 matches fmt case-sensitively against ${known}), got ${JSON.stringify(input.fmt)}: a statement that cannot be verified cannot pass step 22`)], type: 'not-verified' };
  }
  let out: AttestationOutcome;
  try {
    out = await verify(input, policy, policy.at ?? Date.now());
  } catch (e) {
    return { checks: [check('rp.attestation', 'rp', SPEC, 'fail', `expected a well-formed ${JSON.stringify(input.fmt)} attestation statement, but ${errorMessage(e)}`)], type: 'not-verified' };
  }
  const failed = out.checks.filter((c) => c.status === 'fail');
  const skipped = out.checks.filter((c) => c.status === 'skip');
  const fmt = JSON.stringify(input.fmt);
  const path = out.x5c ? `, trust path x5c (${out.x5c.length} certificate${out.x5c.length === 1 ? '' : 's'})` : '';
  let status: CheckResult['status'];
  let detail: string;
  if (failed.length > 0) {
    status = 'fail';
    const more = failed.length > 1 ? ` (and ${failed.slice(1).map((c) => c.id).join(', ')})` : '';
    detail = `expected every requirement of the ${fmt} verification procedure to hold, but ${failed[0]!.id} (${failed[0]!.spec.replace(/^WebAuthn L3 /, '')}) does not: ${failed[0]!.detail}${more}`;
  } else if (skipped.length === out.checks.length || (out.type !== 'none' && skipped.length > 0 && skipped.every((c) => /^cannot run/.test(c.detail)))) {
    status = 'skip';
    detail = `not verified (format ${fmt}): ${skipped[0]?.detail ?? 'nothing to check'}`;
  } else {
    status = 'pass';
    detail = `fmt ${fmt}: all ${out.checks.length - skipped.length} requirements of its verification procedure hold${skipped.length ? ` (${skipped.length} left to RP policy)` : ''}; attestation type ${attestationTypeWord(out.type)}${path}`;
  }
  if (status === 'skip' && policy.require) {
    status = 'fail';
    detail = `${detail}; the RP requires verified attestation`;
  }
  return {
    checks: [check('rp.attestation', 'rp', SPEC, status, detail), ...out.checks],
    type: out.type,
    ...(out.x5c ? { x5c: out.x5c } : {}),
    ...(out.facts ? { facts: out.facts } : {}),
  };
}
