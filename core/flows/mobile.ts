import { check } from '../check.js';
import { actionHash, canonicalAction, describeAction, type Action } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToHex, concatBytes } from '../codec/bytes.js';
import { encodeCoseKey } from '../codec/cose.js';
import { bank } from '../ops/bank.js';
import { generateKeyPair, signMessage, type KeyPair } from '../crypto/sign.js';
import { fixed, fromCheck, noModel } from '../ledger/derive.js';
import '../ops/index.js';
import { shownOf } from '../ops/people.js';
import type { EvalState } from '../ops/evaluate.js';
import { jsonBytes, valuesIn } from '../ops/payloads.js';
import type { Recorder } from './record.js';
import { flowInfo } from './catalog.js';
import { recordLogin, recordPasswordRecord } from './signIn.js';
import { SIGN_IN_ACTION as SIGN_IN } from './runs.js';
import { registerFlow, type SimContext } from './registry.js';
import type { FlowOptions, LedgerEntry, Step } from './types.js';

/**
 * The two mobile approval flows, one simulation with a variant:
 * - `biometric-only` (the seed's flow): the OS biometric yields a boolean and the app calls the
 *   bank with `{"txId","approved":true,"biometricVerified":true}` over its session;
 * - `device-key` (the fix the seed names): the biometric unlocks a non-exportable key that signs
 *   `challenge ‖ SHA-256(canonical action)`.
 * Scenarios perturb the run at one point; the bank's checks decide what happens.
 */
type Variant = 'biometric-only' | 'device-key';

interface Tx {
  txId: string;
  challenge?: Uint8Array;
  action: Action;
}

class MobileRun {
  readonly rec: Recorder;
  readonly ctx: SimContext;
  readonly variant: Variant;
  readonly userTemplate: string;
  readonly attackerTemplate: string;
  session = '';
  deviceKey?: KeyPair;

  constructor(rec: Recorder, ctx: SimContext, variant: Variant) {
    this.rec = rec;
    this.ctx = ctx;
    this.variant = variant;
    this.userTemplate = `bob-${bytesToHex(ctx.rng.fork('user.biometric').bytes(8))}`;
    this.attackerTemplate = `mallory-${bytesToHex(ctx.rng.fork('attacker.biometric').bytes(8))}`;
  }

  get gate(): 'sensor' | 'keystore' {
    return this.variant === 'biometric-only' ? 'sensor' : 'keystore';
  }

  /** Sign-in, biometric enrolment and (device-key) key registration. */
  async enrol(where = 'his phone'): Promise<void> {
    const rng = this.ctx.rng;
    if (this.variant === 'biometric-only') {
      await this.rec.step({ phase: 'enroll', from: 'server', label: 'Bank policy', caption: `The bank runs with replay guard “${this.ctx.options.replayGuard}”.`, op: 'bank.policy', payloads: [{ name: 'policy', encoding: 'json', bytes: jsonBytes({ replayGuard: this.ctx.options.replayGuard }) }] });
    }
    this.session = toBase64url(rng.bytes(16));
    await this.issueSession('app', `Bob signs in to the bank app on ${where}; the bank issues a bearer session token.`);
    await this.rec.step({ phase: 'enroll', from: 'user', to: this.gate, label: 'Enrol biometric', caption: `Bob enrols his fingerprint in the phone’s OS; it never leaves ${where}.`, op: `${this.gate}.enroll`, payloads: [{ name: 'template', encoding: 'json', bytes: jsonBytes({ templateId: this.userTemplate }) }] });
    if (this.variant === 'device-key') {
      this.deviceKey = generateKeyPair('ES256', rng.fork('keystore.key'));
      this.rec.secrets.push({ actor: 'keystore', label: 'device approval key', alg: 'ES256', secretKey: this.deviceKey.secretKey });
      const cose = encodeCoseKey(this.deviceKey.publicKey);
      await this.rec.step({ phase: 'enroll', from: 'keystore', to: 'app', label: 'Generate device key', caption: 'The keystore creates a non-exportable P-256 key that only a matching biometric can unlock, and hands the app its public key.', op: 'keystore.generate', payloads: [{ name: 'publicKey', encoding: 'cose', bytes: cose }, { name: 'policy', encoding: 'json', bytes: jsonBytes({ userAuthenticationRequired: true, exportable: false }) }] });
      await this.rec.step({ phase: 'enroll', from: 'app', to: 'server', label: 'POST /devices', caption: 'The app registers the device public key with the bank.', op: 'bank.registerDeviceKey', payloads: [this.request('POST', '/devices', this.session, { publicKey: toBase64url(cose) })] });
    }
  }

