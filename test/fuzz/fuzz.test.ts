/**
 * The fuzz suite: property-based and mutation fuzzing of trace loading and verification,
 * check-response, the CBOR/COSE/DER/X.509 decoders and the exporters (redaction included).
 *
 * Each property runs for its share of a time budget: FUZZ_SECONDS (default 12, the small fixed
 * budget inside `npm test`); `npm run fuzz -- --seconds N` gives it more. Every property also
 * bounds the time of one case and the memory of the whole. Throughput (cases per second, per
 * property) is written to test-results/fuzz.json, which `npm run fuzz` prints.
 *
 * "Every display-affecting edit of a prepared trace is detected" rests on re-verification
 * covering the story (issue 13 item 1).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { decodeCbor, decodeCborSequence } from '../../core/codec/cbor.js';
import { decodeCoseKey } from '../../core/codec/cose.js';
import { parseAttestationObject } from '../../core/codec/attestationObject.js';
import { parseAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';
import { verifySignature } from '../../core/crypto/verify.js';
import { ProoflineError } from '../../core/errors.js';
import { redact, runToMermaid, runToSvg, traceToHtml, traceToMarkdown } from '../../core/export/index.js';
import { parseCertificate } from '../../core/rp/attestation/certificate.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace, type Trace } from '../../core/trace/index.js';
import { parseBundle } from '../../core/bundle/index.js';
import { openResponse } from '../../core/response/index.js';
import '../../core/flows/all.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOTAL_SECONDS = Number(process.env.FUZZ_SECONDS ?? 12);
const PROPERTIES = 7;
const SHARE_MS = Math.max(500, (TOTAL_SECONDS * 1000) / PROPERTIES);
/** One case may take this long at most (generous: two shared cores). */
const CASE_MS = 5_000;
/** The heap may grow this much over the whole suite at most. */
const HEAP_GROWTH = 768 * 1024 * 1024;
const STACK = /\n\s+at .+[(:]\d+/;

const throughput: Record<string, { cases: number; ms: number; perSecond: number; slowestMs: number }> = {};
let dir = '';
let heapAtStart = 0;

/** Run a property for its share of the budget; record how many cases ran and the slowest one. */
async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, body: (value: T) => Promise<void> | void): Promise<void> {
  let cases = 0;
  let slowest = 0;
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      const t0 = performance.now();
      await body(value);
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      cases++;
      expect(ms, `${name}: one case took ${ms.toFixed(0)} ms`).toBeLessThan(CASE_MS);
    }),
    { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: SHARE_MS, markInterruptAsFailure: false },
  );
  const ms = performance.now() - started;
  throughput[name] = { cases, ms: Math.round(ms), perSecond: Math.round((cases / ms) * 1000), slowestMs: Math.round(slowest) };
  expect(cases).toBeGreaterThan(0);
  expect(process.memoryUsage().heapUsed - heapAtStart, `${name}: heap growth`).toBeLessThan(HEAP_GROWTH);
}

/** Byte-level mutations: flip, set, delete a range, duplicate a range, insert bytes. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(input: Uint8Array, ops: readonly Mutation[]): Uint8Array {
  let b = input;
  for (const m of ops) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.op === 'flip') {
      b = b.slice();
      b[at]! ^= 1 << m.bit;
    } else if (m.op === 'set') {
      b = b.slice();
      b[at] = m.byte;
    } else if (m.op === 'delete') b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + m.len)]);
    else if (m.op === 'duplicate') b = new Uint8Array([...b.subarray(0, at + m.len), ...b.subarray(at, at + m.len), ...b.subarray(at + m.len)]);
    else b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
  }
  return b;
}

/** JSON-level mutations of a parsed value: replace a leaf, drop a member, add a member. */
const jsonEdit = fc.record({ pick: fc.nat(), kind: fc.constantFrom('replace', 'drop', 'add'), value: fc.jsonValue({ maxDepth: 2 }), key: fc.string({ maxLength: 8 }) });
type JsonEdit = typeof jsonEdit extends fc.Arbitrary<infer E> ? E : never;

