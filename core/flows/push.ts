import { actionHash, canonicalAction, describeAction, type Action } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToHex, concatBytes } from '../codec/bytes.js';
import { encodeCoseKey } from '../codec/cose.js';
import { generateKeyPair, signMessage, type KeyPair } from '../crypto/sign.js';
import type { Random } from '../crypto/random.js';
import { fixed, fromCheck, noModel } from '../ledger/derive.js';
import type { EvalState } from '../ops/evaluate.js';
import '../ops/index.js';
import { jsonPayload } from '../ops/payloads.js';
import { shownOf } from '../ops/people.js';
import { flowInfo } from './catalog.js';
import { recordLogin, recordPasswordRecord } from './signIn.js';
import type { Recorder } from './record.js';
import { registerFlow, type SimContext } from './registry.js';
import { SIGN_IN_ACTION } from './runs.js';
import type { FlowOptions, LedgerEntry, Step } from './types.js';

/**
 * Push approval (DESIGN.md §8.2): a push wakes an authenticator app, which fetches the request from
 * the bank and shows it; the user taps Approve. With `numberMatching=code` the user first types the
 * 2-digit number the initiating page shows; with `approvalKey=signed` a non-exportable key, usable on
 * a tap, signs challenge ‖ SHA-256(action). Scenarios perturb one point; the bank's checks decide.
 */

const ORIGIN = 'https://example.com';
const PHISHING_ORIGIN = 'https://examp1e-bank.com';
const TAKEN_OVER_ORIGIN = 'https://promo.example.com';

interface Tx {
  txId: string;
  action: Action;
  number?: string;
  challenge?: Uint8Array;
}

const json = jsonPayload;

/** A 2-digit number 10–99 from the seeded source (16 bits mod 90: a bias under 0.03 %). */
function twoDigits(rng: Random): string {
  const b = rng.bytes(2);
  return String(10 + (((b[0]! << 8) | b[1]!) % 90));
}

class PushRun {
  readonly rec: Recorder;
  readonly ctx: SimContext;
  readonly code: boolean;
  readonly signed: boolean;
  session = '';
  deviceToken = '';
  key?: KeyPair;

  constructor(rec: Recorder, ctx: SimContext) {
    this.rec = rec;
    this.ctx = ctx;
    this.code = ctx.options.numberMatching === 'code';
    this.signed = ctx.options.approvalKey === 'signed';
  }

  async enrol(): Promise<void> {
    const { rec, ctx } = this;
    await rec.step({ phase: 'enroll', from: 'server', label: 'Policy', caption: `The bank approves by push: number matching “${ctx.options.numberMatching}”, approval key “${ctx.options.approvalKey}”.`, op: 'bank.pushPolicy', payloads: [json('policy', { numberMatching: ctx.options.numberMatching, approvalKey: ctx.options.approvalKey })] });
    this.session = toBase64url(ctx.rng.bytes(16));
    await rec.step({ phase: 'enroll', from: 'server', to: 'ua', label: 'Session issued', caption: 'Bob signs in to the bank’s site; the bank issues a bearer session token.', op: 'bank.issueSession', payloads: [json('session', { user: 'bob', session: this.session })] });
    const activationCode = bytesToHex(ctx.rng.bytes(8));
    await rec.step({ phase: 'enroll', from: 'server', to: 'ua', label: 'Activation QR', caption: 'The signed-in page shows a single-use activation QR code for the authenticator app.', op: 'bank.activationCode', payloads: [json('activation', { activationCode })] });
    let publicKey: string | undefined;
    if (this.signed) {
      this.key = generateKeyPair('ES256', ctx.rng.fork('keystore.key'));
      rec.secrets.push({ actor: 'keystore', label: 'approval key', alg: 'ES256', secretKey: this.key.secretKey });
      const cose = encodeCoseKey(this.key.publicKey);
      publicKey = toBase64url(cose);
      await rec.step({ phase: 'enroll', from: 'keystore', to: 'app', label: 'Generate key', caption: 'The keystore makes a non-exportable P-256 key that needs no user authentication: a tap is enough.', op: 'keystore.generate', payloads: [{ name: 'publicKey', encoding: 'cose', bytes: cose }, json('policy', { userAuthenticationRequired: false, exportable: false })] });
    }
    const pushToken = bytesToHex(ctx.rng.bytes(16));
    await rec.step({ phase: 'enroll', from: 'app', to: 'server', label: 'POST /devices', caption: 'The app scans the QR code and registers its push token' + (this.signed ? ' and public key.' : '.'), op: 'bank.registerDevice', payloads: [json('request', { method: 'POST', path: '/devices', body: { activationCode, pushToken, ...(publicKey ? { publicKey } : {}) } })] });
    this.deviceToken = toBase64url(ctx.rng.bytes(16));
    await rec.step({ phase: 'enroll', from: 'server', to: 'app', label: 'Device token', caption: 'The bank issues a device id and a bearer device token, kept in the app’s data.', op: 'bank.deviceIssued', payloads: [json('device', { deviceId: `dev-${bytesToHex(ctx.rng.bytes(4))}`, deviceToken: this.deviceToken })] });
  }

