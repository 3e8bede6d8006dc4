import '../ops/rp.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { cloneCredential, createAuthenticator, syncToNewDevice, type Authenticator } from '../authenticator/index.js';
import type { PersonAtDevice } from '../authenticator/decideUserVerification.js';
import { actionHash, canonicalAction, describeAction, type Action } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { encodeAuthenticatorData, parseAuthenticatorData } from '../codec/authenticatorData.js';
import { bytesToHex, bytesToUtf8, concatBytes, utf8ToBytes } from '../codec/bytes.js';
import { buildClientDataJSON, parseClientDataJSON } from '../codec/clientData.js';
import { generateKeyPair, signMessage } from '../crypto/sign.js';
import { fixed, fromCheck, findCheck } from '../ledger/derive.js';
import { authenticatorModelLevel } from '../ledger/authenticatorModel.js';
import { isDisabledByConfiguration } from '../rp/flaws.js';
import { confirmPayment, createCredential, getCredential } from '../ua/index.js';
import type { EvalState } from '../ops/evaluate.js';
import { jsonBytes, valuesIn } from '../ops/payloads.js';
import '../ops/index.js';
import { shownOf } from '../ops/people.js';
import type { Recorder } from './record.js';
import { flowInfo } from './catalog.js';
import { registerFlow, type SimContext } from './registry.js';
import type { FlowOptions, LedgerEntry, Step } from './types.js';
import { assertionExpectations, rpMemory } from '../ops/rp.js';
import { decodeCoseKey, type CosePublicKey } from '../codec/cose.js';

/**
 * The three-actor WebAuthn ceremony (DESIGN.md §1): registration at enrolment, then an assertion
 * that approves an action, with the action bound not at all, by dynamic linking, or by Secure
 * Payment Confirmation. Real keys and signatures throughout; the RP's checks decide.
 */

const RP_ID = 'example.com';
const ORIGIN = 'https://example.com';
const PHISHING_ORIGIN = 'https://examp1e-bank.com';
/** A retired campaign site whose dangling DNS record an attacker claimed (subdomain-takeover). */
const TAKEN_OVER_ORIGIN = 'https://promo.example.com';

interface Tx {
  txId: string;
  challenge: Uint8Array;
  action: Action;
}

/** The parts of an assertion that travel to the RP (no userHandle payload when the browser gave none). */
export interface Assertion {
  clientDataJSON: Uint8Array;
  authenticatorData: Uint8Array;
  signature: Uint8Array;
  credentialId: Uint8Array;
  userHandle?: Uint8Array;
}

class WebAuthnRun {
  readonly rec: Recorder;
  readonly ctx: SimContext;
  readonly opts: Required<Pick<FlowOptions, 'userVerification' | 'uvAvailable' | 'credential' | 'binding' | 'rpFlaw'>>;
  device: Authenticator;
  credentialId: Uint8Array = new Uint8Array();
  readonly userId: Uint8Array;

  constructor(rec: Recorder, ctx: SimContext) {
    this.rec = rec;
    this.ctx = ctx;
    const o = ctx.options;
    this.opts = { userVerification: o.userVerification ?? 'preferred', uvAvailable: o.uvAvailable ?? true, credential: o.credential ?? 'device-bound', binding: o.binding ?? 'none', rpFlaw: o.rpFlaw ?? 'none' };
    this.device = createAuthenticator({ rng: ctx.rng.fork('authn.phone'), name: 'Bob’s phone', uvAvailable: this.opts.uvAvailable, credentialKind: this.opts.credential });
    this.userId = ctx.rng.fork('user.id').bytes(16);
  }

  deviceBytes(d: Authenticator = this.device): { name: string; encoding: 'json'; bytes: Uint8Array } {
    return { name: 'device', encoding: 'json', bytes: jsonBytes({ name: d.name, uvAvailable: d.uvAvailable, credentialKind: d.credentialKind }) };
  }

