import { canonicalAction, describeAction, type Action } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { toBase32 } from '../codec/base32.js';
import { bytesToHex, utf8ToBytes } from '../codec/bytes.js';
import type { Random } from '../crypto/random.js';
import { fixed, fromCheck, noModel } from '../ledger/derive.js';
import { ocra, linkingQuestion } from '../otp/ocra.js';
import { smsText } from '../otp/smsText.js';
import { totp } from '../otp/totp.js';
import type { EvalState } from '../ops/evaluate.js';
import '../ops/index.js';
import { APP_SUITE, SMS_SUITE } from '../ops/otp.js';
import { jsonBytes, jsonPayload } from '../ops/payloads.js';
import { shownOf } from '../ops/people.js';
import { flowInfo } from './catalog.js';
import { recordLogin, recordPasswordRecord } from './signIn.js';
import type { Recorder } from './record.js';
import { registerFlow, type SimContext } from './registry.js';
import { SIGN_IN_ACTION } from './runs.js';
import type { FlowOptions, LedgerEntry, Step } from './types.js';

/**
 * One-time codes (DESIGN.md §8.3): a code sent by SMS, or computed by an authenticator app (TOTP;
 * with dynamic linking OCRA over nonce ‖ SHA-256(action)), typed into the page, which submits
 * `{txId, action, code}`. Core never reads the clock: runs start at t₀ and move by fixed offsets.
 */

const T0 = 1_767_261_600; // 2026-01-01T10:00:00Z
const ORIGIN = 'https://example.com';
const PHISHING_ORIGIN = 'https://examp1e-bank.com';
const TAKEN_OVER_ORIGIN = 'https://promo.example.com';
const MSISDN = '+4915112345678';
const BOB_SIM = '8949020000012345678';
const ATTACKER_SIM = '8949020000087654321';

const json = jsonPayload;

interface Tx {
  txId: string;
  action: Action;
  code?: string;
  nonce?: Uint8Array;
  sms?: string;
}


