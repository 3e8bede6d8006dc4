import { actionHash, describeAction, parseAction, type Action } from '../../../core/codec/action.js';
import { counterBytes, otpHmac, truncate, type Truncation } from '../../../core/otp/hotp.js';
import { linkingQuestion, ocra, parseOcraSuite } from '../../../core/otp/ocra.js';
import { parseSharedSecret } from '../../../core/otp/secret.js';
import { totpStep } from '../../../core/otp/totp.js';
import { parseSmsText } from '../../../core/otp/smsText.js';
import { bytesToHex, bytesToUtf8, fromBase64url, stepNumber, type Run, type Step } from '../core.js';
import type { FieldSpan } from './inspect.js';

/**
 * The inspector's OTP decoder (DESIGN.md §13.4): how a one-time code was computed, recomputed in
 * the renderer from the run's own bytes with core's HOTP/TOTP/OCRA functions — the counter or time
 * step, the HMAC, the dynamic-truncation offset and the digits (RFC 4226 §5.3, RFC 6238 §4.2), and
 * for OCRA the question over amount and payee with its DataInput map (RFC 6287 §5.1). Nothing is
 * read from a step's claims: only payload bytes. Lazy: loaded with the inspector.
 */

/** A byte string shown in the hex view, with labelled spans. */
export interface OtpBytes {
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly spans: readonly FieldSpan[];
}

/** One line of the computation: what it is, its value, and the rule it follows. */
export interface OtpRow {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}

export interface OtpDecoding {
  readonly title: string;
  readonly spec: string;
  readonly rows: readonly OtpRow[];
  readonly bytes: readonly OtpBytes[];
  /** The recomputed code against the one the step's bytes carry (or the typed one). */
  readonly verdict?: { readonly ok: boolean; readonly text: string };
}