  /** Policy, registration options, create(), gesture, attestation, verification. */
  async enrol(): Promise<boolean> {
    const { rec, ctx, opts } = this;
    // rpFlaw is written only when set, so runs of a strict RP keep their bytes (DESIGN.md §13.2).
    const flaw = opts.rpFlaw !== 'none' ? ` It is misconfigured: rpFlaw “${opts.rpFlaw}”.` : '';
    await rec.step({ phase: 'enroll', from: 'rp', label: 'RP policy', caption: `The bank’s relying party (${RP_ID}) asks for user verification “${opts.userVerification}” and binds actions by “${opts.binding}”.${flaw}`, op: 'rp.policy', payloads: [{ name: 'policy', encoding: 'json', bytes: jsonBytes({ rpId: RP_ID, origin: ORIGIN, userVerification: opts.userVerification, binding: opts.binding, ...(opts.rpFlaw !== 'none' ? { rpFlaw: opts.rpFlaw } : {}) }) }] });
    const challenge = ctx.rng.bytes(32);
    const options = { challenge: toBase64url(challenge), rp: { id: RP_ID, name: 'Example Bank' }, user: { id: toBase64url(this.userId), name: 'bob' }, userVerification: opts.userVerification };
    await rec.step({ phase: 'enroll', from: 'rp', to: 'ua', label: 'Creation options', caption: 'The RP sends registration options with a fresh single-use challenge.', op: 'rp.registrationOptions', payloads: [{ name: 'options', encoding: 'json', bytes: jsonBytes(options) }] });
    const r = createCredential(this.device, { origin: ORIGIN, publicKey: { challenge, rp: { id: RP_ID, name: 'Example Bank' }, user: { id: this.userId, name: 'bob', displayName: 'Bob' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], userVerification: opts.userVerification } });
    const cdj = r.status === 'ok' ? r.clientDataJSON : buildClientDataJSON({ type: 'webauthn.create', challenge: toBase64url(challenge), origin: ORIGIN });
    await rec.step({ phase: 'enroll', from: 'ua', to: 'authn', label: 'authenticatorMakeCredential', caption: `The browser checks that ${RP_ID} belongs to ${ORIGIN}, writes clientDataJSON, and passes only its hash and the rpId to the authenticator.`, op: 'ua.create', payloads: [this.uaRequest(ORIGIN, opts.userVerification, 'create'), { name: 'clientDataJSON', encoding: 'json', bytes: cdj }, { name: 'clientDataHash', encoding: 'binary', bytes: sha256(cdj) }] });
    if (rec.halted) return false;
    await this.gesture('user', 'enrolled-user', 'enroll');
    if (r.status !== 'ok') {
      await rec.step({ phase: 'enroll', from: 'authn', to: 'ua', label: 'Refused', caption: `The authenticator refuses: ${r.message}`, op: 'authn.makeCredential', payloads: [this.deviceBytes()] });
      return false;
    }
    this.credentialId = r.credential.rawId;
    const secret = this.device.store.get(this.credentialId);
    if (secret) rec.secrets.push({ actor: 'authn', label: `credential ${bytesToHex(this.credentialId).slice(0, 12)}…`, alg: secret.key.alg, secretKey: secret.key.secretKey });
    await rec.step({ phase: 'enroll', from: 'authn', to: 'ua', label: 'Attestation', caption: `The authenticator creates a P-256 key pair for ${RP_ID} (${opts.credential === 'synced' ? 'a synced passkey, BE=1 BS=1' : 'device-bound, BE=0'}) and returns its public key in the attestationObject.`, op: 'authn.makeCredential', payloads: [this.deviceBytes(), { name: 'attestationObject', encoding: 'cbor', bytes: r.credential.response.attestationObject }, { name: 'credentialId', encoding: 'binary', bytes: r.credential.rawId }] });
    await rec.step({ phase: 'enroll', from: 'ua', to: 'rp', label: 'Registration response', caption: 'The browser sends clientDataJSON and the attestationObject to the RP.', op: 'rp.receiveRegistration', payloads: [{ name: 'clientDataJSON', encoding: 'json', bytes: r.clientDataJSON }, { name: 'attestationObject', encoding: 'cbor', bytes: r.credential.response.attestationObject }, { name: 'credentialId', encoding: 'binary', bytes: r.credential.rawId }] });
    const expected = { rpId: RP_ID, origin: ORIGIN, challenge: toBase64url(challenge), userVerification: opts.userVerification };
    await rec.step({ phase: 'enroll', from: 'rp', label: 'Verify registration', caption: 'The RP runs WebAuthn §7.1 and stores the credential public key and counter.', op: 'rp.verifyRegistration', payloads: [{ name: 'expected', encoding: 'json', bytes: jsonBytes(expected) }] });
    return !rec.halted;
  }

  uaRequest(origin: string, userVerification: string, mode: 'create' | 'get' | 'spc'): { name: string; encoding: 'json'; bytes: Uint8Array } {
    return { name: 'request', encoding: 'json', bytes: jsonBytes({ origin, rpId: RP_ID, userVerification, mode }) };
  }

  async gesture(from: 'user' | 'attacker', person: PersonAtDevice, phase: Step['phase'] = 'gesture'): Promise<void> {
    const caption = person === 'enrolled-user' ? 'Bob touches the sensor; his fingerprint matches.' : person === 'someone-else' ? 'The person holding the phone touches the sensor; the fingerprint is not Bob’s.' : 'Nobody touches the authenticator.';
    await this.rec.step({ phase, from, to: 'authn', label: 'Gesture', caption, op: 'authn.gesture', payloads: [{ name: 'gesture', encoding: 'json', bytes: jsonBytes({ person }) }], attacker: from === 'attacker' });
  }

  async intend(): Promise<void> {
    await this.rec.step({ phase: 'challenge', from: 'user', label: 'Decide', caption: `Bob decides to pay ${describeAction(this.ctx.intended)}.`, op: 'user.intend', payloads: [{ name: 'intent', encoding: 'json', bytes: canonicalAction(this.ctx.intended) }] });
  }

