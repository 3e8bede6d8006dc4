import { check, type ActorId, type CheckResult } from '../check.js';
import { describeAction, parseAction, type Action } from '../codec/action.js';
import { fromBase64url } from '../codec/base64url.js';
import { ocra } from '../otp/ocra.js';
import { parseSharedSecret } from '../otp/secret.js';
import { linkingQuestion } from '../otp/ocra.js';
import { totp, totpMatch, totpStep } from '../otp/totp.js';
import { bank, request, server, sessionCheck, txCheck } from './bank.js';
import { defineOp, payload, type EvalState } from './evaluate.js';
import { readJson, strOf } from './payloads.js';

/**
 * One-time codes (DESIGN.md §8.3): the bank's policy and secrets, the codes it issues, the app that
 * computes TOTP or OCRA, and the verification. Symmetric: the verifier holds every secret it needs,
 * so re-verification recomputes each code from the recorded bytes.
 */

/** OCRA suites for dynamic linking: SMS (server-only key) and the authenticator app. */
export const SMS_SUITE = 'OCRA-1:HOTP-SHA256-6:QH64';
export const APP_SUITE = 'OCRA-1:HOTP-SHA256-8:QH64';

interface OtpMemory {
  channel: 'sms' | 'totp';
  linking: 'none' | 'dynamic';
  macKey?: Uint8Array;
  seed?: Uint8Array;
  ocraKey?: Uint8Array;
  /** Per txId: the code (sms·none) or the nonce (dynamic), its expiry, and whether it was used. */
  issued: Map<string, { code?: string; nonce?: Uint8Array; expiresAt: number; used: boolean }>;
  lastStep: number;
  failures: number;
  submission?: { txId?: string; action: Action | string; code: string; bearer: string | undefined; attacker: boolean };
}

function otp(state: EvalState): OtpMemory {
  let m = state.memory.get('otp') as OtpMemory | undefined;
  if (!m) state.memory.set('otp', (m = { channel: 'sms', linking: 'none', issued: new Map(), lastStep: -1, failures: 0 }));
  return m;
}

function specFor(m: OtpMemory): string {
  if (m.linking === 'dynamic') return `RFC 6287 §5–§7 (${m.channel === 'sms' ? SMS_SUITE : APP_SUITE}); PSD2 RTS Art. 5(1)(b)–(c)`;
  return m.channel === 'sms' ? 'NIST SP 800-63B §5.1.3.3 (PSTN out-of-band, restricted)' : 'RFC 6238 §4 (TOTP, HMAC-SHA1, 30 s, 6 digits)';
}

// The bank's OTP policy (and, for SMS with dynamic linking, its server-only MAC key).
defineOp('bank.otpPolicy', (step, state) => {
  const p = readJson(step, 'policy');
  const m = otp(state);
  if (typeof p !== 'string') {
    m.channel = p.channel === 'totp' ? 'totp' : 'sms';
    m.linking = p.linking === 'dynamic' ? 'dynamic' : 'none';
  }
  const key = payload(step, 'macKey');
  if (key) m.macKey = key;
  return { checks: [], knowledge: server([{ key: 'policy', text: `one-time codes by ${m.channel}, linking “${m.linking}”${key ? '; a 32-byte MAC key only it holds' : ''}` }]) };
});

// POST /phone: the number codes go to.
defineOp('bank.registerPhone', (step, state) => {
  const b = bank(state);
  const { bearer, body } = request(step);
  return { checks: [sessionCheck(b, bearer)], knowledge: server([{ key: 'msisdn', text: `Bob’s number ${typeof body === 'string' ? '?' : String(body.msisdn)}` }]) };
});

function readSecret(step: Parameters<Parameters<typeof defineOp>[1]>[0]): { seed?: Uint8Array; ocraKey?: Uint8Array } {
  const raw = payload(step, 'sharedSecret');
  return raw ? parseSharedSecret(raw) : {};
}


// The enrolment QR: the shared secret passes through the page once.
defineOp('bank.otpSecret', (step, state) => {
  const m = otp(state);
  Object.assign(m, readSecret(step));
  return { checks: [], knowledge: { server: [{ key: 'secret', text: m.ocraKey ? 'the OCRA key: it can compute every response' : 'the TOTP seed: it can compute every code' }], ua: [{ key: 'secret', text: 'the shared secret, once, in the enrolment QR code' }] } };
});

