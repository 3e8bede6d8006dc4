/**
 * verifyTrace's own comparisons (core/trace/verify.ts), one edit at a time on a small real run:
 * each disagreement names its run, step and field, with the recorded and recomputed sentences a
 * person reads in `proofline verify`, the app's disagreement list and the exports. Fast enough
 * for the mutation suite (test/trace/story.test.ts sweeps every edit of every prepared trace).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../core/flows/all.js';
import { ProoflineError } from '../../core/errors.js';
import { forkRun } from '../../core/fork/index.js';
import { capturedActors } from '../../core/capture/session.js';
import { capture as captureSession } from '../capture/helpers.js';
import type { CaptureInfo } from '../../core/flows/types.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace, type Trace, type TraceRun } from '../../core/trace/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const TEXT = readFileSync(join(import.meta.dirname, '..', '..', 'traces', '01-honest.proofline.json'), 'utf8');
/** The prepared honest trace with only run `i` (1: the 12-step biometric-only run; 0: webauthn). */
const one = (i = 1): Json => {
  const t = JSON.parse(TEXT);
  t.runs = [t.runs[i]];
  return t;
};
const verify = async (t: Json) => verifyTrace(parseTrace(JSON.stringify(t)));
const found = async (t: Json) => (await verify(t)).disagreements.map(({ run, path, step, what, recorded, recomputed }) => ({ run, path, step, what, recorded, recomputed }));

describe('verifyTrace compares what a trace claims beyond the checks', () => {
  it('an unedited run agrees, and its recomputed run keeps the notes', async () => {
    const t = one();
    t.runs[0].steps[4].notes = 'ask the room';
    const v = await verify(t);
    expect(v.agrees).toBe(true);
    expect(v.disagreements).toEqual([]);
    expect(v.runs.map((r) => [r.index, r.disagreements.length])).toEqual([[0, 0]]);
    expect(v.runs[0]!.run.steps[4]!.notes).toBe('ask the room');
    expect(v.runs[0]!.run.outcome.outcome).toBe('ok');
  });

  it('a step kind that contradicts its sender and receiver', async () => {
    const t = one();
    t.runs[0].steps[3].kind = 'message';
    t.runs[0].steps[4].kind = 'local';
    expect(await found(t)).toEqual([
      { run: 0, path: 'runs[0].steps[3]', step: 3, what: 'kind', recorded: 'message', recomputed: 'local (from user to user)' },
      { run: 0, path: 'runs[0].steps[4]', step: 4, what: 'kind', recorded: 'local', recomputed: 'message (from app to server)' },
    ]);
  });

  it('the outcome step, named as people count steps (or none)', async () => {
    const t = one();
    t.runs[0].outcome.step = 10;
    expect(await found(t)).toEqual([{ run: 0, path: 'runs[0]', step: null, what: 'outcome step', recorded: 'step 11', recomputed: 'step 12' }]);
    t.runs[0].outcome.step = null;
    expect((await found(t))[0]).toMatchObject({ what: 'outcome step', recorded: 'none', recomputed: 'step 12' });
  });

  it('a run cut short before its decision: the recomputed outcome has no step, and says so', async () => {
    const t = one();
    const outcomeStep = t.runs[0].outcome.step;
    t.runs[0].steps = t.runs[0].steps.slice(0, outcomeStep);
    expect((await found(t)).find((x) => x.what === 'outcome step')).toEqual({ run: 0, path: 'runs[0]', step: null, what: 'outcome step', recorded: `step ${outcomeStep + 1}`, recomputed: 'none' });
  });

  it('ledger evidence that differs while level and reason agree; a second entry for one property', async () => {
    const t = one();
    t.runs[0].ledger[0].evidence = [{ step: 9 }];
    expect(await found(t)).toEqual([{ run: 0, path: 'runs[0]', step: null, what: 'ledger user-presence evidence', recorded: 'step 10', recomputed: 'step 11 server.approved' }]);
    t.runs[0].ledger[0].evidence = [];
    expect((await found(t))[0]).toMatchObject({ recorded: 'none', recomputed: 'step 11 server.approved' });
    const twice = one();
    twice.runs[0].ledger.push(structuredClone(twice.runs[0].ledger[0]));
    expect(await found(twice)).toEqual([{ run: 0, path: 'runs[0]', step: null, what: 'ledger user-presence', recorded: 'a second entry (asserted)', recomputed: 'one entry per property' }]);
  });

  it('a ledger entry for a property the flow never judges is reported absent', async () => {
    const trace = parseTrace(JSON.stringify(one()));
    const run = trace.runs[0]!;
    const extra = { property: 'made-up', level: 'proven', evidence: [], why: 'because' } as unknown as TraceRun['ledger'][number];
    const v = await verifyTrace({ ...trace, runs: [{ ...run, ledger: [...run.ledger, extra] }] });
    expect(v.disagreements.map((d) => [d.path, d.what, d.recorded, d.recomputed])).toContainEqual(['runs[0]', 'ledger made-up', 'proven: because', 'absent']);
  });

  it('a flow this program does not have is refused with the run’s path', async () => {
    const trace = parseTrace(JSON.stringify(one()));
    const t: Trace = { ...trace, runs: [trace.runs[0]!, { ...trace.runs[0]!, flow: 'carrier-pigeon' as never }] };
    const e = await verifyTrace(t).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(ProoflineError);
    expect(e).toMatchObject({ code: 'ERR_UNSUPPORTED', message: expect.stringContaining('flow "carrier-pigeon" is not available in this program'), path: 'runs[1].spec.flow' });
  });

  it('a run that cannot be replayed at all is one disagreement for the run, and its claims are kept', async () => {
    const trace = parseTrace(JSON.stringify(one()));
    const run = trace.runs[0]!;
    // A fork marking that names a step the origin does not have: forkRun refuses it.
    const broken: TraceRun = { ...run, fork: { of: 0, at: 99, change: { kind: 'counter', value: 1 } } };
    const v = await verifyTrace({ ...trace, runs: [run, broken] });
    expect(v.agrees).toBe(false);
    expect(v.runs[0]!.disagreements).toEqual([]);
    expect(v.runs[1]!.disagreements).toHaveLength(1);
    expect(v.runs[1]!.disagreements[0]).toMatchObject({ run: 1, path: 'runs[1]', step: null, what: 're-verification', recorded: 'the run re-verifies', recomputed: expect.stringMatching(/^the run cannot be re-verified \(.+\)$/) });
    expect(v.runs[1]!.run).toBe(broken);
  });
});