  /** POST /transactions and the RP's request options. */
  async createTx(by: 'ua' | 'attacker', action: Action, caption: string): Promise<Tx> {
    const { rec, ctx, opts } = this;
    await rec.step({ phase: 'challenge', from: by, to: 'rp', label: 'POST /transactions', caption, op: 'rp.createTransaction', payloads: [{ name: 'request', encoding: 'json', bytes: jsonBytes({ method: 'POST', path: '/transactions', body: { action } }) }], attacker: by === 'attacker' });
    const txId = `tx-${bytesToHex(ctx.rng.bytes(4))}`;
    // Dynamic linking: nonce (16 bytes) ‖ SHA-256(canonical action); otherwise 32 random bytes.
    const challenge = opts.binding === 'challenge' ? concatBytes(ctx.rng.bytes(16), actionHash(action)) : ctx.rng.bytes(32);
    const options: Record<string, unknown> = { txId, challenge: toBase64url(challenge), rpId: RP_ID, allowCredentials: [toBase64url(this.credentialId)], userVerification: opts.userVerification };
    if (opts.binding === 'spc' && action.kind === 'payment') options.payment = { payeeName: action.payee.name, total: action.amount, instrument: { displayName: 'Visa •••• 4242', icon: 'https://example.com/card.png' } };
    await rec.step({ phase: 'challenge', from: 'rp', to: by, label: 'Request options', caption: opts.binding === 'challenge' ? `The RP opens ${txId}; its challenge is a nonce followed by SHA-256 of the action.` : `The RP opens ${txId} with a fresh random challenge.`, op: 'rp.transactionCreated', payloads: [{ name: 'options', encoding: 'json', bytes: jsonBytes(options) }], attacker: by === 'attacker' });
    return { txId, challenge, action };
  }

  /** The page shows the action; with SPC the browser's own dialog shows it too. */
  async pageShows(shown: Action, controlledBy: 'ua' | 'attacker', site = ORIGIN): Promise<boolean> {
    await this.rec.step({ phase: 'display', from: controlledBy, to: 'user', label: 'Web page', caption: controlledBy === 'attacker' ? `Malware in the page shows Bob ${describeAction(shown)}.` : `The page at ${site} shows Bob ${describeAction(shown)}.`, op: 'user.review', payloads: [{ name: 'screen', encoding: 'json', bytes: jsonBytes({ surface: `the web page at ${site}`, trusted: false, shows: shownOf(shown) }) }], attacker: controlledBy === 'attacker' });
    return !this.rec.halted;
  }

  /** get() (or SPC) through the browser, the gesture, and the authenticator's answer. */
  async assert(tx: Tx, device: Authenticator, origin: string, person: PersonAtDevice, who: 'user' | 'attacker', override: { userVerification?: 'discouraged'; plainGet?: boolean } = {}): Promise<Assertion | undefined> {
    const { rec } = this;
    const opts = { ...this.opts, ...(override.userVerification ? { userVerification: override.userVerification } : {}) };
    const spc = opts.binding === 'spc' && tx.action.kind === 'payment' && !override.plainGet;
    let result;
    if (spc && tx.action.kind === 'payment') {
      const a = tx.action;
      const shown = { payeeName: a.payee.name, amount: a.amount };
      // SPC §4.1.7: the browser draws payee and amount on its own dialog, out of the page's reach.
      if (who === 'user') {
        await rec.step({ phase: 'display', from: 'ua', to: 'user', label: 'SPC dialog', caption: `The browser’s own payment dialog shows ${a.amount.value} ${a.amount.currency} to ${a.payee.name}.`, op: 'user.review', payloads: [{ name: 'screen', encoding: 'json', bytes: jsonBytes({ surface: 'the browser’s payment dialog', trusted: true, shows: shown }) }] });
        if (rec.halted) return undefined;
      }
      result = confirmPayment(device, { origin, data: { challenge: tx.challenge, rpId: RP_ID, credentialIds: [this.credentialId], instrument: { displayName: 'Visa •••• 4242', icon: 'https://example.com/card.png' }, payeeName: a.payee.name }, total: a.amount, decide: () => 'confirm', person });
    } else {
      result = getCredential(device, { origin, publicKey: { challenge: tx.challenge, rpId: RP_ID, allowCredentials: [{ id: this.credentialId }], userVerification: opts.userVerification }, person });
    }
    const uv = spc ? 'required' : opts.userVerification;
    const cdj = result.clientDataJSON ?? buildClientDataJSON({ type: spc ? 'payment.get' : 'webauthn.get', challenge: toBase64url(tx.challenge), origin });
    await rec.step({ phase: 'gesture', from: 'ua', to: 'authn', label: spc ? 'SPC → authenticatorGetAssertion' : 'authenticatorGetAssertion', caption: spc ? `The browser lets ${origin} use the bank’s credential (SPC), writes payment.get clientDataJSON, and passes its hash to the authenticator.` : `The browser checks that rpId ${RP_ID} belongs to ${origin}, writes clientDataJSON, and passes only its hash to the authenticator.`, op: 'ua.get', payloads: [this.uaRequest(origin, uv, spc ? 'spc' : 'get'), { name: 'clientDataJSON', encoding: 'json', bytes: cdj }, { name: 'clientDataHash', encoding: 'binary', bytes: sha256(cdj) }] });
    if (rec.halted) return undefined;
    await this.gesture(who, person);
    if (result.status !== 'ok') {
      await rec.step({ phase: 'proof', from: 'authn', to: 'ua', label: 'Refused', caption: `The authenticator refuses: ${result.message}`, op: 'authn.getAssertion', payloads: [this.deviceBytes(device)] });
      return undefined;
    }
    const c = result.credential;
    const userHandle = c.response.userHandle ?? new Uint8Array();
    await rec.step({ phase: 'proof', from: 'authn', to: 'ua', label: 'Assertion', caption: 'The authenticator signs authenticatorData ‖ SHA-256(clientDataJSON) with the credential key.', op: 'authn.getAssertion', payloads: [this.deviceBytes(device), { name: 'authenticatorData', encoding: 'binary', bytes: c.response.authenticatorData }, { name: 'signature', encoding: 'der', bytes: c.response.signature }, { name: 'credentialId', encoding: 'binary', bytes: c.rawId }, { name: 'userHandle', encoding: 'binary', bytes: userHandle }] });
    return { clientDataJSON: c.response.clientDataJSON, authenticatorData: c.response.authenticatorData, signature: c.response.signature, credentialId: c.rawId, userHandle };
  }