  async intend(): Promise<void> {
    await this.rec.step({ phase: 'challenge', from: 'user', label: 'Decide', caption: `Bob decides to pay ${describeAction(this.ctx.intended)}.`, op: 'user.intend', payloads: [{ name: 'intent', encoding: 'json', bytes: canonicalAction(this.ctx.intended) }] });
  }

  newTx(action: Action): Tx {
    const rng = this.ctx.rng;
    const tx: Tx = { txId: `tx-${bytesToHex(rng.bytes(4))}`, action };
    // A 2-digit number, 10–99, one per request (Microsoft Authenticator, Duo Verified Push).
    if (this.code) tx.number = twoDigits(rng);
    if (this.signed) tx.challenge = rng.bytes(32);
    return tx;
  }

  /** POST /transactions (or /login for a sign-in) and the bank's 201: txId and the number, never the challenge. */
  async createTx(by: 'ua' | 'attacker', action: Action, session: string, caption: string): Promise<Tx> {
    const attacker = by === 'attacker';
    if (action.kind === 'sign-in') {
      await recordLogin(this.rec, caption);
    } else {
      await this.rec.step({ phase: 'challenge', from: by, to: 'server', label: 'POST /transactions', caption, op: 'bank.createTransaction', attacker, payloads: [json('request', { method: 'POST', path: '/transactions', authorization: `Bearer ${session}`, body: { action } })] });
    }
    const tx = this.newTx(action);
    await this.rec.step({ phase: 'challenge', from: 'server', to: by, label: '201 Created', caption: `The bank opens ${tx.txId}${tx.number ? ` and shows number ${tx.number} to the page that asked` : ''}; the approval goes to Bob’s app.`, op: 'bank.transactionCreated', attacker, payloads: [json('response', { txId: tx.txId, ...(tx.number ? { number: tx.number } : {}) })] });
    await this.rec.step({ phase: 'challenge', from: 'server', to: 'push', label: 'Push', caption: 'The bank asks the push service to wake Bob’s app.', op: 'push.send', payloads: [json('push', { pushToken: 'registered', alert: action.kind === 'sign-in' ? 'Approve sign-in?' : 'Approve payment?', data: { txId: tx.txId } })] });
    return tx;
  }

  /** The push reaches an app, which fetches the request with a device token. */
  async fetch(tx: Tx, by: 'app' | 'attacker' = 'app'): Promise<void> {
    const attacker = by === 'attacker';
    if (!attacker) await this.rec.step({ phase: 'challenge', from: 'push', to: 'app', label: 'Notification', caption: 'The push service wakes the app.', op: 'app.receivePush', payloads: [json('push', { txId: tx.txId })] });
    await this.rec.step({ phase: 'challenge', from: by, to: 'server', label: `GET /approvals/${tx.txId}`, caption: attacker ? 'With the device token, the attacker fetches the request itself.' : 'The app fetches the request with its device token.', op: 'bank.fetchApproval', attacker, payloads: [json('request', { method: 'GET', path: `/approvals/${tx.txId}`, authorization: `Device ${this.deviceToken}` })] });
    await this.rec.step({ phase: 'challenge', from: 'server', to: by, label: 'Request', caption: `The bank sends the request as it stored it: ${describeAction(tx.action)}${tx.challenge ? ', with a fresh challenge' : ''}.`, op: 'app.approvalRequest', attacker, payloads: [json('approvalRequest', { txId: tx.txId, action: tx.action, ...(tx.challenge ? { challenge: toBase64url(tx.challenge) } : {}), numberRequired: this.code })] });
  }

