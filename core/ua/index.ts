/**
 * The user agent (actor `ua`): the browser between page and authenticator. It checks the rpId
 * against the page's real origin, writes clientDataJSON, and for SPC shows its own dialog.
 */
export { checkRpId, parseOrigin, isSecureOrigin, isValidDomain, isRegistrableDomainSuffixOfOrEqualTo, rpIdSpec, type Ceremony, type ParsedOrigin, type SuffixDecision } from './checkRpId.js';
export { createCredential, defaultRpId, crossOriginMembers } from './createCredential.js';
export { getCredential } from './getCredential.js';
export { confirmPayment, type ConfirmPaymentRequest, type ConfirmPaymentResult, type ConfirmPaymentSuccess, type ConfirmPaymentFailure, type SecurePaymentConfirmationRequest, type SpcDialog, type SpcUserResponse } from './confirmPayment.js';
export { registrationToJSON, assertionToJSON, type RegistrationResponseJSON, type AuthenticationResponseJSON } from './credentialJSON.js';
export * from './types.js';