  /** POST /assertion with the action, then the RP verifies and decides. */
  async submit(by: 'ua' | 'attacker', txId: string, action: Action, a: Assertion, caption: string): Promise<void> {
    await recordSubmission(this.rec, by, txId, action, a, caption);
  }

  async note(from: 'attacker' | 'user', phase: Step['phase'], label: string, text: string): Promise<void> {
    await this.rec.step({ phase, from, label, caption: text, op: 'attacker.note', payloads: [{ name: 'note', encoding: 'json', bytes: jsonBytes({ text }) }], attacker: from === 'attacker' });
  }

  /** clientDataJSON as an attacker writes it for a transaction (with SPC, payment data for the action). */
  attackerClientData(tx: Tx, action: Action): Uint8Array {
    const spc = this.opts.binding === 'spc';
    return buildClientDataJSON({ type: spc ? 'payment.get' : 'webauthn.get', challenge: toBase64url(tx.challenge), origin: ORIGIN, ...(spc && action.kind === 'payment' ? { payment: { rpId: RP_ID, topOrigin: ORIGIN, payeeName: action.payee.name, total: action.amount, instrument: { displayName: 'Visa •••• 4242', icon: 'https://example.com/card.png' } } } : {}) });
  }

  /** Malware drives the authenticator over CTAP2 with up=false (CTAP2.1 §6.2.2): no browser, no gesture. */
  async ctapAssert(tx: Tx, action: Action): Promise<Assertion | undefined> {
    const { rec } = this;
    const cdj = this.attackerClientData(tx, action);
    const cdh = sha256(cdj);
    await rec.step({ phase: 'gesture', from: 'attacker', to: 'authn', label: 'CTAP getAssertion (up=false)', caption: 'Malware sends authenticatorGetAssertion straight to the authenticator with up=false, over a clientDataJSON it wrote itself; no browser checks anything.', op: 'attacker.ctapGetAssertion', attacker: true, payloads: [
      { name: 'ctap', encoding: 'json', bytes: jsonBytes({ rpId: RP_ID, allowCredentials: [toBase64url(this.credentialId)], up: false, uv: false }) },
      { name: 'clientDataJSON', encoding: 'json', bytes: cdj },
      { name: 'clientDataHash', encoding: 'binary', bytes: cdh },
    ] });
    const r = this.device.getAssertion({ clientDataHash: cdh, rpId: RP_ID, allowCredentials: [this.credentialId], userVerification: 'discouraged', person: 'nobody', upRequested: false });
    if (r.status !== 'ok') {
      await rec.step({ phase: 'proof', from: 'authn', to: 'attacker', label: 'Refused', caption: `The authenticator refuses: ${r.reason}`, op: 'authn.getAssertion', payloads: [this.deviceBytes()] });
      return undefined;
    }
    await rec.step({ phase: 'proof', from: 'authn', to: 'attacker', label: 'Assertion (UP=0)', caption: 'The authenticator signs with no gesture: UP=0, UV=0.', op: 'authn.getAssertion', payloads: [this.deviceBytes(), { name: 'authenticatorData', encoding: 'binary', bytes: r.authenticatorData }, { name: 'signature', encoding: 'der', bytes: r.signature }, { name: 'credentialId', encoding: 'binary', bytes: r.credentialId }, { name: 'userHandle', encoding: 'binary', bytes: r.userHandle }] });
    return { clientDataJSON: cdj, authenticatorData: r.authenticatorData, signature: r.signature, credentialId: r.credentialId, userHandle: r.userHandle };
  }

  /** The attacker signs in from its own browser and device, which hold no credential for the RP. */
  async attackerSignIn(caption: string): Promise<void> {
    const own = createAuthenticator({ rng: this.ctx.rng.fork('attacker.device'), name: 'the attacker’s laptop', uvAvailable: true, credentialKind: 'device-bound' });
    const tx = await this.createTx('attacker', this.ctx.attackerAction, caption);
    await this.assert(tx, own, ORIGIN, 'enrolled-user', 'attacker');
  }

  async honestCycle(device = this.device): Promise<Assertion | undefined> {
    const tx = await this.createTx('ua', this.ctx.intended, 'Bob enters the payment on the bank’s site; the page sends it to the RP.');
    if (!(await this.pageShows(this.ctx.intended, 'ua'))) return undefined;
    const a = await this.assert(tx, device, ORIGIN, 'enrolled-user', 'user');
    if (!a) return undefined;
    await this.submit('ua', tx.txId, tx.action, a, 'The page submits the assertion with the action to execute.');
    return a;
  }
}

/**
 * POST /assertion with the action, then the RP's verification (WebAuthn §7.2; it writes out its own
 * inputs from its memory, what an independent verifier needs) and its decision. Shared by the
 * simulated flow and by runs built from a captured assertion (core/capture).
 */