function json(step: Step | undefined, name?: string): Record<string, unknown> | undefined {
  const p = step?.payloads.find((x) => (name ? x.name === name : x.encoding === 'json'));
  if (!p || p.encoding !== 'json') return undefined;
  try {
    const v: unknown = JSON.parse(bytesToUtf8(p.bytes));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function latest(run: Run, upTo: number, op: string): Step | undefined {
  for (let i = upTo; i >= 0; i--) if (run.steps[i]?.op === op) return run.steps[i];
  return undefined;
}

/** The shared secret the app scanned: the TOTP seed (otpauth URI) or the OCRA key ({suite, key}). */
function sharedSecret(run: Run, upTo: number): { seed?: Uint8Array; ocraKey?: Uint8Array } {
  for (let i = upTo; i >= 0; i--) {
    const p = run.steps[i]?.payloads.find((x) => x.name === 'sharedSecret');
    if (!p) continue;
    return parseSharedSecret(p.bytes);
  }
  return {};
}

/** The policy: channel, linking, suite, and the SMS MAC key (server only). */
function policy(run: Run): { channel: string; linking: string; suite?: string; macKey?: Uint8Array } {
  const step = run.steps.find((s) => s.op === 'bank.otpPolicy');
  const p = json(step, 'policy') ?? {};
  const macKey = step?.payloads.find((x) => x.name === 'macKey')?.bytes;
  return { channel: String(p.channel ?? 'sms'), linking: String(p.linking ?? 'none'), ...(typeof p.suite === 'string' ? { suite: p.suite } : {}), ...(macKey ? { macKey } : {}) };
}

/** The action of the transaction a step belongs to: the latest request that opened one (a login opens a sign-in). */
function transactionAction(run: Run, upTo: number): Action | undefined {
  for (let i = upTo; i >= 0; i--) {
    const s = run.steps[i]!;
    if (s.op === 'bank.login') return { kind: 'sign-in' };
    if (s.op === 'bank.createTransaction') {
      const a = parseAction((json(s, 'request')?.body as Record<string, unknown> | undefined)?.action);
      return typeof a === 'string' ? undefined : a;
    }
  }
  return undefined;
}

/** The nonce the bank issued for a txId (bank.issueCode), up to a step. */
function issued(run: Run, upTo: number, txId: string): { code?: string; nonce?: Uint8Array; at: number } | undefined {
  for (let i = upTo; i >= 0; i--) {
    const s = run.steps[i]!;
    if (s.op !== 'bank.issueCode') continue;
    const p = json(s, 'issued');
    if (!p || p.txId !== txId) continue;
    try {
      return { ...(typeof p.code === 'string' ? { code: p.code } : {}), ...(typeof p.nonce === 'string' ? { nonce: fromBase64url(p.nonce) } : {}), at: i };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const hex = (b: Uint8Array) => bytesToHex(b);
const span = (id: string, label: string, start: number, end: number, tone: number): FieldSpan => ({ id: `otp.${id}`, label, start, end, depth: 0, tone });

/** The HMAC's bytes with the offset nibble and the four bytes dynamic truncation reads. */
function macBytes(name: string, mac: Uint8Array, t: Truncation): OtpBytes {
  return {
    label: name,
    bytes: mac,
    spans: [span('window', `bytes ${t.offset}–${t.offset + 3} (truncated)`, t.offset, t.offset + 4, 1), span('offset', 'last byte: low nibble = offset', mac.length - 1, mac.length, 4)],
  };
}

/** RFC 4226 §5.3's dynamic truncation as rows. */
function truncationRows(mac: Uint8Array, t: Truncation, digits: number): OtpRow[] {
  const last = mac[mac.length - 1]!;
  const window = mac.subarray(t.offset, t.offset + 4);
  return [
    { label: 'offset', value: `${t.offset}`, note: `low 4 bits of the last HMAC byte 0x${last.toString(16).padStart(2, '0')}` },
    { label: `bytes ${t.offset}–${t.offset + 3}`, value: hex(window), note: 'the 4 bytes at the offset' },
    { label: '31-bit value', value: String(t.binary), note: `0x${hex(window)} with the top bit cleared (& 0x7fffffff)` },
    { label: `mod 10${String(digits).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!)}`, value: t.code, note: `${t.binary} mod ${10 ** digits}, zero-padded to ${digits} digits` },
  ];
}

function verdict(recomputed: string, carried: string | undefined, what: string): OtpDecoding['verdict'] {
  if (carried === undefined) return undefined;
  return recomputed === carried ? { ok: true, text: `${recomputed} equals ${what} (${carried}).` } : { ok: false, text: `${recomputed} is not ${what} (${carried}).` };
}

function totpDecoding(seed: Uint8Array, unix: number, carried: string | undefined, what: string, title: string): OtpDecoding {
  const T = totpStep(unix);
  const C = counterBytes(T);
  const mac = otpHmac('SHA1', seed, C);
  const t = truncate(mac, 6);
  return {
    title,
    spec: 'RFC 6238 §4.2 (TOTP), RFC 4226 §5.3 (HOTP truncation)',
    rows: [
      { label: 'time', value: `${unix} (${new Date(unix * 1000).toISOString().replace('.000Z', 'Z')})`, note: 'the actor’s own clock, recorded in the step' },
      { label: 'T', value: String(T), note: `⌊${unix} / 30⌋: the 30-second step` },
      { label: 'counter C', value: hex(C), note: 'T as 8 bytes, big-endian' },
      { label: 'seed', value: `${seed.length} bytes from the enrolment QR (otpauth://)`, note: 'the bank holds the same seed' },
      { label: 'HMAC-SHA1(seed, C)', value: hex(mac) },
      ...truncationRows(mac, t, 6),
    ],
    bytes: [{ label: 'counter C = T', bytes: C, spans: [span('counter', `T = ${T}`, 0, 8, 0)] }, macBytes('HMAC-SHA1(seed, C)', mac, t)],
    verdict: verdict(t.code, carried, what),
  };
}

function ocraDecoding(suiteText: string, key: Uint8Array, nonce: Uint8Array, action: Action, carried: string | undefined, what: string, title: string, keyNote: string): OtpDecoding {
  const suite = parseOcraSuite(suiteText);
  const q = linkingQuestion(nonce, action);
  const r = ocra(suiteText, key, q);
  const suiteLen = suiteText.length;
  const shown = action.kind === 'payment' ? `${action.amount.value} ${action.amount.currency} to ${action.payee.name} (${action.payee.iban})` : describeAction(action);
  return {
    title,
    spec: 'RFC 6287 §5.1–§5.2 (OCRA), RFC 4226 §5.3; PSD2 RTS Art. 5(1)',
    rows: [
      { label: 'transaction', value: shown, note: action.kind === 'payment' ? 'amount and payee, as canonical JSON (RFC 8785)' : 'a sign-in' },
      { label: 'SHA-256(action)', value: hex(actionHash(action)) },
      { label: 'nonce', value: hex(nonce), note: '16 bytes the bank issued for this transaction' },
      { label: 'question Q', value: q, note: 'SHA-256(nonce ‖ SHA-256(action)), 64 hex digits (QH64)' },
      { label: 'suite', value: suiteText, note: `HMAC-${suite.hash}, ${suite.digits} digits` },
      { label: 'key', value: `${key.length} bytes`, note: keyNote },
      { label: `HMAC-${suite.hash}(key, DataInput)`, value: hex(r.mac) },
      ...truncationRows(r.mac, r, suite.digits),
    ],
    bytes: [
      {
        label: 'DataInput = suite ‖ 00 ‖ Q (128 bytes)',
        bytes: r.dataInput,
        spans: [span('suite', `suite “${suiteText}”`, 0, suiteLen, 0), span('sep', '00 separator', suiteLen, suiteLen + 1, 2), span('q', 'Q (32 bytes)', suiteLen + 1, suiteLen + 33, 3), span('pad', 'Q padded with zeros to 128 bytes', suiteLen + 33, r.dataInput.length, 5)],
      },
      macBytes(`HMAC-${suite.hash}(key, DataInput)`, r.mac, r),
    ],
    verdict: verdict(r.code, carried, what),
  };
}

/** The bank's verification as the decoder recomputes it, over the submission before the step. */
function verifyDecoding(run: Run, index: number): OtpDecoding | null {
  const sub = latest(run, index, 'bank.receiveOtp');
  const body = json(sub, 'request')?.body as Record<string, unknown> | undefined;
  if (!sub || !body) return null;
  const typed = typeof body.code === 'string' ? body.code : undefined;
  const txId = String(body.txId ?? '');
  const pol = policy(run);
  const clock = json(run.steps[index], 'clock');
  const unix = typeof clock?.unix === 'number' ? clock.unix : undefined;
  if (pol.linking === 'dynamic') {
    const action = parseAction(body.action);
    const rec = issued(run, index, txId);
    const key = pol.channel === 'sms' ? pol.macKey : sharedSecret(run, index).ocraKey;
    if (typeof action === 'string' || !rec?.nonce || !key) return null;
    const suite = pol.suite ?? (pol.channel === 'sms' ? 'OCRA-1:HOTP-SHA256-6:QH64' : 'OCRA-1:HOTP-SHA256-8:QH64');
    return ocraDecoding(suite, key, rec.nonce, action, typed, 'the code typed', `The bank recomputes the code over ${txId}’s nonce and the submitted action`, pol.channel === 'sms' ? 'the bank’s own MAC key (never leaves it)' : 'the OCRA key it shares with the app');
  }
  if (pol.channel === 'sms') {
    const rec = issued(run, index, txId);
    return {
      title: `The bank compares the typed code with its record for ${txId}`,
      spec: 'NIST SP 800-63B §5.1.3.3',
      rows: [
        { label: 'record', value: rec?.code ?? 'none', note: rec ? `issued at step ${stepNumber(rec.at)}: 6 random digits, nothing to recompute` : 'nothing was issued for this txId' },
        { label: 'typed', value: typed ?? '—' },
      ],
      bytes: [],
      ...(rec?.code !== undefined ? { verdict: verdict(rec.code, typed, 'the code typed') } : {}),
    };
  }
  const seed = sharedSecret(run, index).seed;
  if (!seed || unix === undefined) return null;
  const T = totpStep(unix);
  const window = [T - 1, T, T + 1].map((t) => ({ t, code: truncate(otpHmac('SHA1', seed, counterBytes(t)), 6).code }));
  const hit = window.find((w) => w.code === typed);
  const base = totpDecoding(seed, unix, undefined, '', `The bank recomputes TOTP at its own clock, one step either way`);
  return {
    ...base,
    rows: [...base.rows, ...window.map((w) => ({ label: `code at T${w.t === T ? '' : w.t < T ? '−1' : '+1'}`, value: w.code, note: `step ${w.t}` }))],
    verdict: hit ? { ok: true, text: `the typed ${typed} is the code of step ${hit.t} (within ±1 step; RFC 6238 §5.2 also refuses a step used before).` } : { ok: false, text: `the typed ${typed ?? '—'} is none of T−1, T, T+1.` },
  };
}

/** How the code at an OTP step was computed, from the run's bytes; null when the step computes none. */
export function decodeOtp(run: Run, index: number): OtpDecoding | null {
  if (run.flow !== 'otp') return null;
  const step = run.steps[index];
  if (!step) return null;
  try {
    switch (step.op) {
      case 'app.totp': {
        const p = json(step, 'totp');
        const seed = sharedSecret(run, index).seed;
        if (!p || typeof p.unix !== 'number' || !seed) return null;
        return totpDecoding(seed, p.unix, typeof p.code === 'string' ? p.code : undefined, 'the code the app shows', 'How the app computed the code (TOTP)');
      }
      case 'app.ocra': {
        const qr = json(step, 'qr');
        const result = json(step, 'result');
        const key = sharedSecret(run, index).ocraKey;
        const action = parseAction(qr?.action);
        if (!qr || typeof qr.nonce !== 'string' || !key || typeof action === 'string') return null;
        const suite = typeof result?.suite === 'string' ? result.suite : 'OCRA-1:HOTP-SHA256-8:QH64';
        return ocraDecoding(suite, key, fromBase64url(qr.nonce), action, typeof result?.code === 'string' ? result.code : undefined, 'the response the app shows', 'How the app computed the response (OCRA over the transaction it shows)', 'enrolled once (QR); the bank holds it too');
      }
      case 'bank.issueCode': {
        const p = json(step, 'issued');
        if (!p) return null;
        const pol = policy(run);
        if (typeof p.code === 'string') {
          return {
            title: 'The bank draws the code',
            spec: 'NIST SP 800-63B §5.1.3.3 (out-of-band, PSTN restricted)',
            rows: [
              { label: 'code', value: p.code, note: '6 random digits (the run’s seeded source): no key, no computation to check' },
              { label: 'bound to', value: String(p.txId), note: 'by the bank’s record only; the SMS names no amount' },
              { label: 'valid until', value: String(p.expiresAt), note: '300 s, single use' },
            ],
            bytes: [],
          };
        }
        const action = transactionAction(run, index);
        if (typeof p.nonce !== 'string' || !pol.macKey || !action) return null;
        const sms = run.steps.slice(index + 1).find((s) => s.op === 'carrier.submit');
        const text = json(sms, 'sms')?.text;
        const inSms = typeof text === 'string' ? parseSmsText(text)?.code : undefined;
        return ocraDecoding(pol.suite ?? 'OCRA-1:HOTP-SHA256-6:QH64', pol.macKey, fromBase64url(p.nonce), action, inSms, 'the code in the SMS it sends', 'How the bank computed the SMS code (dynamic linking: OCRA over amount and payee)', 'the bank’s own MAC key (never leaves it)');
      }
      case 'bank.verifyOtp':
        return verifyDecoding(run, index);
      default:
        return null;
    }
  } catch {
    return null;
  }
}