describe('forks are made again from the run they name', () => {
  const withFork = async () => {
    const trace = parseTrace(JSON.stringify(one(0)));
    const original = { ...trace.runs[0]!, seed: trace.runs[0]!.seed ?? 0, secrets: trace.runs[0]!.secrets ?? [] };
    const at = original.steps.findIndex((s) => s.op === 'rp.receiveAssertion');
    const fork = (await forkRun(original, at, { kind: 'counter', value: 0 }, { of: 0 })).run;
    const fork2 = (await forkRun({ ...fork, secrets: [] }, at, { kind: 'flag', flag: 'UP', value: false }, { of: 1 })).run;
    const text = serializeTrace(createTrace([original, fork, fork2], { title: 't', created: trace.created, generator: trace.generator }));
    return { text, at };
  };

  it('a fork, and a fork of a fork, agree in any order of the runs', async () => {
    const { text } = await withFork();
    const v = await verify(JSON.parse(text));
    expect(v.disagreements).toEqual([]);
    // The fork of the fork first, its origin last: each is still made from the run it names.
    const t = JSON.parse(text);
    const [o, f1, f2] = t.runs;
    f2.fork.of = 2;
    f1.fork.of = 1;
    t.runs = [f2, o, f1];
    expect(await found(t)).toEqual([]);
  });

  it('a fork is made from its origin’s bytes: claims edited in the origin are the origin’s disagreements, not the fork’s', async () => {
    const { text } = await withFork();
    const t = JSON.parse(text);
    const origin = t.runs[0];
    const check = origin.steps.findLast((s: Json) => s.checks.length > 0).checks[0];
    check.status = check.status === 'pass' ? 'fail' : 'pass';
    origin.outcome.sentence = 'Edited.';
    origin.ledger[0].why = 'edited';
    const v = await verify(t);
    expect(v.runs[0]!.disagreements.map((d) => d.what)).toEqual([`check ${check.id}`, 'outcome', `ledger ${origin.ledger[0].property}`]);
    expect(v.runs[1]!.disagreements).toEqual([]);
    expect(v.runs[2]!.disagreements).toEqual([]);
    // So is a fork of a run that cannot be re-verified at all (here: a fork of a fork whose change its step cannot take).
    const broken = JSON.parse(text);
    broken.runs[1].fork.change = { kind: 'number', value: '42' };
    const b = await verify(broken);
    expect(b.runs[1]!.disagreements.map((d) => d.what)).toEqual(['re-verification']);
    expect(b.runs[2]!.disagreements).toEqual([]);
  });

  it('a step of the fork that differs from the remade one names the change and its step', async () => {
    const { text, at } = await withFork();
    const t = JSON.parse(text);
    t.runs[1].steps[at].caption = 'Nothing changed here.';
    const d = (await found(t)).filter((x) => x.what === 'fork step' && x.run === 1);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ run: 1, path: `runs[1].steps[${at}]`, step: at, recorded: `“${t.runs[1].steps[at].label}”: Nothing changed here.` });
    expect(d[0]!.recomputed).toMatch(new RegExp(`^run 0 with the change at step ${at + 1}: “.+”: .+\\(changed in this what-if\\)$`));
  });

  it('a fork that claims more steps than the remade one, or fewer', async () => {
    const { text } = await withFork();
    const longer = JSON.parse(text);
    const last = structuredClone(longer.runs[1].steps.at(-1));
    last.index = longer.runs[1].steps.length;
    longer.runs[1].steps.push(last);
    expect((await found(longer)).find((x) => x.what === 'fork step')).toMatchObject({ step: last.index, recorded: `“${last.label}”: ${last.caption}`, recomputed: 'absent: the fork ends before this step' });
    const shorter = JSON.parse(text);
    const dropped = shorter.runs[1].steps.pop();
    expect((await found(shorter)).find((x) => x.what === 'fork step')).toMatchObject({ step: dropped.index, recorded: 'absent', recomputed: expect.stringMatching(/^run 0 with the change at step \d+: “/) });
  });

  it('a fork whose spec differs from its origin’s', async () => {
    const { text } = await withFork();
    const t = JSON.parse(text);
    t.runs[1].spec.options.uvAvailable = false;
    const d = (await found(t)).find((x) => x.what === 'fork spec');
    expect(d).toMatchObject({ run: 1, path: 'runs[1]', step: null });
    expect(d!.recorded).toContain('"uvAvailable":false');
    expect(d!.recomputed).toMatch(/^the spec of run 0, which it forks: \["webauthn","honest",\{.*"uvAvailable":true.*\},1,/);
  });
});