export async function recordSubmission(rec: Recorder, by: 'ua' | 'attacker', txId: string, action: Action, a: Assertion, caption: string): Promise<void> {
  await rec.step({ phase: 'submit', from: by, to: 'rp', label: 'POST /assertion', caption, op: 'rp.receiveAssertion', attacker: by === 'attacker', payloads: [
    { name: 'request', encoding: 'json', bytes: jsonBytes({ method: 'POST', path: '/assertion', body: { txId, action } }) },
    { name: 'clientDataJSON', encoding: 'json', bytes: a.clientDataJSON },
    { name: 'authenticatorData', encoding: 'binary', bytes: a.authenticatorData },
    { name: 'signature', encoding: 'der', bytes: a.signature },
    { name: 'credentialId', encoding: 'binary', bytes: a.credentialId },
    ...(a.userHandle ? [{ name: 'userHandle', encoding: 'binary' as const, bytes: a.userHandle }] : []),
  ] });
  const rp = rpMemory(rec.state);
  const ex = assertionExpectations(rp);
  const binding = rp.policy?.binding;
  await rec.step({ phase: 'verify', from: 'rp', label: 'Verify assertion', caption: binding === 'challenge' ? 'The RP re-derives the challenge from its nonce and the submitted action, then runs WebAuthn §7.2.' : binding === 'spc' ? 'The RP runs WebAuthn §7.2 and compares the payment data in clientDataJSON with the submitted action.' : 'The RP runs WebAuthn §7.2: challenge, origin, rpIdHash, flags, counter, signature.', op: 'rp.verifyAssertion', payloads: [
    { name: 'expected', encoding: 'json', bytes: jsonBytes(ex?.expected ?? {}) },
    ...(rp.credential ? [{ name: 'credentialPublicKey', encoding: 'cose' as const, bytes: rp.credential.publicKey }] : []),
  ] });
  await rec.step({ phase: 'decide', from: 'rp', label: 'Execute?', caption: 'The RP executes the submitted action if every check passed.', op: 'rp.execute' });
}

/** Rewrite clientDataJSON's members as an on-path attacker would (the bytes change; the signature does not). */
function rewriteClientData(cdj: Uint8Array, patch: Record<string, unknown>): Uint8Array {
  const members = JSON.parse(bytesToUtf8(cdj)) as Record<string, unknown>;
  return utf8ToBytes(JSON.stringify({ ...members, ...patch }));
}

