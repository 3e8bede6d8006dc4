/** The relying party: challenges, registration and assertion verification (WebAuthn L3 §7). */
export { createChallengeStore, CHALLENGE_BYTES, type ChallengeStore, type ChallengeStoreDeps, type ConsumeResult, type IssuedChallenge, type ChallengeRefusal } from './challenges.js';
export { verifyAssertion, type AssertionResponse, type StoredCredential } from './verifyAssertion.js';
export { verifyRegistration, type RegistrationResponse, type RegistrationOptions } from './verifyRegistration.js';
export type { AttestationPolicy } from './attestation/types.js';
export type * from './types.js';