  /** The page shows Bob the action (and the number); `controlledBy` says who draws it. */
  async page(tx: Tx, shown: Action, controlledBy: 'ua' | 'attacker', site = ORIGIN): Promise<boolean> {
    const attacker = controlledBy === 'attacker';
    await this.rec.step({ phase: 'display', from: controlledBy, to: 'user', label: 'Web page', caption: `${attacker ? 'A page the attacker draws' : `The page at ${site}`} shows Bob ${describeAction(shown)}${tx.number ? ` and the number ${tx.number}` : ''}.`, op: 'user.review', attacker, payloads: [json('screen', { surface: `the web page at ${site}`, trusted: false, shows: shownOf(shown), ...(tx.number ? { number: tx.number } : {}) })] });
    return !this.rec.halted;
  }

  /** The app asks Bob; the user's decision is the check. True when he approves. */
  async prompt(tx: Tx): Promise<boolean> {
    const r = await this.rec.step({ phase: 'display', from: 'app', to: 'user', label: 'Approve?', caption: `The authenticator app shows ${tx.action.kind === 'sign-in' ? 'a sign-in' : describeAction(tx.action)} and asks Bob to ${this.code ? 'type the number and ' : ''}tap Approve.`, op: 'user.prompt', payloads: [json('prompt', { surface: 'the authenticator app', shows: shownOf(tx.action), asks: this.code ? 'number' : 'tap', kind: tx.action.kind })] });
    return r.checks.some((c) => c.id === 'user.confirm' && c.status === 'pass');
  }

  /** A tap (with a number), the signature on a tap, and POST /approvals. */
  async approve(tx: Tx, who: 'user' | 'attacker', number: string | undefined, caption: string, key = this.key): Promise<Record<string, unknown>> {
    const attacker = who === 'attacker';
    await this.rec.step({ phase: 'gesture', from: who, to: 'app', label: 'Tap Approve', caption: `${attacker ? 'The thief' : 'Bob'} taps Approve${number !== undefined ? ` after typing ${number}` : ''}.`, op: 'app.tap', attacker, payloads: [json('tap', { decision: 'approve', ...(number !== undefined ? { number } : {}) })] });
    let signature: Uint8Array | undefined;
    if (this.signed && key) {
      const message = concatBytes(tx.challenge!, actionHash(tx.action));
      signature = signMessage(key, message);
      await this.rec.step({ phase: 'proof', from: 'keystore', to: 'app', label: 'Sign', caption: 'On the tap, the key signs challenge ‖ SHA-256(action); it asks for no biometric.', op: 'keystore.signOnTap', payloads: [{ name: 'signedMessage', encoding: 'binary', bytes: message }, { name: 'signature', encoding: 'der', bytes: signature }] });
    }
    const body = { txId: tx.txId, approved: true, ...(number !== undefined ? { number } : {}), ...(signature ? { challenge: toBase64url(tx.challenge!), signature: toBase64url(signature) } : {}) };
    if (!attacker) await this.submit(body, 'app', caption);
    return body;
  }

  async submit(body: Record<string, unknown>, by: 'app' | 'attacker', caption: string): Promise<void> {
    await this.rec.step({ phase: 'submit', from: by, to: 'server', label: 'POST /approvals', caption, op: 'bank.receivePushApproval', attacker: by === 'attacker', payloads: [json('request', { method: 'POST', path: '/approvals', authorization: `Device ${this.deviceToken}`, body })] });
    await this.rec.step({ phase: 'verify', from: 'server', label: 'Verify approval', caption: this.signed ? 'The bank checks the device token, the transaction, the number, its challenge, and the signature over its stored action.' : 'The bank checks the device token, the transaction and the number; “approved” is the app’s word.', op: 'bank.verifyPushApproval' });
    await this.rec.step({ phase: 'decide', from: 'server', label: 'Execute?', caption: 'The bank executes the transaction it stored if every check passed.', op: 'bank.execute' });
  }

  async note(label: string, text: string, phase: Step['phase'] = 'challenge'): Promise<void> {
    await this.rec.step({ phase, from: 'attacker', label, caption: text, op: 'attacker.note', attacker: true, payloads: [json('note', { text })] });
  }