async function simulate(rec: Recorder, ctx: SimContext): Promise<void> {
  const w = new WebAuthnRun(rec, ctx);
  const evil = ctx.attackerAction;
  if (!(await w.enrol())) return;
  switch (ctx.scenario.id) {
    case 'honest':
      await w.intend();
      await w.honestCycle();
      return;
    case 'replay': {
      await w.intend();
      const first = await w.honestCycle();
      if (!first) return;
      await w.note('attacker', 'challenge', 'Capture', 'Earlier, the attacker recorded Bob’s assertion on its way to the RP.');
      const tx2 = await w.createTx('attacker', evil, 'The attacker opens a new transaction with Bob’s session.');
      await w.submit('attacker', tx2.txId, evil, first, 'The attacker replays Bob’s earlier assertion for its own transaction.');
      return;
    }
    case 'phishing-relay': {
      await w.intend();
      await w.note('attacker', 'challenge', 'Relay', `Bob is on ${PHISHING_ORIGIN}, a look-alike that relays the real site.`);
      const tx = await w.createTx('attacker', ctx.intended, 'The relay forwards Bob’s payment to the real RP from its own session.');
      if (!(await w.pageShows(ctx.intended, 'attacker', PHISHING_ORIGIN))) return;
      const a = await w.assert(tx, w.device, PHISHING_ORIGIN, 'enrolled-user', 'user');
      if (!a) return;
      await w.submit('attacker', tx.txId, tx.action, a, 'The relay submits Bob’s assertion to the real RP.');
      return;
    }
    case 'forged-approval': {
      await w.note('attacker', 'challenge', 'Steal session', 'The attacker has Bob’s session (a compromised client or a leaked token), not his device.');
      const tx = await w.createTx('attacker', evil, 'The attacker calls the RP’s API directly.');
      const own = generateKeyPair('ES256', ctx.rng.fork('attacker.key'));
      rec.secrets.push({ actor: 'attacker', label: 'attacker’s own key', alg: 'ES256', secretKey: own.secretKey });
      const cdj = w.attackerClientData(tx, evil);
      const ad = encodeAuthenticatorData({ rpIdHash: sha256(utf8ToBytes(RP_ID)), flags: { up: true, uv: true }, signCount: 7 });
      const sig = signMessage(own, concatBytes(ad, sha256(cdj)));
      await w.note('attacker', 'proof', 'Forge', 'The attacker writes clientDataJSON and authenticatorData itself and signs them with its own key.');
      await w.submit('attacker', tx.txId, evil, { clientDataJSON: cdj, authenticatorData: ad, signature: sig, credentialId: w.credentialId, userHandle: w.userId }, 'The attacker posts its forged assertion under Bob’s credential id.');
      return;
    }
    case 'tx-swap-after-approval': {
      await w.intend();
      const tx = await w.createTx('ua', ctx.intended, 'Bob enters the payment on the bank’s site; the page sends it to the RP.');
      if (!(await w.pageShows(ctx.intended, 'ua'))) return;
      const a = await w.assert(tx, w.device, ORIGIN, 'enrolled-user', 'user');
      if (!a) return;
      await w.submit('attacker', tx.txId, evil, a, 'Malware in the browser swaps the action in the submission: 5000 EUR to Mallory.');
      return;
    }
    case 'tx-swap-before-display': {
      await w.intend();
      const tx = await w.createTx('attacker', evil, 'Malware in the browser sends the RP the swapped payment instead of Bob’s.');
      if (!(await w.pageShows(ctx.intended, 'attacker'))) return;
      const a = await w.assert(tx, w.device, ORIGIN, 'enrolled-user', 'user');
      if (!a) return;
      await w.submit('ua', tx.txId, evil, a, 'The page submits the assertion — for the swapped transaction.');
      return;
    }
    case 'stolen-unlocked-device': {
      const tx = await w.createTx('attacker', evil, 'The thief opens the bank’s site on Bob’s unlocked phone and enters a payment.');
      const a = await w.assert(tx, w.device, ORIGIN, 'someone-else', 'attacker');
      if (!a) return;
      await w.submit('attacker', tx.txId, evil, a, 'The thief submits the assertion.');
      return;
    }
    case 'cloned-authenticator': {
      const clone = cloneCredential(w.device, w.credentialId, { rng: ctx.rng.fork('clone'), name: 'the attacker’s copy' });
      await rec.step({ phase: 'challenge', from: 'attacker', label: 'Clone', caption: 'The attacker extracted the credential’s private key and loads it into another device.', op: 'authn.sync', attacker: true, payloads: [{ name: 'sync', encoding: 'json', bytes: jsonBytes({ device: clone.name, how: 'clone', credentialIds: [toBase64url(w.credentialId)] }) }] });
      await w.intend();
      await w.honestCycle();
      const tx = await w.createTx('attacker', evil, 'From its own device, the attacker opens a transaction.');
      const a = await w.assert(tx, clone, ORIGIN, 'enrolled-user', 'attacker');
      if (!a) return;
      await w.submit('attacker', tx.txId, evil, a, 'The attacker submits an assertion signed with the cloned key.');
      return;
    }
    case 'byte-tamper': {
      await w.intend();
      const tx = await w.createTx('ua', ctx.intended, 'Bob enters the payment on the bank’s site; the page sends it to the RP.');
      const tx2 = await w.createTx('attacker', evil, 'An on-path proxy the browser trusts opens its own transaction with the session it sees.');
      if (!(await w.pageShows(ctx.intended, 'ua'))) return;
      const a = await w.assert(tx, w.device, ORIGIN, 'enrolled-user', 'user');
      if (!a) return;
      const patch: Record<string, unknown> = { challenge: toBase64url(tx2.challenge) };
      const cd = parseClientDataJSON(a.clientDataJSON);
      if (cd.payment && evil.kind === 'payment') patch.payment = { ...cd.payment, payeeName: evil.payee.name, total: evil.amount };
      await w.submit('attacker', tx2.txId, evil, { ...a, clientDataJSON: rewriteClientData(a.clientDataJSON, patch) }, 'The proxy rewrites the challenge in clientDataJSON to its own transaction’s and submits.');
      return;
    }
    case 'synced-new-device': {
      const phone2 = syncToNewDevice(w.device, { rng: ctx.rng.fork('authn.newphone'), name: 'Bob’s new phone' });
      const ids = phone2.store.exportSynced().map((c) => toBase64url(c.credentialId));
      await rec.step({ phase: 'challenge', from: 'authn', label: 'Sync', caption: ids.length ? 'Bob’s new phone receives his passkeys through his sync account.' : 'Bob’s new phone joins his sync account; device-bound credentials stay on the old phone.', op: 'authn.sync', payloads: [{ name: 'sync', encoding: 'json', bytes: jsonBytes({ device: phone2.name, credentialIds: ids }) }] });
      await w.intend();
      await w.honestCycle(phone2);
      return;
    }
    case 'mfa-fatigue': {
      // The attacker stops after one attempt: it put nothing in front of Bob, so there is nobody to tire.
      await rec.step({ phase: 'challenge', from: 'attacker', label: 'Attempt 1 of 4', caption: 'The attacker, who knows Bob’s password, starts a sign-in from its own browser.', op: 'attacker.attempt', attacker: true, payloads: [{ name: 'attempt', encoding: 'json', bytes: jsonBytes({ attempt: 1, of: 4 }) }] });
      await w.attackerSignIn('The attacker’s browser at https://example.com asks the RP to sign Bob in; no password is asked, and no prompt can reach Bob.');
      return;
    }
    case 'sim-swap': {
      await w.note('attacker', 'challenge', 'SIM swap', 'The attacker talked the carrier into moving Bob’s number to its own SIM; nothing in WebAuthn goes to a phone number.');
      await w.attackerSignIn('The attacker’s browser at https://example.com asks the RP to sign Bob in.');
      return;
    }
    case 'subdomain-takeover': {
      await w.intend();
      await w.note('attacker', 'challenge', 'Taken-over subdomain', `Bob follows a link to ${TAKEN_OVER_ORIGIN}: a retired campaign site whose DNS record the attacker claimed on the hosting provider. It relays the real site.`);
      const tx = await w.createTx('attacker', ctx.intended, 'The relay forwards Bob’s payment to the real RP from its own session.');
      if (!(await w.pageShows(ctx.intended, 'attacker', TAKEN_OVER_ORIGIN))) return;
      const a = await w.assert(tx, w.device, TAKEN_OVER_ORIGIN, 'enrolled-user', 'user');
      if (!a) return;
      await w.submit('attacker', tx.txId, tx.action, a, 'The relay submits Bob’s assertion to the real RP.');
      return;
    }
    case 'silent-assertion': {
      await w.note('attacker', 'challenge', 'Malware', 'Malware on Bob’s computer holds his browser session and talks CTAP2 to his authenticator over USB.');
      const tx = await w.createTx('attacker', evil, 'Malware opens a transaction with Bob’s browser session.');
      const a = await w.ctapAssert(tx, evil);
      if (!a) return;
      await w.submit('attacker', tx.txId, evil, a, 'Malware submits the silent assertion.');
      return;
    }
    case 'uv-downgrade': {
      await w.note('attacker', 'challenge', 'Unlocked laptop', 'A thief sits at Bob’s unlocked laptop: signed in to the bank, authenticator at hand.');
      const tx = await w.createTx('attacker', evil, 'From Bob’s session, the thief enters a payment on the bank’s own page.');
      const a = await w.assert(tx, w.device, ORIGIN, 'someone-else', 'attacker', { userVerification: 'discouraged', plainGet: true });
      if (!a) return;
      await w.submit('attacker', tx.txId, evil, a, 'From the developer console, the thief called get() with userVerification “discouraged” and touched the authenticator; the page submits the assertion.');
      return;
    }
  }
}