// The app scans the QR code and keeps the secret.
defineOp('app.scanSecret', (step, state) => {
  const s = readSecret(step);
  state.memory.set('app.secret', s);
  return { checks: [], knowledge: { app: [{ key: 'secret', text: s.ocraKey ? 'the OCRA key (backed up with the app’s data)' : 'the TOTP seed (backed up with the app’s data)' }] } };
});

// The bank records what it issued for a transaction: a code or a nonce, valid 300 s, single use.
defineOp('bank.issueCode', (step, state) => {
  const m = otp(state);
  const p = readJson(step, 'issued');
  if (typeof p === 'string') return { checks: [], knowledge: {} };
  let nonce: Uint8Array | undefined;
  try { nonce = strOf(p, 'nonce') !== undefined ? fromBase64url(strOf(p, 'nonce')!, 'nonce') : undefined; } catch { nonce = undefined; }
  const code = strOf(p, 'code');
  m.issued.set(strOf(p, 'txId') ?? '', { ...(code !== undefined ? { code } : {}), ...(nonce ? { nonce } : {}), expiresAt: typeof p.expiresAt === 'number' ? p.expiresAt : 0, used: false });
  return { checks: [], knowledge: server([{ key: `issued:${step.index}`, text: `${code !== undefined ? `code ${code}` : 'a 16-byte nonce'} for ${String(p.txId)}, valid until ${String(p.expiresAt)}` }]) };
});

function appSecret(state: EvalState): { seed?: Uint8Array; ocraKey?: Uint8Array } {
  return (state.memory.get('app.secret') as { seed?: Uint8Array; ocraKey?: Uint8Array } | undefined) ?? {};
}

// The authenticator app computes TOTP at its own clock (RFC 6238 §4.2).
defineOp('app.totp', (step, state) => {
  const p = readJson(step, 'totp');
  const seed = appSecret(state).seed;
  const who = step.from as ActorId;
  if (typeof p === 'string' || typeof p.unix !== 'number' || !seed) return { checks: [], knowledge: {} };
  const code = totp(seed, p.unix);
  return { checks: [], knowledge: { [who]: [{ key: `totp:${step.index}`, text: `code ${code} for T = ${totpStep(p.unix)}${code === strOf(p, 'code') ? '' : ` (the step says ${String(p.code)})`}` }] } };
});

// The OCRA app: decodes the QR, shows the action, computes Q and the response over what it shows.
defineOp('app.ocra', (step, state) => {
  const p = readJson(step, 'qr');
  const key = appSecret(state).ocraKey;
  const who = step.from === 'user' ? 'app' : (step.from as ActorId);
  if (typeof p === 'string' || !key) return { checks: [], knowledge: {} };
  const action = parseAction(p.action);
  let nonce: Uint8Array;
  try { nonce = fromBase64url(strOf(p, 'nonce') ?? '', 'nonce'); } catch { return { checks: [], knowledge: {} }; }
  if (typeof action === 'string') return { checks: [], knowledge: {} };
  const q = linkingQuestion(nonce, action);
  const r = ocra(APP_SUITE, key, q);
  return { checks: [], knowledge: { [who]: [{ key: `ocra:${step.index}`, text: `shows ${describeAction(action)}; Q = ${q.slice(0, 12)}…; response ${r.code}` }] } };
});

// The code typed into the page.
defineOp('ua.enterCode', (step) => {
  const p = readJson(step, 'typed');
  return { checks: [], knowledge: { ua: [{ key: `code:${step.index}`, text: `the typed code ${typeof p === 'string' ? '?' : String(p.code)}` }] } };
});

// POST /transactions/{txId}/confirm with {txId, action, code}: the action travels beside the proof.
defineOp('bank.receiveOtp', (step, state) => {
  const m = otp(state);
  const { bearer, body } = request(step);
  if (typeof body === 'string') {
    m.submission = { action: body, code: '', bearer, attacker: step.attacker };
    return { checks: [], knowledge: {} };
  }
  const txId = strOf(body, 'txId');
  m.submission = { ...(txId !== undefined ? { txId } : {}), action: parseAction(body.action), code: strOf(body, 'code') ?? '', bearer, attacker: step.attacker };
  return { checks: [], knowledge: server([{ key: `otp:${step.index}`, text: `a code for ${String(txId)} and the action to execute` }, { key: 'who', text: 'who typed the code, on which page', never: true }]) };
});

