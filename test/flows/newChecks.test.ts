import { describe, expect, it } from 'vitest';
import { recordRun, type FlowId, type FlowOptions, type ScenarioId, type Step } from '../../core/index.js';
import { reevaluateSteps } from '../../core/flows/runs.js';
import { bytesToUtf8, utf8ToBytes } from '../../core/codec/bytes.js';
import { parseBundle, verifyBundle } from '../../core/bundle/index.js';
import { bundleFromRun } from '../../core/trace/bundle.js';
import { FLAWED_CHECK, RP_FLAWS, isDisabledByConfiguration } from '../../core/rp/flaws.js';

/**
 * A negative test for each check the new flows add (DESIGN.md §8, §10): record a real run, change
 * one payload the way an attacker or a broken peer would, re-evaluate the same bytes, and the named
 * check fails. And rpFlaw: on the same bytes, the flaw changes exactly one check, and check-response
 * (strict) rejects what the flawed RP accepted.
 */

type Edit = (json: Record<string, unknown>) => void;

async function edited(spec: { flow: FlowId; scenario: ScenarioId; options?: FlowOptions }, op: string, payload: string, edit: Edit, nth = 0) {
  const run = await recordRun({ ...spec, options: spec.options ?? {}, seed: 7 });
  let seen = 0;
  const { steps } = await reevaluateSteps(run.steps, {
    prepare: (step: Step) => {
      if (step.op !== op || seen++ !== nth) return step;
      return { ...step, payloads: step.payloads.map((p) => {
        if (p.name !== payload) return p;
        const j = JSON.parse(bytesToUtf8(p.bytes)) as Record<string, unknown>;
        edit(j);
        return { ...p, bytes: utf8ToBytes(JSON.stringify(j)) };
      }) };
    },
  });
  return steps.flatMap((s) => s.step.checks);
}

function status(checks: { id: string; status: string }[], id: string): string[] {
  return checks.filter((c) => c.id === id).map((c) => c.status);
}

const body = (j: Record<string, unknown>) => j.body as Record<string, unknown>;

describe('negative tests for the new checks', () => {
  it('server.device: a device token the bank never issued', async () => {
    const checks = await edited({ flow: 'push-approval', scenario: 'honest' }, 'bank.receivePushApproval', 'request', (j) => (j.authorization = 'Device forged'));
    expect(status(checks, 'server.device')).toContain('fail');
  });
  it('server.approvalClaim: "approved" is not true', async () => {
    const checks = await edited({ flow: 'push-approval', scenario: 'honest' }, 'bank.receivePushApproval', 'request', (j) => (body(j).approved = false));
    expect(status(checks, 'server.approvalClaim')).toEqual(['fail']);
  });
  it('server.numberMatch: a wrong number typed', async () => {
    const checks = await edited({ flow: 'push-approval', scenario: 'honest', options: { numberMatching: 'code' } }, 'bank.receivePushApproval', 'request', (j) => (body(j).number = body(j).number === '42' ? '43' : '42'));
    expect(status(checks, 'server.numberMatch')).toEqual(['fail']);
  });
  it('server.challenge and server.signature (push, signed): another challenge; a flipped signature', async () => {
    const a = await edited({ flow: 'push-approval', scenario: 'honest', options: { approvalKey: 'signed' } }, 'bank.receivePushApproval', 'request', (j) => (body(j).challenge = 'AAAA' + String(body(j).challenge).slice(4)));
    expect(status(a, 'server.challenge')).toEqual(['fail']);
    const b = await edited({ flow: 'push-approval', scenario: 'honest', options: { approvalKey: 'signed' } }, 'bank.receivePushApproval', 'request', (j) => { const s = String(body(j).signature); body(j).signature = s.slice(0, 20) + (s[20] === 'A' ? 'B' : 'A') + s.slice(21); });
    expect(status(b, 'server.signature')).toEqual(['fail']);
  });
  it('server.activation: an activation code the bank did not issue', async () => {
    const checks = await edited({ flow: 'push-approval', scenario: 'honest' }, 'bank.registerDevice', 'request', (j) => (body(j).activationCode = '00'));
    expect(status(checks, 'server.activation')).toContain('fail');
  });
  it('server.otp and server.otpReplay', async () => {
    for (const options of [{ channel: 'sms', linking: 'none' }, { channel: 'sms', linking: 'dynamic' }, { channel: 'totp', linking: 'none' }, { channel: 'totp', linking: 'dynamic' }] as FlowOptions[]) {
      const checks = await edited({ flow: 'otp', scenario: 'honest', options }, 'bank.receiveOtp', 'request', (j) => (body(j).code = String(body(j).code).replace(/^./, (d) => (d === '1' ? '2' : '1'))));
      expect(status(checks, 'server.otp'), JSON.stringify(options)).toEqual(['fail']);
    }
    const replay = await recordRun({ flow: 'otp', scenario: 'replay', options: { channel: 'totp' }, seed: 7 });
    expect(replay.steps.flatMap((s) => s.checks).filter((c) => c.id === 'server.otpReplay').map((c) => c.status)).toEqual(['pass', 'fail']);
  });
  it('carrier.route: a delivery to a SIM the number does not map to; carrier.identity: a caller who cannot answer', async () => {
    const route = await edited({ flow: 'otp', scenario: 'honest' }, 'carrier.deliver', 'sms', (j) => (j.iccid = '0000'));
    expect(status(route, 'carrier.route')).toEqual(['fail']);
    const identity = await edited({ flow: 'otp', scenario: 'sim-swap' }, 'carrier.swap', 'swap', (j) => (j.answeredSecurityQuestions = false));
    expect(status(identity, 'carrier.identity')).toEqual(['fail']);
  });
  it('server.password: a wrong password', async () => {
    const checks = await edited({ flow: 'push-approval', scenario: 'sim-swap' }, 'bank.login', 'request', (j) => (body(j).password = 'guess'));
    expect(status(checks, 'server.password')).toEqual(['fail']);
  });
  it('user.confirm on a phone prompt: an SMS naming another payee is declined', async () => {
    const checks = await edited({ flow: 'otp', scenario: 'honest', options: { linking: 'dynamic' } }, 'user.prompt', 'prompt', (j) => (j.sms = String(j.sms).replace('to Alice', 'to Mallory')));
    expect(status(checks, 'user.confirm')).toEqual(['pass', 'fail']); // the page, then the SMS
  });
});

