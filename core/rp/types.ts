import type { CheckResult } from '../check.js';
import type { AuthenticatorFlags } from '../codec/authenticatorData.js';

/** Which relying-party ceremony a step runs in; steps cite §7.1 or §7.2 accordingly. */
export type Ceremony = 'registration' | 'authentication';

/** The RP's user-verification policy (WebAuthn L3 §5.8.6 UserVerificationRequirement). */
export type UserVerificationPolicy = 'required' | 'preferred' | 'discouraged';

/** The transaction an RP is asked to execute, compared with SPC's `clientData.payment`. */
export interface ExpectedPayment {
  readonly payeeName?: string;
  readonly payeeOrigin?: string;
  readonly total: { readonly currency: string; readonly value: string };
  readonly instrument?: { readonly displayName: string; readonly icon?: string };
  readonly rpId?: string;
  readonly topOrigin?: string;
}

/**
 * What the relying party expected, mirroring the response bundle's `expected` (DESIGN.md §5).
 * Lists mean "any one of these"; `rpId: null` means the rpIdHash is not checked.
 */
export interface RpExpected {
  readonly rpId: string | readonly string[] | null;
  readonly origin: string | readonly string[];
  /** The exact string the RP expects in `clientData.challenge` (base64url of the issued bytes). */
  readonly challenge: string;
  /** Default `preferred`. */
  readonly userVerification?: UserVerificationPolicy;
  /** Default `webauthn.create` / `webauthn.get` by ceremony. */
  readonly type?: string | readonly string[];
  /** Whether the RP accepts ceremonies run in a cross-origin iframe (default false). */
  readonly allowCrossOrigin?: boolean;
  /** Top-level origins the RP accepts when embedded; unset = any, once cross-origin is allowed. */
  readonly topOrigin?: string | readonly string[];
  /** Default true; some RPs switch the UP check off (e.g. conditional create). */
  readonly requireUserPresence?: boolean;
  /** The stored signature counter (authentication; default 0). */
  readonly storedSignCount?: number;
  /** SPC: the transaction the RP is asked to execute. */
  readonly payment?: ExpectedPayment;
}

/** The outcome of a ceremony: the verdict follows from the checks (accepted iff none failed). */
export interface CeremonyResult<Info> {
  readonly verdict: 'accepted' | 'rejected';
  readonly checks: CheckResult[];
  readonly info: Info;
}

/** Parsed facts about an assertion, for the UI. */
export interface AssertionInfo {
  clientData?: { type: string; challenge: string; origin: string; crossOrigin?: boolean; topOrigin?: string };
  flags?: AuthenticatorFlags;
  signCount?: number;
  storedSignCount: number;
  /** The counter to store, set when the assertion is accepted. */
  newSignCount?: number;
  credentialId?: Uint8Array;
  userHandle?: Uint8Array;
  algorithm?: string;
}

/**
 * The attestation type a format's verification procedure returns (WebAuthn L3 §6.5.3):
 * `basic-or-attca` where the procedure cannot tell Basic from AttCA (packed with x5c, fido-u2f).
 */
export type AttestationType = 'none' | 'self' | 'basic' | 'attca' | 'basic-or-attca' | 'anonca' | 'not-verified';

/**
 * How much is known about the authenticator (WebAuthn L3 §7.1 steps 23–24): `none` or `self`
 * (nobody vouches), `unverified-chain` (a certificate chain no trust anchor was given for),
 * `chain` (verified to a root the user trusts), `metadata` (described by a FIDO MDS entry whose
 * roots the chain verifies to), `failed` (a chain or metadata check failed).
 */
export type TrustLevel = 'none' | 'self' | 'unverified-chain' | 'chain' | 'metadata' | 'failed';

/** What the registration says about which authenticator made the credential, and who vouches. */
export interface TrustInfo {
  readonly level: TrustLevel;
  /** The model's name: from a verified MDS entry, or the community AAGUID list (the authenticator's own claim). */
  readonly model?: { readonly name: string; readonly source: 'metadata' | 'aaguid-list' };
  /** FIDO certification level and status from metadata. */
  readonly certification?: string;
  readonly status?: string;
  /** The root the chain was verified to. */
  readonly anchor?: string;
  /** The time the chain was judged at (ISO) and where that time came from. */
  readonly at?: string;
  readonly atSource?: 'now' | 'capture' | 'stated';
}

/** Parsed facts about a registration, for the UI and for storing the credential. */
export interface RegistrationInfo {
  clientData?: { type: string; challenge: string; origin: string; crossOrigin?: boolean; topOrigin?: string };
  fmt?: string;
  attestationType?: AttestationType;
  flags?: AuthenticatorFlags;
  signCount?: number;
  aaguid?: Uint8Array;
  credentialId?: Uint8Array;
  /** The credential public key (COSE_Key bytes exactly as attested), to store for assertions. */
  credentialPublicKey?: Uint8Array;
  algorithm?: string;
  /** DER certificates from attStmt.x5c, leaf first, when present. */
  x5c?: Uint8Array[];
  /** What the attestation statement itself says about the authenticator (e.g. its TPM maker). */
  attestationFacts?: string[];
  /** Who vouches for the authenticator, and its model (rp.attestationTrust). */
  trust?: TrustInfo;
}