  async honestCycle(): Promise<{ tx: Tx; body: Record<string, unknown> } | undefined> {
    const tx = await this.createTx('ua', this.ctx.intended, this.session, 'Bob enters the payment on the bank’s site.');
    await this.fetch(tx);
    if (!(await this.page(tx, this.ctx.intended, 'ua')) || !(await this.prompt(tx))) return undefined;
    const body = await this.approve(tx, 'user', tx.number, 'The app posts the approval with its device token.');
    return { tx, body };
  }

  /** An unsolicited sign-in reaches Bob's app. True when he gives in (and approves). */
  async unsolicited(): Promise<boolean> {
    const tx = await this.createTx('attacker', SIGN_IN_ACTION, '', 'The attacker signs in with Bob’s password from its own browser.');
    await this.fetch(tx);
    if (!(await this.prompt(tx))) return false;
    // Never shown a number, the fatigued user types a seeded 2-digit guess (DESIGN.md §14.5).
    const guess = this.code ? twoDigits(this.ctx.rng.fork('user.guess')) : undefined;
    await this.approve(tx, 'user', guess, 'Bob’s app posts the approval.');
    return true;
  }
}

async function simulate(rec: Recorder, ctx: SimContext): Promise<void> {
  const p = new PushRun(rec, ctx);
  const evil = ctx.attackerAction;
  await p.enrol();
  switch (ctx.scenario.id) {
    case 'honest':
      await p.intend();
      await p.honestCycle();
      return;
    case 'replay': {
      await p.intend();
      const first = await p.honestCycle();
      if (!first) return;
      await p.note('Capture', 'Earlier, the attacker captured Bob’s POST /approvals, device token included, and his web session.');
      const tx2 = await p.createTx('attacker', evil, p.session, 'The attacker opens a new transaction with Bob’s session.');
      await p.submit({ ...first.body, txId: tx2.txId, ...(tx2.number ? { number: tx2.number } : {}) }, 'attacker', 'The attacker resends Bob’s approval with its own txId and the number its own page showed.');
      return;
    }
    case 'phishing-relay':
    case 'subdomain-takeover': {
      const site = ctx.scenario.id === 'phishing-relay' ? PHISHING_ORIGIN : TAKEN_OVER_ORIGIN;
      await p.intend();
      await p.note('Relay sign-in', `Bob is on ${site}, which relays the real site; it signed in with Bob’s password and shows him the real page’s number.`);
      const relaySession = toBase64url(ctx.rng.bytes(16));
      await rec.step({ phase: 'challenge', from: 'server', to: 'attacker', label: 'Session issued', caption: 'The real bank issues a session — to the relay.', op: 'bank.issueSession', attacker: true, payloads: [json('session', { user: 'bob', session: relaySession })] });
      const tx = await p.createTx('attacker', ctx.intended, relaySession, 'The relay forwards Bob’s payment to the real bank from its own session.');
      await p.fetch(tx);
      if (!(await p.page(tx, ctx.intended, 'attacker', site)) || !(await p.prompt(tx))) return;
      await p.approve(tx, 'user', tx.number, 'Bob’s app approves; the relay’s session now holds an approved transaction.');
      return;
    }
    case 'forged-approval': {
      await p.note('Steal app data', 'The attacker has Bob’s device token (stolen app data) and his web session.');
      const tx = await p.createTx('attacker', evil, p.session, 'The attacker opens a transaction with Bob’s session; its own page shows the number.');
      await p.fetch(tx, 'attacker');
      let body: Record<string, unknown> = { txId: tx.txId, approved: true, ...(tx.number ? { number: tx.number } : {}) };
      if (p.signed) {
        const own = generateKeyPair('ES256', ctx.rng.fork('attacker.key'));
        rec.secrets.push({ actor: 'attacker', label: 'attacker’s own key', alg: 'ES256', secretKey: own.secretKey });
        body = { ...body, challenge: toBase64url(tx.challenge!), signature: toBase64url(signMessage(own, concatBytes(tx.challenge!, actionHash(evil)))) };
      }
      await p.submit(body, 'attacker', 'The attacker posts the approval itself' + (p.signed ? ', signed with its own key.' : '.'));
      return;
    }
    case 'tx-swap-before-display': {
      await p.intend();
      const tx = await p.createTx('attacker', evil, p.session, 'Malware in the browser sends the bank the swapped payment instead of Bob’s.');
      await p.fetch(tx);
      if (!(await p.page(tx, ctx.intended, 'attacker')) || !(await p.prompt(tx))) return;
      await p.approve(tx, 'user', tx.number, 'The app posts the approval.');
      return;
    }
    case 'stolen-unlocked-device': {
      await p.note('Unlocked phone', 'A thief holds Bob’s unlocked phone: its browser (Bob’s session) and the authenticator app on the same screen.');
      const tx = await p.createTx('attacker', evil, p.session, 'The thief enters a payment in the phone’s browser.');
      await p.fetch(tx);
      const body = await p.approve(tx, 'attacker', tx.number, '');
      await p.submit(body, 'app', 'The app posts the approval: nothing asked who tapped.');
      return;
    }
    case 'cloned-authenticator': {
      await p.note('Clone', 'The app’s data was copied to the attacker’s phone: the device token and, by the scenario’s premise, the key. The attacker also has Bob’s web session.');
      const tx = await p.createTx('attacker', evil, p.session, 'The attacker opens a transaction with Bob’s session.');
      await p.fetch(tx, 'attacker');
      const message = p.signed ? concatBytes(tx.challenge!, actionHash(evil)) : undefined;
      const body = { txId: tx.txId, approved: true, ...(tx.number ? { number: tx.number } : {}), ...(message ? { challenge: toBase64url(tx.challenge!), signature: toBase64url(signMessage(p.key!, message)) } : {}) };
      await p.submit(body, 'attacker', 'The clone approves the pending request; Bob’s phone gets the push too, too late.');
      return;
    }
    case 'byte-tamper': {
      await p.intend();
      const tx = await p.createTx('ua', ctx.intended, p.session, 'Bob enters the payment on the bank’s site.');
      const tx2 = await p.createTx('attacker', evil, p.session, 'A TLS-inspecting proxy both devices trust opens its own transaction with the session it sees.');
      await p.fetch(tx2, 'attacker');
      await p.fetch(tx);
      if (!(await p.page(tx, ctx.intended, 'ua')) || !(await p.prompt(tx))) return;
      await rec.step({ phase: 'gesture', from: 'user', to: 'app', label: 'Tap Approve', caption: `Bob taps Approve${tx.number ? ` after typing ${tx.number}` : ''}.`, op: 'app.tap', payloads: [json('tap', { decision: 'approve', ...(tx.number ? { number: tx.number } : {}) })] });
      let signature: Uint8Array | undefined;
      if (p.signed) {
        const message = concatBytes(tx.challenge!, actionHash(tx.action));
        signature = signMessage(p.key!, message);
        await rec.step({ phase: 'proof', from: 'keystore', to: 'app', label: 'Sign', caption: 'On the tap, the key signs challenge ‖ SHA-256(action).', op: 'keystore.signOnTap', payloads: [{ name: 'signedMessage', encoding: 'binary', bytes: message }, { name: 'signature', encoding: 'der', bytes: signature }] });
      }
      const body = { txId: tx2.txId, approved: true, ...(tx2.number ? { number: tx2.number } : {}), ...(signature ? { challenge: toBase64url(tx2.challenge!), signature: toBase64url(signature) } : {}) };
      await p.submit(body, 'attacker', 'The proxy rewrites the app’s approval: txId, number and challenge become its own transaction’s.');
      return;
    }
    case 'synced-new-device': {
      await rec.step({ phase: 'challenge', from: 'user', label: 'Restore', caption: 'Bob restores his phone backup on a new phone: the device token comes back; a non-exportable key does not.', op: 'attacker.note', payloads: [json('note', { text: 'Bob restored his phone backup on a new phone.' })] });
      await p.intend();
      const tx = await p.createTx('ua', ctx.intended, p.session, 'Bob enters the payment on the bank’s site.');
      await p.fetch(tx);
      if (!(await p.page(tx, ctx.intended, 'ua')) || !(await p.prompt(tx))) return;
      if (p.signed) {
        await rec.step({ phase: 'gesture', from: 'user', to: 'app', label: 'Tap Approve', caption: 'Bob taps Approve.', op: 'app.tap', payloads: [json('tap', { decision: 'approve', ...(tx.number ? { number: tx.number } : {}) })] });
        await rec.step({ phase: 'proof', from: 'app', to: 'keystore', label: 'Use key', caption: 'The app asks the keystore to sign, but the key stayed on the old phone.', op: 'keystore.noKey' });
        return;
      }
      await p.approve(tx, 'user', tx.number, 'The restored app posts the approval with the restored device token.');
      return;
    }
    case 'mfa-fatigue': {
      await recordPasswordRecord(rec, ctx.rng);
      await rec.step({ phase: 'enroll', from: 'user', label: 'Bob', caption: 'Bob gives in after three prompts he did not start.', op: 'user.profile', payloads: [json('profile', { givesInAfter: 3 })] });
      for (let attempt = 1; attempt <= 4; attempt++) {
        await rec.step({ phase: 'challenge', from: 'attacker', label: `Attempt ${attempt} of 4`, caption: 'The attacker, who knows Bob’s password, starts another sign-in.', op: 'attacker.attempt', attacker: true, payloads: [json('attempt', { attempt, of: 4 })] });
        if (await p.unsolicited()) return;
      }
      return;
    }
    case 'sim-swap': {
      await recordPasswordRecord(rec, ctx.rng);
      await p.note('SIM swap', 'The attacker talked the carrier into moving Bob’s number to its own SIM; the push is routed by push token, not by number, and Bob’s phone is on Wi-Fi.');
      await p.unsolicited();
      return;
    }
    case 'tx-swap-after-approval':
    case 'silent-assertion':
    case 'uv-downgrade':
      throw new RangeError(`${ctx.scenario.id} does not apply to push-approval`);
  }
}

