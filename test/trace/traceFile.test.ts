/**
 * Writing and strict reading of trace files (core/trace/trace.ts), beyond the codes and paths of
 * test/trace/trace.test.ts: the exact sentences a person reads when a file is refused, the version
 * a file is written as, what redaction leaves out, capture records, and the one spelling of bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catchProofline, CREATED, editJson, fixtureRuns, fixtureTrace, GENERATOR } from './helpers.js';
import type { CaptureInfo, Run } from '../../core/flows/types.js';
import { traceVersionFor } from '../../core/trace/trace.js';
import { createTrace, parseTrace, serializeTrace, traceToJson, type Trace, type TraceRun } from '../../core/trace/index.js';

const message = (text: string) => catchProofline(() => parseTrace(text)).message;

describe('createTrace', () => {
  it('refuses no runs and a bad time with the sentence that says so; defaults the description', async () => {
    const runs = await fixtureRuns();
    expect(() => createTrace([], { title: 't', created: CREATED, generator: GENERATOR })).toThrow('"runs" expected at least one run, got 0');
    expect(() => createTrace(runs, { title: 't', created: 'yesterday', generator: GENERATOR })).toThrow('"created" expected an ISO 8601 date-time, got yesterday');
    expect(() => createTrace(runs, { title: 't', created: new Date(Number.NaN), generator: GENERATOR })).toThrow('"created" expected a valid Date, got Invalid Date');
    const t = createTrace(runs, { title: 't', created: CREATED, generator: GENERATOR });
    expect(t.description).toBe('');
    expect(t.secrets).toEqual({ seed: true, keys: true });
    expect(t.runs[0]!.secrets!.length).toBeGreaterThan(0);
    const noKeys = createTrace([{ ...runs[0]!, secrets: undefined as never }], { title: 't', created: CREATED, generator: GENERATOR });
    expect(noKeys.runs[0]!.secrets).toEqual([]);
    const redacted = createTrace(runs, { title: 't', created: CREATED, generator: GENERATOR, redact: true });
    expect(redacted.secrets).toEqual({ seed: false, keys: false });
    expect(redacted.runs.every((r) => r.seed === null && !('secrets' in r))).toBe(true);
  });

  it('a trace that says it stores seeds cannot be written with a run lacking one', async () => {
    const t = createTrace(await fixtureRuns(), { title: 't', created: CREATED, generator: GENERATOR });
    const bad = { ...t, runs: [t.runs[0]!, { ...t.runs[1]!, seed: null }] };
    expect(() => serializeTrace(bad)).toThrow('"runs[1].seed" expected a number (the trace says it stores seeds), got null');
  });
});

describe('traceVersionFor', () => {
  // Runs as an older file holds them: no authenticator-model row in the ledger.
  const run = (over: Partial<Pick<Run, 'flow' | 'scenario' | 'options' | 'actors' | 'ledger'>> = {}) => ({ flow: 'webauthn', scenario: 'honest', options: {}, actors: [{ id: 'rp', name: 'Bank', role: 'r' }], ledger: [], ...over }) as Pick<Run, 'flow' | 'scenario' | 'options' | 'actors' | 'ledger'>;
  const model = [{ property: 'authenticator-model' as const, level: 'absent' as const, evidence: [], why: 'w' }];
  it('writes version 3 when every run carries authenticator-model, as every run recorded now does', () => {
    expect(traceVersionFor([run({ ledger: model }), run({ ledger: model, flow: 'otp' })])).toBe(3);
    expect(traceVersionFor([run({ ledger: model }), run()])).toBe(1);
  });
  it('runs kept from an older file: version 1 unless a run needs version 2', () => {
    expect(traceVersionFor([run(), run({ flow: 'biometric-only', scenario: 'synced-new-device' }), run({ flow: 'device-key', scenario: 'byte-tamper' })])).toBe(1);
    expect(traceVersionFor([run(), run({ flow: 'sms-otp' as never })])).toBe(2);
    expect(traceVersionFor([run({ scenario: 'mfa-fatigue' as never }), run()])).toBe(2);
    expect(traceVersionFor([run({ options: { rpFlaw: 'none' } })])).toBe(2);
    expect(traceVersionFor([run({ actors: [{ id: 'rp', name: 'B', role: 'r' }, { id: 'push', name: 'P', role: 'p' }] })])).toBe(2);
    expect(traceVersionFor([run({ actors: [{ id: 'carrier', name: 'C', role: 'c' }] })])).toBe(2);
  });
  it('the file says the version it needs', async () => {
    const { trace } = await fixtureTrace();
    expect(traceToJson(trace).version).toBe(1);
  });
});

describe('parseTrace refuses with one sentence saying what and where', () => {
  it('format and version', async () => {
    const { text } = await fixtureTrace();
    expect(message(editJson(text, (j) => delete j.format))).toBe('format: not a Proofline trace (no "format": "proofline-trace")');
    expect(message(editJson(text, (j) => (j.format = 'other')))).toBe('format: unknown format "other"; expected "proofline-trace"');
    expect(message(editJson(text, (j) => (j.version = 0)))).toBe('version: unsupported version 0; this Proofline reads versions 1, 2, 3');
    expect(message(editJson(text, (j) => (j.version = '2')))).toBe('version: unsupported version "2"; this Proofline reads versions 1, 2, 3');
    expect(message(editJson(text, (j) => delete j.version))).toBe('version: unsupported version undefined; this Proofline reads versions 1, 2, 3');
    expect(message(editJson(text, (j) => (j.version = 4)))).toBe('version: unsupported version 4; this Proofline reads versions 1, 2, 3 (the file is newer: update Proofline)');
    // Only a number is a newer version; a string is not.
    expect(message(editJson(text, (j) => (j.version = '5')))).toBe('version: unsupported version "5"; this Proofline reads versions 1, 2, 3');
    expect(parseTrace(editJson(text, (j) => (j.version = 2))).runs).toHaveLength(3);
    expect(message('[1]')).toBe('$: expected a JSON object, got an array');
    expect(message('null')).toBe('$: expected a JSON object, got null');
    expect(message('7')).toBe('$: expected a JSON object, got number');
  });

  it('shape: an unknown member by name, a wrong type with the schema’s words', async () => {
    const { text } = await fixtureTrace();
    expect(message(editJson(text, (j) => (j.runs[0].spec.extra = 1)))).toBe('runs[0].spec.extra: unknown member "extra"');
    expect(message(editJson(text, (j) => (j.title = 5)))).toMatch(/^title: .*expected string/i);
    // A string that fails a pattern other than base64url's is a shape error, with the schema's words.
    const e = catchProofline(() => parseTrace(editJson(text, (j) => (j.runs[1].fork = { of: 0, at: 0, change: { kind: 'number', value: 'forty-two' } }))));
    expect([e.code, e.path]).toEqual(['ERR_TRACE_SHAPE', 'runs[1].fork.change.value']);
    expect(e.message).toMatch(/^runs\[1\]\.fork\.change\.value: .*pattern/i);
  });

  it('bytes: only the one unpadded base64url spelling of each byte string', async () => {
    const { text } = await fixtureTrace();
    const at = (b: string) => editJson(text, (j) => (j.runs[0].steps[0].payloads[0].bytes = b));
    const where = 'runs[0].steps[0].payloads[0].bytes';
    expect(message(at('ab+/'))).toBe(`${where}: is not unpadded base64url (only A–Z a–z 0–9 - _ and no "=")`);
    // Bits past the final byte must be zero (RFC 4648 §3.5): AE and AAB spell no byte string.
    for (const bad of ['AE', 'AAB', 'AAAAA', 'A']) expect(message(at(bad)), bad).toBe(`${where}: is not valid base64url`);
    for (const ok of ['', 'AA', 'AQ', 'AAE', 'AAAA', '_w', 'AP8']) expect(parseTrace(at(ok)).runs[0]!.steps[0]!.payloads[0]!.bytes.length, ok).toBe(Math.floor((ok.length * 3) / 4));
  });

  it('seeds, keys and payload names against what the trace says it stores', async () => {
    const { text } = await fixtureTrace();
    expect(message(editJson(text, (j) => (j.runs[1].spec.seed = null)))).toBe('runs[1].spec.seed: is null, but the trace says it stores seeds (secrets.seed is true)');
    expect(message(editJson(text, (j) => (j.secrets.seed = false)))).toBe('runs[0].spec.seed: is a number, but the trace says it stores no seeds (secrets.seed is false)');
    expect(message(editJson(text, (j) => delete j.runs[2].keys))).toBe('runs[2].keys: is missing, but the trace says it stores keys (secrets.keys is true)');
    expect(message(editJson(text, (j) => (j.secrets.keys = false)))).toBe('runs[0].keys: is present, but the trace says it stores no keys (secrets.keys is false)');
    expect(message(editJson(text, (j) => (j.runs[0].steps[1].index = 0)))).toBe('runs[0].steps[1].index: is 0, expected 1 (its position in steps)');
    const twice = editJson(text, (j) => j.runs[0].steps[0].payloads.push({ ...j.runs[0].steps[0].payloads[0] }));
    expect(message(twice)).toMatch(/^runs\[0\]\.steps\[0\]\.payloads\[\d\]\.name: payload name ".+" appears twice in one step$/);
  });

  it('the fork a file records: each kind of change reads back as written; a typed number or code is digits only', async () => {
    const { text } = await fixtureTrace();
    const withChange = (change: unknown) => editJson(text, (j) => (j.runs[1].fork = { of: 0, at: 0, change }));
    const changes = [
      { kind: 'flag', flag: 'UV', value: false },
      { kind: 'counter', value: 4294967295 },
      { kind: 'origin', value: 'https://evil.example' },
      { kind: 'challenge', value: 'AAAA' },
      { kind: 'action', amount: { value: '5000.00', currency: 'EUR' }, payee: { name: 'Mallory', iban: 'DE00 0000' } },
      { kind: 'rpFlaw', value: 'skip-signature' },
      { kind: 'number', value: '42' },
      { kind: 'code', value: '0123456789' },
    ];
    for (const change of changes) {
      const written = withChange(change);
      expect(parseTrace(written).runs[1]!.fork!.change, change.kind).toEqual(change);
      expect(parseTrace(serializeTrace(parseTrace(written))).runs[1]!.fork!.change, change.kind).toEqual(change);
    }
    for (const kind of ['number', 'code']) {
      for (const value of ['x42', '42x', '', '12345678901']) {
        const e = catchProofline(() => parseTrace(withChange({ kind, value })));
        expect([e.code, e.path], `${kind} ${JSON.stringify(value)}`).toEqual(['ERR_TRACE_SHAPE', 'runs[1].fork.change.value']);
      }
    }
  });

  it('times may carry a UTC offset (ISO 8601): the recording time and a capture time', async () => {
    const { text } = await fixtureTrace();
    expect(parseTrace(editJson(text, (j) => (j.created = '2026-01-02T04:04:05+01:00'))).created).toBe('2026-01-02T04:04:05+01:00');
    const captured = editJson(text, (j) => {
      j.runs[0].spec.seed = null;
      j.secrets.seed = false;
      for (const r of j.runs) r.spec.seed = null;
      j.runs[0].capture = { at: '2026-01-02T04:04:05-05:00', userAgent: 'UA', origin: 'http://localhost:1', device: null };
    });
    expect(parseTrace(captured).runs[0]!.capture!.at).toBe('2026-01-02T04:04:05-05:00');
  });

  it('a captured device’s AAGUID is one lower-case UUID, nothing before or after it', async () => {
    const { text } = await fixtureTrace();
    const withAaguid = (aaguid: string) =>
      editJson(text, (j) => {
        j.secrets.seed = false;
        for (const r of j.runs) r.spec.seed = null;
        j.runs[0].capture = { at: CREATED, userAgent: 'UA', origin: 'http://localhost:1', device: { aaguid, attestationFormat: 'none', evidence: 'e', transports: [], attachment: null } };
      });
    const uuid = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
    expect(parseTrace(withAaguid(uuid)).runs[0]!.capture!.device!.aaguid).toBe(uuid);
    for (const bad of [`x${uuid}`, `${uuid}x`, uuid.toUpperCase()]) {
      const e = catchProofline(() => parseTrace(withAaguid(bad)));
      expect([e.code, e.path], bad).toEqual(['ERR_TRACE_SHAPE', 'runs[0].capture.device.aaguid']);
    }
  });

  it('a fork names another run of the file and a step that run has', async () => {
    const { text } = await fixtureTrace();
    const fork = (of: number, at: number) => editJson(text, (j) => (j.runs[1].fork = { of, at, change: { kind: 'counter', value: 1 } }));
    expect(message(fork(1, 0))).toBe('runs[1].fork.of: is 1, expected the index of another run (0 to 2, not 1)');
    expect(message(fork(3, 0))).toBe('runs[1].fork.of: is 3, expected the index of another run (0 to 2, not 1)');
    const steps = JSON.parse(text).runs[2].steps.length;
    expect(message(fork(2, steps))).toBe(`runs[1].fork.at: is ${steps}, but run 2 has ${steps} steps`);
    const ok = parseTrace(fork(2, steps - 1));
    expect(ok.runs[1]!.fork).toEqual({ of: 2, at: steps - 1, change: { kind: 'counter', value: 1 } });
    expect(parseTrace(fork(0, 0)).runs[1]!.fork!.of).toBe(0);
  });
});

describe('what is written and read back', () => {
  const capture: CaptureInfo = { at: '2026-01-02T03:04:05Z', userAgent: 'UA', origin: 'http://localhost:1', device: { aaguid: '00000000-0000-0000-0000-000000000000', attestationFormat: 'none', evidence: 'none', transports: ['usb'], attachment: 'cross-platform' } as never };

  it('a captured run has no seed, its capture record round-trips, and a seed beside it is refused', async () => {
    const runs = await fixtureRuns();
    const t = createTrace([{ ...runs[0]!, capture }, { ...runs[1]!, capture: { ...capture, device: null, derived: 'replay' } }], { title: 't', created: CREATED, generator: GENERATOR });
    const json = traceToJson(t);
    expect(json.runs.map((r) => r.spec.seed)).toEqual([null, null]);
    expect(json.runs[0]!.capture).toEqual(capture);
    expect(json.runs[1]!.capture).toEqual({ ...capture, device: null, derived: 'replay' });
    expect(json.runs[0]!.capture).not.toHaveProperty('derived');
    const text = serializeTrace(t);
    const back = parseTrace(text);
    expect(back.runs[0]!.capture).toEqual(capture);
    expect(back.runs[0]!.seed).toBeNull();
    expect(serializeTrace(back)).toBe(text);
    expect(message(editJson(text, (j) => (j.runs[0].spec.seed = 4)))).toBe('runs[0].spec.seed: is a number, but a captured run has no seed (it has a "capture" member)');
    const modelled = traceToJson(createTrace([{ ...runs[0]!, capture: { ...capture, device: { ...capture.device!, model: 'Key X' } } }], { title: 't', created: CREATED, generator: GENERATOR }));
    expect(modelled.runs[0]!.capture!.device).toMatchObject({ model: 'Key X' });
  });

  it('keeps attacker marks, notes and "never sees" flags only where they are, and keys only when stored', async () => {
    const { text } = await fixtureTrace();
    const j = JSON.parse(text);
    const marked = j.runs.flatMap((r: { steps: { attacker?: boolean }[] }) => r.steps).filter((s: { attacker?: boolean }) => 'attacker' in s);
    const edited = editJson(text, (x) => {
      x.runs[0].steps[0].attacker = false;
      x.runs[0].steps[1].notes = '';
      x.runs[0].steps[1].knowledge.user = [{ key: 'k', text: 't', never: false }, { key: 'k2', text: 't2' }];
    });
    const back = parseTrace(edited);
    expect(back.runs[0]!.steps[0]!.attacker).toBe(false);
    expect(back.runs[0]!.steps[1]!.notes).toBe('');
    expect('attacker' in back.runs[0]!.steps[1]!).toBe(false);
    expect('notes' in back.runs[0]!.steps[0]!).toBe(false);
    const out = JSON.parse(serializeTrace(back));
    expect(out.runs[0].steps[0].attacker).toBe(false);
    expect(out.runs[0].steps[1].knowledge.user).toEqual([{ key: 'k', text: 't', never: false }, { key: 'k2', text: 't2' }]);
    expect(Object.keys(out.runs[0].steps[1])).toEqual(['index', 'phase', 'kind', 'from', 'to', 'label', 'caption', 'op', 'payloads', 'checks', 'knowledge', 'notes']);
    expect(marked.length).toBeGreaterThanOrEqual(0);
    const redacted = (await fixtureTrace({ redact: true })).trace;
    expect(traceToJson(redacted).runs.every((r) => !('keys' in r))).toBe(true);
    // A trace that stores keys writes a run kept without any as an empty list.
    const full = (await fixtureTrace()).trace;
    expect(traceToJson({ ...full, runs: [{ ...full.runs[0]!, secrets: undefined }] }).runs[0]!.keys).toEqual([]);
    expect(traceToJson((await fixtureTrace()).trace).runs.every((r) => Array.isArray(r.keys) && r.keys.every((k) => typeof k.secretKey === 'string'))).toBe(true);
  });

  it('traceToJson is exactly the JSON the file holds: no member is there without a value', async () => {
    const { trace } = await fixtureTrace();
    const [a, b, c] = trace.runs as [TraceRun, TraceRun, TraceRun];
    const step = a.steps[1]!;
    const runs: TraceRun[] = [
      // A step with notes and an explicit attacker mark, a "never sees" flag, and an actor listed without items.
      { ...a, steps: [a.steps[0]!, { ...step, notes: 'n', attacker: false, knowledge: { ...step.knowledge, user: [{ key: 'k', text: 't', never: true }, { key: 'k2', text: 't2' }], ua: undefined } }, ...a.steps.slice(2)] },
      { ...b, fork: { of: 0, at: 1, change: { kind: 'counter', value: 1 } } },
      { ...c, seed: null, capture: { at: CREATED, userAgent: 'UA', origin: 'http://localhost:1', device: { aaguid: '00000000-0000-0000-0000-000000000000', attestationFormat: 'none', evidence: 'e', transports: [], attachment: null } } },
    ];
    const t: Trace = { ...trace, runs };
    const text = serializeTrace(t);
    expect(traceToJson(t)).toStrictEqual(JSON.parse(text));
    expect(JSON.parse(text).runs[0].steps[1].knowledge).not.toHaveProperty('ua');
    // And read back: what was absent stays absent, what was there comes back.
    const back = parseTrace(text);
    expect(serializeTrace(back)).toBe(text);
    expect(back.runs.map((r) => ['fork' in r, 'capture' in r, 'response' in r])).toEqual([[false, false, false], [true, false, false], [false, true, false]]);
    expect(back.runs[1]!.fork).toEqual({ of: 0, at: 1, change: { kind: 'counter', value: 1 } });
  });

  it('a prepared trace reads and writes back byte for byte: ledger evidence with and without a check, knowledge, marks', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'traces', '01-honest.proofline.json'), 'utf8');
    const back = parseTrace(text);
    expect(serializeTrace(back)).toBe(text);
    const evidence = back.runs.flatMap((r) => r.ledger.flatMap((l) => l.evidence));
    expect(evidence.some((e) => e.check === undefined) && evidence.some((e) => e.check !== undefined)).toBe(true);
    expect(traceToJson(back)).toStrictEqual(JSON.parse(text));
  });
});
