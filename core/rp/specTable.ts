import type { Ceremony } from './types.js';

/**
 * Every WebAuthn clause Proofline's relying-party checks cite, in one place.
 *
 * The text: "Web Authentication: An API for accessing Public Key Credentials, Level 3", W3C
 * Recommendation of 2026-08-25 (https://www.w3.org/TR/webauthn-3/), approved from the Candidate
 * Recommendation Draft of 2026-05-15 (branch L3-CR of w3c/webauthn), whose §7.1 and §7.2 step
 * lists have not changed since December 2024. In that text crossOrigin is a step of its own
 * (§7.1 step 10, §7.2 step 13: w3c/webauthn PR #2166) and extension processing comes after the
 * attestation steps (PR #2167).
 *
 * A future edition is one change here: the step lists below, the check map and the sections.
 * `test/rp/specTable.test.ts` compares the check map with the step lists, the docs with the map,
 * and every check a ceremony reports with the map.
 */
export const SPEC_TEXT = {
  title: 'Web Authentication: An API for accessing Public Key Credentials, Level 3',
  status: 'W3C Recommendation',
  date: '2026-08-25',
  url: 'https://www.w3.org/TR/webauthn-3/',
  from: 'Candidate Recommendation Draft 2026-05-15, branch L3-CR of w3c/webauthn',
} as const;

/** How every clause is prefixed where a person reads it. */
export const SPEC_PREFIX = 'WebAuthn L3';

/** §7.1 "Registering a New Credential": what each step asks, in the spec's words, shortened. */
export const REGISTRATION_STEPS: Readonly<Record<number, string>> = {
  1: 'Let options be a new CredentialCreationOptions structure',
  2: 'Call navigator.credentials.create() and pass options',
  3: 'Let response be credential.response; if it is not an AuthenticatorAttestationResponse, abort',
  4: 'Let clientExtensionResults be credential.getClientExtensionResults()',
  5: 'Let JSONtext be the result of running UTF-8 decode on response.clientDataJSON',
  6: 'Let C, the client data, be the result of running a JSON parser on JSONtext',
  7: 'Verify that the value of C.type is webauthn.create',
  8: 'Verify that the value of C.challenge equals the base64url encoding of pkOptions.challenge',
  9: 'Verify that the value of C.origin is an origin expected by the Relying Party',
  10: 'If C.crossOrigin is present and set to true, verify that the Relying Party expects this credential to have been created within an iframe that is not same-origin with its ancestors',
  11: 'If C.topOrigin is present: verify that the Relying Party expects to be framed, and that C.topOrigin matches the origin of a page it expects to be sub-framed within',
  12: 'Let hash be the result of computing a hash over response.clientDataJSON using SHA-256',
  13: 'Perform CBOR decoding on the attestationObject to obtain fmt, authData and attStmt',
  14: 'Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID expected by the Relying Party',
  15: 'If options.mediation is not set to conditional, verify that the UP bit of the flags in authData is set',
  16: 'If user verification is required, verify that the UV bit of the flags in authData is set',
  17: 'If the BE bit of the flags in authData is not set, verify that the BS bit is not set',
  18: 'If the Relying Party uses the credential backup eligibility, evaluate the BE bit',
  19: 'If the Relying Party uses the credential backup state, evaluate the BS bit',
  20: 'Verify that the "alg" parameter in the credential public key in authData matches the alg of one of the items in pkOptions.pubKeyCredParams',
  21: 'Determine the attestation statement format by a USASCII case-sensitive match on fmt against the supported format identifiers',
  22: 'Verify that attStmt is a correct attestation statement, by using the format fmt\'s verification procedure given attStmt, authData and hash',
  23: 'If validation is successful, obtain a list of acceptable trust anchors for that attestation type and format',
  24: 'Assess the attestation trustworthiness using the outputs of the verification procedure',
  25: 'Verify that the credentialId is ≤ 1023 bytes',
  26: 'Verify that the credentialId is not yet registered for any user',
};

/** §7.2 "Verifying an Authentication Assertion": what each step asks, shortened. */
export const AUTHENTICATION_STEPS: Readonly<Record<number, string>> = {
  1: 'Let options be a new CredentialRequestOptions structure',
  2: 'Call navigator.credentials.get() and pass options',
  3: 'Let response be credential.response; if it is not an AuthenticatorAssertionResponse, abort',
  4: 'Let clientExtensionResults be credential.getClientExtensionResults()',
  5: 'If pkOptions.allowCredentials is not empty, verify that credential.id identifies one of the public key credentials listed',
  6: 'Identify the user being authenticated and let credentialRecord be the credential record for the credential',
  7: 'Let cData, authData and sig denote response.clientDataJSON, authenticatorData and signature',
  8: 'Let JSONtext be the result of running UTF-8 decode on cData',
  9: 'Let C, the client data, be the result of running a JSON parser on JSONtext',
  10: 'Verify that the value of C.type is the string webauthn.get',
  11: 'Verify that the value of C.challenge equals the base64url encoding of pkOptions.challenge',
  12: 'Verify that the value of C.origin is an origin expected by the Relying Party',
  13: 'If C.crossOrigin is present and set to true, verify that the Relying Party expects this credential to be used within an iframe that is not same-origin with its ancestors',
  14: 'If C.topOrigin is present: verify that the Relying Party expects to be framed, and that C.topOrigin matches the origin of a page it expects to be sub-framed within',
  15: 'Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID expected by the Relying Party',
  16: 'Verify that the UP bit of the flags in authData is set',
  17: 'If user verification is required, verify that the UV bit of the flags in authData is set',
  18: 'If the BE bit of the flags in authData is not set, verify that the BS bit is not set',
  19: 'If the credential backup state is used in the Relying Party\'s business logic, evaluate the BE and BS bits',
  20: 'Let hash be the result of computing a hash over the cData using SHA-256',
  21: 'Using credentialRecord.publicKey, verify that sig is a valid signature over the binary concatenation of authData and hash',
  22: 'If authData.signCount is nonzero or credentialRecord.signCount is nonzero, verify that authData.signCount is greater than credentialRecord.signCount',
};