  async issueSession(to: 'app' | 'attacker', caption: string, token = this.session, phase: Step['phase'] = 'enroll'): Promise<void> {
    await this.rec.step({ phase, from: 'server', to, label: 'Session issued', caption, op: 'bank.issueSession', payloads: [{ name: 'session', encoding: 'json', bytes: jsonBytes({ user: 'bob', session: token }) }], attacker: to === 'attacker' });
  }

  request(method: string, path: string, bearer: string, body: unknown): { name: string; encoding: 'json'; bytes: Uint8Array } {
    return { name: 'request', encoding: 'json', bytes: jsonBytes({ method, path, authorization: `Bearer ${bearer}`, body }) };
  }

  async intend(): Promise<void> {
    await this.rec.step({ phase: 'challenge', from: 'user', label: 'Decide', caption: `Bob decides to pay ${describeAction(this.ctx.intended)}.`, op: 'user.intend', payloads: [{ name: 'intent', encoding: 'json', bytes: canonicalAction(this.ctx.intended) }] });
  }

  /** POST /transactions and the bank's answer (txId, and a challenge for device keys). */
  async createTx(by: 'app' | 'attacker', action: Action, bearer: string, caption: string): Promise<Tx> {
    const rng = this.ctx.rng;
    await this.rec.step({ phase: 'challenge', from: by, to: 'server', label: 'POST /transactions', caption, op: 'bank.createTransaction', payloads: [this.request('POST', '/transactions', bearer, { action })], attacker: by === 'attacker' });
    const tx: Tx = { txId: `tx-${bytesToHex(rng.bytes(4))}`, action };
    if (this.variant === 'device-key') tx.challenge = rng.bytes(32);
    await this.rec.step({ phase: 'challenge', from: 'server', to: by, label: '201 Created', caption: this.variant === 'device-key' ? `The bank opens ${tx.txId} and issues a fresh 32-byte challenge for it.` : `The bank opens ${tx.txId} and waits for an approval.`, op: 'bank.transactionCreated', payloads: [{ name: 'response', encoding: 'json', bytes: jsonBytes({ txId: tx.txId, ...(tx.challenge ? { challenge: toBase64url(tx.challenge) } : {}) }) }], attacker: by === 'attacker' });
    if (by !== 'app') {
      await this.rec.step({ phase: 'challenge', from: 'server', to: 'app', label: 'Push: approve?', caption: `The bank pushes ${tx.txId} to Bob’s phone for approval.`, op: 'app.receivePush', payloads: [{ name: 'push', encoding: 'json', bytes: jsonBytes({ txId: tx.txId, action, ...(tx.challenge ? { challenge: toBase64url(tx.challenge) } : {}) }) }] });
    }
    return tx;
  }

  /** The app shows an action; the user compares it with what they intend. */
  async display(shown: Action, malware: boolean): Promise<boolean> {
    await this.rec.step({ phase: 'display', from: malware ? 'attacker' : 'app', to: 'user', label: 'Approval screen', caption: malware ? `Malware draws the app’s screen: it shows ${describeAction(shown)}.` : `The app shows Bob the transaction: ${describeAction(shown)}.`, op: 'user.review', payloads: [{ name: 'screen', encoding: 'json', bytes: jsonBytes({ surface: 'the bank app', trusted: false, shows: shownOf(shown) }) }], attacker: malware });
    return !this.rec.halted;
  }

  /** A person presents a biometric to the sensor or keystore. */
  async gesture(who: 'user' | 'attacker'): Promise<boolean> {
    const template = who === 'user' ? this.userTemplate : this.attackerTemplate;
    await this.rec.step({ phase: 'gesture', from: who, to: this.gate, label: 'Biometric', caption: who === 'user' ? 'Bob touches the fingerprint sensor.' : 'The attacker tries their own finger on Bob’s unlocked phone.', op: `${this.gate}.match`, payloads: [{ name: 'presented', encoding: 'json', bytes: jsonBytes({ templateId: template }) }], attacker: who === 'attacker' });
    return !this.rec.halted;
  }

