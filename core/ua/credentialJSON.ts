import { toBase64url } from '../codec/base64url.js';
import type { AssertionCredential, RegistrationCredential } from './types.js';

/**
 * The JSON forms of PublicKeyCredential (WebAuthn L3 §5.1 `toJSON()`, RegistrationResponseJSON and
 * AuthenticationResponseJSON): base64url strings, the shape servers such as SimpleWebAuthn take and
 * the response bundle (DESIGN §5) stores. An edge helper: bytes stay bytes inside core.
 */

/** RegistrationResponseJSON (WebAuthn L3 §5.1). */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<string, never>;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    publicKeyAlgorithm: number;
    transports: string[];
  };
}

/** AuthenticationResponseJSON (WebAuthn L3 §5.1). */
export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<string, never>;
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
}

/** create()'s credential as RegistrationResponseJSON. */
export function registrationToJSON(credential: RegistrationCredential): RegistrationResponseJSON {
  const r = credential.response;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: {},
    response: {
      clientDataJSON: toBase64url(r.clientDataJSON),
      attestationObject: toBase64url(r.attestationObject),
      authenticatorData: toBase64url(r.authenticatorData),
      publicKeyAlgorithm: r.publicKeyAlgorithm,
      transports: [...r.transports],
    },
  };
}

/** get()'s (or SPC's) credential as AuthenticationResponseJSON. */
export function assertionToJSON(credential: AssertionCredential): AuthenticationResponseJSON {
  const r = credential.response;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: {},
    response: {
      clientDataJSON: toBase64url(r.clientDataJSON),
      authenticatorData: toBase64url(r.authenticatorData),
      signature: toBase64url(r.signature),
      ...(r.userHandle ? { userHandle: toBase64url(r.userHandle) } : {}),
    },
  };
}
