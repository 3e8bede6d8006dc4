import { check, type CheckResult } from '../check.js';

/**
 * How the authenticator decides the UP and UV flags: from the RP's `userVerification` request,
 * the device's UV capability, and who is actually at the device. One pure function, so the UI
 * can show the decision table and tests can walk it.
 */

/** The RP's UV policy (WebAuthn L3 §5.8.6 UserVerificationRequirement). */
export type UserVerificationRequirement = 'required' | 'preferred' | 'discouraged';

/**
 * Who is at the device when the authenticator asks for a gesture:
 * - `enrolled-user`: the credential's owner; their biometric (or PIN) matches;
 * - `someone-else`: a person holding the device whose biometric does not match (a thief with the
 *   unlocked phone) — they can touch, they cannot pass UV;
 * - `nobody`: no gesture at all (no touch, no biometric), so not even user presence.
 */
export type PersonAtDevice = 'enrolled-user' | 'someone-else' | 'nobody';

/** Input to {@link decideUserVerification}. */
export interface UserVerificationInput {
  readonly requirement: UserVerificationRequirement;
  /** Whether the device can perform UV at all (false e.g. for a laptop in clamshell mode). */
  readonly uvAvailable: boolean;
  readonly person: PersonAtDevice;
  /**
   * CTAP2.1 §6.2.2 option `up` (default true). A browser always asks for presence; a CTAP client
   * (malware talking to a security key) may send `up=false`, and the key then signs with no
   * gesture, UP=0.
   */
  readonly upRequested?: boolean;
}

/** The authenticator's decision: whether the operation may proceed, and the flags it will set. */
export interface UserVerificationDecision {
  /** False means the operation ends with NotAllowedError and nothing is signed. */
  readonly allowed: boolean;
  /** UP flag value (user presence was tested and passed). */
  readonly up: boolean;
  /** UV flag value (user verification was performed and passed). */
  readonly uv: boolean;
  /** Whether the authenticator tried UV (a biometric prompt was shown). */
  readonly uvAttempted: boolean;
  /** One sentence for the UI. */
  readonly reason: string;
  /** The clause the decision follows. */
  readonly spec: string;
}

const SPEC_GESTURE = 'WebAuthn L3 §6.3.3 step 7 / §6.3.2 step 6 (authorization gesture); CTAP2.1 §6.1.2, §6.2.2 (uv option)';

/**
 * Decide UP/UV per CTAP2.1 and WebAuthn L3:
 * - `required` and no UV capability → not allowed (WebAuthn L3 §6.3.2 step 5, §5.1.4.1: no eligible authenticator);
 * - `required`, or `preferred` with UV available → perform UV; a non-matching biometric fails it → not allowed;
 * - `discouraged`, or `preferred` without UV capability → UP only: a touch by anyone gives UP=1 UV=0;
 * - nobody at the device → no gesture, no UP → not allowed.
 */
export function decideUserVerification(input: UserVerificationInput): UserVerificationDecision {
  const { requirement, uvAvailable, person } = input;
  if (requirement !== 'required' && requirement !== 'preferred' && requirement !== 'discouraged') {
    throw new TypeError(`"requirement" expected required, preferred or discouraged, got ${String(requirement)}`);
  }
  const performUv = requirement === 'required' || (requirement === 'preferred' && uvAvailable);
  if (input.upRequested === false && requirement === 'discouraged') {
    return { allowed: true, up: false, uv: false, uvAttempted: false, spec: 'CTAP2.1 §6.2.2 step 9 (up option false: no test of user presence)', reason: 'the CTAP client asked for up=false and no UV: the authenticator signs without any gesture, UP=0 UV=0' };
  }
  if (requirement === 'required' && !uvAvailable) {
    return { allowed: false, up: false, uv: false, uvAttempted: false, spec: 'WebAuthn L3 §6.3.2 step 5; CTAP2.1 §6.2.2 step 5 (uv option without built-in UV)', reason: 'the RP requires user verification but this device cannot perform it (no biometric or PIN available), so the operation fails with NotAllowedError' };
  }
  if (person === 'nobody') {
    return { allowed: false, up: false, uv: false, uvAttempted: performUv, spec: SPEC_GESTURE, reason: 'nobody touched the authenticator or offered a biometric: no user presence, so it signs nothing (NotAllowedError after the timeout)' };
  }
  if (performUv) {
    if (person === 'enrolled-user') {
      return { allowed: true, up: true, uv: true, uvAttempted: true, spec: SPEC_GESTURE, reason: `userVerification "${requirement}" and the device can verify: the enrolled user's biometric matched, so UP=1 UV=1` };
    }
    return { allowed: false, up: false, uv: false, uvAttempted: true, spec: SPEC_GESTURE, reason: `userVerification "${requirement}" and the device can verify: the biometric of the person holding the device does not match the enrolled user, so UV fails and the operation is not allowed` };
  }
  const why = requirement === 'discouraged' ? 'userVerification "discouraged": the authenticator tests presence only' : 'userVerification "preferred" but the device cannot perform UV: it falls back to presence only';
  const who = person === 'enrolled-user' ? 'the enrolled user touched it' : 'someone other than the enrolled user touched it, and a touch does not say who';
  return { allowed: true, up: true, uv: false, uvAttempted: false, spec: SPEC_GESTURE, reason: `${why}; ${who}: UP=1 UV=0` };
}

/**
 * The decision as the authenticator's two checks, `authn.up` and `authn.uv` (actor `authn`), so a
 * stolen-device run shows "blocked authn: UV" as the list it is.
 */
export function userVerificationChecks(decision: UserVerificationDecision, input: UserVerificationInput): CheckResult[] {
  if (input.upRequested === false && decision.allowed && !decision.up) {
    return [
      check('authn.up', 'authn', decision.spec, 'skip', 'up=false requested over CTAP: presence was not tested (UP=0)'),
      check('authn.uv', 'authn', decision.spec, 'skip', 'no UV requested: UV not performed (UV=0)'),
    ];
  }
  const up = input.person === 'nobody'
    ? check('authn.up', 'authn', decision.spec, 'fail', 'no gesture: nobody touched the authenticator, so user presence was not established')
    : decision.up
      ? check('authn.up', 'authn', decision.spec, 'pass', `user presence: ${input.person === 'enrolled-user' ? 'the enrolled user' : 'someone (not necessarily the enrolled user)'} touched the authenticator (UP=1)`)
      : check('authn.up', 'authn', decision.spec, 'skip', 'user presence not collected: the operation stopped before the gesture');
  let uv: CheckResult;
  if (input.requirement === 'required' && !input.uvAvailable) {
    uv = check('authn.uv', 'authn', decision.spec, 'fail', 'userVerification "required" but this device has no UV method (no biometric or PIN available)');
  } else if (decision.uvAttempted) {
    uv = decision.uv
      ? check('authn.uv', 'authn', decision.spec, 'pass', `userVerification "${input.requirement}": the enrolled user's biometric matched (UV=1)`)
      : input.person === 'nobody'
        ? check('authn.uv', 'authn', decision.spec, 'skip', 'no biometric was offered')
        : check('authn.uv', 'authn', decision.spec, 'fail', `userVerification "${input.requirement}": the biometric does not match the enrolled user, so UV fails and nothing is signed`);
  } else {
    uv = check('authn.uv', 'authn', decision.spec, 'skip', input.requirement === 'discouraged' ? 'userVerification "discouraged": UV not performed (UV=0)' : `userVerification "${input.requirement}" on a device without UV: UV not performed (UV=0)`);
  }
  return [up, uv];
}
