import { Requirements, type AttestationInput, type AttestationOutcome } from './types.js';

/** `none` (WebAuthn L3 §8.7): attStmt is an empty map; nothing is attested. */
export function verifyNone(input: AttestationInput): AttestationOutcome {
  // Intent: accept "no attestation" for what it is, and nothing more.
  const r = new Requirements('rp.none', 'none');
  const members = [...input.attStmt.keys()].map(String);
  r.need('attStmt', 'attStmt is an empty map', members.length === 0, 'attStmt is empty: no attestation, nothing about the authenticator is proven', `expected an empty attStmt for fmt "none", got ${members.length} member(s): ${members.join(', ')}`);
  return { checks: r.checks, type: 'none' };
}