function ledger(steps: readonly Step[], _state: EvalState, options: FlowOptions): LedgerEntry[] {
  const signed = options.approvalKey === 'signed';
  const code = options.numberMatching === 'code';
  const nothing = { level: 'absent' as const, why: 'no approval reached the bank' };
  return [
    signed
      ? fromCheck(steps, { property: 'user-presence', check: 'server.signature', onPass: 'asserted', whyPass: 'the key needs no gesture, so a signature is not a tap; that a person tapped is the app’s word', onMissing: nothing })
      : fromCheck(steps, { property: 'user-presence', check: 'server.approvalClaim', onPass: 'asserted', whyPass: '“approved”: true from the app: a tap the server cannot see', onMissing: nothing }),
    fixed('user-verification', 'absent', 'nothing checks who tapped; the phone’s lock screen is invisible to the server'),
    signed
      ? fromCheck(steps, { property: 'key-possession', check: 'server.signature', onPass: 'proven', whyPass: 'the server verified ECDSA P-256 with the key registered at activation', onMissing: nothing })
      : fixed('key-possession', 'absent', 'a bearer device token, copyable with the app’s data'),
    signed
      ? fromCheck(steps, { property: 'device-binding', check: 'server.activation', onPass: 'asserted', whyPass: 'the app said the key is non-exportable; without key attestation the server cannot check' })
      : fixed('device-binding', 'absent', 'a token says nothing of the device it lives on'),
    code
      ? fromCheck(steps, { property: 'origin-binding', check: 'server.numberMatch', onPass: 'absent', whyPass: 'nothing names the site that started the request; the number ties the tap to a screen showing this request’s number, which a relay shows too', onMissing: { level: 'absent', why: 'nothing names the site that started the request' } })
      : fixed('origin-binding', 'absent', 'nothing names the site that started the request'),
    signed
      ? fromCheck(steps, { property: 'freshness', check: 'server.challenge', onPass: 'proven', whyPass: 'the signed challenge is the one issued for this txId', onMissing: nothing })
      : fromCheck(steps, { property: 'freshness', check: 'server.transaction', onPass: 'asserted', whyPass: 'one approval per pending txId: server state that any token holder can satisfy', onMissing: nothing }),
    signed
      ? fromCheck(steps, { property: 'action-binding', check: 'server.signature', onPass: 'proven', whyPass: 'the signature covers SHA-256 of the action the server stored, showed and executes', onMissing: nothing })
      : fromCheck(steps, { property: 'action-binding', check: 'server.approvalClaim', onPass: 'asserted', whyPass: 'the app showed the stored action and says “approved” for its txId; nothing signed names it', onMissing: nothing }),
    fixed('clone-detection', 'absent', 'no counter: a copy of the app’s data cannot be told from the original'),
    noModel(steps, 'bank.registerDevice', `nothing tells the bank which device it is: the app registered a push token${signed ? ' and a public key, without key attestation' : ''}, and no message names or attests a device model`),
  ];
}

registerFlow({ ...flowInfo('push-approval'), simulate, ledger });
