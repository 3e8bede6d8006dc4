import type { Level, Property } from '../flows/types.js';

/**
 * The one vocabulary for ledger levels, for every surface a person reads (app, CLI, exports,
 * docs). The ids stay as the trace format stores them (DESIGN.md §3); people see the word.
 * "claimed" replaces "asserted" (which a newcomer confuses with a WebAuthn assertion) and
 * "missing" replaces "absent".
 */
export const LEVEL_WORDS: Readonly<Record<Level, { readonly word: string; readonly tip: string }>> = {
  proven: { word: 'proven', tip: 'The verifier checked it itself, cryptographically: a signature, a hash or a challenge it issued.' },
  attested: { word: 'attested', tip: 'A claim inside data the verifier authenticated (a flag under the authenticator’s signature): as good as the authenticator.' },
  asserted: { word: 'claimed', tip: 'Someone said so, unsigned: the verifier has only their word and cannot check it.' },
  absent: { word: 'missing', tip: 'Nothing in the run establishes it.' },
  failed: { word: 'failed', tip: 'A check for it ran and failed.' },
};

/** The word a person reads for a level ("claimed" for the id `asserted`). */
export function levelWord(level: Level): string {
  return LEVEL_WORDS[level].word;
}

/** A ledger cell before the step that decides it. */
export const NOT_YET = { word: 'not yet', tip: 'No step so far has established or ruled out this property.' } as const;

/**
 * What each ledger property asks, one sentence each: the tooltip of a property's name wherever
 * the ledger is shown (lanes, the full table, reports).
 */
export const PROPERTY_QUESTIONS: Readonly<Record<Property, string>> = {
  'user-presence': 'Was a person there, touching or tapping, when the approval was made?',
  'user-verification': 'Was it the right person — a PIN or biometric checked by the device?',
  'key-possession': 'Did the approver hold the registered private key, shown by a signature the verifier checked?',
  'device-binding': 'Is the key tied to one device, or can it be copied or synced to others?',
  'origin-binding': 'Does the proof name the site or app the user was really on?',
  freshness: 'Was the proof made now, for this request, and not replayed?',
  'action-binding': 'Does what was signed or checked name the amount and payee that are executed?',
  'clone-detection': 'Could the verifier tell a copied key from the original (a counter that must rise)?',
  'authenticator-model': 'Which authenticator made the key, and does anyone the verifier trusts vouch for it (attestation verified to a root, or FIDO metadata)?',
};
