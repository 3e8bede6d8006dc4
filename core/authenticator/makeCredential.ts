import { sha256 } from '@noble/hashes/sha2.js';
import { check, type CheckResult } from '../check.js';
import { encodeAttestationObject } from '../codec/attestationObject.js';
import { encodeAuthenticatorData } from '../codec/authenticatorData.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '../codec/bytes.js';
import { COSE_ALG, coseAlgName, encodeCoseKey } from '../codec/cose.js';
import { generateKeyPair, signMessage, type SigningAlg } from '../crypto/sign.js';
import { decideUserVerification, userVerificationChecks, type UserVerificationInput } from './decideUserVerification.js';
import { NEVER_SEES, type Authenticator, type AuthenticatorFailure, type AuthenticatorKnowledge, type MakeCredentialRequest, type MakeCredentialResult } from './types.js';

/** COSE algorithms this authenticator can create keys for, by COSE id. */
const SUPPORTED: ReadonlyMap<number, SigningAlg> = new Map([
  [COSE_ALG.ES256, 'ES256'],
  [COSE_ALG.EdDSA, 'EdDSA'],
]);

/** Credential id length: random, like platform authenticators' (WebAuthn L3 §4 "Credential ID", at most 1023 bytes). */
const CREDENTIAL_ID_BYTES = 16;

/** API-misuse checks shared by makeCredential and getAssertion (TypeError / RangeError, not protocol failures). */
export function assertAuthenticatorInput(clientDataHash: Uint8Array, rpId: string): void {
  if (!(clientDataHash instanceof Uint8Array)) throw new TypeError(`"clientDataHash" expected Uint8Array, got ${typeof clientDataHash}`);
  if (clientDataHash.length !== 32) throw new RangeError(`"clientDataHash" expected 32 bytes, got ${clientDataHash.length}`);
  if (typeof rpId !== 'string' || rpId.length === 0) throw new TypeError(`"rpId" expected a non-empty string, got ${JSON.stringify(rpId)}`);
}

/** SHA-256 of the rpId (WebAuthn L3 §6.1 rpIdHash). */
export function rpIdHashOf(rpId: string): Uint8Array {
  return sha256(utf8ToBytes(rpId));
}

/**
 * authenticatorMakeCredential (WebAuthn L3 §6.3.2; CTAP2.1 §6.1.2): pick an algorithm, refuse an
 * excluded credential, collect the gesture, create a key pair from the seeded source, and return
 * authenticatorData plus an attestationObject (`none`, or `packed` self attestation). The
 * authenticator sees rpId and clientDataHash only. Refusals are returned, not thrown.
 */
