import { describe, expect, it } from 'vitest';
import { catchProofline, CREATED, editJson, fixtureRuns, fixtureTrace, GENERATOR } from './helpers.js';
import { recordRun } from '../../core/flows/runs.js';
import { createTrace, parseStrictJson, parseTrace, serializeTrace, verifyTrace, type TraceStep } from '../../core/trace/index.js';

describe('trace round trip', () => {
  it('serialize → parse → serialize is byte-identical and keeps every byte', async () => {
    const { trace, text } = await fixtureTrace();
    const parsed = parseTrace(text);
    expect(serializeTrace(parsed)).toBe(text);
    expect(parsed.runs.length).toBe(3);
    expect(parsed.runs[0]!.steps[0]!.payloads[0]!.bytes).toEqual(trace.runs[0]!.steps[0]!.payloads[0]!.bytes);
    expect(parsed.runs[0]!.secrets?.[0]?.secretKey).toEqual(trace.runs[0]!.secrets?.[0]?.secretKey);
    expect(parsed.runs[1]!.options).toEqual({ replayGuard: 'tx-state' });
    expect(parsed.created).toBe(CREATED);
    expect(parsed.generator).toEqual(GENERATOR);
  });

  it('parses from UTF-8 bytes as from text', async () => {
    const { text } = await fixtureTrace();
    expect(serializeTrace(parseTrace(new TextEncoder().encode(text)))).toBe(text);
  });

  it('a freshly recorded trace verifies with no disagreement', async () => {
    const { text } = await fixtureTrace();
    const v = await verifyTrace(parseTrace(text));
    expect(v.disagreements).toEqual([]);
    expect(v.agrees).toBe(true);
    expect(v.runs.map((r) => r.run.outcome.outcome)).toEqual(['ok', 'blocked', 'blocked']);
  });

  it('keeps trainer notes on load and save, and through verification', async () => {
    const { text } = await fixtureTrace();
    const noted = editJson(text, (j) => {
      j.runs[0].steps[2].notes = 'Ask the room: what does the app sign here?';
    });
    const parsed = parseTrace(noted);
    expect((parsed.runs[0]!.steps[2] as TraceStep).notes).toBe('Ask the room: what does the app sign here?');
    expect(serializeTrace(parsed)).toContain('"notes": "Ask the room: what does the app sign here?"');
    const v = await verifyTrace(parsed);
    expect(v.agrees).toBe(true);
    expect(v.runs[0]!.run.steps[2]!.notes).toBe('Ask the room: what does the app sign here?');
  });

  it('same seed gives the same bytes; another seed other bytes', async () => {
    const a = (await fixtureTrace({ seed: 3 })).text;
    const b = (await fixtureTrace({ seed: 3 })).text;
    const c = (await fixtureTrace({ seed: 4 })).text;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('createTrace takes `now` as a Date and rejects an invalid time', async () => {
    const runs = await fixtureRuns();
    expect(createTrace(runs, { title: 't', created: new Date(Date.UTC(2026, 0, 1)), generator: GENERATOR }).created).toBe('2026-01-01T00:00:00.000Z');
    expect(() => createTrace(runs, { title: 't', created: 'yesterday', generator: GENERATOR })).toThrow(RangeError);
    expect(() => createTrace([], { title: 't', created: CREATED, generator: GENERATOR })).toThrow(RangeError);
  });
});

describe('redaction', () => {
  it('--redact leaves seeds (null) and private keys out, and says so', async () => {
    const { text } = await fixtureTrace({ redact: true });
    const json = JSON.parse(text);
    expect(json.secrets).toEqual({ seed: false, keys: false });
    for (const run of json.runs) {
      expect(run.spec.seed).toBeNull();
      expect(run).not.toHaveProperty('keys');
    }
    const parsed = parseTrace(text);
    expect(parsed.runs.every((r) => r.seed === null && r.secrets === undefined)).toBe(true);
    expect(serializeTrace(parsed)).toBe(text);
    expect((await verifyTrace(parsed)).agrees).toBe(true);
  });

  it('a full trace stores seeds and keys', async () => {
    const json = JSON.parse((await fixtureTrace()).text);
    expect(json.secrets).toEqual({ seed: true, keys: true });
    expect(json.runs[0].spec.seed).toBe(7);
    expect(json.runs[0].keys[0]).toMatchObject({ actor: 'app', alg: 'EdDSA' });
  });
});

describe('strict loading: each error has its code and JSON path', () => {
  const cases: [string, (text: string) => string, string, string][] = [
    ['unknown format', (t) => editJson(t, (j) => (j.format = 'other-trace')), 'ERR_TRACE_VERSION', 'format'],
    ['missing format', (t) => editJson(t, (j) => delete j.format), 'ERR_TRACE_VERSION', 'format'],
    ['newer version', (t) => editJson(t, (j) => (j.version = 4)), 'ERR_TRACE_VERSION', 'version'],
    ['version as a string', (t) => editJson(t, (j) => (j.version = '1')), 'ERR_TRACE_VERSION', 'version'],
    ['a bad phase', (t) => editJson(t, (j) => (j.runs[0].steps[3].phase = 'later')), 'ERR_TRACE_SHAPE', 'runs[0].steps[3].phase'],
    ['an unknown member', (t) => editJson(t, (j) => (j.runs[1].steps[1].extra = 1)), 'ERR_TRACE_SHAPE', 'runs[1].steps[1].extra'],
    ['a missing outcome', (t) => editJson(t, (j) => delete j.runs[2].outcome), 'ERR_TRACE_SHAPE', 'runs[2].outcome'],
    ['an unknown flow', (t) => editJson(t, (j) => (j.runs[0].spec.flow = 'sms-otp')), 'ERR_TRACE_SHAPE', 'runs[0].spec.flow'],
    ['a fractional seed', (t) => editJson(t, (j) => (j.runs[0].spec.seed = 1.5)), 'ERR_TRACE_SHAPE', 'runs[0].spec.seed'],
    ['a bad created time', (t) => editJson(t, (j) => (j.created = 'Tuesday')), 'ERR_TRACE_SHAPE', 'created'],
    ['no runs', (t) => editJson(t, (j) => (j.runs = [])), 'ERR_TRACE_SHAPE', 'runs'],
    ['an unknown actor key in knowledge', (t) => editJson(t, (j) => (j.runs[0].steps[2].knowledge.mallory = [])), 'ERR_TRACE_SHAPE', 'runs[0].steps[2].knowledge.mallory'],
    ['a step index out of place', (t) => editJson(t, (j) => (j.runs[0].steps[3].index = 4)), 'ERR_TRACE_SHAPE', 'runs[0].steps[3].index'],
    ['two payloads with one name', (t) => editJson(t, (j) => j.runs[0].steps[2].payloads.push({ ...j.runs[0].steps[2].payloads[0] })), 'ERR_TRACE_SHAPE', 'runs[0].steps[2].payloads[2].name'],
    ['a seed although secrets.seed is false', (t) => editJson(t, (j) => (j.secrets.seed = false)), 'ERR_TRACE_SHAPE', 'runs[0].spec.seed'],
    ['keys although secrets.keys is false', (t) => editJson(t, (j) => (j.secrets.keys = false)), 'ERR_TRACE_SHAPE', 'runs[0].keys'],
    ['no keys although secrets.keys is true', (t) => editJson(t, (j) => delete j.runs[1].keys), 'ERR_TRACE_SHAPE', 'runs[1].keys'],
    ['base64 (not url) characters', (t) => editJson(t, (j) => (j.runs[0].steps[2].payloads[1].bytes = 'ab+/')), 'ERR_BASE64URL', 'runs[0].steps[2].payloads[1].bytes'],
    ['padding', (t) => editJson(t, (j) => (j.runs[0].steps[0].payloads[0].bytes = 'AA==')), 'ERR_BASE64URL', 'runs[0].steps[0].payloads[0].bytes'],
    ['an impossible length', (t) => editJson(t, (j) => (j.runs[0].steps[0].payloads[0].bytes = 'AAAAA')), 'ERR_BASE64URL', 'runs[0].steps[0].payloads[0].bytes'],
    ['non-zero trailing bits', (t) => editJson(t, (j) => (j.runs[0].steps[0].payloads[0].bytes = 'AB')), 'ERR_BASE64URL', 'runs[0].steps[0].payloads[0].bytes'],
    ['a bad secret key', (t) => editJson(t, (j) => (j.runs[2].keys[0].secretKey = '!')), 'ERR_BASE64URL', 'runs[2].keys[0].secretKey'],
    ['a duplicate top-level key', (t) => t.replace('"title": "Fixture",', '"title": "Fixture", "title": "Other",'), 'ERR_TRACE_KEY', 'title'],
    ['a duplicate key in a step', (t) => t.replace('"label": "enrol",', '"label": "enrol", "label": "x",'), 'ERR_TRACE_KEY', 'runs[0].steps[0].label'],
    ['a duplicate key spelt with an escape', (t) => t.replace('"title": "Fixture",', '"title": "Fixture", "\\u0074itle": "Other",'), 'ERR_TRACE_KEY', 'title'],
    ['__proto__', (t) => t.replace('"label": "enrol",', '"label": "enrol", "__proto__": {},'), 'ERR_TRACE_KEY', 'runs[0].steps[0].__proto__'],
    ['__proto__ spelt with an escape', (t) => t.replace('"label": "enrol",', '"label": "enrol", "\\u005f_proto__": {},'), 'ERR_TRACE_KEY', 'runs[0].steps[0].__proto__'],
    ['constructor', (t) => t.replace('"title": "Fixture",', '"title": "Fixture", "constructor": 1,'), 'ERR_TRACE_KEY', 'constructor'],
    ['prototype', (t) => t.replace('"options": {', '"options": { "prototype": 1,'), 'ERR_TRACE_KEY', 'runs[0].spec.options.prototype'],
    ['deep nesting', (t) => t.replace('"description": "three runs"', `"description": ${'['.repeat(70)}${']'.repeat(70)}`), 'ERR_TRACE_DEPTH', `description${'[0]'.repeat(63)}`],
    ['a comment', (t) => t.replace('"title": "Fixture",', '"title": "Fixture", /* hi */'), 'ERR_TRACE_JSON', 'title'],
    ['a line comment', (t) => t.replace('"title": "Fixture",', '"title": "Fixture", // hi\n'), 'ERR_TRACE_JSON', 'title'],
    ['a trailing comma', (t) => t.replace('"keys": true\n  }', '"keys": true,\n  }'), 'ERR_TRACE_JSON', 'secrets.keys'],
    ['truncation', (t) => t.slice(0, t.length / 2), 'ERR_TRACE_JSON', ''],
    ['trailing garbage', (t) => `${t} x`, 'ERR_TRACE_JSON', ''],
    ['an array', () => '[]', 'ERR_TRACE_SHAPE', '$'],
    ['null', () => 'null', 'ERR_TRACE_SHAPE', '$'],
    ['empty input', () => '', 'ERR_TRACE_JSON', '$'],
  ];
  it.each(cases)('%s', async (_name, mutate, code, path) => {
    const { text } = await fixtureTrace();
    const e = catchProofline(() => parseTrace(mutate(text)));
    expect(e.code).toBe(code);
    if (path) {
      expect(e.path).toBe(path);
      expect(e.message.startsWith(`${path}: `)).toBe(true);
    }
  });

  it('the size limit is an option (default 32 MiB) and is checked before parsing', async () => {
    const { text } = await fixtureTrace();
    expect(catchProofline(() => parseTrace(text, { maxBytes: 1000 })).code).toBe('ERR_TRACE_SIZE');
    expect(catchProofline(() => parseTrace(new Uint8Array(2000), { maxBytes: 1000 })).code).toBe('ERR_TRACE_SIZE');
    // multi-byte characters count in UTF-8 bytes
    expect(catchProofline(() => parseStrictJson(`"${'é'.repeat(600)}"`, { maxBytes: 1000, maxDepth: 64 })).code).toBe('ERR_TRACE_SIZE');
    expect(() => parseStrictJson(`"${'é'.repeat(400)}"`, { maxBytes: 1000, maxDepth: 64 })).not.toThrow();
    expect(catchProofline(() => parseTrace(`"${'x'.repeat(32 * 1024 * 1024)}"`)).code).toBe('ERR_TRACE_SIZE');
  });

  it('the depth limit is an option: 64 levels pass, 65 fail', () => {
    const nest = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(() => parseStrictJson(nest(64))).not.toThrow();
    expect(catchProofline(() => parseStrictJson(nest(65))).code).toBe('ERR_TRACE_DEPTH');
    expect(catchProofline(() => parseStrictJson(nest(100_000))).code).toBe('ERR_TRACE_DEPTH');
    expect(catchProofline(() => parseStrictJson(nest(5), { maxBytes: 100, maxDepth: 4 })).code).toBe('ERR_TRACE_DEPTH');
  });

  it('invalid UTF-8 is an error; a leading byte order mark is skipped', async () => {
    const { text } = await fixtureTrace();
    const bytes = new TextEncoder().encode(text);
    const bad = new Uint8Array([...bytes.subarray(0, 20), 0xff, ...bytes.subarray(20)]);
    expect(catchProofline(() => parseTrace(bad)).code).toBe('ERR_TRACE_JSON');
    expect(serializeTrace(parseTrace(`\uFEFF${text}`))).toBe(text);
  });

  it('messages say what and where', async () => {
    const { text } = await fixtureTrace();
    expect(catchProofline(() => parseTrace(editJson(text, (j) => (j.version = 9)))).message).toBe('version: unsupported version 9; this Proofline reads versions 1, 2, 3 (the file is newer: update Proofline)');
    expect(catchProofline(() => parseTrace(text.replace('"title": "Fixture",', '"title": "Fixture", /* hi */'))).message).toMatch(/^title: invalid JSON at line 4, column \d+: comments are not allowed/);
  });
});

describe('verifyTrace reports what the file claims against what the bytes support', () => {
  it('a changed check, outcome and ledger entry are each named', async () => {
    const { text } = await fixtureTrace();
    const edited = editJson(text, (j) => {
      const c = j.runs[2].steps[4].checks.find((x: { id: string }) => x.id === 'server.signature');
      c.status = 'pass';
      j.runs[2].outcome.outcome = 'breach';
      j.runs[0].ledger[0].level = 'attested';
    });
    const v = await verifyTrace(parseTrace(edited));
    expect(v.agrees).toBe(false);
    const whats = v.disagreements.map((d) => `${d.path} ${d.what}`);
    expect(whats).toContain('runs[2].steps[4] check server.signature');
    expect(whats).toContain('runs[2] outcome');
    expect(whats).toContain('runs[0] ledger key-possession');
    const sig = v.disagreements.find((d) => d.what === 'check server.signature')!;
    expect(sig).toMatchObject({ run: 2, step: 4, recorded: 'pass: invalid signature', recomputed: 'fail: invalid signature' });
  });

  it('reports claims reverifyRun does not compare: kind, outcome step, ledger evidence, extra ledger rows', async () => {
    const { text } = await fixtureTrace();
    const edited = editJson(text, (j) => {
      j.runs[0].steps[0].kind = 'local';
      j.runs[0].outcome.step = 0;
      j.runs[1].ledger[0].evidence = [];
      j.runs[1].ledger.push({ property: 'clone-detection', level: 'proven', evidence: [], why: 'made up' });
    });
    const whats = (await verifyTrace(parseTrace(edited))).disagreements.map((d) => `${d.path} ${d.what}`);
    expect(whats).toEqual(expect.arrayContaining(['runs[0].steps[0] kind', 'runs[0] outcome step', 'runs[1] ledger key-possession evidence', 'runs[1] ledger clone-detection']));
  });

  it('an unknown op is a disagreement, not a crash', async () => {
    const { text } = await fixtureTrace();
    const v = await verifyTrace(parseTrace(editJson(text, (j) => (j.runs[0].steps[1].op = 'nobody.knows'))));
    expect(v.disagreements.some((d) => d.path === 'runs[0].steps[1]' && d.what === 'op')).toBe(true);
  });

  it('a trace whose flow this program lacks is ERR_UNSUPPORTED with the path of the flow', async () => {
    const run = await recordRun({ flow: 'biometric-only', scenario: 'honest', options: {}, seed: 1 });
    const trace = createTrace([run], { title: 't', created: CREATED, generator: GENERATOR });
    const foreign = { ...trace, runs: [{ ...trace.runs[0]!, flow: 'device-key' as const }] };
    await expect(verifyTrace(foreign)).rejects.toMatchObject({ code: 'ERR_UNSUPPORTED', path: 'runs[0].spec.flow' });
  });
});