/**
 * The steps of the transaction's assertion ceremony: everything after the registration's §7.1
 * verification. The ledger is about the approval, so its RP checks are the assertion's; the
 * registration runs checks of the same ids (rp.challenge, rp.userPresent, …), and a run that
 * stopped before the assertion must not borrow their results or their step.
 */
function assertionPart(steps: readonly Step[]): readonly Step[] {
  let last = -1;
  for (let i = steps.length - 1; i >= 0 && last < 0; i--) if (steps[i]!.op === 'rp.verifyRegistration') last = i;
  return steps.slice(last + 1);
}

/** A property whose assertion check never ran: the run stopped before it (the registration's check of the same id does not count). */
const noAssertion = (check: string) => ({ level: 'absent' as const, why: `nothing in the run establishes it: the run stopped before the RP ran ${check} on an assertion` });

function ledger(all: readonly Step[], state: EvalState, options: FlowOptions): LedgerEntry[] {
  const steps = assertionPart(all);
  const binding = options.binding ?? 'none';
  const flags = findCheck(steps, 'rp.backupFlags');
  const sig = findCheck(steps, 'rp.signature');
  const signed = sig?.check.status === 'pass';
  const attestedUnlessUnsigned = (entry: LedgerEntry): LedgerEntry =>
    entry.level === 'attested' && !signed ? { ...entry, level: sig?.check.status === 'fail' ? 'failed' : 'absent', why: `the flag was read, but the signature over it ${sig?.check.status === 'fail' ? 'failed' : 'was not verified'}` } : entry;
  const assertionAd = [...steps].reverse().find((s) => s.op === 'rp.receiveAssertion')?.payloads.find((p) => p.name === 'authenticatorData');
  let be: boolean | undefined;
  try { be = assertionAd ? parseAuthenticatorData(assertionAd.bytes).flags.be : undefined; } catch { be = undefined; }
  // DESIGN.md §12.3: a check the RP's configuration switched off contributes no level.
  const off = (id: string): string | undefined => {
    const f = findCheck(steps, id);
    return f && isDisabledByConfiguration(f.check) ? `${id} ${f.check.detail.slice(0, f.check.detail.indexOf(':'))}: the RP did not look` : undefined;
  };
  const unlessOff = (entry: LedgerEntry, ...ids: string[]): LedgerEntry => {
    for (const id of ids) {
      const why = off(id);
      if (why) return { property: entry.property, level: 'absent', evidence: [{ step: findCheck(steps, id)!.step.index, check: id }], why };
    }
    return entry;
  };
  return [
    unlessOff(attestedUnlessUnsigned(fromCheck(steps, { property: 'user-presence', check: 'rp.userPresent', onPass: 'attested', whyPass: 'UP=1 in authenticatorData, under the authenticator’s signature', onMissing: noAssertion('rp.userPresent') })), 'rp.userPresent', 'rp.signature'),
    unlessOff(attestedUnlessUnsigned(uvEntry(steps)), 'rp.userVerified', 'rp.signature'),
    unlessOff(fromCheck(steps, { property: 'key-possession', check: 'rp.signature', onPass: 'proven', whyPass: 'the RP verified the assertion signature with the public key it registered', onMissing: noAssertion('rp.signature') }), 'rp.signature'),
    signed && be === false
      ? { property: 'device-binding', level: 'attested', evidence: flags ? [{ step: flags.step.index, check: 'rp.backupFlags' }] : [], why: 'BE=0 under the signature: a device-bound credential, on one device' }
      : signed && be === true
        ? { property: 'device-binding', level: 'absent', evidence: flags ? [{ step: flags.step.index, check: 'rp.backupFlags' }] : [], why: 'BE=1: a synced passkey, usable from any device in the user’s sync account' }
        : unlessOff(fixed('device-binding', sig?.check.status === 'fail' ? 'failed' : 'absent', sig?.check.status === 'fail' ? 'the signature over the backup flags failed' : 'no verified assertion reached the RP'), 'rp.signature'),
    unlessOff(originEntry(all, steps), 'rp.origin'),
    unlessOff(fromCheck(steps, { property: 'freshness', check: 'rp.challenge', onPass: 'proven', whyPass: 'clientDataJSON carries the single-use challenge the RP issued for this transaction', onMissing: noAssertion('rp.challenge') }), 'rp.challenge'),
    binding === 'none'
      ? fixed('action-binding', 'absent', 'the challenge is random and the body is not in clientDataJSON: nothing signed names the amount or payee')
      : binding === 'challenge'
        ? unlessOff(fromCheck(steps, { property: 'action-binding', check: 'rp.challenge', onPass: 'proven', whyPass: 'the RP re-derived nonce ‖ SHA-256(submitted action) and found it signed in clientDataJSON (the authenticator still never saw the action)' }), 'rp.challenge')
        : fromCheck(steps, { property: 'action-binding', check: 'rp.payment', onPass: 'proven', whyPass: 'the payee and amount the browser displayed are in signed clientDataJSON and match the submitted action' }),
    unlessOff(cloneEntry(steps, be), 'rp.signCount', 'rp.signature'),
    modelEntry(all, state),
  ];
}