function digits(rng: Random, n: number): string {
  const b = rng.bytes(4);
  return String((((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) % 10 ** n).padStart(n, '0');
}

class OtpRun {
  readonly rec: Recorder;
  readonly ctx: SimContext;
  readonly sms: boolean;
  readonly dynamic: boolean;
  session = '';
  now = T0;
  macKey?: Uint8Array;
  seed?: Uint8Array;
  ocraKey?: Uint8Array;

  constructor(rec: Recorder, ctx: SimContext) {
    this.rec = rec;
    this.ctx = ctx;
    this.sms = ctx.options.channel !== 'totp';
    this.dynamic = ctx.options.linking === 'dynamic';
  }

  get phone(): 'app' {
    return 'app';
  }

  async enrol(): Promise<void> {
    const { rec, ctx } = this;
    if (this.sms && this.dynamic) this.macKey = ctx.rng.fork('bank.macKey').bytes(32);
    const suite = this.dynamic ? (this.sms ? SMS_SUITE : APP_SUITE) : undefined;
    await rec.step({ phase: 'enroll', from: 'server', label: 'Policy', caption: `The bank sends one-time codes by ${this.sms ? 'SMS' : 'an authenticator app'}${this.dynamic ? ', dynamically linked to amount and payee' : ''}.`, op: 'bank.otpPolicy', payloads: [json('policy', { channel: ctx.options.channel, linking: ctx.options.linking, digits: this.dynamic && !this.sms ? 8 : 6, validity: 300, ...(suite ? { suite } : {}) }), ...(this.macKey ? [{ name: 'macKey', encoding: 'binary' as const, bytes: this.macKey }] : [])] });
    this.session = toBase64url(ctx.rng.bytes(16));
    await rec.step({ phase: 'enroll', from: 'server', to: 'ua', label: 'Session issued', caption: 'Bob signs in to the bank’s site; the bank issues a bearer session token.', op: 'bank.issueSession', payloads: [json('session', { user: 'bob', session: this.session })] });
    if (this.sms) {
      await rec.step({ phase: 'enroll', from: 'carrier', label: 'Subscriber record', caption: `The mobile network maps ${MSISDN} to the SIM in Bob’s phone.`, op: 'carrier.provision', payloads: [json('subscriber', { msisdn: MSISDN, iccid: BOB_SIM, device: 'Bob’s phone' })] });
      await rec.step({ phase: 'enroll', from: 'ua', to: 'server', label: 'Register number', caption: 'Bob registers his mobile number for codes.', op: 'bank.registerPhone', payloads: [json('request', { method: 'POST', path: '/phone', authorization: `Bearer ${this.session}`, body: { msisdn: MSISDN } })] });
      return;
    }
    let secret: Uint8Array;
    if (this.dynamic) {
      this.ocraKey = ctx.rng.fork('app.ocraKey').bytes(32);
      secret = jsonBytes({ suite: APP_SUITE, key: toBase64url(this.ocraKey) });
    } else {
      this.seed = ctx.rng.fork('app.seed').bytes(20);
      secret = utf8ToBytes(`otpauth://totp/Example%20Bank:bob?secret=${toBase32(this.seed)}&algorithm=SHA1&digits=6&period=30`);
    }
    await rec.step({ phase: 'enroll', from: 'server', to: 'ua', label: 'Enrolment QR', caption: 'The page shows the shared secret once, as a QR code.', op: 'bank.otpSecret', payloads: [{ name: 'sharedSecret', encoding: 'text', bytes: secret }] });
    await rec.step({ phase: 'enroll', from: 'user', to: 'app', label: 'Scan', caption: 'Bob scans it with his authenticator app.', op: 'app.scanSecret', payloads: [{ name: 'sharedSecret', encoding: 'text', bytes: secret }] });
  }

  async intend(): Promise<void> {
    await this.rec.step({ phase: 'challenge', from: 'user', label: 'Decide', caption: `Bob decides to pay ${describeAction(this.ctx.intended)}.`, op: 'user.intend', payloads: [{ name: 'intent', encoding: 'json', bytes: canonicalAction(this.ctx.intended) }] });
  }

  /** POST /transactions (or /login), 201, and what the bank issues: an SMS, or a nonce in a QR code. */
  async createTx(by: 'ua' | 'attacker', action: Action, session: string, caption: string, smsTo: 'app' | 'attacker' = 'app'): Promise<Tx> {
    const { rec, ctx } = this;
    const attacker = by === 'attacker';
    this.now += 30;
    if (action.kind === 'sign-in') {
      await recordLogin(rec, caption);
    } else {
      await rec.step({ phase: 'challenge', from: by, to: 'server', label: 'POST /transactions', caption, op: 'bank.createTransaction', attacker, payloads: [json('request', { method: 'POST', path: '/transactions', authorization: `Bearer ${session}`, body: { action } })] });
    }
    const tx: Tx = { txId: `tx-${bytesToHex(ctx.rng.bytes(4))}`, action };
    if (this.dynamic) tx.nonce = ctx.rng.bytes(16);
    const qr = this.dynamic && !this.sms ? { v: 1, txId: tx.txId, nonce: toBase64url(tx.nonce!), action } : undefined;
    await rec.step({ phase: 'challenge', from: 'server', to: by, label: '201 Created', caption: `The bank opens ${tx.txId}${qr ? ' and returns a QR code with its nonce and the action' : ''}.`, op: 'bank.transactionCreated', attacker, payloads: [json('response', { txId: tx.txId, ...(qr ? { qr } : {}) })] });
    if (this.sms || this.dynamic) {
      if (this.sms && !this.dynamic) tx.code = digits(ctx.rng, 6);
      if (this.sms && this.dynamic) tx.code = ocra(SMS_SUITE, this.macKey!, linkingQuestion(tx.nonce!, action)).code;
      await rec.step({ phase: 'challenge', from: 'server', label: 'Issue code', caption: tx.code && !this.dynamic ? `The bank records code ${tx.code} for ${tx.txId}, valid 5 minutes.` : `The bank records a fresh nonce for ${tx.txId}; the code is a MAC over it and the action.`, op: 'bank.issueCode', payloads: [json('issued', { txId: tx.txId, ...(this.dynamic ? { nonce: toBase64url(tx.nonce!) } : { code: tx.code }), expiresAt: this.now + 300 })] });
    }
    if (this.sms) {
      tx.sms = smsText(tx.code!, this.dynamic ? action : undefined);
      await rec.step({ phase: 'challenge', from: 'server', to: 'carrier', label: 'Submit SMS', caption: 'The bank hands the SMS to the mobile network, in clear.', op: 'carrier.submit', payloads: [json('sms', { to: MSISDN, text: tx.sms })] });
      await rec.step({ phase: 'challenge', from: 'carrier', to: smsTo, label: 'Deliver SMS', caption: smsTo === 'attacker' ? 'The network delivers it to the SIM the number now maps to: the attacker’s.' : 'The network delivers it to Bob’s phone.', op: 'carrier.deliver', attacker: smsTo === 'attacker', payloads: [json('sms', { msisdn: MSISDN, iccid: smsTo === 'attacker' ? ATTACKER_SIM : BOB_SIM, text: tx.sms })] });
    }
    return tx;
  }

  async page(shown: Action, controlledBy: 'ua' | 'attacker', site = ORIGIN): Promise<boolean> {
    const attacker = controlledBy === 'attacker';
    await this.rec.step({ phase: 'display', from: controlledBy, to: 'user', label: 'Web page', caption: `${attacker ? `A page the attacker draws (${site})` : `The page at ${site}`} shows Bob ${describeAction(shown)} and asks for the code.`, op: 'user.review', attacker, payloads: [json('screen', { surface: `the web page at ${site}`, trusted: false, shows: shownOf(shown) })] });
    return !this.rec.halted;
  }

  /** What the code source shows Bob (the SMS, the TOTP app, or the OCRA app over the QR), and his decision. */
  async read(tx: Tx, holder: 'user' | 'attacker' = 'user'): Promise<{ code: string; ok: boolean }> {
    const { rec } = this;
    this.now += 10;
    let code: string;
    let prompt: Record<string, unknown>;
    if (this.sms) {
      code = tx.code!;
      prompt = { surface: 'an SMS', sms: tx.sms, asks: 'code', kind: 'code' };
    } else if (!this.dynamic) {
      code = totp(this.seed!, this.now);
      await rec.step({ phase: 'display', from: 'app', label: 'TOTP', caption: `The app computes the code for the current 30-second step: ${code}.`, op: 'app.totp', attacker: holder === 'attacker', payloads: [json('totp', { unix: this.now, code })] });
      prompt = { surface: 'the authenticator app', asks: 'code', kind: 'code' };
    } else {
      const q = linkingQuestion(tx.nonce!, tx.action);
      code = ocra(APP_SUITE, this.ocraKey!, q).code;
      await rec.step({ phase: 'display', from: holder === 'attacker' ? 'attacker' : 'user', to: 'app', label: 'Scan QR', caption: `The app decodes the QR code, shows ${describeAction(tx.action)}, and computes the response over what it shows.`, op: 'app.ocra', attacker: holder === 'attacker', payloads: [json('qr', { v: 1, txId: tx.txId, nonce: toBase64url(tx.nonce!), action: tx.action }), json('result', { suite: APP_SUITE, Q: q, code })] });
      prompt = { surface: 'the authenticator app', shows: shownOf(tx.action), asks: 'code', kind: tx.action.kind };
    }
    if (holder === 'attacker') return { code, ok: true };
    const r = await rec.step({ phase: 'display', from: 'app', to: 'user', label: this.sms ? 'SMS' : 'Code', caption: this.sms ? `Bob reads the SMS: “${tx.sms}”` : `The app shows Bob the code${this.dynamic ? ' and the transaction' : ''}.`, op: 'user.prompt', payloads: [json('prompt', prompt)] });
    return { code, ok: r.checks.some((c) => c.id === 'user.confirm' && c.status === 'pass') };
  }

  async submit(by: 'ua' | 'attacker', txId: string, action: Action, code: string, session: string | undefined, caption: string, typedBy: 'user' | 'attacker' = by === 'attacker' ? 'attacker' : 'user', after = 5): Promise<void> {
    const { rec } = this;
    await rec.step({ phase: 'proof', from: typedBy, to: typedBy === 'attacker' ? 'attacker' : 'ua', label: 'Type code', caption: `${typedBy === 'attacker' ? 'The attacker' : 'Bob'} types ${code}.`, op: 'ua.enterCode', attacker: typedBy === 'attacker', payloads: [json('typed', { code })] });
    this.now += after;
    await rec.step({ phase: 'submit', from: by, to: 'server', label: 'POST /confirm', caption, op: 'bank.receiveOtp', attacker: by === 'attacker', payloads: [json('request', { method: 'POST', path: `/transactions/${txId}/confirm`, ...(session ? { authorization: `Bearer ${session}` } : {}), body: { txId, action, code } })] });
    await rec.step({ phase: 'verify', from: 'server', label: 'Verify code', caption: 'The bank recomputes the code it expects and checks it was not used before.', op: 'bank.verifyOtp', payloads: [json('clock', { unix: this.now })] });
    await rec.step({ phase: 'decide', from: 'server', label: 'Execute?', caption: 'The bank executes the submitted action if every check passed.', op: 'bank.execute' });
  }

  async note(label: string, text: string, phase: Step['phase'] = 'challenge'): Promise<void> {
    await this.rec.step({ phase, from: 'attacker', label, caption: text, op: 'attacker.note', attacker: true, payloads: [json('note', { text })] });
  }

  async honestCycle(): Promise<{ tx: Tx; code: string } | undefined> {
    const tx = await this.createTx('ua', this.ctx.intended, this.session, 'Bob enters the payment on the bank’s site.');
    if (!(await this.page(this.ctx.intended, 'ua'))) return undefined;
    const r = await this.read(tx);
    if (!r.ok) return undefined;
    await this.submit('ua', tx.txId, tx.action, r.code, this.session, 'The page posts {txId, action, code}.');
    return { tx, code: r.code };
  }

  /**
   * The attacker holds what delivers Bob's codes (his phone, or a copy of the secret) and his
   * session: it opens its own transaction, gets the code for it and submits it.
   */
  async attackerMakesCode(label: string, how: string, opens: string, submits: string): Promise<void> {
    const evil = this.ctx.attackerAction;
    await this.note(label, how);
    const tx = await this.createTx('attacker', evil, this.session, opens);
    const r = await this.read(tx, 'attacker');
    await this.submit('attacker', tx.txId, evil, r.code, this.session, submits);
  }

  /** The attacker, who holds no code, guesses one. */
  guess(): string {
    return digits(this.ctx.rng.fork(`attacker.guess.${this.now}`), this.dynamic && !this.sms ? 8 : 6);
  }
}

async function simulate(rec: Recorder, ctx: SimContext): Promise<void> {
  const o = new OtpRun(rec, ctx);
  const evil = ctx.attackerAction;
  await o.enrol();
  switch (ctx.scenario.id) {
    case 'honest':
      await o.intend();
      await o.honestCycle();
      return;
    case 'replay': {
      await o.intend();
      const first = await o.honestCycle();
      if (!first) return;
      await o.note('Capture', 'The attacker captured Bob’s {txId, action, code} and his session.');
      const tx2 = await o.createTx('attacker', evil, o.session, 'The attacker opens a new transaction with Bob’s session.');
      await o.submit('attacker', tx2.txId, evil, first.code, o.session, 'Ten seconds later, the attacker resends Bob’s code with its own txId and action.', 'attacker', 10);
      return;
    }
    case 'phishing-relay':
    case 'subdomain-takeover': {
      const site = ctx.scenario.id === 'phishing-relay' ? PHISHING_ORIGIN : TAKEN_OVER_ORIGIN;
      await o.intend();
      await o.note('Relay sign-in', `Bob is on ${site}, which relays the real site; it signed in with Bob’s password.`);
      const relay = toBase64url(ctx.rng.bytes(16));
      await rec.step({ phase: 'challenge', from: 'server', to: 'attacker', label: 'Session issued', caption: 'The real bank issues a session — to the relay.', op: 'bank.issueSession', attacker: true, payloads: [json('session', { user: 'bob', session: relay })] });
      const tx = await o.createTx('attacker', ctx.intended, relay, 'The relay forwards Bob’s payment to the real bank from its own session.');
      if (!(await o.page(ctx.intended, 'attacker', site))) return;
      const r = await o.read(tx);
      if (!r.ok) return;
      await o.submit('attacker', tx.txId, tx.action, r.code, relay, 'Bob types the code into the look-alike; the relay submits it in time.', 'user');
      return;
    }
    case 'forged-approval': {
      await o.note('Steal session', 'The attacker has Bob’s session token, not his phone.');
      const tx = await o.createTx('attacker', evil, o.session, 'The attacker calls the bank’s API directly.');
      await o.submit('attacker', tx.txId, evil, o.guess(), o.session, 'The attacker posts a guessed code.');
      return;
    }
    case 'tx-swap-after-approval': {
      await o.intend();
      const tx = await o.createTx('ua', ctx.intended, o.session, 'Bob enters the payment on the bank’s site.');
      if (!(await o.page(ctx.intended, 'ua'))) return;
      const r = await o.read(tx);
      if (!r.ok) return;
      await o.submit('attacker', tx.txId, evil, r.code, o.session, 'Malware in the browser swaps the action in the submission: same txId, same code.', 'user');
      return;
    }
    case 'tx-swap-before-display': {
      await o.intend();
      const tx = await o.createTx('attacker', evil, o.session, 'Malware in the browser sends the bank the swapped payment instead of Bob’s.');
      if (!(await o.page(ctx.intended, 'attacker'))) return;
      const r = await o.read(tx);
      if (!r.ok) return;
      await o.submit('ua', tx.txId, evil, r.code, o.session, 'The page posts the code — for the swapped transaction.');
      return;
    }
    case 'stolen-unlocked-device': {
      await o.attackerMakesCode('Unlocked phone', o.sms ? 'A thief holds Bob’s phone: its browser has his session, and a locked screen still previews SMS.' : 'A thief holds Bob’s unlocked phone: its browser has his session, and the authenticator app opens without a PIN.', 'The thief enters a payment in the phone’s browser.', 'The thief types the code.');
      return;
    }
    case 'cloned-authenticator': {
      await o.attackerMakesCode('Clone', o.dynamic ? 'The OCRA key was copied from a cloud backup of the app.' : 'The TOTP seed was copied from a screenshot of the enrolment QR code.', 'The attacker opens a transaction with Bob’s session.', 'The attacker computes the code with the copied secret and submits it.');
      return;
    }
    case 'byte-tamper': {
      await o.intend();
      const tx = await o.createTx('ua', ctx.intended, o.session, 'Bob enters the payment on the bank’s site.');
      const tx2 = await o.createTx('attacker', evil, o.session, 'A proxy the browser trusts opens its own transaction with the session it sees.');
      if (!(await o.page(ctx.intended, 'ua'))) return;
      // Several codes pending: Bob acts on the most recent one that does not contradict his intention.
      const latest = o.sms && !o.dynamic ? tx2 : tx;
      const r = await o.read(latest);
      if (!r.ok) return;
      await o.submit('attacker', tx2.txId, evil, r.code, o.session, 'The proxy rewrites the submission’s txId and action to its own transaction’s.', 'user');
      return;
    }
    case 'synced-new-device': {
      await rec.step({ phase: 'challenge', from: 'user', label: 'New phone', caption: o.sms ? 'Bob moves his number to his new phone by eSIM transfer.' : 'Bob’s new phone restores the authenticator app’s secrets from its cloud backup.', op: 'attacker.note', payloads: [json('note', { text: 'Bob moved to a new phone.' })] });
      await o.intend();
      await o.honestCycle();
      return;
    }
    case 'mfa-fatigue': {
      await recordPasswordRecord(rec, ctx.rng);
      // No one-tap approval exists: unsolicited codes are typed nowhere, so the attacker must guess.
      // An attempt that put nothing in front of Bob (totp sends nothing) leaves nobody to tire.
      for (let attempt = 1; attempt <= (o.sms ? 4 : 1); attempt++) {
        await rec.step({ phase: 'challenge', from: 'attacker', label: `Attempt ${attempt} of 4`, caption: 'The attacker, who knows Bob’s password, starts another sign-in.', op: 'attacker.attempt', attacker: true, payloads: [json('attempt', { attempt, of: 4 })] });
        const tx = await o.createTx('attacker', SIGN_IN_ACTION, '', 'The attacker signs in with Bob’s password from its own browser.');
        if (o.sms) await o.read(tx);
        await o.submit('attacker', tx.txId, SIGN_IN_ACTION, o.guess(), undefined, 'The attacker guesses a code.');
      }
      return;
    }
    case 'sim-swap': {
      await recordPasswordRecord(rec, ctx.rng);
      if (o.sms) {
        await rec.step({ phase: 'challenge', from: 'attacker', to: 'carrier', label: 'Port number', caption: 'The attacker calls the carrier, answers Bob’s security questions, and has his number moved to its own SIM.', op: 'carrier.swap', attacker: true, payloads: [json('swap', { msisdn: MSISDN, iccid: ATTACKER_SIM, device: 'the attacker’s phone', answeredSecurityQuestions: true })] });
      } else {
        await o.note('SIM swap', 'The attacker moved Bob’s number to its own SIM; nothing of the authenticator app goes to the number.');
      }
      const tx = await o.createTx('attacker', SIGN_IN_ACTION, '', 'The attacker signs in with Bob’s password.', 'attacker');
      await o.submit('attacker', tx.txId, SIGN_IN_ACTION, o.sms ? tx.code! : o.guess(), undefined, o.sms ? 'The attacker reads the code on its own SIM and types it.' : 'The attacker guesses a code.');
      return;
    }
    case 'silent-assertion':
    case 'uv-downgrade':
      throw new RangeError(`${ctx.scenario.id} does not apply to otp`);
  }
}

function ledger(steps: readonly Step[], _state: EvalState, options: FlowOptions): LedgerEntry[] {
  const sms = options.channel !== 'totp';
  const dynamic = options.linking === 'dynamic';
  return [
    fromCheck(steps, { property: 'user-presence', check: 'server.otp', onPass: 'asserted', whyPass: 'a correct code was typed somewhere; no one attests a person at Bob’s phone', onMissing: { level: 'absent', why: 'no code reached the bank' } }),
    fixed('user-verification', 'absent', sms ? 'no PIN or biometric; SMS previews show on a locked screen' : 'the app opens without a PIN'),
    sms
      ? fixed('key-possession', 'absent', 'no user-side key: the code is the server’s secret, sent in clear; it proves the submitter read it')
      : fromCheck(steps, { property: 'key-possession', check: 'server.otp', onPass: 'proven', whyPass: dynamic ? 'OCRA recomputed with the enrolled key (symmetric)' : 'the server recomputed HMAC-SHA1 over the time step with the enrolled seed (symmetric: the server holds it too)' }),
    sms
      ? fromCheck(steps, { property: 'device-binding', check: 'carrier.route', onPass: 'asserted', whyPass: 'the carrier routes the number to a SIM; the bank cannot see which, and a swap moves it' })
      : fixed('device-binding', 'absent', 'the seed passed through the enrolment page and is backed up and synced'),
    fixed('origin-binding', 'absent', 'a code works on whatever page it is typed into'),
    fromCheck(steps, { property: 'freshness', check: 'server.otpReplay', onPass: 'proven', whyPass: sms && !dynamic ? 'the server’s own single-use code for this txId, within 300 s' : dynamic ? 'MAC over the server’s single-use nonce' : 'within ±1 step, and the step not used before (RFC 6238 §5.2)' }),
    dynamic
      ? fromCheck(steps, { property: 'action-binding', check: 'server.otp', onPass: 'proven', whyPass: sms ? 'code = MAC over nonce ‖ SHA-256(submitted action); the SMS stated amount and payee (PSD2 RTS Art. 5)' : 'the app computed the code over the transaction it displayed; the server over the submitted one' })
      : fixed('action-binding', 'absent', sms ? 'the code is bound to a txId by state, the SMS names no amount, and the submitted action is executed' : 'a code fits any transaction in its window'),
    fixed('clone-detection', 'absent', sms ? 'no user-side key to clone' : 'TOTP and OCRA keep no counter: a copied secret cannot be told from the original'),
    sms
      ? noModel(steps, 'bank.registerPhone', 'nothing tells the bank which device it is: it registered a phone number; the carrier routes it to a SIM, and no phone model reaches the bank')
      : noModel(steps, 'app.scanSecret', 'nothing tells the bank which device it is: any app on any device that scanned the shared secret computes the same codes'),
  ];
}

registerFlow({ ...flowInfo('otp'), simulate, ledger });
