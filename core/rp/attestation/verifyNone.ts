import type { AttestationInput, AttestationOutcome } from './types.js';

/** `none` (WebAuthn L3 §8.7): attStmt is an empty map; nothing is attested. */
export function verifyNone(input: AttestationInput): AttestationOutcome {
  // Intent: accept "no attestation" for what it is, and nothing more.
  if (input.attStmt.size !== 0) return { status: 'fail', type: 'none', detail: `expected an empty attStmt for fmt "none", got ${input.attStmt.size} member(s)` };
  return { status: 'pass', type: 'none', detail: 'fmt "none": no attestation, nothing about the authenticator is proven' };
}
