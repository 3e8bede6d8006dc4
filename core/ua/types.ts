import type { CheckResult } from '../check.js';
import type { AuthenticatorFailure, GetAssertionSuccess, MakeCredentialSuccess } from '../authenticator/types.js';
import type { PersonAtDevice, UserVerificationRequirement } from '../authenticator/decideUserVerification.js';

/**
 * Shapes of the user agent (browser): requests a page makes, and PublicKeyCredential-shaped
 * results with raw bytes (WebAuthn L3 §5.1, §5.2). JSON forms are in credentialJSON.ts.
 */

/** The DOMException (or TypeError) name the page would see. */
export type UaErrorName = 'SecurityError' | 'NotAllowedError' | 'NotSupportedError' | 'InvalidStateError' | 'TypeError' | 'RangeError';

/** A credential descriptor (allowCredentials / excludeCredentials). */
export interface CredentialDescriptor {
  readonly type?: 'public-key';
  readonly id: Uint8Array;
}

/** `navigator.credentials.create({ publicKey })` as a page calls it. */
export interface CreateCredentialRequest {
  /** The page's real origin (what the browser knows, whatever the page claims). */
  readonly origin: string;
  /** Top-level origin when called from a cross-origin iframe (sets crossOrigin, WebAuthn L3 §5.8.1). */
  readonly topOrigin?: string;
  readonly publicKey: {
    readonly challenge: Uint8Array;
    /** rp.id defaults to the origin's effective domain. */
    readonly rp: { readonly id?: string; readonly name: string };
    readonly user: { readonly id: Uint8Array; readonly name: string; readonly displayName: string };
    /** COSE algorithm ids in preference order; default [ES256 -7, EdDSA -8]. */
    readonly pubKeyCredParams?: readonly { readonly type: 'public-key'; readonly alg: number }[];
    /** authenticatorSelection.userVerification; default `preferred`. */
    readonly userVerification?: UserVerificationRequirement;
    /** `none` (default) or `direct` (the authenticator's packed self attestation). */
    readonly attestation?: 'none' | 'direct';
    readonly excludeCredentials?: readonly CredentialDescriptor[];
  };
  /** Who is at the device when the authenticator asks for a gesture; default `enrolled-user`. */
  readonly person?: PersonAtDevice;
}

/** `navigator.credentials.get({ publicKey })` as a page calls it. */
export interface GetCredentialRequest {
  readonly origin: string;
  readonly topOrigin?: string;
  readonly publicKey: {
    readonly challenge: Uint8Array;
    /** Defaults to the origin's effective domain. */
    readonly rpId?: string;
    readonly allowCredentials?: readonly CredentialDescriptor[];
    /** Default `preferred`. */
    readonly userVerification?: UserVerificationRequirement;
  };
  readonly person?: PersonAtDevice;
}

/** PublicKeyCredential from create(), raw bytes (WebAuthn L3 §5.1, §5.2.1). */
export interface RegistrationCredential {
  /** base64url(rawId), as the spec defines `id`. */
  readonly id: string;
  readonly rawId: Uint8Array;
  readonly type: 'public-key';
  readonly authenticatorAttachment: 'platform';
  readonly response: {
    readonly clientDataJSON: Uint8Array;
    readonly attestationObject: Uint8Array;
    /** getAuthenticatorData() */
    readonly authenticatorData: Uint8Array;
    /** getPublicKeyAlgorithm() */
    readonly publicKeyAlgorithm: number;
    /** The credential public key as COSE_Key bytes (getPublicKey() would give SPKI; core keeps COSE). */
    readonly publicKeyCose: Uint8Array;
    readonly transports: readonly string[];
  };
}

/** PublicKeyCredential from get(), raw bytes (WebAuthn L3 §5.1, §5.2.2). */
export interface AssertionCredential {
  readonly id: string;
  readonly rawId: Uint8Array;
  readonly type: 'public-key';
  readonly authenticatorAttachment: 'platform';
  readonly response: {
    readonly clientDataJSON: Uint8Array;
    readonly authenticatorData: Uint8Array;
    readonly signature: Uint8Array;
    readonly userHandle: Uint8Array | null;
  };
}

/** What the browser built and hashed for the authenticator. */
export interface ClientDataSent {
  readonly clientDataJSON: Uint8Array;
  /** SHA-256(clientDataJSON): the only part the authenticator receives. */
  readonly clientDataHash: Uint8Array;
}

/** A successful create() or get(). */
export interface UaSuccess<C, A> extends ClientDataSent {
  readonly status: 'ok';
  readonly credential: C;
  /** rpId the ceremony ran for (after defaulting). */
  readonly rpId: string;
  /** The UA's checks, then the authenticator's, in the order they ran. */
  readonly checks: readonly CheckResult[];
  /** The authenticator's full result, including what it knows. */
  readonly authenticator: A;
}

/** A rejected create() or get() (the page sees `errorName`); nothing signed unless stated. */
export interface UaFailure {
  readonly status: 'error';
  readonly errorName: UaErrorName;
  readonly message: string;
  readonly rpId?: string;
  readonly checks: readonly CheckResult[];
  /** Present when the authenticator was reached and refused. */
  readonly authenticator?: AuthenticatorFailure;
  /** Present when clientDataJSON was built before the failure. */
  readonly clientDataJSON?: Uint8Array;
  readonly clientDataHash?: Uint8Array;
}

/** Result of create(). */
export type CreateCredentialResult = UaSuccess<RegistrationCredential, MakeCredentialSuccess> | UaFailure;
/** Result of get(). */
export type GetCredentialResult = UaSuccess<AssertionCredential, GetAssertionSuccess> | UaFailure;