/** authenticator-model from the registration's rp.attestation and rp.attestationTrust (core/ledger/authenticatorModel.ts). */
function modelEntry(steps: readonly Step[], state: EvalState): LedgerEntry {
  const found = findCheck(steps, 'rp.attestationTrust');
  const registered = rpMemory(state).model;
  const attestation = found?.step.checks.find((c) => c.id === 'rp.attestation');
  const m = authenticatorModelLevel({ ...(found ? { trust: found.check } : {}), ...(attestation ? { attestation } : {}), ...(registered?.trust ? { info: registered.trust } : {}), ...(registered?.aaguid ? { aaguid: registered.aaguid } : {}) });
  return { property: 'authenticator-model', level: m.level, evidence: found && m.check ? [{ step: found.step.index, check: m.check }] : [], why: m.why };
}

function uvEntry(steps: readonly Step[]): LedgerEntry {
  const found = findCheck(steps, 'rp.userVerified');
  const adStep = [...steps].reverse().find((s) => s.op === 'rp.receiveAssertion');
  const ad = adStep?.payloads.find((p) => p.name === 'authenticatorData');
  let uv = false;
  try { uv = ad ? parseAuthenticatorData(ad.bytes).flags.uv : false; } catch { uv = false; }
  if (!found) return fixed('user-verification', 'absent', noAssertion('rp.userVerified').why);
  if (found.check.status === 'fail') return { property: 'user-verification', level: 'failed', evidence: [{ step: found.step.index, check: 'rp.userVerified' }], why: found.check.detail };
  return uv
    ? { property: 'user-verification', level: 'attested', evidence: [{ step: found.step.index, check: 'rp.userVerified' }], why: 'UV=1 under the authenticator’s signature: as good as the authenticator' }
    : { property: 'user-verification', level: 'absent', evidence: [{ step: found.step.index, check: 'rp.userVerified' }], why: 'UV=0: the authenticator tested presence only, and the RP’s policy accepted that' };
}

/** Origin binding: the browser's rpId check (refused at registration or at the assertion), else the RP's origin check of the assertion. */
function originEntry(all: readonly Step[], steps: readonly Step[]): LedgerEntry {
  const ua = findCheck(all, 'ua.rpId');
  if (ua?.check.status === 'fail') return { property: 'origin-binding', level: 'failed', evidence: [{ step: ua.step.index, check: 'ua.rpId' }], why: ua.check.detail };
  return fromCheck(steps, { property: 'origin-binding', check: 'rp.origin', onPass: 'proven', whyPass: 'the origin in signed clientDataJSON is the RP’s own, and rpIdHash matches' });
}

function cloneEntry(steps: readonly Step[], be: boolean | undefined): LedgerEntry {
  const c = findCheck(steps, 'rp.signCount');
  if (c?.check.status === 'fail') return { property: 'clone-detection', level: 'failed', evidence: [{ step: c.step.index, check: 'rp.signCount' }], why: c.check.detail };
  if (!c) return fixed('clone-detection', 'absent', noAssertion('rp.signCount').why);
  if (be) return { property: 'clone-detection', level: 'absent', evidence: [{ step: c.step.index, check: 'rp.signCount' }], why: 'a synced passkey’s counter stays 0: a copy of the key cannot be told from the original' };
  return { property: 'clone-detection', level: 'attested', evidence: [{ step: c.step.index, check: 'rp.signCount' }], why: 'the signed counter increased past the stored one; a cloned key would lag' };
}

/** The options the bytes carry: the RP's policy, and the authenticator's own description. */
function optionsFromSteps(steps: readonly Step[]): FlowOptions {
  return valuesIn(steps, [
    { op: 'rp.policy', payload: 'policy', keys: { userVerification: 'userVerification', binding: 'binding' } },
    { payload: 'device', keys: { uvAvailable: 'uvAvailable', credential: 'credentialKind' } },
  ]) as FlowOptions;
}

/** The credential public key the RP stored at registration. */
function registeredKeys(state: EvalState): CosePublicKey[] {
  const stored = rpMemory(state).credential?.publicKey;
  try {
    return stored ? [decodeCoseKey(stored)] : [];
  } catch {
    return [];
  }
}

registerFlow({ ...flowInfo('webauthn'), simulate, ledger, optionsFromSteps, registeredKeys });