/** One step or an inclusive range of steps. */
export type Steps = number | readonly [number, number];

/** Where a check sits in each ceremony (absent: the check does not run in that ceremony). */
export interface CheckSteps {
  readonly registration?: Steps;
  readonly authentication?: Steps;
  /** A section the check also rests on in a ceremony, appended in parentheses. */
  readonly also?: Partial<Readonly<Record<Ceremony, string>>>;
}

/**
 * Check id → its §7.1 and §7.2 steps (`rp.clientDataHash` is the hash both ceremonies compute,
 * not a check). Each step's text in the lists above names what the check verifies; the test holds
 * them side by side.
 */
export const CHECK_STEPS = {
  'rp.shape': { registration: 3, authentication: 3 },
  'rp.allowCredential': { authentication: 5 },
  'rp.authenticatorData': { authentication: 7, also: { authentication: '§6.1 layout' } },
  'rp.clientDataJSON': { registration: [5, 6], authentication: [8, 9] },
  'rp.type': { registration: 7, authentication: 10 },
  'rp.challenge': { registration: 8, authentication: 11 },
  'rp.origin': { registration: 9, authentication: 12 },
  'rp.crossOrigin': { registration: 10, authentication: 13 },
  'rp.topOrigin': { registration: 11, authentication: 14 },
  'rp.clientDataHash': { registration: 12, authentication: 20 },
  'rp.attestationObject': { registration: 13 },
  'rp.rpIdHash': { registration: 14, authentication: 15 },
  'rp.userPresent': { registration: 15, authentication: 16 },
  'rp.userVerified': { registration: 16, authentication: 17 },
  'rp.backupFlags': { registration: 17, authentication: 18 },
  'rp.algorithm': { registration: 20 },
  'rp.attestation': { registration: [21, 22] },
  'rp.attestationTrust': { registration: [23, 24] },
  // Registration: the attested credential data (§6.5.1) with its credentialId of at most 1023
  // bytes; authentication: the credentialRecord whose publicKey step 21 verifies with.
  'rp.credentialKey': { registration: 25, authentication: 6, also: { registration: '§6.5.1 attested credential data' } },
  'rp.signature': { authentication: 21 },
  'rp.signCount': { authentication: 22 },
} as const satisfies Record<string, CheckSteps>;

/** A key of {@link CHECK_STEPS}: a ceremony step some check (or computation) stands for. */
export type StepKey = keyof typeof CHECK_STEPS;

/** Sections cited outside the two step lists. */
export const SECTIONS = {
  rpOperations: '§7',
  registration: '§7.1',
  authentication: '§7.2',
  credentialSource: '§4',
  authenticatorData: '§6.1',
  attestedCredentialData: '§6.5.1',
  signatureFormats: '§6.5.5',
  attestationFormats: '§8',
  packed: '§8.2',
  packedCertificate: '§8.2.1',
  tpm: '§8.3',
  tpmCertificate: '§8.3.1',
  androidKey: '§8.4',
  androidKeyCertificate: '§8.4.1',
  androidSafetyNet: '§8.5',
  fidoU2F: '§8.6',
  none: '§8.7',
  apple: '§8.8',
  cryptographicChallenges: '§13.5.3',
} as const;

/** A key of {@link SECTIONS}. */
export type SectionKey = keyof typeof SECTIONS;

function stepText(s: Steps): string {
  return typeof s === 'number' ? `step ${s}` : `steps ${s[0]}–${s[1]}`;
}

/** The steps a check stands for in a ceremony, or undefined when it does not run there. */
export function stepsOf(key: StepKey, ceremony: Ceremony): Steps | undefined {
  const entry: CheckSteps = CHECK_STEPS[key];
  return ceremony === 'registration' ? entry.registration : entry.authentication;
}

/**
 * The clause a check cites, e.g. `WebAuthn L3 §7.1 step 11` or
 * `WebAuthn L3 §7.2 step 7 (§6.1 layout)`. A check cited outside its ceremony is a programming
 * error and throws.
 */
export function specRef(key: StepKey, ceremony: Ceremony): string {
  const entry: CheckSteps = CHECK_STEPS[key];
  const steps = stepsOf(key, ceremony);
  if (steps === undefined) throw new Error(`${key} has no step in ${ceremony}`);
  const section = ceremony === 'registration' ? SECTIONS.registration : SECTIONS.authentication;
  const also = entry.also?.[ceremony];
  return `${SPEC_PREFIX} ${section} ${stepText(steps)}${also ? ` (${also})` : ''}`;
}

/** The short form used in tables and comments: `§7.1 step 11`. */
export function shortRef(key: StepKey, ceremony: Ceremony): string | undefined {
  const steps = stepsOf(key, ceremony);
  if (steps === undefined) return undefined;
  return `${ceremony === 'registration' ? SECTIONS.registration : SECTIONS.authentication} ${stepText(steps)}`;
}

/** A section clause, e.g. `WebAuthn L3 §8.3.1 (EKU)`. */
export function sectionRef(key: SectionKey, what?: string): string {
  return `${SPEC_PREFIX} ${SECTIONS[key]}${what ? ` (${what})` : ''}`;
}
