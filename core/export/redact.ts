import type { Action } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToHex, bytesToUtf8, utf8ToBytes } from '../codec/bytes.js';
import type { ForkChange } from '../fork/types.js';
import { ATTACKER_ACTION, INTENDED_ACTION } from '../flows/runs.js';
import type { Run } from '../flows/types.js';
import type { Trace, TraceRun } from '../trace/trace.js';
import { MASKED_BYTES_NOTE } from './text.js';

/** Redaction profiles, from nothing to everything. */
export const REDACTION_PROFILES = ['none', 'secrets', 'names', 'amounts', 'device', 'all'] as const;
/**
 * A redaction profile: `none`; `secrets` leaves out seeds and private keys; `names` masks payee
 * names and user names (those of the runs and of the simulation's actions) and every IBAN, with
 * or without spaces, in all text and in JSON payloads; `amounts` masks every amount written with
 * a currency (`EUR 10`, `10,00 EUR`, `€10`, `10 €`, `EUR10.00`, …) and the runs' amounts in any
 * spelling; `device` removes what identifies a captured authenticator — the credential's public
 * key and id (the payloads that carry them), its AAGUID, attestation and the user agent; `all`
 * does all four. `names` and `amounts` also mask every value derived from the action —
 * challenges (nonce ‖ SHA-256(action)), nonces, hashes and signatures written out in text or
 * JSON — and drop binary payloads (CBOR, DER, COSE, raw), which carry them.
 */
export type RedactionProfile = (typeof REDACTION_PROFILES)[number];

/** A redacted trace or run, what was removed or masked (one line each), and whether its bytes still re-verify. */
export interface Redacted<T> {
  readonly value: T;
  readonly removed: readonly string[];
  /** False when payload bytes were re-encoded: signatures and hashes over them no longer verify. */
  readonly reverifies: boolean;
}

/** True for a known profile name. */
export function isRedactionProfile(name: string): name is RedactionProfile {
  return (REDACTION_PROFILES as readonly string[]).includes(name);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Strings to mask, collected from a run's actions, screens, payment data and user records. */
interface Found {
  names: Set<string>;
  ibans: Set<string>;
  amounts: Map<string, Set<string>>; // value → currencies
}

function walk(value: unknown, visit: (key: string, v: unknown, parent: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      visit(k, v, value as Record<string, unknown>);
      walk(v, visit);
    }
  }
}

/** Members whose string value is a person's or payee's name (SPC `payeeName`, a session's `user`). */
const NAME_KEYS = new Set(['payeeName', 'user']);

function collect(found: Found, json: unknown): void {
  walk(json, (key, v, parent) => {
    if (typeof v === 'string') {
      if (key === 'iban') found.ibans.add(v);
      else if (key === 'name' && ('iban' in parent)) found.names.add(v);
      else if (NAME_KEYS.has(key)) found.names.add(v);
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      // {value, currency}: an amount (action.amount, SPC total, a screen's amount).
      if (typeof o.value === 'string' && typeof o.currency === 'string') {
        const set = found.amounts.get(o.value) ?? new Set<string>();
        set.add(o.currency);
        found.amounts.set(o.value, set);
      }
      // A WebAuthn user entity: name and displayName are the user's.
      if (key === 'user' && typeof o.name === 'string') found.names.add(o.name);
      if (key === 'user' && typeof o.displayName === 'string') found.names.add(o.displayName);
    }
  });
}

function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(bytesToUtf8(bytes));
  } catch {
    return undefined;
  }
}

