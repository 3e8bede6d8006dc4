import { describe, expect, it } from 'vitest';
import { recordRun, reverifyRun, type Run } from '../../core/index.js';
import { FORK_CAPTION_SUFFIX, forkableChanges, forkRun } from '../../core/fork/index.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';

const CREATED = '2026-01-02T03:04:05.000Z';
const GENERATOR = { name: 'proofline', version: '0.0.0-test' };

function stepOf(run: Run, op: string): number {
  const i = run.steps.findIndex((s) => s.op === op);
  if (i < 0) throw new Error(`no ${op} step`);
  return i;
}

function summary(o: { outcome: string; actor: string | null; check: string | null }): string {
  return o.actor ? `${o.outcome} ${o.actor}:${o.check}` : o.outcome;
}

describe('forkRun', () => {
  it('honest webauthn, UV flipped in the authenticator’s assertion: the copy at the RP changes too, rp.signature fails → blocked', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    expect(run.outcome.outcome).toBe('ok');
    const at = stepOf(run, 'authn.getAssertion');
    const flags = forkableChanges(run, at).find((c) => c.kind === 'flag');
    expect(flags && flags.kind === 'flag' && flags.current.UV).toBe(true);
    const f = await forkRun(run, at, { kind: 'flag', flag: 'UV', value: false });
    expect(summary(f.run.outcome)).toBe('blocked rp:rp.signature');
    const submit = stepOf(run, 'rp.receiveAssertion');
    expect(f.changedSteps).toEqual([at, submit]);
    for (const i of f.changedSteps) {
      expect(f.run.steps[i]!.attacker).toBe(true);
      expect(f.run.steps[i]!.caption.endsWith(FORK_CAPTION_SUFFIX)).toBe(true);
      expect(f.run.steps[i]!.payloads.find((p) => p.name === 'authenticatorData')!.bytes[32]! & 0x04).toBe(0);
    }
    // The signature is the original one: nothing was re-signed.
    expect(f.run.steps[submit]!.payloads.find((p) => p.name === 'signature')!.bytes).toEqual(run.steps[submit]!.payloads.find((p) => p.name === 'signature')!.bytes);
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ id: 'rp.signature', before: 'pass', after: 'fail' }));
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ id: 'rp.execute', before: 'pass', after: 'skip' }));
    expect(f.changedLedger).toContainEqual(expect.objectContaining({ property: 'key-possession', before: 'proven', after: 'failed' }));
    expect(f.changedLedger).toContainEqual(expect.objectContaining({ property: 'user-verification', before: 'attested', after: 'absent' }));
    expect(f.run.fork).toEqual({ of: 0, at, change: { kind: 'flag', flag: 'UV', value: false } });
    // The original run is untouched.
    expect(run.outcome.outcome).toBe('ok');
    expect(run.steps[at]!.attacker).toBeUndefined();
  });

  it('honest device-key, amount changed in the approval: server.signature fails → blocked', async () => {
    const run = await recordRun({ flow: 'device-key', scenario: 'honest', options: {}, seed: 1 });
    const at = stepOf(run, 'bank.receiveSignedApproval');
    expect(forkableChanges(run, at).map((c) => c.kind)).toContain('action');
    const f = await forkRun(run, at, { kind: 'action', amount: { value: '5000.00', currency: 'EUR' } });
    expect(summary(f.run.outcome)).toBe('blocked server:server.signature');
    expect(JSON.parse(bytesToUtf8(f.run.steps[at]!.payloads[0]!.bytes)).body.action.amount).toEqual({ value: '5000.00', currency: 'EUR' });
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ id: 'server.signature', before: 'pass', after: 'fail' }));
    expect(f.changedLedger).toContainEqual(expect.objectContaining({ property: 'action-binding', before: 'proven', after: 'failed' }));
  });

  it('honest webauthn, binding none, the submitted amount changed: the RP executes 5000 → breach', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: { binding: 'none' }, seed: 1 });
    const f = await forkRun(run, stepOf(run, 'rp.receiveAssertion'), { kind: 'action', amount: { value: '5000.00', currency: 'EUR' } });
    expect(summary(f.run.outcome)).toBe('breach');
    expect(f.run.outcome.sentence).toMatch(/executed “5000\.00 EUR to Alice” on an approval the attacker sent or altered\.$/);
    expect(f.changedChecks).toEqual([]);
  });

  it('the same with binding challenge: the RP re-derives the challenge from the submitted action → blocked rp.challenge', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: { binding: 'challenge' }, seed: 1 });
    const f = await forkRun(run, stepOf(run, 'rp.receiveAssertion'), { kind: 'action', amount: { value: '5000.00', currency: 'EUR' } });
    expect(summary(f.run.outcome)).toBe('blocked rp:rp.challenge');
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ id: 'rp.challenge', before: 'pass', after: 'fail' }));
    expect(f.changedLedger).toContainEqual(expect.objectContaining({ property: 'action-binding', before: 'proven', after: 'failed' }));
  });

  it('stops where an actor halts: an origin changed in the browser’s clientDataJSON stops the run at the browser; later steps are dropped', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const at = stepOf(run, 'ua.get');
    const f = await forkRun(run, at, { kind: 'origin', value: 'https://examp1e-bank.com' });
    expect(summary(f.run.outcome)).toBe('blocked ua:ua.clientData');
    expect(f.run.steps).toHaveLength(at + 1);
    expect(f.droppedSteps).toEqual(run.steps.slice(at + 1).map((s) => s.index));
    expect(f.changedSteps).toEqual([at]);
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ step: run.steps.length - 1, id: 'rp.execute', before: 'pass', after: null }));
  });

  it('a changed challenge keeps the browser’s clientDataHash consistent and is caught by the RP', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const f = await forkRun(run, stepOf(run, 'ua.get'), { kind: 'challenge', value: 'AAAA' });
    expect(summary(f.run.outcome)).toBe('blocked rp:rp.challenge');
  });

  it('a counter set back on the submission is caught at rp.signCount or rp.signature', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const f = await forkRun(run, stepOf(run, 'rp.receiveAssertion'), { kind: 'counter', value: 0 });
    expect(f.run.outcome.outcome).toBe('blocked');
    expect(['rp.signCount', 'rp.signature']).toContain(f.run.outcome.check);
  });

  it('validates its inputs with clear errors', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    await expect(forkRun(run, run.steps.length, { kind: 'counter', value: 1 })).rejects.toThrow(RangeError);
    await expect(forkRun(run, -1, { kind: 'counter', value: 1 })).rejects.toThrow(/"at" expected a step index from 0 to/);
    await expect(forkRun(run, 0, { kind: 'flag', flag: 'UV', value: true })).rejects.toThrow('step 0 carries no authenticatorData');
    await expect(forkRun(run, 0, { kind: 'origin', value: 'x' })).rejects.toThrow('step 0 carries no clientDataJSON');
    await expect(forkRun(run, 0, { kind: 'action', payee: { name: 'Mallory', iban: 'X' } })).rejects.toThrow('step 0 carries no action');
    await expect(forkRun(run, stepOf(run, 'rp.receiveAssertion'), { kind: 'counter', value: -1 })).rejects.toThrow(RangeError);
    await expect(forkRun(run, stepOf(run, 'rp.receiveAssertion'), { kind: 'action' })).rejects.toThrow(/an amount or a payee/);
  });

  it('forkableChanges lists the kinds that apply at a step', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    expect(forkableChanges(run, 0).map((c) => c.kind)).toEqual(['rpFlaw']);
    expect(forkableChanges(run, stepOf(run, 'rp.registrationOptions'))).toEqual([]);
    expect(forkableChanges(run, stepOf(run, 'rp.receiveAssertion')).map((c) => c.kind)).toEqual(['flag', 'counter', 'origin', 'challenge', 'action']);
    expect(forkableChanges(run, stepOf(run, 'authn.getAssertion')).map((c) => c.kind)).toEqual(['flag', 'counter']);
    const origin = forkableChanges(run, stepOf(run, 'ua.get')).find((c) => c.kind === 'origin');
    expect(origin?.current).toBe('https://example.com');
    expect(() => forkableChanges(run, 99)).toThrow(RangeError);
  });

  it('a fork saved in a trace with its fork member round-trips and re-verifies', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const f = await forkRun(run, stepOf(run, 'authn.getAssertion'), { kind: 'flag', flag: 'UV', value: false }, { of: 0 });
    expect((await reverifyRun(f.run)).disagreements).toEqual([]);
    const text = serializeTrace(createTrace([run, f.run], { title: 'What if', created: CREATED, generator: GENERATOR }));
    const trace = parseTrace(text);
    expect(trace.runs[1]!.fork).toEqual(f.run.fork);
    expect(trace.runs[0]!.fork).toBeUndefined();
    const v = await verifyTrace(trace);
    expect(v.disagreements).toEqual([]);
    expect(serializeTrace(trace)).toBe(text);
    const bad = JSON.parse(text);
    bad.runs[1].fork.of = 1;
    expect(() => parseTrace(JSON.stringify(bad))).toThrow(/runs\[1\]\.fork\.of/);
    bad.runs[1].fork.of = 0;
    bad.runs[1].fork.at = 999;
    expect(() => parseTrace(JSON.stringify(bad))).toThrow(/runs\[1\]\.fork\.at/);
  });
});
