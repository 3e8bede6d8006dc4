/**
 * The virtual authenticator (actor `authn`): CTAP-like, it receives an rpId and a clientDataHash
 * and never the action. See createAuthenticator, makeCredential, getAssertion.
 */
export { createAuthenticator, syncToNewDevice, cloneCredential, type AuthenticatorOptions, type NewDeviceOptions, type CloneOptions } from './createAuthenticator.js';
export { makeCredential, rpIdHashOf } from './makeCredential.js';
export { getAssertion } from './getAssertion.js';
export { createCredentialStore, type CredentialKind, type CredentialStore, type StoredCredential, type SyncedCredentialExport } from './credentialStore.js';
export { decideUserVerification, userVerificationChecks, type PersonAtDevice, type UserVerificationDecision, type UserVerificationInput, type UserVerificationRequirement } from './decideUserVerification.js';
export * from './types.js';