function editJson(root: unknown, e: JsonEdit): void {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (slots.push({ parent: v as Record<string, unknown>, key: k }), walk(x));
  };
  walk(root);
  if (slots.length === 0) return;
  const s = slots[e.pick % slots.length]!;
  if (e.kind === 'replace') (s.parent as Record<string | number, unknown>)[s.key] = e.value;
  else if (e.kind === 'drop') Array.isArray(s.parent) ? s.parent.splice(Number(s.key), 1) : delete (s.parent as Record<string, unknown>)[s.key as string];
  else if (!Array.isArray(s.parent)) (s.parent as Record<string, unknown>)[e.key] = e.value;
}

/** Only ProoflineError may leave a decoder. */
function onlyOurError(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ProoflineError)) throw new Error(`not a ProoflineError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } });
  return { code, out };
}

const PREPARED = readdirSync(join(ROOT, 'traces')).filter((f) => f.endsWith('.proofline.json')).sort();
const SMALL = ['01-honest.proofline.json', '07-stolen-unlocked-device.proofline.json', '04-forged-approval.proofline.json'].filter((f) => PREPARED.includes(f));
const traceBytes = new Map<string, Uint8Array>(SMALL.map((f) => [f, new Uint8Array(readFileSync(join(ROOT, 'traces', f)))]));

/** Vector bundles: the JSON cases of test/vectors (each a response bundle). */
const BUNDLES: unknown[] = ['w3c-webauthn-l3.json', 'simplewebauthn.json', 'py_webauthn.json']
  .flatMap((f) => JSON.parse(readFileSync(join(ROOT, 'test', 'vectors', f), 'utf8')) as unknown[])
  .slice(0, 40);

/** Binary structures taken from the prepared traces' payloads, by encoding: seeds for the decoders. */
const SEEDS = { cbor: [] as Uint8Array[], der: [] as Uint8Array[], cose: [] as Uint8Array[], binary: [] as Uint8Array[] };
let sampleTrace: Trace;

/** A real response opened in the app and saved (core/bundle: its run is rebuilt from its payloads). */
async function savedResponse(): Promise<string> {
  const bundle = (JSON.parse(readFileSync(join(ROOT, 'test', 'vectors', 'yubico-java-webauthn-server.json'), 'utf8')) as { id: string }[]).find((c) => c.id === 'yubico/real/YubiKey5/authentication');
  const response = await openResponse(parseBundle(bundle), 'YubiKey5.json', Date.parse('2026-12-02T06:00:00Z'));
  return serializeTrace(createTrace([response], { title: 'A real response', created: '2026-12-02T06:00:00Z', generator: { name: 'fuzz', version: '0' } }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proofline-fuzz-'));
  heapAtStart = process.memoryUsage().heapUsed;
  // The mutated-trace property also mutates a saved real response.
  traceBytes.set('saved-response.proofline.json', new TextEncoder().encode(await savedResponse()));
  SMALL.push('saved-response.proofline.json');
  sampleTrace = parseTrace(traceBytes.get(SMALL[0]!)!);
  for (const f of PREPARED.slice(0, 6)) {
    const t = parseTrace(readFileSync(join(ROOT, 'traces', f)));
    for (const r of t.runs) for (const s of r.steps) for (const p of s.payloads) {
      const list = (SEEDS as Record<string, Uint8Array[]>)[p.encoding];
      if (list && list.length < 40) list.push(p.bytes);
    }
  }
});

afterAll(() => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'fuzz.json'), `${JSON.stringify({ seconds: TOTAL_SECONDS, properties: throughput }, null, 2)}\n`);
});

describe('fuzz', () => {
  it('trace loading and verification: any mutated trace gives exit 0, 1 or 2 and no stack trace, in bounded time', async () => {
    await fuzz('verify (mutated trace bytes)', fc.record({ file: fc.constantFrom(...SMALL), ops: fc.array(mutation, { minLength: 1, maxLength: 4 }) }), async ({ file, ops }) => {
      const path = join(dir, 'm.proofline.json');
      writeFileSync(path, mutate(traceBytes.get(file)!, ops));
      const r = await cli('verify', path);
      expect([0, 1, 2]).toContain(r.code);
      expect(r.out).not.toMatch(STACK);
      expect(r.out).not.toContain('internal error');
    });
  }, 120_000 + TOTAL_SECONDS * 1000);

  it('trace loading and verification: JSON-level edits parse to a ProoflineError or verify without throwing', async () => {
    const text = bytesToUtf8(traceBytes.get(SMALL[0]!)!);
    await fuzz('parse+verify (JSON edits)', fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
      const json = JSON.parse(text);
      for (const e of edits) editJson(json, e);
      let trace: Trace | undefined;
      onlyOurError(() => (trace = parseTrace(JSON.stringify(json))));
      if (trace) {
        const v = await verifyTrace(trace);
        expect(typeof v.agrees).toBe('boolean');
      }
    });
  }, 120_000 + TOTAL_SECONDS * 1000);

  it('check-response: mutated bundles give exit 0, 1 or 2 and no stack trace', async () => {
    const texts = BUNDLES.map((b) => new TextEncoder().encode(JSON.stringify(b)));
    await fuzz('check-response (mutated bundles)', fc.record({ i: fc.nat(texts.length - 1), ops: fc.array(mutation, { minLength: 1, maxLength: 3 }), edits: fc.array(jsonEdit, { maxLength: 2 }) }), async ({ i, ops, edits }) => {
      const path = join(dir, 'b.json');
      if (edits.length) {
        const json = structuredClone(BUNDLES[i]);
        for (const e of edits) editJson(json, e);
        writeFileSync(path, JSON.stringify(json));
      } else writeFileSync(path, mutate(texts[i]!, ops));
      const r = await cli('check-response', path);
      expect([0, 1, 2]).toContain(r.code);
      expect(r.out).not.toMatch(STACK);
      expect(r.out).not.toContain('internal error');
    });
  }, 120_000 + TOTAL_SECONDS * 1000);

  it('CBOR, COSE, authenticatorData, attestationObject, X.509 and DER signatures: only ProoflineError, or a boolean', async () => {
    const seeds = fc.oneof(
      fc.constantFrom(...SEEDS.cbor, ...SEEDS.cose, ...SEEDS.der, ...SEEDS.binary).chain((b) => fc.array(mutation, { maxLength: 4 }).map((ops) => mutate(b, ops))),
      fc.uint8Array({ maxLength: 256 }),
    );
    const key = decodeCoseKey(SEEDS.cose[0] ?? new Uint8Array([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, ...new Uint8Array(32), 0x22, 0x58, 0x20, ...new Uint8Array(32)]));
    await fuzz('decoders (CBOR/COSE/authData/attObj/X.509/DER)', seeds, async (bytes) => {
      onlyOurError(() => decodeCbor(bytes));
      onlyOurError(() => decodeCborSequence(bytes));
      onlyOurError(() => decodeCoseKey(bytes));
      onlyOurError(() => parseAuthenticatorData(bytes));
      onlyOurError(() => parseAttestationObject(bytes));
      onlyOurError(() => parseCertificate(bytes));
      const r = await verifySignature(key, bytes, bytes);
      expect(typeof r.valid).toBe('boolean');
    });
  }, 120_000 + TOTAL_SECONDS * 1000);

  it('exporters: any text in a trace gives well-formed SVG and exports without a control character', async () => {
    const run = sampleTrace.runs[0]!;
    await fuzz('exporters (any text)', fc.string({ unit: 'binary', maxLength: 24 }), (s) => {
      const r = { ...run, steps: run.steps.map((st, i) => (i === 1 ? { ...st, label: s, caption: s, notes: s } : st)), outcome: { ...run.outcome, sentence: s } };
      const t = { ...sampleTrace, title: s, description: s, runs: [r] };
      const svg = runToSvg([r]);
      expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      for (const text of [traceToMarkdown(t), traceToHtml(t), runToMermaid(r)]) expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    });
  }, 120_000 + TOTAL_SECONDS * 1000);

  it('redaction: no amount, IBAN or payee written in any common notation survives --redact all in any export', async () => {
    const currency = fc.constantFrom('EUR', 'USD', 'GBP', 'CHF', '€', '$', '£');
    const digits = fc.integer({ min: 1, max: 9_999_999 });
    const amount = fc.record({ c: currency, n: digits, cents: fc.option(fc.integer({ min: 0, max: 99 })), sep: fc.constantFrom('.', ','), space: fc.constantFrom('', ' '), before: fc.boolean(), group: fc.constantFrom('', ',', '.', ' ') }).map(({ c, n, cents, sep, space, before, group }) => {
      const whole = group && n >= 1000 && group !== sep ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group) : String(n);
      const num = cents === null ? whole : `${whole}${sep}${String(cents).padStart(2, '0')}`;
      return { text: before ? `${c}${space}${num}` : `${num}${space}${c}`, num };
    });
    const iban = fc.record({ cc: fc.constantFrom('DE', 'FR', 'GB', 'NL', 'IT'), check: fc.integer({ min: 10, max: 99 }), body: fc.stringMatching(/^[0-9A-Z]{12,26}$/), spaced: fc.boolean() }).map(({ cc, check, body, spaced }) => {
      const raw = `${cc}${check}${body}`;
      return spaced ? raw.replace(/(.{4})(?=.)/g, '$1 ') : raw;
    });
    await fuzz('redaction (amount and IBAN spellings)', fc.record({ a: amount, i: iban, name: fc.constantFrom('Mallory', 'Alice', 'mallory', 'ALICE') }), ({ a, i, name }) => {
      const prose = `Pay ${a.text} to ${name} (${i}).`;
      const t: Trace = { ...sampleTrace, description: prose, runs: sampleTrace.runs.map((r) => ({ ...r, steps: r.steps.map((s, k) => (k === 0 ? { ...s, notes: prose } : s)) })) };
      const r = redact(t, 'all');
      const out = [r.value.description, traceToMarkdown(r.value, { redacted: r.removed }), runToMermaid(r.value.runs[0]!, { redacted: r.removed }), serializeTrace(r.value)].join('\n');
      expect(out).not.toContain(a.text);
      expect(out).not.toContain(i);
      expect(out.toLowerCase()).not.toContain(`to ${name.toLowerCase()}`);
      expect(r.value.description).toMatch(/^Pay \[amount \d+\] to \[name \d+\] \(\[IBAN \d+\]\)\.$/);
    });
  }, 120_000 + TOTAL_SECONDS * 1000);

  it('every display-affecting edit of a prepared trace, or of a saved real response, is detected', async () => {
    const files = [...PREPARED.slice(0, 4).map((f) => JSON.parse(readFileSync(join(ROOT, 'traces', f), 'utf8'))), JSON.parse(bytesToUtf8(traceBytes.get('saved-response.proofline.json')!))];
    const edit = fc.record({
      file: fc.nat(files.length - 1),
      run: fc.nat(),
      step: fc.nat(),
      field: fc.constantFrom('label', 'caption', 'phase', 'from', 'to', 'attacker', 'actorName', 'scenario'),
      text: fc.string({ minLength: 1, maxLength: 12 }),
    });
    await fuzz('display edits detected', edit, async (e) => {
      const json = structuredClone(files[e.file]);
      const run = json.runs[e.run % json.runs.length];
      const step = run.steps[e.step % run.steps.length];
      let changed = true;
      if (e.field === 'label' || e.field === 'caption') step[e.field] = `${step[e.field]}${e.text}`;
      else if (e.field === 'phase') step.phase = step.phase === 'submit' ? 'verify' : 'submit';
      else if (e.field === 'from' || e.field === 'to') step[e.field] = step[e.field] === 'attacker' ? 'rp' : 'attacker';
      else if (e.field === 'attacker') step.attacker = !step.attacker;
      else if (e.field === 'actorName') run.actors[0].name = `${run.actors[0].name}${e.text}`;
      else if (e.field === 'scenario') run.spec.scenario = run.spec.scenario === 'honest' ? 'replay' : 'honest';
      else changed = false;
      if (!changed) return;
      let trace: Trace;
      try {
        trace = parseTrace(JSON.stringify(json));
      } catch (err) {
        expect(err).toBeInstanceOf(ProoflineError);
        return;
      }
      expect((await verifyTrace(trace)).agrees, `${e.field} edit at run ${e.run % json.runs.length} step ${e.step % run.steps.length}`).toBe(false);
    });
  }, 120_000 + TOTAL_SECONDS * 1000);
});
