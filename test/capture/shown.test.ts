/**
 * Issue 13 item 1 for captured runs: everything a captured run shows — each step's phase, sender,
 * receiver, attacker mark, label and caption, and the run's actors, scenario, options and capture
 * record — is recomputed from its bytes and inputs (core/capture/replay.ts). Every edit of one such
 * field is a disagreement naming the step and the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DERIVED } from '../../core/capture/script.js';
import { forkRun } from '../../core/fork/index.js';
import type { Run, Step } from '../../core/flows/types.js';
import { verifyTrace, type Trace, type TraceRun } from '../../core/trace/index.js';
import { capture } from './helpers.js';

const PHASES = ['enroll', 'challenge', 'display', 'gesture', 'proof', 'submit', 'verify', 'decide'] as const;

let trace: Trace;
/** The captured runs: the ceremony, the attacks on its bytes, a counter set back, the look-alike attempt. */
let captured: TraceRun[];

beforeAll(async () => {
  const { result } = await capture('device-bound', { userVerification: 'preferred', binding: 'challenge' });
  trace = result.trace;
  const first = trace.runs[0]!;
  // core's authenticator registers with counter 0, so the capture offers no counter attack; make
  // the one attacks.ts makes for a counting key (a fork of the counter, not re-signed).
  const proof = first.steps.findIndex((s) => s.op === 'authn.captured' && s.payloads.some((p) => p.name === 'authenticatorData'));
  const { fork: _f, ...forked } = (await forkRun({ ...first, seed: 0, secrets: [] } as Run, proof, { kind: 'counter', value: 0 })).run;
  const cloned: TraceRun = { ...forked, seed: null, scenario: 'cloned-authenticator', capture: { ...first.capture!, derived: DERIVED.counter(1, 0) } };
  captured = [...trace.runs.filter((r) => r.capture), cloned];
}, 60_000);

async function verifyOne(run: TraceRun) {
  return (await verifyTrace({ ...trace, runs: [run] })).disagreements;
}

function withStep(run: TraceRun, j: number, edit: (s: Step) => Step): TraceRun {
  return { ...run, steps: run.steps.map((s, i) => (i === j ? edit(s) : s)) };
}

describe('a captured run shows only what its bytes and inputs say', () => {
  it('each captured run of the trace agrees as recorded', async () => {
    expect(captured.map((r) => r.scenario)).toEqual(['honest', 'replay', 'tx-swap-after-approval', 'byte-tamper', 'phishing-relay', 'cloned-authenticator']);
    for (const run of captured) expect(await verifyOne(run), run.scenario).toEqual([]);
  });

  it('a session finished after the registration keeps only the registration, and agrees', async () => {
    const { result } = await capture('device-bound', { userVerification: 'required', binding: 'none' }, false, false);
    const run = result.trace.runs[0]!;
    expect(run.steps.map((s) => s.op).at(-1)).toBe('rp.verifyRegistration');
    expect(await verifyOne(run)).toEqual([]);
    // Cut inside the registration, it does not.
    expect((await verifyOne({ ...run, steps: run.steps.slice(0, 4) })).some((d) => d.what === 'step')).toBe(true);
  });

  it('every edit of a step’s phase, sender, receiver, attacker mark, label or caption is a disagreement at that step and field', async () => {
    let edits = 0;
    for (const run of captured) {
      const actors = run.actors.map((a) => a.id);
      for (const [j, step] of run.steps.entries()) {
        const other = (id: string) => actors.find((a) => a !== id && a !== step.from && a !== step.to) ?? 'attacker';
        const cases: [string, (s: Step) => Step][] = [
          ['phase', (s) => ({ ...s, phase: PHASES.find((p) => p !== s.phase)! })],
          ['from', (s) => ({ ...s, from: other(s.from) as Step['from'] })],
          ['to', (s) => ({ ...s, to: other(s.to) as Step['to'] })],
          ['attacker', (s) => { const { attacker: was, ...rest } = s; return was ? rest : { ...rest, attacker: true }; }],
          ['label', (s) => ({ ...s, label: `${s.label} (edited)` })],
          ['caption', (s) => ({ ...s, caption: `${s.caption} So says the trace.` })],
        ];
        for (const [field, edit] of cases) {
          const found = await verifyOne(withStep(run, j, edit));
          edits++;
          expect(found.some((d) => d.step === j && d.what === field), `${run.scenario} step ${j + 1} ${field}: ${JSON.stringify(found.slice(0, 3))}`).toBe(true);
        }
      }
    }
    expect(edits).toBeGreaterThan(400);
  }, 120_000);

  it('an edited actor, scenario, option or capture record is a disagreement naming it', async () => {
    const run = captured[0]!;
    const expectWhat = async (edited: TraceRun, what: string) => {
      const found = await verifyOne(edited);
      expect(found.map((d) => d.what), what).toContain(what);
    };
    await expectWhat({ ...run, actors: run.actors.map((a) => (a.id === 'authn' ? { ...a, name: 'A bank-issued token' } : a)) }, 'actors');
    await expectWhat({ ...run, actors: run.actors.filter((a) => a.id !== 'user') }, 'actors');
    await expectWhat({ ...run, options: { ...run.options, binding: 'none' } }, 'options');
    await expectWhat({ ...run, options: { ...run.options, userVerification: 'required' } }, 'options');
    await expectWhat({ ...run, capture: { ...run.capture!, derived: 'replay of the captured assertion against a new transaction' } }, 'capture.derived');
    await expectWhat({ ...run, capture: { ...run.capture!, origin: 'http://localhost:1' } }, 'capture.origin');
    await expectWhat({ ...run, capture: { ...run.capture!, device: { ...run.capture!.device!, model: 'Titan Security Key' } } }, 'capture.device');
    await expectWhat({ ...run, capture: { ...run.capture!, device: { ...run.capture!.device!, attestationFormat: 'none' } } }, 'capture.device');
    // An attack relabelled as the captured ceremony: its extra steps and its `derived` say otherwise.
    const replay = captured[1]!;
    await expectWhat({ ...replay, scenario: 'honest' }, 'step');
    await expectWhat({ ...replay, scenario: 'honest' }, 'capture.derived');
    // A look-alike attempt relabelled a replay: the script's steps differ from the first that differs.
    const lookAlike = captured[4]!;
    expect((await verifyOne({ ...lookAlike, scenario: 'replay' })).length).toBeGreaterThan(0);
    // The counter a cloned run was set back to is in its bytes.
    const cloned = captured[5]!;
    await expectWhat({ ...cloned, capture: { ...cloned.capture!, derived: DERIVED.counter(1, 7) } }, 'capture.derived');
  });
});
