import type { CheckResult } from '../check.js';
import type { CosePublicKey } from '../codec/cose.js';
import type { Random } from '../crypto/random.js';
import type { SigningAlg } from '../crypto/sign.js';
import type { CredentialKind, CredentialStore } from './credentialStore.js';
import type { PersonAtDevice, UserVerificationDecision, UserVerificationRequirement } from './decideUserVerification.js';

/**
 * Shared types of the virtual authenticator. It is CTAP-like: it receives an rpId and a 32-byte
 * clientDataHash, never clientDataJSON, the origin, the action, the amount or the payee.
 */

/** A simulated authenticator (one device, or one attacker's copy of a key). */
export interface Authenticator {
  /** Display name, e.g. `Alice's phone`. */
  readonly name: string;
  /** AAGUID written into attested credential data (16 bytes; zeros by default). */
  readonly aaguid: Uint8Array;
  /** Whether this device can perform user verification (biometric or PIN). */
  readonly uvAvailable: boolean;
  /** What kind of credential makeCredential creates here. */
  readonly credentialKind: CredentialKind;
  readonly store: CredentialStore;
  /** The seeded stream for the next credential created here (`credential/<n>` forks, so results are stable). */
  nextCredentialRandom(): Random;
  /** authenticatorMakeCredential on this device (see {@link MakeCredentialRequest}). */
  makeCredential(request: MakeCredentialRequest): MakeCredentialResult;
  /** authenticatorGetAssertion on this device (see {@link GetAssertionRequest}). */
  getAssertion(request: GetAssertionRequest): GetAssertionResult;
}

/** The flags an authenticator sets (WebAuthn L3 §6.1). */
export interface AuthenticatorFlagsSet {
  readonly up: boolean;
  readonly uv: boolean;
  readonly be: boolean;
  readonly bs: boolean;
}

/**
 * Everything the authenticator learned or holds for one operation, for the UI's "what the
 * authenticator knows" panel. It never receives clientDataJSON, so it cannot know the origin, the
 * challenge, the action, the amount or the payee: only their hash.
 */
export interface AuthenticatorKnowledge {
  readonly rpId: string;
  /** SHA-256(rpId), as written into authenticatorData. */
  readonly rpIdHash: Uint8Array;
  /** The only trace of clientDataJSON it ever gets. */
  readonly clientDataHash: Uint8Array;
  readonly userVerification: UserVerificationRequirement;
  readonly credentialId?: Uint8Array;
  readonly userHandle?: Uint8Array;
  readonly signCount?: number;
  readonly flags?: AuthenticatorFlagsSet;
  /** What it never sees, for display. */
  readonly neverSees: readonly string[];
}

/** authenticatorMakeCredential input (WebAuthn L3 §6.3.2; CTAP2.1 §6.1). */
export interface MakeCredentialRequest {
  /** SHA-256 of clientDataJSON (32 bytes). */
  readonly clientDataHash: Uint8Array;
  readonly rpId: string;
  /** user.id (1–64 bytes), user.name. */
  readonly user: { readonly id: Uint8Array; readonly name: string; readonly displayName?: string };
  /** Default `preferred`. */
  readonly userVerification?: UserVerificationRequirement;
  /** Who is at the device; default `enrolled-user`. */
  readonly person?: PersonAtDevice;
  /** pubKeyCredParams algorithms (COSE ids) in the RP's order of preference; default [-7] (ES256). */
  readonly algorithms?: readonly number[];
  /** Attestation statement format; default `none`, `packed` = self attestation. */
  readonly attestation?: 'none' | 'packed';
  /** Credential ids the RP already has for this user (excludeCredentials). */
  readonly excludeCredentials?: readonly Uint8Array[];
}

/** authenticatorGetAssertion input (WebAuthn L3 §6.3.3; CTAP2.1 §6.2). */
export interface GetAssertionRequest {
  readonly clientDataHash: Uint8Array;
  readonly rpId: string;
  /** allowCredentials ids; empty or absent means discoverable credentials. */
  readonly allowCredentials?: readonly Uint8Array[];
  /** Default `preferred`. */
  readonly userVerification?: UserVerificationRequirement;
  /** Who is at the device; default `enrolled-user`. */
  readonly person?: PersonAtDevice;
  /** CTAP2.1 option `up`; default true. Only a CTAP client (not a browser) sends false. */
  readonly upRequested?: boolean;
}

/** A successful registration. */
export interface MakeCredentialSuccess {
  readonly status: 'ok';
  readonly credentialId: Uint8Array;
  readonly authenticatorData: Uint8Array;
  readonly attestationObject: Uint8Array;
  readonly fmt: 'none' | 'packed';
  readonly alg: SigningAlg;
  readonly publicKey: CosePublicKey;
  /** The COSE_Key bytes exactly as in authenticatorData. */
  readonly publicKeyBytes: Uint8Array;
  readonly kind: CredentialKind;
  readonly flags: AuthenticatorFlagsSet;
  readonly signCount: number;
  readonly decision: UserVerificationDecision;
  readonly knows: AuthenticatorKnowledge;
  /** The authenticator's own steps (actor `authn`). */
  readonly checks: readonly CheckResult[];
}

/** A successful assertion. */
export interface GetAssertionSuccess {
  readonly status: 'ok';
  readonly credentialId: Uint8Array;
  readonly authenticatorData: Uint8Array;
  /** Signature over `authenticatorData ‖ clientDataHash` (DER for ES256). */
  readonly signature: Uint8Array;
  /** The exact bytes signed: `authenticatorData ‖ clientDataHash`. */
  readonly signedBytes: Uint8Array;
  readonly userHandle: Uint8Array;
  readonly alg: SigningAlg;
  readonly kind: CredentialKind;
  readonly flags: AuthenticatorFlagsSet;
  readonly signCount: number;
  readonly decision: UserVerificationDecision;
  readonly knows: AuthenticatorKnowledge;
  readonly checks: readonly CheckResult[];
}

/**
 * A refusal, returned rather than thrown:
 * `no-credential` (nothing for this rpId), `not-allowed` (no UP, UV failed or impossible),
 * `not-supported` (no acceptable algorithm), `excluded` (a listed credential already exists here).
 */
export interface AuthenticatorFailure {
  readonly status: 'no-credential' | 'not-allowed' | 'not-supported' | 'excluded';
  /** The DOMException name the client surfaces to the page. */
  readonly errorName: 'NotAllowedError' | 'NotSupportedError' | 'InvalidStateError';
  readonly reason: string;
  readonly decision?: UserVerificationDecision;
  readonly knows: AuthenticatorKnowledge;
  readonly checks: readonly CheckResult[];
}

/** Result of makeCredential. */
export type MakeCredentialResult = MakeCredentialSuccess | AuthenticatorFailure;
/** Result of getAssertion. */
export type GetAssertionResult = GetAssertionSuccess | AuthenticatorFailure;

/** What the authenticator never receives (it gets the clientDataHash only). */
export const NEVER_SEES: readonly string[] = ['clientDataJSON', 'origin', 'challenge', 'action', 'amount', 'payee'];
