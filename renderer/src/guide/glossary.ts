import { SPC, WEBAUTHN_L3 } from '../model/specLinks.js';

/** One glossary entry: the term as the app shows it, one sentence, and where the spec says it. */
export interface GlossaryEntry {
  readonly term: string;
  readonly sentence: string;
  readonly spec?: { readonly text: string; readonly url: string };
}

const wa = (section: string, anchor: string) => ({ text: `WebAuthn L3 ${section}`, url: `${WEBAUTHN_L3}#${anchor}` });

/**
 * Every term the app shows without explaining it, keyed by the id the `?` beside it opens.
 * One sentence each, written for a first-time student; loaded on first use (not in the start chunk).
 */
export const GLOSSARY: Readonly<Record<string, GlossaryEntry>> = {
  seed: { term: 'Seed', sentence: 'The number every random value of a run (keys, challenges, nonces) is drawn from: the same seed records the same bytes again, a new seed records a fresh but equivalent run.' },
  sync: { term: 'Step lanes together by phase', sentence: 'When on, Next step moves both lanes to the same phase (registration, challenge, approval, decision…) so you compare like with like; when off, only the lane you choose steps.' },
  userVerification: { term: 'UV policy', sentence: 'What the relying party asks of the authenticator: “required” refuses an assertion without the UV flag, “preferred” asks for it but accepts its absence, “discouraged” does not ask.', spec: wa('§5.8.6', 'enumdef-userverificationrequirement') },
  uv: { term: 'UV / UP', sentence: 'Two flags in authenticatorData: UP (user present) says someone touched the authenticator, UV (user verified) says it checked a PIN or biometric — both are the authenticator’s statement, signed with the key.', spec: wa('§6.1', 'sctn-authenticator-data') },
  uvAvailable: { term: 'UV available', sentence: 'Whether the authenticator in this run can verify the user at all (a PIN or a biometric sensor); without it, it can only report presence.' },
  credential: { term: 'Credential kind', sentence: '“device-bound” keeps the private key in one authenticator; “synced” (a passkey) copies it to the user’s other devices through a cloud account.' },
  bebs: { term: 'BE / BS', sentence: 'Backup Eligible and Backup State, two flags in authenticatorData: BE says the key may be copied to other devices (a synced passkey), BS says it has been.', spec: wa('§6.1.3', 'sctn-credential-backup') },
  binding: { term: 'Binding', sentence: 'How the approved action (payee, amount) is tied to what the user’s key signs: “none” signs only a challenge, “challenge” hashes the action into the challenge, “spc” shows it in the browser’s own payment dialog first.' },
  spc: { term: 'spc (Secure Payment Confirmation)', sentence: 'A W3C extension of WebAuthn in which the browser, not the web page, shows the payee and amount and puts them into the signed client data, so the bank can check what the user saw.', spec: { text: 'Secure Payment Confirmation', url: SPC } },
  dynamicLinking: { term: 'Dynamic linking', sentence: 'The PSD2 rule that an authentication code must be tied to one amount and one payee, so that changing either makes the code invalid.' },
  replayGuard: { term: 'Replay guard', sentence: 'Whether the server remembers the one-time values it issued and refuses one that comes back a second time.' },
  rpIdHash: { term: 'rpIdHash', sentence: 'The first 32 bytes of authenticatorData: the SHA-256 of the site’s RP ID, which the authenticator signs, so a response made for another site does not match.', spec: wa('§6.1', 'sctn-authenticator-data') },
  rpId: { term: 'RP ID', sentence: 'The relying party’s domain name (e.g. bank.example) that a credential is scoped to; the browser only lets a page use credentials of its own domain or a parent of it.', spec: wa('§5.1.4', 'sctn-getAssertion') },
  challenge: { term: 'Challenge', sentence: 'A fresh random value the server sends for one ceremony; the signed response must carry it back, which proves the signature was made now and not replayed.', spec: wa('§13.5.3', 'sctn-cryptographic-challenges') },
  origin: { term: 'Origin', sentence: 'The scheme, host and port of the page that called WebAuthn, written by the browser into clientDataJSON, so the server sees which site the user was really on.' },
  clientDataJSON: { term: 'clientDataJSON', sentence: 'The JSON the browser writes (type, challenge, origin), hashed into what the authenticator signs: the browser’s testimony of where and for what the signature was made.', spec: wa('§5.8.1', 'dictionary-client-data') },
  authenticatorData: { term: 'authenticatorData', sentence: 'The authenticator’s own bytes: rpIdHash, the flags (UP, UV, BE, BS), the signature counter and, at registration, the new public key.', spec: wa('§6.1', 'sctn-authenticator-data') },
  signCount: { term: 'Signature counter', sentence: 'A number the authenticator increases with every signature; a server that sees it go backwards may be looking at a cloned key.', spec: wa('§6.1.1', 'sctn-sign-counter') },
  attestation: { term: 'Attestation', sentence: 'A statement, signed by the authenticator’s maker, about what kind of authenticator created a key; it says where a key lives, not who the user is.', spec: wa('§8', 'sctn-defined-attestation-formats') },
  authenticatorModel: { term: 'authenticator-model', sentence: 'Which authenticator made the key and who vouches for it: attested when its attestation chain verifies to a root you trust (or to its FIDO metadata entry), claimed when only its AAGUID names a model, missing when nothing names one — as in flows without WebAuthn attestation.', spec: wa('§7.1', 'sctn-registering-a-new-credential') },
  signature: { term: 'Signature (proof of possession)', sentence: 'The authenticator signs authenticatorData and the hash of clientDataJSON with the credential’s private key; a valid signature proves the key was there, and covers only those bytes.', spec: wa('§7.2', 'sctn-verifying-assertion') },
  claim: { term: 'Signed message vs claim', sentence: 'A signed message is something the verifier can check with a key it trusts; a claim is something a party only says (a JSON field, a flag in an unsigned message), which the verifier has to take on trust.' },
  levels: { term: 'Proven, attested, claimed, missing, failed', sentence: 'What the verifier can conclude about a property: proven by its own check of a signature, attested by a party it trusts, only claimed, not shown at all, or shown to be false.' },
  ledger: { term: 'Ledger', sentence: 'The table of what the verifier can conclude about each property (presence, verification, key possession, action binding…) after the run, with the step that shows it.' },
  matrix: { term: 'Outcome matrix', sentence: 'Every scenario (honest and each attack) against every flow and binding, each cell recorded live: OK, blocked (by which check), breach, or a false reject.' },
  breach: { term: 'Breach / blocked', sentence: 'A breach is an attack that got its action executed; blocked means a real check refused it, and the matrix names which one.' },
  relyingParty: { term: 'Relying party (RP)', sentence: 'The website or bank server that registers credentials and verifies the signed responses.' },
};

/** The glossary's terms in reading order (the glossary lists them all). */
export const GLOSSARY_ORDER: readonly string[] = Object.keys(GLOSSARY);
