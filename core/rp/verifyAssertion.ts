import type { CheckResult } from '../check.js';
import { asList } from './steps/spec.js';
import { checkShape } from './steps/checkShape.js';
import { checkCollectedClientData } from './collectedClientData.js';
import { checkAllowCredential } from './steps/checkAllowCredential.js';
import { checkStoredCredentialKey, decodeStoredKey } from './steps/checkCredentialKey.js';
import { checkPayment } from './steps/checkPayment.js';
import { checkAuthenticatorData } from './steps/checkAuthenticatorData.js';
import { checkRpIdHash } from './steps/checkRpIdHash.js';
import { checkUserPresent } from './steps/checkUserPresent.js';
import { checkUserVerified } from './steps/checkUserVerified.js';
import { checkBackupFlags } from './steps/checkBackupFlags.js';
import { checkSignCount } from './steps/checkSignCount.js';
import { checkSignature } from './steps/checkSignature.js';
import type { AssertionInfo, CeremonyResult, RpExpected } from './types.js';

/** An assertion response (AuthenticatorAssertionResponse) as raw bytes. */
export interface AssertionResponse {
  readonly clientDataJSON: Uint8Array;
  readonly authenticatorData: Uint8Array;
  readonly signature: Uint8Array;
  /** The credential's rawId. */
  readonly credentialId?: Uint8Array;
  readonly userHandle?: Uint8Array;
}

/** What the RP stored for the credential. */
export interface StoredCredential {
  /** The credential public key as COSE_Key bytes (as registration returned it). */
  readonly publicKey: Uint8Array;
  /** If the RP sent allowCredentials, the credential ids it listed. */
  readonly allowCredentials?: readonly Uint8Array[];
}

/**
 * Verify an authentication assertion (WebAuthn L3 §7.2) in SimpleWebAuthn's order: shape →
 * clientData (type, challenge, origin, crossOrigin, topOrigin, SPC payment) → rpIdHash → flags
 * (UP, UV per policy, BE/BS) → counter → signature. Every step is reported, skipped with a reason
 * where an earlier failure leaves it nothing to read. Hostile bytes give failed checks; never throws.
 */
export async function verifyAssertion(response: AssertionResponse, expected: RpExpected, credential: StoredCredential): Promise<CeremonyResult<AssertionInfo>> {
  const ceremony = 'authentication' as const;
  const storedSignCount = expected.storedSignCount ?? 0;
  const checks: CheckResult[] = [];
  const info: AssertionInfo = { storedSignCount };
  if (response.credentialId) info.credentialId = response.credentialId;
  if (response.userHandle) info.userHandle = response.userHandle;

  checks.push(checkShape({ clientDataJSON: response.clientDataJSON, authenticatorData: response.authenticatorData, signature: response.signature }, ceremony));
  checks.push(checkAllowCredential(response.credentialId, credential.allowCredentials));
  const stored = decodeStoredKey(credential.publicKey);
  checks.push(checkStoredCredentialKey(stored));

  const cd = checkCollectedClientData(response.clientDataJSON, expected, ceremony);
  checks.push(...cd.checks);
  const clientData = cd.clientData;
  if (cd.summary) info.clientData = cd.summary;
  checks.push(checkPayment(clientData, expected.payment));

  const ad = checkAuthenticatorData(response.authenticatorData);
  checks.push(ad.check);
  const authData = ad.authData;
  if (authData) {
    info.flags = authData.flags;
    info.signCount = authData.signCount;
  }
  checks.push(checkRpIdHash(authData, expected.rpId === null ? null : asList(expected.rpId), ceremony));
  checks.push(checkUserPresent(authData, expected.requireUserPresence ?? true, ceremony));
  checks.push(checkUserVerified(authData, expected.userVerification ?? 'preferred', ceremony));
  checks.push(checkBackupFlags(authData, ceremony));
  checks.push(checkSignCount(authData, storedSignCount));
  const sig = await checkSignature(authData, response.clientDataJSON, response.signature, stored.ok ? stored.key : undefined);
  checks.push(sig.check);
  if (sig.algorithm) info.algorithm = sig.algorithm;

  const verdict = checks.some((c) => c.status === 'fail') ? 'rejected' : 'accepted';
  if (verdict === 'accepted' && authData) info.newSignCount = authData.signCount;
  return { verdict, checks, info };
}