export function makeCredential(authn: Authenticator, request: MakeCredentialRequest): MakeCredentialResult {
  const { clientDataHash, rpId, user } = request;
  assertAuthenticatorInput(clientDataHash, rpId);
  if (!(user?.id instanceof Uint8Array) || user.id.length < 1 || user.id.length > 64) {
    throw new RangeError(`"user.id" expected 1 to 64 bytes, got ${user?.id instanceof Uint8Array ? user.id.length : typeof user?.id}`);
  }
  const requirement = request.userVerification ?? 'preferred';
  const person = request.person ?? 'enrolled-user';
  const rpIdHash = rpIdHashOf(rpId);
  const knows: AuthenticatorKnowledge = { rpId, rpIdHash, clientDataHash, userVerification: requirement, userHandle: user.id, neverSees: NEVER_SEES };
  const checks: CheckResult[] = [];
  const fail = (status: AuthenticatorFailure['status'], errorName: AuthenticatorFailure['errorName'], reason: string, extra?: Partial<AuthenticatorFailure>): AuthenticatorFailure =>
    ({ status, errorName, reason, knows, checks, ...extra });

  // WebAuthn L3 §6.3.2 step 2: the first algorithm in the RP's list that this authenticator supports.
  const requested = request.algorithms ?? [COSE_ALG.ES256];
  const coseAlg = requested.find((a) => SUPPORTED.has(a));
  if (coseAlg === undefined) {
    checks.push(check('authn.algorithm', 'authn', 'WebAuthn L3 §6.3.2 step 2', 'fail', `none of the requested algorithms (${requested.map(coseAlgName).join(', ') || 'none'}) is supported; this authenticator creates ES256 or EdDSA keys`));
    return fail('not-supported', 'NotSupportedError', 'no supported algorithm requested');
  }
  const alg = SUPPORTED.get(coseAlg)!;
  checks.push(check('authn.algorithm', 'authn', 'WebAuthn L3 §6.3.2 step 2', 'pass', `${alg} (COSE ${coseAlg}) is the first requested algorithm this authenticator supports`));

  // WebAuthn L3 §6.3.2 step 3: a credential already held for this RP and listed in excludeCredentials ends the ceremony.
  const excluded = (request.excludeCredentials ?? []).find((id) => authn.store.findForRp(rpId, [id]).length > 0);
  if (excluded) {
    checks.push(check('authn.excludeCredentials', 'authn', 'WebAuthn L3 §6.3.2 step 3', 'fail', `credential ${bytesToHex(excluded)} for "${rpId}" is already on this authenticator`));
    return fail('excluded', 'InvalidStateError', 'this authenticator already holds an excluded credential for the RP');
  }

  // WebAuthn L3 §6.3.2 steps 5-6: user verification requirement and the authorization gesture.
  const uvInput: UserVerificationInput = { requirement, uvAvailable: authn.uvAvailable, person };
  const decision = decideUserVerification(uvInput);
  checks.push(...userVerificationChecks(decision, uvInput));
  if (!decision.allowed) return fail('not-allowed', 'NotAllowedError', decision.reason, { decision });

  // WebAuthn L3 §6.3.2 step 7: a new key pair and credential id, from this credential's own fork of the seeded source.
  const rng = authn.nextCredentialRandom();
  const key = generateKeyPair(alg, rng.fork('key'));
  const credentialId = rng.fork('id').bytes(CREDENTIAL_ID_BYTES);
  const kind = authn.credentialKind;
  const synced = kind === 'synced';
  authn.store.add({ credentialId, rpId, userHandle: user.id.slice(), userName: user.name, key, kind, signCount: 0 });

  // WebAuthn L3 §6.3.2 steps 10, 11 and 13: counter starts at 0; backup flags per §6.1.3 (synced passkey: BE=1 BS=1).
  const flags = { up: decision.up, uv: decision.uv, be: synced, bs: synced };
  const publicKeyBytes = encodeCoseKey(key.publicKey);
  const authenticatorData = encodeAuthenticatorData({
    rpIdHash,
    flags,
    signCount: 0,
    attested: { aaguid: authn.aaguid, credentialId, credentialPublicKey: publicKeyBytes },
  });

  // WebAuthn L3 §6.3.2 steps 12 and 14, §8.2 (packed, self attestation: signed by the credential key itself) or §8.7 (none).
  const fmt = request.attestation ?? 'none';
  const attStmt = new Map<string, unknown>();
  if (fmt === 'packed') {
    attStmt.set('alg', coseAlg).set('sig', signMessage(key, concatBytes(authenticatorData, clientDataHash)));
  }
  const attestationObject = encodeAttestationObject(fmt, attStmt, authenticatorData);
  checks.push(check('authn.attestation', 'authn', fmt === 'packed' ? 'WebAuthn L3 §8.2 (self attestation)' : 'WebAuthn L3 §8.7', 'pass', fmt === 'packed' ? `packed self attestation: ${alg} signature by the new credential key over authenticatorData ‖ clientDataHash` : 'attestation "none": no statement about the authenticator model'));

  return {
    status: 'ok',
    credentialId: credentialId.slice(),
    authenticatorData,
    attestationObject,
    fmt,
    alg,
    publicKey: key.publicKey,
    publicKeyBytes,
    kind,
    flags,
    signCount: 0,
    decision,
    knows: { ...knows, credentialId: credentialId.slice(), signCount: 0, flags },
    checks,
  };
}