  /** The proof: a boolean (biometric-only) or a device-key signature (device-key). */
  async proof(tx: Tx, signedAction: Action, key = this.deviceKey): Promise<Uint8Array | undefined> {
    if (this.variant === 'biometric-only') {
      await this.rec.step({ phase: 'proof', from: 'sensor', to: 'app', label: 'Biometric result', caption: 'The OS tells the app “success”: a boolean, not a signature.', op: 'app.biometricResult', payloads: [{ name: 'result', encoding: 'json', bytes: jsonBytes({ success: true }) }] });
      return undefined;
    }
    const message = concatBytes(tx.challenge!, actionHash(signedAction));
    const signature = signMessage(key!, message);
    await this.rec.step({ phase: 'proof', from: 'keystore', to: 'app', label: 'Sign', caption: 'The unlocked key signs challenge ‖ SHA-256(action); the keystore sees only the hash.', op: 'keystore.sign', payloads: [{ name: 'signedMessage', encoding: 'binary', bytes: message }, { name: 'signature', encoding: 'der', bytes: signature }] });
    return signature;
  }

  approvalBody(tx: Tx, action: Action, signature?: Uint8Array): Record<string, unknown> {
    return this.variant === 'biometric-only'
      ? { txId: tx.txId, approved: true, biometricVerified: true }
      : { txId: tx.txId, challenge: toBase64url(tx.challenge!), action, signature: toBase64url(signature ?? new Uint8Array()) };
  }

  /** POST /approvals, then the bank verifies and decides. */
  async submit(by: 'app' | 'attacker', body: Record<string, unknown>, bearer: string, caption: string): Promise<void> {
    await this.rec.step({ phase: 'submit', from: by, to: 'server', label: 'POST /approvals', caption, op: this.variant === 'biometric-only' ? 'bank.receiveApproval' : 'bank.receiveSignedApproval', payloads: [this.request('POST', '/approvals', bearer, body)], attacker: by === 'attacker' });
    await this.rec.step({ phase: 'verify', from: 'server', label: 'Verify approval', caption: this.variant === 'biometric-only' ? 'The bank checks the session, the transaction and the two booleans — there is nothing to verify cryptographically.' : 'The bank checks the challenge and verifies the signature over challenge ‖ SHA-256(submitted action) with the registered key.', op: this.variant === 'biometric-only' ? 'bank.verifyApproval' : 'bank.verifySignedApproval' });
    await this.rec.step({ phase: 'decide', from: 'server', label: 'Execute?', caption: 'The bank executes the transaction if every check passed.', op: 'bank.execute' });
  }

  async note(from: 'attacker' | 'user', phase: Step['phase'], label: string, text: string): Promise<void> {
    await this.rec.step({ phase, from, label, caption: text, op: 'attacker.note', payloads: [{ name: 'note', encoding: 'json', bytes: jsonBytes({ text }) }], attacker: from === 'attacker' });
  }

  /** The attacker signs in with Bob's password; the bank opens a sign-in and pushes it to Bob's app. */
  async attackerLogin(caption = 'The attacker signs in with Bob’s password from its own browser.'): Promise<Tx> {
    const rng = this.ctx.rng;
    await recordLogin(this.rec, caption);
    const tx: Tx = { txId: `tx-${bytesToHex(rng.bytes(4))}`, action: SIGN_IN };
    if (this.variant === 'device-key') tx.challenge = rng.bytes(32);
    await this.rec.step({ phase: 'challenge', from: 'server', to: 'attacker', label: '202 Second step', caption: `The password is right; the bank opens sign-in ${tx.txId} and asks Bob’s phone to approve it.`, op: 'bank.transactionCreated', attacker: true, payloads: [{ name: 'response', encoding: 'json', bytes: jsonBytes({ txId: tx.txId, ...(tx.challenge ? { challenge: toBase64url(tx.challenge) } : {}) }) }] });
    await this.rec.step({ phase: 'challenge', from: 'server', to: 'app', label: 'Push: approve sign-in?', caption: `The bank pushes ${tx.txId} to Bob’s phone.`, op: 'app.receivePush', payloads: [{ name: 'push', encoding: 'json', bytes: jsonBytes({ txId: tx.txId, action: SIGN_IN, ...(tx.challenge ? { challenge: toBase64url(tx.challenge) } : {}) }) }] });
    return tx;
  }