function findSensitive(runs: readonly (Run | TraceRun)[]): Found {
  const found: Found = { names: new Set(), ibans: new Set(), amounts: new Map() };
  // The actions the simulation uses: a run that stops before the attacker acts still names the
  // attacker's payee and amount in its scenario's description ("5000 EUR to Mallory").
  collect(found, { intended: INTENDED_ACTION, attacker: ATTACKER_ACTION });
  for (const run of runs) {
    collect(found, { intended: run.intended });
    const user = run.actors.find((a) => a.id === 'user');
    if (user) found.names.add(user.name);
    for (const step of run.steps) for (const p of step.payloads) if (p.encoding === 'json') collect(found, jsonOf(p.bytes));
    const fork = (run as TraceRun).fork;
    if (fork) collect(found, { change: fork.change });
  }
  for (const n of [...found.names]) if (n.trim() === '') found.names.delete(n);
  return found;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ISO 4217 codes and signs an amount may be written with, in prose or a screen. */
const CURRENCY_CODES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'ISK', 'CAD', 'AUD', 'NZD', 'INR', 'BRL', 'ZAR', 'SGD', 'HKD', 'KRW', 'MXN', 'TRY'];
const CURRENCY_SIGNS = '€$£¥₹₩₺';
/** A number as people write amounts: 10 · 10.00 · 10,00 · 5,000.00 · 5.000,00 · 5 000 (also with no-break spaces). */
const NUMBER = String.raw`\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const CURRENCY = `(?:${CURRENCY_CODES.join('|')}|[${CURRENCY_SIGNS}])`;
/** An amount with its currency, before or after, with or without a space: `EUR 10`, `10,00 EUR`, `€10`, `10 €`, `EUR10.00`. */
const AMOUNT_IN_TEXT = new RegExp(`(?<![\\p{L}\\p{N}])(?:${CURRENCY}[\\s\\u00a0\\u202f]?(${NUMBER})|(${NUMBER})[\\s\\u00a0\\u202f]?${CURRENCY})(?![\\p{L}\\p{N}])`, 'gu');
/** An IBAN (ISO 13616): country, check digits, 11–30 letters or digits, in groups of four or not. */
const IBAN_IN_TEXT = /(?<![A-Za-z0-9_-])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,4})?(?![A-Za-z0-9_-])/g;
/**
 * A digest, nonce, challenge or signature written out, whole or cut short (`SHA-256 f6d6ef09…`):
 * the challenge nonce ‖ SHA-256(action), and every hash or signature over the action, would let
 * a reader try amounts and payees until one matches — even an 8-character prefix does.
 * Candidates are runs of base64url or hex characters; {@link looksLikeDigest} decides.
 */
const DIGEST_IN_TEXT = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])/g;

/**
 * Hex of 8 or more characters with a digit and a letter (a hash prefix, a transaction id), or 16
 * or more base64url characters with a digit, or whose case changes as often as random text does
 * (a word in camelCase, `authenticatorMakeCredential`, changes case rarely and stays).
 */
function looksLikeDigest(token: string): boolean {
  if (/^[0-9a-f]+$/i.test(token)) return /\d/.test(token) && /[a-f]/i.test(token);
  if (token.length < 16) return false;
  if (/\d/.test(token) && /[A-Za-z]/.test(token)) return true;
  let changes = 0;
  for (let i = 1; i < token.length; i++) if (/[A-Z]/.test(token[i]!) !== /[A-Z]/.test(token[i - 1]!) || /[-_]/.test(token[i]!)) changes++;
  return changes * 3 >= token.length;
}

/** An amount's number as a canonical key (`5.000,00` and `5000` → `5000.00`), so every spelling gets one token. */
function amountKey(number: string): string {
  const compact = number.replace(/[\s\u00a0\u202f]/g, '');
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(compact)!;
  const whole = m[1]!.replace(/[.,]/g, '');
  const fraction = (m[2] ?? '').padEnd(2, '0');
  return `${whole.replace(/^0+(?=\d)/, '')}.${fraction}`;
}

/** The ways one known amount value (`5000.00`) is written in prose, as a pattern. */
function amountSpellings(value: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return escapeRe(value);
  const whole = m[1]!;
  const fraction = m[2];
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u0000') : whole;
  const wholes = [...new Set([whole, ...(whole.length > 3 ? [',', '.', ' ', '\u00a0', '\u202f'].map((sep) => grouped.replaceAll('\u0000', sep)) : [])])].map(escapeRe);
  const wholePart = `(?:${wholes.join('|')})`;
  if (fraction === undefined) return wholePart;
  // "5000.00", "5000,00", and "5000" when the fraction is zero.
  return /^0+$/.test(fraction) ? `${wholePart}(?:[.,]${fraction})?` : `${wholePart}[.,]${fraction}`;
}

/** One text replacement: a pattern and what each match becomes. */
interface Rule {
  re: RegExp;
  token: (match: string, ...groups: (string | undefined)[]) => string;
}

/** Tokens per kind (`[amount 1]`, …): the same value always gets the same token. */
class Tokens {
  readonly #seen = new Map<string, Map<string, string>>();
  token(kind: string, key: string): string {
    const map = this.#seen.get(kind) ?? new Map<string, string>();
    this.#seen.set(kind, map);
    let t = map.get(key);
    if (!t) {
      t = `[${kind} ${map.size + 1}]`;
      map.set(key, t);
    }
    return t;
  }
  count(kind: string): number {
    return this.#seen.get(kind)?.size ?? 0;
  }
}

function rulesFor(found: Found, names: boolean, amounts: boolean, tokens: Tokens): Rule[] {
  const rules: Rule[] = [];
  if (names) {
    // IBANs first (one is 15–34 letters and digits, which the digest rule would take too).
    for (const iban of found.ibans) {
      const compact = iban.replace(/\s/g, '');
      // With or without spaces between any characters ("DE89 3704 0044 …").
      rules.push({ re: new RegExp([...compact].map(escapeRe).join('[ \\u00a0]?'), 'gi'), token: () => tokens.token('IBAN', compact.toUpperCase()) });
    }
    rules.push({ re: IBAN_IN_TEXT, token: (m) => tokens.token('IBAN', m.replace(/[ \u00a0]/g, '')) });
  }
  // Then digests, masked whole before a name or amount rule could cut into one.
  if (names || amounts) rules.push({ re: DIGEST_IN_TEXT, token: (m) => (looksLikeDigest(m) ? tokens.token('digest', m) : m) });
  if (names) {
    // Longest first, so "Alice Smith" is masked before "Alice"; case-insensitive ("alice" is Alice's user name).
    const byKey = new Map<string, string>();
    for (const n of [...found.names].sort((a, b) => b.length - a.length)) if (!byKey.has(n.toLowerCase())) byKey.set(n.toLowerCase(), n);
    for (const [key, n] of byKey) rules.push({ re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`, 'giu'), token: () => tokens.token('name', key) });
  }
  if (amounts) {
    // Any amount with a currency, known or not; then the known values wherever they stand alone.
    rules.push({ re: AMOUNT_IN_TEXT, token: (_m, before, after) => tokens.token('amount', amountKey((before ?? after)!)) });
    for (const value of found.amounts.keys()) rules.push({ re: new RegExp(`(?<![\\w.,])${amountSpellings(value)}(?![\\w]|[.,]\\d)`, 'g'), token: () => tokens.token('amount', amountKey(value)) });
  }
  return rules;
}

