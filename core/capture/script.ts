import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalAction, describeAction, type Action } from '../codec/action.js';
import { jsonBytes } from '../ops/payloads.js';
import { shownOf } from '../ops/people.js';
import type { Recorder } from '../flows/record.js';
import { recordSubmission, type Assertion } from '../flows/webauthn.js';

/**
 * What the capture recorder writes, as functions of their inputs only: the browser's and the
 * device's answers, the options the RP sent, the page's origin. Every phase, sender, receiver,
 * attacker mark, label and caption of a captured run comes from here, so re-verification
 * (core/capture/replay.ts) runs the same functions on inputs read back from the run's bytes and
 * compares what they write with what the run shows.
 */

/** The relying party's id: the capture page is served on http://localhost:<port>. */
export const CAPTURE_RP_ID = 'localhost';

/** What a capture's `derived` member says of each run built from the captured bytes. */
export const DERIVED = {
  replay: 'replay of the captured assertion against a new transaction',
  'tx-swap-after-approval': 'the captured assertion submitted with a swapped action',
  'byte-tamper': 'the captured clientDataJSON rewritten in transit',
  counter: (from: number, to: number) => `the captured assertion’s counter set back from ${from} to ${to}, as a lagging copy of the key would send (nothing re-signed it)`,
  lookAlike: (origin: string) => `the look-alike origin ${origin} asked for rpId ${CAPTURE_RP_ID}`,
} as const;

/** The user's choice as the RP's policy records it. */
export interface CapturePolicy {
  readonly origin: string;
  readonly userVerification: string;
  readonly binding: string;
}

/** What a registration took from outside: the creation options sent and the browser's answer. */
export interface RegistrationInput extends CapturePolicy {
  readonly options: Record<string, unknown>;
  readonly clientDataJSON: Uint8Array;
  readonly attestationObject: Uint8Array;
  readonly credentialId: Uint8Array;
  /** `{transports, authenticatorAttachment}` as the browser reported them. */
  readonly response: Record<string, unknown>;
  /** What the RP trusted (`capture --trust/--mds/--mds-root/--at`): the `trust` payload of its §7.1 verification, as JSON bytes. */
  readonly trust?: Uint8Array;
}

/** A transaction the RP opened: its id and the request options it sent. */
export interface CaptureTx {
  readonly txId: string;
  readonly options: Record<string, unknown>;
}

/** What an approval took from outside: the action, the RP's transaction and the device's assertion. */
export interface ApprovalInput extends CapturePolicy {
  readonly action: Action;
  readonly tx: CaptureTx;
  readonly assertion: Assertion;
}

/** What the look-alike attempt took from outside: its origin, the transaction and the browser's answer. */
export interface LookAlikeInput {
  readonly lookAlikeOrigin: string;
  readonly userVerification: string;
  readonly action: Action;
  readonly tx: CaptureTx;
  readonly result: { error: { name: string; message: string } } | { credential: 'returned' };
}

function uaRequest(origin: string, userVerification: string, mode: 'create' | 'get'): { name: string; encoding: 'json'; bytes: Uint8Array } {
  return { name: 'request', encoding: 'json', bytes: jsonBytes({ origin, rpId: CAPTURE_RP_ID, userVerification, mode }) };
}

/** The registration: the RP's policy and options, the browser's create(), the device's attestation, §7.1. */
export async function recordRegistration(rec: Recorder, r: RegistrationInput): Promise<void> {
  const uv = r.userVerification;
  const policy = { rpId: CAPTURE_RP_ID, origin: r.origin, userVerification: uv, binding: r.binding };
  await rec.step({ phase: 'enroll', from: 'rp', label: 'RP policy', caption: `Proofline’s relying party (${CAPTURE_RP_ID}) asks for user verification “${uv}” and binds actions by “${r.binding}”.`, op: 'rp.policy', payloads: [{ name: 'policy', encoding: 'json', bytes: jsonBytes(policy) }] });
  await rec.step({ phase: 'enroll', from: 'rp', to: 'ua', label: 'Creation options', caption: 'The RP sends registration options with a fresh single-use challenge and asks for direct attestation.', op: 'rp.registrationOptions', payloads: [{ name: 'options', encoding: 'json', bytes: jsonBytes(r.options) }] });
  await rec.step({ phase: 'enroll', from: 'ua', to: 'authn', label: 'navigator.credentials.create()', caption: `Your browser checked that ${CAPTURE_RP_ID} belongs to ${r.origin}, wrote this clientDataJSON, and passed only its hash to your authenticator.`, op: 'ua.create', payloads: [uaRequest(r.origin, uv, 'create'), { name: 'clientDataJSON', encoding: 'json', bytes: r.clientDataJSON }, { name: 'clientDataHash', encoding: 'binary', bytes: sha256(r.clientDataJSON) }] });
  await rec.step({ phase: 'enroll', from: 'authn', to: 'ua', label: 'Attestation', caption: `Your authenticator made a key pair for ${CAPTURE_RP_ID} and returned its public key in the attestationObject; the private key never left it.`, op: 'authn.captured', payloads: [{ name: 'attestationObject', encoding: 'cbor', bytes: r.attestationObject }, { name: 'credentialId', encoding: 'binary', bytes: r.credentialId }, { name: 'response', encoding: 'json', bytes: jsonBytes(r.response) }] });
  await rec.step({ phase: 'enroll', from: 'ua', to: 'rp', label: 'Registration response', caption: 'The page sent clientDataJSON and the attestationObject to the RP.', op: 'rp.receiveRegistration', payloads: [{ name: 'clientDataJSON', encoding: 'json', bytes: r.clientDataJSON }, { name: 'attestationObject', encoding: 'cbor', bytes: r.attestationObject }, { name: 'credentialId', encoding: 'binary', bytes: r.credentialId }] });
  const expected = { rpId: CAPTURE_RP_ID, origin: r.origin, challenge: String(r.options.challenge), userVerification: uv };
  await rec.step({ phase: 'enroll', from: 'rp', label: 'Verify registration', caption: 'The RP ran WebAuthn §7.1 and stored the credential public key and counter.', op: 'rp.verifyRegistration', payloads: [{ name: 'expected', encoding: 'json', bytes: jsonBytes(expected) }, ...(r.trust ? [{ name: 'trust', encoding: 'json' as const, bytes: r.trust }] : [])] });
}