  /** The app asks Bob to approve a sign-in; if he does, his biometric and the app approve it. */
  async signInApproved(tx: Tx): Promise<boolean> {
    const r = await this.rec.step({ phase: 'display', from: 'app', to: 'user', label: 'Approve sign-in?', caption: 'The app asks Bob to approve a sign-in.', op: 'user.prompt', payloads: [{ name: 'prompt', encoding: 'json', bytes: jsonBytes({ surface: 'the bank app', asks: 'tap', kind: 'sign-in' }) }] });
    if (!r.checks.some((c) => c.id === 'user.confirm' && c.status === 'pass')) return false;
    if (!(await this.gesture('user'))) return true;
    const sig = await this.proof(tx, SIGN_IN);
    await this.submit('app', this.approvalBody(tx, SIGN_IN, sig), this.session, 'Bob’s app approves the sign-in.');
    return true;
  }

  /** True when the step just recorded is the bank executing something (its `server.execute` passed). */
  get executed(): boolean {
    const last = this.rec.steps.at(-1);
    return last?.op === 'bank.execute' && last.checks.some((c) => c.id === 'server.execute' && c.status === 'pass');
  }

  /** The honest approval of the intended action, from the app. */
  async honestCycle(): Promise<{ tx: Tx; body: Record<string, unknown> } | undefined> {
    const c = this.ctx;
    const tx = await this.createTx('app', c.intended, this.session, `Bob enters the payment in the app, which sends it to the bank.`);
    if (!(await this.display(c.intended, false)) || !(await this.gesture('user'))) return undefined;
    const sig = await this.proof(tx, c.intended);
    const body = this.approvalBody(tx, c.intended, sig);
    await this.submit('app', body, this.session, 'The app sends the approval to the bank over its session.');
    return { tx, body };
  }
}