describe('a captured run is evidence as its bytes, with the actors its capture record names', () => {
  const capture: CaptureInfo = { at: '2026-12-01T10:00:00Z', userAgent: 'Mozilla/5.0 Chrome/131.0', origin: 'http://localhost:49152', device: null };
  let text = '';
  beforeAll(async () => {
    // A capture session played by core's own authenticator and browser model (test/capture/helpers.ts).
    text = serializeTrace((await captureSession('device-bound', { userVerification: 'preferred', binding: 'none' }, false)).result.trace);
  });
  /** The captured run of a capture's trace, alone. */
  const captured = (): Json => {
    const t = JSON.parse(text);
    t.runs = [t.runs[0]];
    return t;
  };

  it('a simulated run’s bytes dressed as a capture do not agree: its wording is not the capture recorder’s', async () => {
    const t = one(0);
    const run = t.runs[0];
    run.spec.seed = null;
    run.capture = capture;
    run.actors = capturedActors(capture);
    t.secrets = { seed: true, keys: false };
    delete run.keys;
    const whats = new Set((await found(t)).map((d) => d.what));
    expect(whats).toContain('caption');
    expect(whats).toContain('label');
  });

  it('agrees when its bytes, claims and actors agree', async () => {
    const v = await verify(captured());
    expect(v.disagreements).toEqual([]);
    expect(v.runs[0]!.run.outcome.outcome).toBe('ok');
  });

  it('names actors that are not the capture record’s', async () => {
    const t = captured();
    t.runs[0].actors[1].name = 'Safari 18';
    const d = await found(t);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ run: 0, path: 'runs[0]', step: null, what: 'actors' });
    expect(d[0]!.recorded).toContain('ua “Safari 18” (Your browser (captured))');
    expect(d[0]!.recomputed).toContain('ua “Chrome 131” (Your browser (captured))');
    expect(d[0]!.recomputed.startsWith('user “You” (')).toBe(true);
  });

  it('a changed byte or claim is found at its step, without a replay', async () => {
    const t = captured();
    const j = t.runs[0].steps.findIndex((s: Json) => s.op === 'rp.verifyAssertion');
    const c = t.runs[0].steps[j].checks.find((x: Json) => x.id === 'rp.signature');
    c.status = 'fail';
    const d = await found(t);
    expect(d.map((x) => [x.path, x.what])).toContainEqual([`runs[0].steps[${j}]`, 'check rp.signature']);
    const k = captured();
    k.runs[0].outcome.step = 0;
    expect((await found(k)).map((x) => x.what)).toEqual(['outcome step']);
  });
});