/** What the masks replaced, by kind and count (never the values). */
function maskedSummary(tokens: Tokens): string[] {
  const out: string[] = [];
  const line = (kind: string, what: string): void => {
    const n = tokens.count(kind);
    if (n) out.push(`${what}: ${n} distinct, shown as [${kind} 1]${n > 1 ? `…[${kind} ${n}]` : ''}`);
  };
  line('name', 'payee and user names');
  line('IBAN', 'IBANs');
  line('amount', 'amounts');
  line('digest', 'challenges, nonces, hashes and signatures (derived from the masked action)');
  return out;
}

function maskText(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const r of rules) out = out.replace(r.re, r.token as (substring: string, ...args: unknown[]) => string);
  return out;
}

function maskJson(value: unknown, rules: readonly Rule[]): unknown {
  if (typeof value === 'string') return maskText(value, rules);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, rules));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskJson(v, rules)]));
  return value;
}

function maskAction(a: Action, rules: readonly Rule[]): Action {
  return a.kind === 'payment'
    ? { kind: 'payment', amount: { value: maskText(a.amount.value, rules), currency: a.amount.currency }, payee: { name: maskText(a.payee.name, rules), iban: maskText(a.payee.iban, rules) }, reference: maskText(a.reference, rules) }
    : a;
}

function maskChange(c: ForkChange, rules: readonly Rule[]): ForkChange {
  if (c.kind !== 'action') return c;
  return {
    kind: 'action',
    ...(c.amount ? { amount: { value: maskText(c.amount.value, rules), currency: c.amount.currency } } : {}),
    ...(c.payee ? { payee: { name: maskText(c.payee.name, rules), iban: maskText(c.payee.iban, rules) } } : {}),
  };
}