async function simulate(rec: Recorder, ctx: SimContext, variant: Variant): Promise<void> {
  const m = new MobileRun(rec, ctx, variant);
  const evil = ctx.attackerAction;
  switch (ctx.scenario.id) {
    case 'honest': {
      await m.enrol();
      await m.intend();
      await m.honestCycle();
      return;
    }
    case 'replay': {
      await m.enrol();
      await m.intend();
      const first = await m.honestCycle();
      if (!first) return;
      await m.note('attacker', 'challenge', 'Capture', 'Earlier, the attacker recorded Bob’s approval request, bearer token included.');
      const tx2 = await m.createTx('attacker', evil, m.session, 'The attacker opens a new transaction with the captured session.');
      // Replays the captured proof, editing only the fields it needs: the transaction id (and the action in clear).
      const body = variant === 'biometric-only' ? { ...first.body, txId: tx2.txId } : { ...first.body, txId: tx2.txId, action: evil };
      await m.submit('attacker', body, m.session, 'The attacker replays Bob’s earlier approval, pointed at the new transaction.');
      return;
    }
    case 'phishing-relay':
    case 'subdomain-takeover': {
      const typed = ctx.scenario.id === 'phishing-relay' ? 'Bob types his password at https://examp1e-bank.com' : 'Bob types his password at https://promo.example.com, a retired campaign site the attacker took over';
      if (variant === 'biometric-only') {
        // The relay's sign-in takes the bank's real second step: Bob's phone approves it. Nothing in
        // that approval names the site Bob was on, and with the session it earns the relay can send
        // the unsigned approval of its own payment itself (DESIGN.md §9.1: the relay's sign-in).
        await m.enrol();
        await recordPasswordRecord(rec, ctx.rng);
        await m.intend();
        await m.note('attacker', 'challenge', 'Relay sign-in', `${typed}; the relay signs in to the real bank with it, and the look-alike tells Bob to approve in his app.`);
        const signIn = await m.attackerLogin('The relay signs in to the real bank with the password Bob typed.');
        if (!(await m.signInApproved(signIn)) || !m.executed) return;
        const relaySession = toBase64url(ctx.rng.bytes(16));
        await m.issueSession('attacker', 'Sign-in approved: the real bank issues the session — to the relay.', relaySession, 'decide');
        const tx = await m.createTx('attacker', evil, relaySession, 'The relay drops Bob’s payment and submits its own, from the session Bob’s fingerprint approved.');
        await m.submit('attacker', m.approvalBody(tx, evil), relaySession, 'The relay does not wait for Bob’s phone: it posts the approval itself — an unsigned body any session holder can send.');
        return;
      }
      await m.enrol();
      await m.intend();
      await m.note('attacker', 'challenge', 'Relay sign-in', `${typed}; the relay signs in to the real bank with it.`);
      const relaySession = toBase64url(ctx.rng.bytes(16));
      await m.issueSession('attacker', 'The real bank issues a session — to the relay.', relaySession);
      const tx = await m.createTx('attacker', ctx.intended, relaySession, 'The relay forwards Bob’s payment to the real bank from its own session.');
      if (!(await m.display(ctx.intended, false)) || !(await m.gesture('user'))) return;
      const sig = await m.proof(tx, ctx.intended);
      await m.submit('app', m.approvalBody(tx, ctx.intended, sig), m.session, 'Bob’s app approves; the relay’s session now holds an approved transaction.');
      return;
    }
    case 'forged-approval': {
      await m.enrol();
      await m.note('attacker', 'challenge', 'Steal session', 'The attacker has Bob’s session token (a compromised app or a leaked token).');
      const tx = await m.createTx('attacker', evil, m.session, 'The attacker calls the bank’s API directly.');
      let body: Record<string, unknown>;
      if (variant === 'biometric-only') {
        body = { txId: tx.txId, approved: true, biometricVerified: true };
      } else {
        const own = generateKeyPair('ES256', ctx.rng.fork('attacker.key'));
        rec.secrets.push({ actor: 'attacker', label: 'attacker’s own key', alg: 'ES256', secretKey: own.secretKey });
        const sig = signMessage(own, concatBytes(tx.challenge!, actionHash(evil)));
        body = { txId: tx.txId, challenge: toBase64url(tx.challenge!), action: evil, signature: toBase64url(sig) };
      }
      await m.submit('attacker', body, m.session, 'The attacker posts an approval it wrote itself — no device, no biometric.');
      return;
    }
    case 'tx-swap-after-approval': {
      await m.enrol();
      await m.intend();
      const tx = await m.createTx('app', ctx.intended, m.session, 'Bob enters the payment in the app, which sends it to the bank.');
      if (!(await m.display(ctx.intended, false)) || !(await m.gesture('user'))) return;
      const sig = await m.proof(tx, ctx.intended);
      if (variant === 'biometric-only') {
        const tx2 = await m.createTx('attacker', evil, m.session, 'Malware on the phone opens its own transaction with the app’s session.');
        await m.submit('attacker', { ...m.approvalBody(tx, ctx.intended, sig), txId: tx2.txId }, m.session, 'Malware swaps the transaction id in the approval before it leaves the phone.');
      } else {
        await m.submit('attacker', { ...m.approvalBody(tx, ctx.intended, sig), action: evil }, m.session, 'Malware swaps the action in the approval before it leaves the phone.');
      }
      return;
    }
    case 'tx-swap-before-display': {
      await m.enrol();
      await m.intend();
      const tx = await m.createTx('attacker', evil, m.session, 'Malware in the app sends the bank the swapped payment instead of Bob’s.');
      if (!(await m.display(ctx.intended, true)) || !(await m.gesture('user'))) return;
      const sig = await m.proof(tx, evil);
      await m.submit('app', m.approvalBody(tx, evil, sig), m.session, 'The app sends the approval — for the swapped transaction.');
      return;
    }
    case 'stolen-unlocked-device': {
      await m.enrol();
      const tx = await m.createTx('attacker', evil, m.session, 'The thief opens the bank app on Bob’s unlocked phone and enters a payment.');
      if (!(await m.gesture('attacker'))) return;
      const sig = await m.proof(tx, evil);
      await m.submit('attacker', m.approvalBody(tx, evil, sig), m.session, 'The thief’s approval goes to the bank.');
      return;
    }
    case 'cloned-authenticator': {
      await m.enrol();
      await m.note('attacker', 'challenge', 'Clone', variant === 'biometric-only' ? 'The attacker copied the app’s data, session token included, to another phone.' : 'The attacker extracted the device key and uses it from another phone.');
      const tx = await m.createTx('attacker', evil, m.session, 'From the cloned phone, the attacker opens a transaction.');
      let body: Record<string, unknown>;
      if (variant === 'biometric-only') body = { txId: tx.txId, approved: true, biometricVerified: true };
      else body = m.approvalBody(tx, evil, signMessage(m.deviceKey!, concatBytes(tx.challenge!, actionHash(evil))));
      await m.submit('attacker', body, m.session, 'The cloned phone approves it.');
      return;
    }
    case 'byte-tamper': {
      await m.enrol();
      await m.intend();
      const tx = await m.createTx('app', ctx.intended, m.session, 'Bob enters the payment in the app, which sends it to the bank.');
      const tx2 = await m.createTx('attacker', evil, m.session, 'An on-path proxy the phone trusts reuses the session it sees to open its own transaction.');
      if (!(await m.display(ctx.intended, false)) || !(await m.gesture('user'))) return;
      const sig = await m.proof(tx, ctx.intended);
      const body = variant === 'biometric-only'
        ? { ...m.approvalBody(tx, ctx.intended, sig), txId: tx2.txId }
        : { ...m.approvalBody(tx, ctx.intended, sig), txId: tx2.txId, challenge: toBase64url(tx2.challenge!), action: evil };
      await m.submit('attacker', body, m.session, 'The proxy rewrites the approval in transit so it points at its own transaction.');
      return;
    }
    case 'synced-new-device': {
      await m.enrol('the old phone');
      await m.note('user', 'challenge', 'New phone', 'Bob switches to a new phone and restores the bank app from his backup.');
      m.session = toBase64url(ctx.rng.bytes(16));
      await m.issueSession('app', 'Bob signs in to the bank app on the new phone.');
      if (variant === 'biometric-only') {
        await rec.step({ phase: 'enroll', from: 'user', to: 'sensor', label: 'Enrol biometric', caption: 'Bob enrols his fingerprint on the new phone.', op: 'sensor.enroll', payloads: [{ name: 'template', encoding: 'json', bytes: jsonBytes({ templateId: m.userTemplate }) }] });
        await m.intend();
        await m.honestCycle();
        return;
      }
      await m.intend();
      const tx = await m.createTx('app', ctx.intended, m.session, 'Bob enters the payment in the app on the new phone.');
      if (!(await m.display(ctx.intended, false))) return;
      await rec.step({ phase: 'gesture', from: 'app', to: 'keystore', label: 'Use key', caption: `The app asks the keystore to sign ${tx.txId}’s challenge, but the key is on the old phone.`, op: 'keystore.noKey' });
      return;
    }
    case 'mfa-fatigue': {
      await m.enrol();
      await recordPasswordRecord(rec, ctx.rng);
      await rec.step({ phase: 'enroll', from: 'user', label: 'Bob', caption: 'Bob gives in after three prompts he did not start.', op: 'user.profile', payloads: [{ name: 'profile', encoding: 'json', bytes: jsonBytes({ givesInAfter: 3 }) }] });
      for (let attempt = 1; attempt <= 4; attempt++) {
        await rec.step({ phase: 'challenge', from: 'attacker', label: `Attempt ${attempt} of 4`, caption: 'The attacker, who knows Bob’s password, starts another sign-in.', op: 'attacker.attempt', attacker: true, payloads: [{ name: 'attempt', encoding: 'json', bytes: jsonBytes({ attempt, of: 4 }) }] });
        const tx = await m.attackerLogin();
        if (await m.signInApproved(tx)) return;
      }
      return;
    }
    case 'sim-swap': {
      await m.enrol();
      await recordPasswordRecord(rec, ctx.rng);
      await m.note('attacker', 'challenge', 'SIM swap', 'The attacker talked the carrier into moving Bob’s number to its own SIM; the bank’s push goes to the app’s push token, not to the number.');
      const tx = await m.attackerLogin();
      await m.signInApproved(tx);
      return;
    }
    case 'silent-assertion':
    case 'uv-downgrade':
      throw new RangeError(`${ctx.scenario.id} does not apply to ${variant}`);
  }
}