describe('what verifyTrace returns, and what it compares once', () => {
  it('the run it returns shows the recomputed checks, outcome and ledger, not the file’s claims', async () => {
    const t = one();
    const j = t.runs[0].steps.findIndex((s: Json) => s.checks.length > 0);
    const claimed = t.runs[0].steps[j].checks[0];
    const real = structuredClone(claimed);
    claimed.detail = 'all fine, trust me';
    t.runs[0].outcome.sentence = 'Edited.';
    t.runs[0].ledger[0].why = 'edited';
    const v = await verify(t);
    expect(v.agrees).toBe(false);
    const run = v.runs[0]!.run;
    expect(run.steps[j]!.checks[0]).toEqual(real);
    expect(run.outcome.sentence).not.toBe('Edited.');
    expect(run.ledger[0]!.why).not.toBe('edited');
    expect(run.steps[j]!.label).toBe(t.runs[0].steps[j].label);
  });

  it('a changed level or reason is one ledger disagreement, not also an evidence one', async () => {
    const t = one();
    t.runs[0].ledger[0].level = 'proven';
    t.runs[0].ledger[0].evidence = [{ step: 9 }];
    const d = (await found(t)).filter((x) => x.what.startsWith('ledger user-presence'));
    expect(d.map((x) => x.what)).toEqual(['ledger user-presence']);
    const w = one();
    w.runs[0].ledger[0].why = 'because';
    w.runs[0].ledger[0].evidence = [];
    expect((await found(w)).filter((x) => x.what.startsWith('ledger user-presence')).map((x) => x.what)).toEqual(['ledger user-presence']);
  });

  it('a step whose op this program does not know is reported once, without its claims compared', async () => {
    const t = one();
    const j = t.runs[0].steps.findIndex((s: Json) => s.checks.length > 0 && Object.keys(s.knowledge).length > 0);
    expect(j).toBeGreaterThanOrEqual(0);
    t.runs[0].steps[j].op = 'nobody.knows';
    const at2 = (await found(t)).filter((x) => x.step === j);
    // The script's op and the evaluator both say so; no check or knowledge claim is compared there.
    expect(at2.length).toBeGreaterThan(0);
    expect(at2.map((x) => x.what).filter((w) => w !== 'op')).toEqual([]);
  });

  it('a step whose shown field and whose claims are both edited: each is reported', async () => {
    const t = one();
    const j = t.runs[0].steps.findIndex((s: Json) => s.checks.length > 0);
    const step = t.runs[0].steps[j];
    step.label = `${step.label} (edited)`;
    step.checks[0].status = step.checks[0].status === 'pass' ? 'fail' : 'pass';
    expect((await found(t)).filter((x) => x.step === j).map((x) => x.what)).toEqual(['label', `check ${step.checks[0].id}`]);
  });

  it('two runs that each claim to fork the other are both still verified', async () => {
    const trace = parseTrace(JSON.stringify(one(0)));
    const run = trace.runs[0]!;
    const at = run.steps.findIndex((s) => s.op === 'rp.receiveAssertion');
    const a: TraceRun = { ...run, fork: { of: 1, at, change: { kind: 'counter', value: 3 } } };
    const b: TraceRun = { ...run, fork: { of: 0, at, change: { kind: 'counter', value: 4 } } };
    const v = await verifyTrace({ ...trace, runs: [a, b] });
    expect(v.runs.map((r) => r.index)).toEqual([0, 1]);
    expect(v.runs.every((r) => r.disagreements.length > 0)).toBe(true);
  });
});