function maskRun(run: TraceRun, rules: readonly Rule[], counter: { payloads: number; dropped: number }): TraceRun {
  if (rules.length === 0) return run;
  const t = (s: string): string => maskText(s, rules);
  const steps = run.steps.map((s) => ({
    ...s,
    label: t(s.label),
    caption: t(s.caption),
    ...(s.notes !== undefined ? { notes: t(s.notes) } : {}),
    checks: s.checks.map((c) => ({ ...c, detail: t(c.detail) })),
    knowledge: Object.fromEntries(Object.entries(s.knowledge).map(([actor, items]) => [actor, (items ?? []).map((k) => ({ ...k, text: t(k.text) }))])),
    payloads: s.payloads.map((p) => {
      let bytes = p.bytes;
      if (p.encoding === 'json') {
        const json = jsonOf(p.bytes);
        if (json !== undefined) {
          const masked = JSON.stringify(maskJson(json, rules));
          if (masked !== JSON.stringify(json)) bytes = utf8ToBytes(masked);
        }
      } else if (p.encoding === 'text') {
        const text = bytesToUtf8(p.bytes);
        const masked = t(text);
        if (masked !== text) bytes = utf8ToBytes(masked);
      } else if (p.bytes.length > 0) {
        // CBOR, DER, COSE and raw bytes hold challenges, hashes and signatures over the action,
        // which cannot be masked in place: they are dropped.
        counter.dropped++;
        return { ...p, bytes: new Uint8Array(0) };
      }
      if (bytes !== p.bytes) counter.payloads++;
      return bytes === p.bytes ? p : { ...p, bytes };
    }),
  }));
  const out: Mutable<TraceRun> = {
    ...run,
    intended: maskAction(run.intended, rules),
    actors: run.actors.map((a) => ({ ...a, name: t(a.name), role: t(a.role) })),
    steps,
    outcome: { ...run.outcome, sentence: t(run.outcome.sentence) },
    ledger: run.ledger.map((l) => ({ ...l, why: t(l.why) })),
  };
  if (run.fork) out.fork = { ...run.fork, change: maskChange(run.fork.change, rules) };
  return out;
}

/** Payloads that carry a captured credential's id, public key or the device's attestation. */
const DEVICE_PAYLOADS = new Set(['credentialId', 'credentialPublicKey', 'attestationObject', 'response']);

/** What identifies a captured device in a run: its credential ids (base64url and hex prefix), AAGUID. */
function deviceRules(runs: readonly TraceRun[]): Rule[] {
  const strings = new Set<string>();
  for (const run of runs) {
    if (!run.capture) continue;
    if (run.capture.device && !/^0{8}-/.test(run.capture.device.aaguid)) {
      strings.add(run.capture.device.aaguid);
      strings.add(`${run.capture.device.aaguid.slice(0, 8)}…`);
      if (run.capture.device.model) strings.add(run.capture.device.model);
    }
    for (const step of run.steps) for (const p of step.payloads) if (p.name === 'credentialId' && p.bytes.length) {
      strings.add(toBase64url(p.bytes));
      strings.add(bytesToHex(p.bytes).slice(0, 12));
    }
  }
  return [...strings].sort((a, b) => b.length - a.length).map((x) => ({ re: new RegExp(escapeRe(x), 'g'), token: () => '[device]' }));
}

/** Remove a captured run's device: its credential and attestation payloads, the device record and the user agent. */
function redactDevice(run: TraceRun, rules: readonly Rule[], counter: { payloads: number }): TraceRun {
  if (!run.capture) return run;
  const t = (x: string): string => maskText(x, rules);
  const steps = run.steps.map((s) => {
    const payloads: typeof s.payloads[number][] = [];
    for (const p of s.payloads) {
      if (DEVICE_PAYLOADS.has(p.name)) {
        counter.payloads++;
        continue;
      }
      const json = p.encoding === 'json' ? jsonOf(p.bytes) : undefined;
      const masked = json === undefined ? undefined : JSON.stringify(maskJson(json, rules));
      if (masked !== undefined && masked !== JSON.stringify(json)) {
        counter.payloads++;
        payloads.push({ ...p, bytes: utf8ToBytes(masked) });
      } else payloads.push(p);
    }
    return { ...s, payloads, caption: t(s.caption), checks: s.checks.map((c) => ({ ...c, detail: t(c.detail) })), knowledge: Object.fromEntries(Object.entries(s.knowledge).map(([actor, items]) => [actor, (items ?? []).map((k) => ({ ...k, text: t(k.text) }))])) };
  });
  return {
    ...run,
    steps,
    actors: run.actors.map((a) => ({ ...a, name: t(a.name), role: a.id === 'authn' ? 'Device details redacted (captured)' : a.id === 'ua' ? 'Your browser (captured)' : t(a.role) })),
    outcome: { ...run.outcome, sentence: t(run.outcome.sentence) },
    ledger: run.ledger.map((l) => ({ ...l, why: t(l.why) })),
    capture: { ...run.capture, userAgent: '[redacted]', device: null },
  };
}

