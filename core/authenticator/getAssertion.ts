import { check, type CheckResult } from '../check.js';
import { encodeAuthenticatorData } from '../codec/authenticatorData.js';
import { bytesToHex, concatBytes } from '../codec/bytes.js';
import { signMessage } from '../crypto/sign.js';
import { decideUserVerification, userVerificationChecks, type UserVerificationInput } from './decideUserVerification.js';
import { assertAuthenticatorInput, rpIdHashOf } from './makeCredential.js';
import { NEVER_SEES, type Authenticator, type AuthenticatorFailure, type AuthenticatorKnowledge, type GetAssertionRequest, type GetAssertionResult } from './types.js';

/**
 * authenticatorGetAssertion (WebAuthn L3 §6.3.3; CTAP2.1 §6.2.2): find a credential scoped to the
 * rpId, collect the gesture, advance the signature counter (device-bound only), and sign
 * `authenticatorData ‖ clientDataHash`. The authenticator sees rpId and clientDataHash only.
 * "No credential for this rpId" and "not allowed" are returned, not thrown.
 */
export function getAssertion(authn: Authenticator, request: GetAssertionRequest): GetAssertionResult {
  const { clientDataHash, rpId } = request;
  assertAuthenticatorInput(clientDataHash, rpId);
  const requirement = request.userVerification ?? 'preferred';
  const person = request.person ?? 'enrolled-user';
  const rpIdHash = rpIdHashOf(rpId);
  const knows: AuthenticatorKnowledge = { rpId, rpIdHash, clientDataHash, userVerification: requirement, neverSees: NEVER_SEES };
  const checks: CheckResult[] = [];

  // WebAuthn L3 §6.3.3 steps 3-6: candidates are credentials whose rpId equals the request's; none → NotAllowedError.
  const allow = request.allowCredentials ?? [];
  const candidates = authn.store.findForRp(rpId, allow);
  if (candidates.length === 0) {
    const heldFor = [...new Set(authn.store.list().map((c) => c.rpId))];
    const detail = `${authn.name} holds no credential for rpId "${rpId}"${allow.length ? ` among the ${allow.length} allowed id(s)` : ''}${heldFor.length ? ` (it holds credentials for ${heldFor.map((r) => `"${r}"`).join(', ')})` : ''}`;
    checks.push(check('authn.credential', 'authn', 'WebAuthn L3 §6.3.3 step 6', 'fail', detail));
    const failure: AuthenticatorFailure = { status: 'no-credential', errorName: 'NotAllowedError', reason: detail, knows, checks };
    return failure;
  }
  // With several candidates the user would pick one (§6.3.3 step 7); the simulation takes the first.
  const credential = candidates[0]!;
  checks.push(check('authn.credential', 'authn', 'WebAuthn L3 §6.3.3 steps 3-5', 'pass', `credential ${bytesToHex(credential.credentialId)} is scoped to "${rpId}"`));
  const withCredential: AuthenticatorKnowledge = { ...knows, credentialId: credential.credentialId.slice(), userHandle: credential.userHandle.slice() };

  // WebAuthn L3 §6.3.3 step 7: the authorization gesture, with UV when the policy and the device call for it.
  const uvInput: UserVerificationInput = { requirement, uvAvailable: authn.uvAvailable, person, ...(request.upRequested === false ? { upRequested: false } : {}) };
  const decision = decideUserVerification(uvInput);
  checks.push(...userVerificationChecks(decision, uvInput));
  if (!decision.allowed) {
    return { status: 'not-allowed', errorName: 'NotAllowedError', reason: decision.reason, decision, knows: withCredential, checks };
  }

  // WebAuthn L3 §6.3.3 step 9 and §6.1.1: a device-bound credential's counter goes up on every use;
  // a synced passkey reports 0 because its copies on several devices cannot keep one counter.
  const synced = credential.kind === 'synced';
  if (!synced) credential.signCount += 1;
  const signCount = synced ? 0 : credential.signCount;
  checks.push(check('authn.counter', 'authn', 'WebAuthn L3 §6.1.1', 'pass', synced ? 'synced passkey: signature counter stays 0' : `device-bound credential: signature counter on ${authn.name} is now ${signCount}`));

  // WebAuthn L3 §6.3.3 steps 10-11: authenticatorData without attested credential data, signed with the clientDataHash appended.
  const flags = { up: decision.up, uv: decision.uv, be: synced, bs: synced };
  const authenticatorData = encodeAuthenticatorData({ rpIdHash, flags, signCount });
  const signedBytes = concatBytes(authenticatorData, clientDataHash);
  const signature = signMessage(credential.key, signedBytes);
  checks.push(check('authn.signature', 'authn', 'WebAuthn L3 §6.3.3 step 11', 'pass', `${credential.key.alg} signature over authenticatorData ‖ clientDataHash (${signedBytes.length} bytes)`));

  return {
    status: 'ok',
    credentialId: credential.credentialId.slice(),
    authenticatorData,
    signature,
    signedBytes,
    userHandle: credential.userHandle.slice(),
    alg: credential.key.alg,
    kind: credential.kind,
    flags,
    signCount,
    decision,
    knows: { ...withCredential, signCount, flags },
    checks,
  };
}
