import { describe, expect, it } from 'vitest';
import { recordRun, type Run } from '../../core/index.js';
import { changeText, FORK_CAPTION_SUFFIX, forkableChanges, forkRun } from '../../core/fork/index.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';

// The what-if kinds of DESIGN.md §13.4: rpFlaw (the RP's configuration), number (typed in push
// number matching) and code (the one-time code typed). Expected outcomes come from recording the
// same scenario with the option directly, or from DESIGN.md §11; the fork code holds none.

const CREATED = '2026-01-02T03:04:05.000Z';
const GENERATOR = { name: 'proofline', version: '0.0.0-test' };

function stepOf(run: Run, op: string, last = false): number {
  const all = run.steps.filter((s) => s.op === op);
  const s = last ? all[all.length - 1] : all[0];
  if (!s) throw new Error(`no ${op} step`);
  return s.index;
}

function summary(o: { outcome: string; actor: string | null; check: string | null }): string {
  return o.actor ? `${o.outcome} ${o.actor}:${o.check}` : o.outcome;
}

function json(run: Run, index: number, payload: string): Record<string, unknown> {
  return JSON.parse(bytesToUtf8(run.steps[index]!.payloads.find((p) => p.name === payload)!.bytes)) as Record<string, unknown>;
}

async function roundTrip(original: Run, fork: Run & { readonly fork: unknown }): Promise<void> {
  const text = serializeTrace(createTrace([original, fork], { title: 'What if', created: CREATED, generator: GENERATOR }));
  const trace = parseTrace(text);
  expect(trace.runs[1]!.fork).toEqual(fork.fork);
  expect((await verifyTrace(trace)).disagreements).toEqual([]);
}

describe('what-if rpFlaw', () => {
  it('forged-approval under a strict RP, forked with skip-signature at the verification: the same bytes as recording with the flaw → breach', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'forged-approval', options: {}, seed: 7 });
    const flawed = await recordRun({ flow: 'webauthn', scenario: 'forged-approval', options: { rpFlaw: 'skip-signature' }, seed: 7 });
    expect(summary(run.outcome)).toBe('blocked rp:rp.signature');
    const at = stepOf(run, 'rp.verifyAssertion');
    const offered = forkableChanges(run, at).find((c) => c.kind === 'rpFlaw');
    expect(offered).toEqual({ kind: 'rpFlaw', payload: 'policy', current: 'none' });
    const f = await forkRun(run, at, { kind: 'rpFlaw', value: 'skip-signature' });
    expect(summary(f.run.outcome)).toBe(summary(flawed.outcome));
    expect(f.run.outcome.outcome).toBe('breach');
    // Exactly the policy changed, and it is the RP's own configuration, not the attacker's step.
    const policy = stepOf(run, 'rp.policy');
    expect(f.changedSteps).toEqual([policy]);
    expect(f.run.steps[policy]!.attacker ?? false).toBe(false);
    expect(f.run.steps[policy]!.caption.endsWith(FORK_CAPTION_SUFFIX)).toBe(true);
    expect(json(f.run, policy, 'policy').rpFlaw).toBe('skip-signature');
    expect(f.run.steps[policy]!.payloads[0]!.bytes).toEqual(flawed.steps[policy]!.payloads[0]!.bytes);
    expect(f.run.options.rpFlaw).toBe('skip-signature');
    const sig = f.run.steps[at]!.checks.find((c) => c.id === 'rp.signature')!;
    expect(sig.status).toBe('skip');
    expect(sig.detail).toMatch(/^disabled by configuration \(rpFlaw=skip-signature\)/);
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ id: 'rp.signature', before: 'fail', after: 'skip' }));
    expect(changeText(f.run.fork.change)).toBe('rpFlaw = skip-signature');
    await roundTrip(run, f.run);
  });

  it('a flawed run forked back to a strict RP (none): rpFlaw leaves the policy and the options, and the breach is blocked again', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'subdomain-takeover', options: { rpFlaw: 'accept-related-origin' }, seed: 7 });
    expect(run.outcome.outcome).toBe('breach');
    const f = await forkRun(run, stepOf(run, 'rp.policy'), { kind: 'rpFlaw', value: 'none' });
    expect(summary(f.run.outcome)).toBe('blocked rp:rp.origin');
    expect(f.run.options.rpFlaw).toBeUndefined();
    expect('rpFlaw' in json(f.run, 0, 'policy')).toBe(false);
  });

  it('is refused where there is no RP policy, and for an unknown flaw', async () => {
    const push = await recordRun({ flow: 'push-approval', scenario: 'honest', options: {}, seed: 7 });
    await expect(forkRun(push, 0, { kind: 'rpFlaw', value: 'skip-signature' })).rejects.toThrow(/no RP policy/);
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 7 });
    await expect(forkRun(run, 0, { kind: 'rpFlaw', value: 'trust-everyone' as never })).rejects.toThrow(/"value" expected one of none, skip-signature/);
    expect(forkableChanges(push, stepOf(push, 'bank.verifyPushApproval')).map((c) => c.kind)).toEqual([]);
  });
});