/** Redact a whole trace (seeds and keys per the profile; masks in every run). */
export function redact(trace: Trace, profile: RedactionProfile): Redacted<Trace>;
/** Redact one run; the result is a trace run (its seed may be withheld). */
export function redact(run: Run | TraceRun, profile: RedactionProfile): Redacted<TraceRun>;
/**
 * Apply a redaction profile (see {@link RedactionProfile}) to a trace or a run. Masked strings are
 * replaced by tokens (`[name 1]`, `[IBAN 1]`, `[amount 1]`, `[digest 1]`; one value, one token,
 * whatever its spelling) everywhere they are shown — title, description, labels, captions, notes,
 * check details, knowledge, outcome, ledger — and inside JSON and text payloads, which are
 * re-encoded; binary payloads are dropped. Signatures and hashes then no longer verify
 * (`reverifies` is false and `removed` says so). `removed` lists what was left out, masked or
 * dropped, by kind and count, never the values themselves.
 */
export function redact(input: Trace | Run | TraceRun, profile: RedactionProfile): Redacted<Trace> | Redacted<TraceRun> {
  if (!isRedactionProfile(profile)) throw new RangeError(`"profile" expected one of ${REDACTION_PROFILES.join(', ')}, got ${String(profile)}`);
  const isTrace = 'runs' in input;
  const runs: TraceRun[] = isTrace ? [...(input as Trace).runs] : [input as TraceRun];
  const secrets = profile === 'secrets' || profile === 'all';
  const names = profile === 'names' || profile === 'all';
  const amounts = profile === 'amounts' || profile === 'all';
  const device = profile === 'device' || profile === 'all';
  const removed: string[] = [];
  let out = runs;
  const deviceCounter = { payloads: 0 };
  const dRules = device ? deviceRules(runs) : [];
  if (device && runs.some((r) => r.capture)) {
    out = out.map((r) => redactDevice(r, dRules, deviceCounter));
    removed.push(`the captured device: its credential id and public key, AAGUID, attestation and user agent (${deviceCounter.payloads} payloads removed or masked)`);
  }
  if (secrets) {
    const seeds = runs.filter((r) => r.seed !== null).length;
    const keys = runs.reduce((n, r) => n + (r.secrets?.length ?? 0), 0);
    out = out.map((r) => {
      const { secrets: _keys, ...rest } = r as TraceRun & { secrets?: unknown };
      return { ...rest, seed: null };
    });
    removed.push(`seeds: ${seeds} (the runs cannot be simulated again from this file)`, `private keys: ${keys}`);
  }
  const tokens = new Tokens();
  const rules = rulesFor(findSensitive(runs), names, amounts, tokens);
  const counter = { payloads: 0, dropped: 0 };
  out = out.map((r) => maskRun(r, rules, counter));
  const t = (s: string): string => maskText(maskText(s, dRules), rules);
  const title = isTrace ? t((input as Trace).title) : '';
  const description = isTrace ? t((input as Trace).description) : '';
  removed.push(...maskedSummary(tokens));
  if (counter.dropped > 0) removed.push(`binary payloads: ${counter.dropped} dropped (they carry challenges, hashes and signatures computed over the action)`);
  if (counter.payloads > 0 || counter.dropped > 0) removed.push(`${counter.payloads} payloads re-encoded with the masks. ${MASKED_BYTES_NOTE}`);
  const reverifies = counter.payloads === 0 && counter.dropped === 0 && deviceCounter.payloads === 0;
  if (!isTrace) return { value: out[0]!, removed, reverifies };
  const trace = input as Trace;
  const value: Trace = {
    ...trace,
    title,
    description,
    secrets: secrets ? { seed: false, keys: false } : trace.secrets,
    runs: out,
  };
  return { value, removed, reverifies };
}

/**
 * Redact a trace for sharing: {@link redact}, with what was removed appended to the description
 * ("Redacted: …"), so the saved file says it.
 */
export function redactForSharing(trace: Trace, profile: RedactionProfile): Trace {
  const r = redact(trace, profile);
  if (r.removed.length === 0) return r.value;
  const note = `Redacted (${profile}): ${r.removed.join('; ')}`;
  return { ...r.value, description: r.value.description ? `${r.value.description}\n\n${note}` : note };
}