// Verify: session, transaction, the code recomputed by the verifier, single use.
defineOp('bank.verifyOtp', (step, state) => {
  const b = bank(state);
  const m = otp(state);
  const s = m.submission;
  const c = readJson(step, 'clock');
  const now = typeof c !== 'string' && typeof c.unix === 'number' ? c.unix : 0;
  if (!s || typeof s.action === 'string') {
    b.verdict = { ok: false, submittedByAttacker: false };
    return { checks: [check('server.request', 'server', 'bank API', 'fail', s ? (s.action as string) : 'no code was submitted')], knowledge: {} };
  }
  const action = s.action;
  const { tx, check: tc } = txCheck(b, { txId: s.txId });
  const checks: CheckResult[] = [];
  // A sign-in has no session yet: the txId the login answered with stands for it.
  checks.push(tx?.action.kind === 'sign-in' ? check('server.session', 'server', 'RFC 6750 §2.1 (bearer token)', 'skip', 'a sign-in has no session yet; the pending login is named by its txId') : sessionCheck(b, s.bearer));
  checks.push(tx && tx.status !== 'pending' ? { ...tc, status: 'fail', detail: `${tx.txId} was already ${tx.status}` } : tc);
  const spec = specFor(m);
  const issued = s.txId !== undefined ? m.issued.get(s.txId) : undefined;
  let expected: string | undefined;
  let why = '';
  let step30: number | undefined;
  if (m.linking === 'dynamic') {
    const key = m.channel === 'sms' ? m.macKey : m.ocraKey;
    if (issued?.nonce && key) {
      expected = ocra(m.channel === 'sms' ? SMS_SUITE : APP_SUITE, key, linkingQuestion(issued.nonce, action)).code;
      why = `the MAC over ${s.txId}’s nonce ‖ SHA-256(submitted action: ${describeAction(action)})`;
    }
  } else if (m.channel === 'sms') {
    if (issued?.code !== undefined) { expected = issued.code; why = `the code issued for ${s.txId}`; }
  } else if (m.seed) {
    step30 = totpMatch(m.seed, s.code, now);
    expected = step30 !== undefined ? s.code : totp(m.seed, now);
    why = `TOTP at T−1, T, T+1 around T = ${totpStep(now)}`;
  }
  const expired = issued !== undefined && now > issued.expiresAt;
  let otpCheck: CheckResult;
  if (expected === undefined) otpCheck = check('server.otp', 'server', spec, 'fail', `nothing was issued for ${JSON.stringify(s.txId ?? null)} to compare the code with`);
  else if (expired) otpCheck = check('server.otp', 'server', spec, 'fail', `the code for ${s.txId} expired at ${issued!.expiresAt}`);
  else if (expected === s.code) otpCheck = check('server.otp', 'server', spec, 'pass', `the code ${s.code} equals ${why}`);
  else {
    m.failures += 1;
    otpCheck = check('server.otp', 'server', spec, 'fail', `the code ${s.code} is not ${why} (failed attempt ${m.failures}; PSD2 RTS Art. 4(3)(b) locks after 5)`);
  }
  checks.push(otpCheck);
  let replay: CheckResult;
  const replaySpec = 'RFC 6238 §5.2; RFC 4226 §7.2 (one use per code)';
  if (otpCheck.status !== 'pass') replay = check('server.otpReplay', 'server', replaySpec, 'skip', 'no valid code to look up');
  else if (m.channel === 'totp' && m.linking === 'none') {
    replay = step30! > m.lastStep
      ? check('server.otpReplay', 'server', replaySpec, 'pass', `time step ${step30} is above the last accepted step`)
      : check('server.otpReplay', 'server', replaySpec, 'fail', `time step ${step30} was already used (the last accepted step is ${m.lastStep}): a replayed code`);
  } else {
    replay = issued && !issued.used
      ? check('server.otpReplay', 'server', replaySpec, 'pass', `the ${m.linking === 'dynamic' ? 'nonce' : 'code'} for ${s.txId} is unconsumed`)
      : check('server.otpReplay', 'server', replaySpec, 'fail', `the ${m.linking === 'dynamic' ? 'nonce' : 'code'} for ${s.txId} was already used`);
  }
  checks.push(replay);
  const ok = checks.every((x) => x.status !== 'fail');
  if (ok) {
    if (issued) issued.used = true;
    if (step30 !== undefined) m.lastStep = step30;
  }
  // The bank executes the submitted action (DESIGN.md §14.3), as WebAuthn binding=none does.
  b.verdict = { ok, ...(tx ? { txId: tx.txId } : {}), action, submittedByAttacker: s.attacker };
  return { checks, knowledge: server(ok ? [{ key: 'verified', text: `a correct code for ${tx?.txId ?? '?'}` }] : []) };
});
