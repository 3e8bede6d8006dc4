import { sha256 } from '@noble/hashes/sha2.js';
import type { CheckResult } from '../check.js';
import { coseAlgName } from '../codec/cose.js';
import { asList } from './steps/spec.js';
import { checkShape } from './steps/checkShape.js';
import { checkCollectedClientData } from './collectedClientData.js';
import { checkAttestationObject } from './steps/checkAttestationObject.js';
import { checkRpIdHash } from './steps/checkRpIdHash.js';
import { checkUserPresent } from './steps/checkUserPresent.js';
import { checkUserVerified } from './steps/checkUserVerified.js';
import { checkBackupFlags } from './steps/checkBackupFlags.js';
import { checkAttestedCredential } from './steps/checkAttestedCredential.js';
import { checkAlgorithm, SUPPORTED_ALGORITHMS } from './steps/checkAlgorithm.js';
import { checkAttestation, once, type AttestationPolicy } from './attestation/verifyAttestation.js';
import type { TrustInputs } from './attestation/trust.js';
import type { CeremonyResult, RegistrationInfo, RpExpected } from './types.js';

const trustModule = once(() => import('./attestation/trust.js'));

/** A registration response (AuthenticatorAttestationResponse) as raw bytes. */
export interface RegistrationResponse {
  readonly clientDataJSON: Uint8Array;
  readonly attestationObject: Uint8Array;
  /** The credential's rawId. */
  readonly credentialId?: Uint8Array;
}

/** RP options for registration beyond `expected`. */
export interface RegistrationOptions {
  /** COSE algorithms offered in pubKeyCredParams (default: every algorithm Proofline verifies). */
  readonly allowedAlgorithms?: readonly number[];
  /** Attestation policy (default: not required). */
  readonly attestation?: AttestationPolicy;
  /** What the RP trusts (roots, metadata, the time to judge at); default: nothing, so no chain is checked. */
  readonly trust?: TrustInputs;
}

/**
 * Verify a registration (WebAuthn L3 §7.1) in SimpleWebAuthn's order: shape → clientData (type,
 * challenge, origin, crossOrigin, topOrigin) → attestationObject → rpIdHash → flags (UP, UV per
 * policy, BE/BS) → credential key and alg → attestation statement. Every step is reported;
 * hostile bytes give failed checks, never an exception.
 */
export async function verifyRegistration(response: RegistrationResponse, expected: RpExpected, options: RegistrationOptions = {}): Promise<CeremonyResult<RegistrationInfo>> {
  const ceremony = 'registration' as const;
  const checks: CheckResult[] = [];
  const info: RegistrationInfo = {};

  checks.push(checkShape({ clientDataJSON: response.clientDataJSON, attestationObject: response.attestationObject }, ceremony));
  const cd = checkCollectedClientData(response.clientDataJSON, expected, ceremony);
  checks.push(...cd.checks);
  if (cd.summary) info.clientData = cd.summary;

  // §7.1 step 12: hash = SHA-256(clientDataJSON), what the attestation signature covers.
  const clientDataHash = sha256(response.clientDataJSON);
  const ao = checkAttestationObject(response.attestationObject);
  checks.push(ao.check);
  const att = ao.attestationObject;
  const authData = att?.authData;
  if (att) info.fmt = att.fmt;
  if (authData) {
    info.flags = authData.flags;
    info.signCount = authData.signCount;
  }
  checks.push(checkRpIdHash(authData, expected.rpId === null ? null : asList(expected.rpId), ceremony));
  checks.push(checkUserPresent(authData, expected.requireUserPresence ?? true, ceremony));
  checks.push(checkUserVerified(authData, expected.userVerification ?? 'preferred', ceremony));
  checks.push(checkBackupFlags(authData, ceremony));
  const cred = checkAttestedCredential(authData);
  checks.push(cred.check);
  const acd = authData?.attestedCredentialData;
  if (acd) {
    info.aaguid = acd.aaguid;
    info.credentialId = acd.credentialId;
    info.credentialPublicKey = acd.credentialPublicKeyBytes;
  }
  if (cred.key) info.algorithm = coseAlgName(cred.key.alg);
  checks.push(checkAlgorithm(cred.key, options.allowedAlgorithms ?? SUPPORTED_ALGORITHMS));
  const attestation = await checkAttestation(att ? { fmt: att.fmt, attStmt: att.attStmt, authData: att.authData, clientDataHash, credentialKey: cred.key } : undefined, options.attestation);
  checks.push(...attestation.checks);
  if (attestation.type) info.attestationType = attestation.type;
  if (attestation.x5c) info.x5c = attestation.x5c;
  if (attestation.facts) info.attestationFacts = attestation.facts;
  // Steps 23–24: who vouches for the authenticator. Loaded on first use, like the formats (ASN.1).
  const { checkTrust } = await trustModule();
  const verified = attestation.checks[0]!.status === 'pass';
  const trust = await checkTrust({ ...(attestation.type ? { type: attestation.type } : {}), ...(attestation.x5c ? { x5c: attestation.x5c } : {}), verified }, acd?.aaguid, options.trust);
  checks.push(trust.check);
  info.trust = trust.trust;

  const verdict = checks.some((c) => c.status === 'fail') ? 'rejected' : 'accepted';
  return { verdict, checks, info };
}