const FLAW_BREACH: Record<string, { scenario: ScenarioId; options?: FlowOptions }> = {
  'skip-signature': { scenario: 'forged-approval' },
  'accept-related-origin': { scenario: 'subdomain-takeover' },
  'reuse-challenge': { scenario: 'replay', options: { credential: 'synced' } },
  'accept-up0': { scenario: 'silent-assertion' },
  'ignore-uv': { scenario: 'uv-downgrade', options: { userVerification: 'required' } },
  'ignore-counter': { scenario: 'cloned-authenticator' },
};

describe('rpFlaw (DESIGN.md §10)', () => {
  for (const flaw of RP_FLAWS.filter((f) => f !== 'none')) {
    it(`${flaw}: on the same bytes, exactly ${FLAWED_CHECK[flaw]} changes; check-response rejects the breach it lets through`, async () => {
      const { scenario, options = {} } = FLAW_BREACH[flaw]!;
      const run = await recordRun({ flow: 'webauthn', scenario, options: { ...options, rpFlaw: flaw }, seed: 7 });
      expect(run.outcome.outcome).toBe('breach');
      // The same bytes with the policy's rpFlaw removed: the strict RP.
      const { steps } = await reevaluateSteps(run.steps, {
        prepare: (step) => step.op !== 'rp.policy' ? step : { ...step, payloads: step.payloads.map((p) => {
          const j = JSON.parse(bytesToUtf8(p.bytes)) as Record<string, unknown>;
          delete j.rpFlaw;
          return { ...p, bytes: utf8ToBytes(JSON.stringify(j)) };
        }) },
      });
      // Within the RP's verification (its consequence, rp.execute, follows from the verdict).
      const changed = new Set<string>();
      run.steps.forEach((s, i) => {
        if (s.op !== 'rp.verifyAssertion') return;
        for (const c of s.checks) {
          const strict = steps[i]!.step.checks.find((x) => x.id === c.id);
          if (!strict || strict.status !== c.status || strict.detail !== c.detail) changed.add(c.id);
        }
        expect(s.checks.map((c) => c.id)).toEqual(steps[i]!.step.checks.map((c) => c.id));
      });
      expect([...changed]).toEqual([FLAWED_CHECK[flaw]]);
      const flawed = [...run.steps].reverse().find((s) => s.op === 'rp.verifyAssertion')!.checks.find((c) => c.id === FLAWED_CHECK[flaw])!;
      expect(isDisabledByConfiguration(flawed)).toBe(true);
      expect(flawed.detail).toMatch(new RegExp(`^disabled by configuration \\(rpFlaw=${flaw}\\): .+; the strict check would have failed`));
      const bundle = await verifyBundle(parseBundle(bundleFromRun(run)));
      expect(bundle.verdict).toBe('rejected');
      expect(bundle.checks.find((c) => c.status === 'fail')!.id).toBe(FLAWED_CHECK[flaw]);
    });
  }

  it('the weakened rule still rejects what it does not cover: the look-alike under accept-related-origin (SPC), a challenge never issued', async () => {
    const spc = await recordRun({ flow: 'webauthn', scenario: 'phishing-relay', options: { binding: 'spc', rpFlaw: 'accept-related-origin' }, seed: 7 });
    expect([spc.outcome.outcome, spc.outcome.check]).toEqual(['blocked', 'rp.origin']);
    expect(spc.outcome.sentence).toMatch(/still rejects "https:\/\/examp1e-bank\.com"/);
    const forged = await recordRun({ flow: 'webauthn', scenario: 'byte-tamper', options: { rpFlaw: 'reuse-challenge' }, seed: 7 });
    expect(forged.outcome.outcome).toBe('blocked');
  });
});