describe('what-if number', () => {
  it('Bob types another number than the page showed: the tap and the approval that forwards it change, server.numberMatch fails → blocked', async () => {
    const run = await recordRun({ flow: 'push-approval', scenario: 'honest', options: { numberMatching: 'code' }, seed: 7 });
    const tap = stepOf(run, 'app.tap');
    const shown = String(json(run, tap, 'tap').number);
    expect(forkableChanges(run, tap)).toContainEqual({ kind: 'number', payload: 'tap', current: shown });
    const other = shown === '42' ? '43' : '42';
    const f = await forkRun(run, tap, { kind: 'number', value: other });
    expect(f.changedSteps).toEqual([tap, stepOf(run, 'bank.receivePushApproval')]);
    expect((json(f.run, stepOf(run, 'bank.receivePushApproval'), 'request').body as Record<string, unknown>).number).toBe(other);
    expect(summary(f.run.outcome)).toBe('blocked server:server.numberMatch');
    await roundTrip(run, f.run);
  });

  it('the fatigued user’s guess replaced by the number the attacker’s page showed: numberMatch passes → breach (the 1-in-90 case)', async () => {
    const run = await recordRun({ flow: 'push-approval', scenario: 'mfa-fatigue', options: { numberMatching: 'code' }, seed: 7 });
    expect(summary(run.outcome)).toBe('blocked server:server.numberMatch');
    const issued = String(json(run, stepOf(run, 'bank.transactionCreated', true), 'response').number);
    const f = await forkRun(run, stepOf(run, 'app.tap'), { kind: 'number', value: issued });
    expect(f.run.outcome.outcome).toBe('breach');
    expect(f.changedChecks).toContainEqual(expect.objectContaining({ id: 'server.numberMatch', before: 'fail', after: 'pass' }));
  });

  it('at the submission alone, only what the app sends changes', async () => {
    const run = await recordRun({ flow: 'push-approval', scenario: 'honest', options: { numberMatching: 'code' }, seed: 7 });
    const post = stepOf(run, 'bank.receivePushApproval');
    const f = await forkRun(run, post, { kind: 'number', value: '7' });
    expect(f.changedSteps).toEqual([post]);
    expect(f.run.outcome.check).toBe('server.numberMatch');
  });

  it('is refused where nothing is typed, or when the value is not digits', async () => {
    const run = await recordRun({ flow: 'push-approval', scenario: 'honest', options: { numberMatching: 'code' }, seed: 7 });
    await expect(forkRun(run, 0, { kind: 'number', value: '12' })).rejects.toThrow('step 0 carries no typed number');
    await expect(forkRun(run, stepOf(run, 'app.tap'), { kind: 'number', value: '1a' })).rejects.toThrow(/1 to 10 decimal digits/);
    const plain = await recordRun({ flow: 'push-approval', scenario: 'honest', options: {}, seed: 7 });
    expect(forkableChanges(plain, stepOf(plain, 'app.tap')).map((c) => c.kind)).toEqual([]);
  });
});

describe('what-if code', () => {
  for (const options of [{ channel: 'sms', linking: 'none' }, { channel: 'totp', linking: 'none' }, { channel: 'totp', linking: 'dynamic' }] as const) {
    it(`otp ${options.channel}·${options.linking}: another code typed → server.otp recomputes and refuses it → blocked`, async () => {
      const run = await recordRun({ flow: 'otp', scenario: 'honest', options, seed: 7 });
      const typed = stepOf(run, 'ua.enterCode');
      const code = String(json(run, typed, 'typed').code);
      expect(forkableChanges(run, typed)).toContainEqual({ kind: 'code', payload: 'typed', current: code });
      const other = code.replace(/^./, (d) => String((Number(d) + 1) % 10));
      const f = await forkRun(run, typed, { kind: 'code', value: other });
      expect(f.changedSteps).toEqual([typed, stepOf(run, 'bank.receiveOtp')]);
      expect(summary(f.run.outcome)).toBe('blocked server:server.otp');
      expect(changeText(f.run.fork.change)).toBe(`typed code ${other}`);
      await roundTrip(run, f.run);
    });
  }

  it('sim-swap with dynamic linking forked with a wrong code: the attacker who read the SMS is blocked only by its own typo', async () => {
    const run = await recordRun({ flow: 'otp', scenario: 'sim-swap', options: { linking: 'dynamic' }, seed: 7 });
    expect(run.outcome.outcome).toBe('breach');
    const post = stepOf(run, 'bank.receiveOtp');
    const f = await forkRun(run, post, { kind: 'code', value: '000000' });
    expect(summary(f.run.outcome)).toBe('blocked server:server.otp');
  });
});