describe('a fork is compared field by field with the remade one', () => {
  const forked = async () => {
    const trace = parseTrace(JSON.stringify(one(0)));
    const original = { ...trace.runs[0]!, seed: trace.runs[0]!.seed ?? 0, secrets: trace.runs[0]!.secrets ?? [] };
    const at = original.steps.findIndex((s) => s.op === 'rp.receiveAssertion');
    const fork = (await forkRun(original, at, { kind: 'counter', value: 0 }, { of: 0 })).run;
    return { json: JSON.parse(serializeTrace(createTrace([original, fork], { title: 't', created: trace.created, generator: trace.generator }))), at };
  };
  const forkSteps = async (t: Json) => (await found(t)).filter((x) => x.run === 1 && x.what === 'fork step').map((x) => x.step);
  const forkSpec = async (t: Json) => (await found(t)).filter((x) => x.run === 1 && x.what === 'fork spec').length;

  it('every field of a step: phase, label, op, attacker mark, payload name, encoding and bytes', async () => {
    const { json, at } = await forked();
    expect(await forkSteps(json)).toEqual([]);
    const edits: [string, (s: Json) => void][] = [
      ['phase', (s) => (s.phase = s.phase === 'submit' ? 'verify' : 'submit')],
      ['label', (s) => (s.label = `${s.label}!`)],
      ['op', (s) => (s.op = 'ua.get')],
      ['attacker', (s) => (s.attacker = !s.attacker)],
      ['payload name', (s) => (s.payloads[0].name = 'renamed')],
      ['encoding', (s) => (s.payloads[0].encoding = s.payloads[0].encoding === 'binary' ? 'text' : 'binary')],
      ['bytes', (s) => (s.payloads[0].bytes = s.payloads[0].bytes.startsWith('A') ? `B${s.payloads[0].bytes.slice(1)}` : `A${s.payloads[0].bytes.slice(1)}`)],
    ];
    for (const [name, edit] of edits) {
      const t = structuredClone(json);
      edit(t.runs[1].steps[at]);
      expect(await forkSteps(t), name).toContain(at);
    }
    const moved = structuredClone(json);
    moved.runs[1].steps[at - 1].from = moved.runs[1].steps[at - 1].to;
    moved.runs[1].steps[at - 1].kind = 'local';
    expect(await forkSteps(moved)).toContain(at - 1);
  });

  it('an attacker mark written as false reads as no mark', async () => {
    const { json, at } = await forked();
    const j = json.runs[1].steps.findIndex((s: Json, k: number) => k !== at && s.attacker === undefined);
    json.runs[1].steps[j].attacker = false;
    expect(await forkSteps(json)).toEqual([]);
  });

  it('a step that differs from the remade one is reported once: its claims are not compared as well', async () => {
    const { json, at } = await forked();
    const j = json.runs[1].steps.findLastIndex((s: Json) => s.checks.length > 0);
    const step = json.runs[1].steps[j];
    step.op = 'ua.get';
    step.checks[0].status = step.checks[0].status === 'pass' ? 'fail' : 'pass';
    expect((await found(json)).filter((x) => x.run === 1).map((x) => `${x.step} ${x.what}`)).toEqual([`${j} fork step`]);
    expect(j).toBeGreaterThan(at);
  });

  it('its spec: scenario, intended action, actors and seed must be its origin’s', async () => {
    const { json } = await forked();
    expect(await forkSpec(json)).toBe(0);
    const edits: [string, (r: Json) => void][] = [
      ['scenario', (r) => (r.spec.scenario = 'replay')],
      ['intended', (r) => (r.intended = { kind: 'sign-in' })],
      ['actors', (r) => (r.actors[0].name = 'Someone else')],
      ['seed', (r) => (r.spec.seed = r.spec.seed + 1)],
    ];
    for (const [name, edit] of edits) {
      const t = structuredClone(json);
      edit(t.runs[1]);
      expect(await forkSpec(t), name).toBe(1);
    }
  });
});