/**
 * The approval: the user's decision, the RP's transaction, the page, the browser's get(), the
 * device's assertion and, with `submit`, the page's submission and the RP's §7.2 and execution.
 */
export async function recordApproval(rec: Recorder, a: ApprovalInput, submit: boolean): Promise<void> {
  const { action, tx, assertion } = a;
  await rec.step({ phase: 'challenge', from: 'user', label: 'Decide', caption: `You chose to approve ${describeAction(action)} on the capture page.`, op: 'user.intend', payloads: [{ name: 'intent', encoding: 'json', bytes: canonicalAction(action) }] });
  await rec.step({ phase: 'challenge', from: 'ua', to: 'rp', label: 'POST /transactions', caption: 'The page sent the payment to the RP.', op: 'rp.createTransaction', payloads: [{ name: 'request', encoding: 'json', bytes: jsonBytes({ method: 'POST', path: '/transactions', body: { action } }) }] });
  await rec.step({ phase: 'challenge', from: 'rp', to: 'ua', label: 'Request options', caption: a.binding === 'challenge' ? `The RP opened ${tx.txId}; its challenge is a nonce followed by SHA-256 of the action.` : `The RP opened ${tx.txId} with a fresh random challenge.`, op: 'rp.transactionCreated', payloads: [{ name: 'options', encoding: 'json', bytes: jsonBytes(tx.options) }] });
  await rec.step({ phase: 'display', from: 'ua', to: 'user', label: 'Capture page', caption: `The page at ${a.origin} showed you ${describeAction(action)}.`, op: 'user.review', payloads: [{ name: 'screen', encoding: 'json', bytes: jsonBytes({ surface: `the capture page at ${a.origin}`, trusted: false, shows: shownOf(action) }) }] });
  await rec.step({ phase: 'gesture', from: 'ua', to: 'authn', label: 'navigator.credentials.get()', caption: `Your browser checked that rpId ${CAPTURE_RP_ID} belongs to ${a.origin}, wrote this clientDataJSON, and passed only its hash to your authenticator.`, op: 'ua.get', payloads: [uaRequest(a.origin, a.userVerification, 'get'), { name: 'clientDataJSON', encoding: 'json', bytes: assertion.clientDataJSON }, { name: 'clientDataHash', encoding: 'binary', bytes: sha256(assertion.clientDataJSON) }] });
  await rec.step({ phase: 'proof', from: 'authn', to: 'ua', label: 'Assertion', caption: 'Your authenticator signed authenticatorData ‖ SHA-256(clientDataJSON) with the credential key.', op: 'authn.captured', payloads: [{ name: 'authenticatorData', encoding: 'binary', bytes: assertion.authenticatorData }, { name: 'signature', encoding: 'der', bytes: assertion.signature }, { name: 'credentialId', encoding: 'binary', bytes: assertion.credentialId }, ...(assertion.userHandle ? [{ name: 'userHandle', encoding: 'binary' as const, bytes: assertion.userHandle }] : [])] });
  if (submit) await recordSubmission(rec, 'ua', tx.txId, action, assertion, 'The page submitted the assertion with the action to execute.');
}