function mobileLedger(variant: Variant) {
  return (steps: readonly Step[], _state: EvalState, options: FlowOptions): LedgerEntry[] => {
    if (variant === 'biometric-only') {
      return [
        fromCheck(steps, { property: 'user-presence', check: 'server.approved', onPass: 'asserted', whyPass: 'the app says “approved”: an unsigned field of an API call', onMissing: { level: 'absent', why: 'no approval reached the bank' } }),
        fromCheck(steps, { property: 'user-verification', check: 'server.biometricClaim', onPass: 'asserted', whyPass: '“biometricVerified”: true is the app’s word; the bank cannot check that a biometric ran, or whose', onMissing: { level: 'absent', why: 'no approval reached the bank' } }),
        fixed('key-possession', 'absent', 'nothing is signed by a device key; a bearer session proves only that the caller holds a token'),
        fixed('device-binding', 'absent', 'any device (or script) holding the session token can call the API'),
        fixed('origin-binding', 'absent', 'nothing in the approval says which site or app the user was on'),
        options.replayGuard === 'tx-state'
          ? fromCheck(steps, { property: 'freshness', check: 'server.replayGuard', onPass: 'asserted', whyPass: 'the bank accepts one approval per pending transaction, but the txId is an unsigned field any session holder can set' })
          : fixed('freshness', 'absent', 'no challenge, no state: an approval message can be replayed'),
        fixed('action-binding', 'absent', 'the approval names a txId; nothing ties the biometric to the amount and payee'),
        fixed('clone-detection', 'absent', 'no counter and no key: a copied session looks like the original'),
        noModel(steps, 'bank.issueSession', 'nothing tells the bank which device it is: the app calls with a bearer session, and no message names or attests a device model'),
      ];
    }
    const reg = steps.find((s) => s.op === 'bank.registerDeviceKey');
    const regEvidence = reg ? [{ step: reg.index, check: 'server.deviceKey' }] : [];
    return [
      fromCheck(steps, { property: 'user-presence', check: 'server.signature', onPass: 'asserted', whyPass: 'a signature implies the key was used, and the app said the key needs a biometric — a claim the bank cannot check without key attestation' }),
      fromCheck(steps, { property: 'user-verification', check: 'server.signature', onPass: 'asserted', whyPass: 'the app said at enrolment that the key requires a biometric; without key attestation the bank cannot check it' }),
      fromCheck(steps, { property: 'key-possession', check: 'server.signature', onPass: 'proven', whyPass: 'the bank verified an ECDSA signature with the device key registered at enrolment' }),
      fixed('device-binding', 'asserted', 'the app said the key is non-exportable; without key attestation the bank cannot check it', regEvidence),
      fixed('origin-binding', 'absent', 'the device key signs challenge and action, nothing about which site or app asked'),
      fromCheck(steps, { property: 'freshness', check: 'server.challenge', onPass: 'proven', whyPass: 'the signed challenge is the one the bank issued for this transaction' }),
      fromCheck(steps, { property: 'action-binding', check: 'server.signature', onPass: 'proven', whyPass: 'the signature covers SHA-256 of the canonical action the bank executes' }),
      fixed('clone-detection', 'absent', 'no signature counter: a copy of the key is indistinguishable from the original'),
      noModel(steps, 'bank.registerDeviceKey', 'nothing tells the bank which device it is: the app registered a bare public key, with no key attestation and no model'),
    ];
  };
}

// Titles, summaries, actors and options come from core/flows/catalog.ts.
registerFlow({ ...flowInfo('biometric-only'), simulate: (rec, ctx) => simulate(rec, ctx, 'biometric-only'), ledger: mobileLedger('biometric-only'), optionsFromSteps: (steps) => valuesIn(steps, [{ op: 'bank.policy', payload: 'policy', keys: { replayGuard: 'replayGuard' } }]) as FlowOptions });
registerFlow({ ...flowInfo('device-key'), simulate: (rec, ctx) => simulate(rec, ctx, 'device-key'), ledger: mobileLedger('device-key'), registeredKeys: (state) => { const key = bank(state).deviceKey; return key ? [key] : []; } });