/** The look-alike attempt after the registration: the same request from another origin, and the browser's answer. */
export async function recordLookAlike(rec: Recorder, l: LookAlikeInput): Promise<void> {
  const { action, tx, lookAlikeOrigin: origin } = l;
  await rec.step({ phase: 'challenge', from: 'user', label: 'Decide', caption: `You chose to approve ${describeAction(action)}.`, op: 'user.intend', payloads: [{ name: 'intent', encoding: 'json', bytes: canonicalAction(action) }] });
  await rec.step({ phase: 'challenge', from: 'attacker', label: 'Look-alike', caption: `A page at ${origin} — another origin, as a phishing site would be — asks the browser for rpId ${CAPTURE_RP_ID}.`, op: 'attacker.note', attacker: true, payloads: [{ name: 'note', encoding: 'json', bytes: jsonBytes({ text: `The look-alike ${origin} relays the payment and asks for the RP’s credential (rpId ${CAPTURE_RP_ID}).` }) }] });
  await rec.step({ phase: 'challenge', from: 'attacker', to: 'rp', label: 'POST /transactions', caption: 'The look-alike relays the payment to the RP.', op: 'rp.createTransaction', attacker: true, payloads: [{ name: 'request', encoding: 'json', bytes: jsonBytes({ method: 'POST', path: '/transactions', body: { action } }) }] });
  await rec.step({ phase: 'challenge', from: 'rp', to: 'attacker', label: 'Request options', caption: `The RP opened ${tx.txId} and handed its options to the look-alike.`, op: 'rp.transactionCreated', attacker: true, payloads: [{ name: 'options', encoding: 'json', bytes: jsonBytes(tx.options) }] });
  await rec.step({ phase: 'display', from: 'attacker', to: 'user', label: 'Look-alike page', caption: `The page at ${origin} showed you ${describeAction(action)}.`, op: 'user.review', attacker: true, payloads: [{ name: 'screen', encoding: 'json', bytes: jsonBytes({ surface: `the look-alike page at ${origin}`, trusted: false, shows: shownOf(action) }) }] });
  const r = l.result;
  await rec.step({ phase: 'gesture', from: 'ua', label: 'navigator.credentials.get()', caption: 'error' in r ? `Your browser answered the look-alike’s request for rpId ${CAPTURE_RP_ID} with ${r.error.name}.` : `Your browser let the look-alike use rpId ${CAPTURE_RP_ID}.`, op: 'ua.refused', payloads: [uaRequest(origin, l.userVerification, 'get'), { name: 'result', encoding: 'json', bytes: jsonBytes(r) }] });
}

/** The attacker opens its own transaction (POST /transactions and the RP's options for it). */
export async function recordAttackerTransaction(rec: Recorder, action: Action, tx: CaptureTx, caption: string): Promise<void> {
  await rec.step({ phase: 'challenge', from: 'attacker', to: 'rp', label: 'POST /transactions', caption, op: 'rp.createTransaction', attacker: true, payloads: [{ name: 'request', encoding: 'json', bytes: jsonBytes({ method: 'POST', path: '/transactions', body: { action } }) }] });
  await rec.step({ phase: 'challenge', from: 'rp', to: 'attacker', label: 'Request options', caption: `The RP opens ${tx.txId} with a fresh challenge.`, op: 'rp.transactionCreated', attacker: true, payloads: [{ name: 'options', encoding: 'json', bytes: jsonBytes(tx.options) }] });
}

/** Replay, after the whole captured run: the attacker submits the captured assertion for its own transaction. */
export async function recordReplayAttack(rec: Recorder, action: Action, tx: CaptureTx, assertion: Assertion): Promise<void> {
  await rec.step({ phase: 'challenge', from: 'attacker', label: 'Capture', caption: 'Earlier, the attacker recorded your assertion on its way to the RP.', op: 'attacker.note', attacker: true, payloads: [{ name: 'note', encoding: 'json', bytes: jsonBytes({ text: 'The attacker recorded the captured assertion on its way to the RP.' }) }] });
  await recordAttackerTransaction(rec, action, tx, 'The attacker opens a new transaction with your session.');
  await recordSubmission(rec, 'attacker', tx.txId, action, assertion, 'The attacker replays your captured assertion for its own transaction.');
}

/** Swap after approval, in place of the page's submission: the captured assertion with another action. */
export async function recordSwapAttack(rec: Recorder, txId: string, action: Action, assertion: Assertion): Promise<void> {
  await recordSubmission(rec, 'attacker', txId, action, assertion, 'Malware in the browser swaps the action in the submission: 5000 EUR to Mallory.');
}

/** Byte tamper, in place of the page's submission: a proxy's own transaction and the rewritten clientDataJSON. */
export async function recordTamperAttack(rec: Recorder, action: Action, tx: CaptureTx, tampered: Assertion): Promise<void> {
  await recordAttackerTransaction(rec, action, tx, 'An on-path proxy the browser trusts opens its own transaction with the session it sees.');
  await recordSubmission(rec, 'attacker', tx.txId, action, tampered, 'The proxy rewrites the challenge in clientDataJSON to its own transaction’s and submits.');
}
