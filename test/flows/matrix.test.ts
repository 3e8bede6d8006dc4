import { beforeAll, describe, expect, it } from 'vitest';
import { recordRun, reverifyRun, type FlowId, type FlowOptions, type ScenarioId } from '../../core/index.js';
import { applies } from '../../core/flows/catalog.js';
import { SCENARIO_IDS } from '../../core/flows/types.js';
import { computeMatrix, matrixColumns, type Matrix, type MatrixCell } from '../../core/matrix/index.js';

/**
 * The expected outcomes of DESIGN.md §2, asserted against runs whose outcome emerges from the real
 * checks in core/. The code holds no such table; only this test does.
 */
type Expect = string; // "ok" | "breach" | "blocked actor:check" | "blocked" | "false-reject actor:check"

const COLUMNS: { name: string; flow: FlowId; options: FlowOptions }[] = [
  { name: 'webauthn none', flow: 'webauthn', options: { binding: 'none' } },
  { name: 'webauthn challenge', flow: 'webauthn', options: { binding: 'challenge' } },
  { name: 'webauthn spc', flow: 'webauthn', options: { binding: 'spc' } },
  { name: 'biometric-only', flow: 'biometric-only', options: {} },
  { name: 'device-key', flow: 'device-key', options: {} },
];

const MATRIX: Record<string, Expect[]> = {
  honest: ['ok', 'ok', 'ok', 'ok', 'ok'],
  replay: ['blocked rp:rp.challenge', 'blocked rp:rp.challenge', 'blocked rp:rp.challenge', 'breach', 'blocked server:server.challenge'],
  'phishing-relay': ['blocked ua:ua.rpId', 'blocked ua:ua.rpId', 'blocked rp:rp.origin', 'breach', 'breach'],
  'forged-approval': ['blocked rp:rp.signature', 'blocked rp:rp.signature', 'blocked rp:rp.signature', 'breach', 'blocked server:server.signature'],
  'tx-swap-after-approval': ['breach', 'blocked rp:rp.challenge', 'blocked rp:rp.payment', 'breach', 'blocked server:server.signature'],
  'tx-swap-before-display': ['breach', 'breach', 'blocked user:user.confirm', 'breach', 'breach'],
  'stolen-unlocked-device': ['blocked authn:authn.uv', 'blocked authn:authn.uv', 'blocked authn:authn.uv', 'blocked sensor:sensor.match', 'blocked keystore:keystore.userAuthentication'],
  'cloned-authenticator': ['blocked rp:rp.signCount', 'blocked rp:rp.signCount', 'blocked rp:rp.signCount', 'breach', 'breach'],
  'byte-tamper': ['blocked rp:rp.signature', 'blocked rp:rp.signature', 'blocked rp:rp.signature', 'breach', 'blocked server:server.signature'],
};

function summary(o: { outcome: string; actor: string | null; check: string | null }): string {
  return o.actor ? `${o.outcome} ${o.actor}:${o.check}` : o.outcome;
}

describe('the outcome matrix of DESIGN.md §2 (default options)', () => {
  for (const [scenario, row] of Object.entries(MATRIX)) {
    COLUMNS.forEach((col, i) => {
      it(`${scenario} × ${col.name} → ${row[i]}`, async () => {
        const run = await recordRun({ flow: col.flow, scenario: scenario as ScenarioId, options: col.options, seed: 7 });
        expect(summary(run.outcome)).toBe(row[i]);
        if (run.outcome.outcome === 'breach') expect(run.outcome.sentence).toMatch(/^Breach: .+ executed “.+”/);
        const again = await reverifyRun(run);
        expect(again.disagreements).toEqual([]);
      });
    });
  }
});

describe('what a relay gains (issue 12 item 8)', () => {
  it.each(['phishing-relay', 'subdomain-takeover'] as const)('biometric-only %s: Bob’s phone approves the relay’s sign-in, and the bank executes the relay’s own payment', async (scenario) => {
    for (const replayGuard of ['none', 'tx-state'] as const) {
      const run = await recordRun({ flow: 'biometric-only', scenario, options: { replayGuard }, seed: 7 });
      expect(run.outcome.outcome).toBe('breach');
      const executed = run.steps.flatMap((s) => s.checks.filter((c) => c.id === 'server.execute' && c.status === 'pass').map((c) => ({ step: s.index, detail: c.detail })));
      // Two executions: the sign-in Bob's fingerprint approved, then the attacker's payment.
      expect(executed.map((e) => e.detail.replace(/^executed tx-[0-9a-f]+: /, ''))).toEqual(['sign in', '5000.00 EUR to Mallory']);
      expect(run.outcome.step).toBe(executed[1]!.step);
      expect(run.outcome.sentence).toMatch(/^Breach: the bank server executed “5000\.00 EUR to Mallory” for a transaction the attacker started\. Origin binding was missing/);
      // Bob approved on his own phone (a prompt with no amount, while paying on the look-alike), not the relay.
      const prompt = run.steps.find((s) => s.op === 'user.prompt')!;
      expect(prompt.attacker).toBeUndefined();
      expect(prompt.checks.find((c) => c.id === 'user.confirm')?.status).toBe('pass');
      expect(run.steps.find((s) => s.op === 'bank.receiveApproval' && !s.attacker)).toBeDefined();
      expect((await reverifyRun(run)).disagreements).toEqual([]);
    }
  });

  it('webauthn in the same scenario is still refused by the origin checks', async () => {
    const outcomes = await Promise.all((['none', 'challenge', 'spc'] as const).map(async (binding) => summary((await recordRun({ flow: 'webauthn', scenario: 'phishing-relay', options: { binding }, seed: 7 })).outcome)));
    expect(outcomes).toEqual(['blocked ua:ua.rpId', 'blocked ua:ua.rpId', 'blocked rp:rp.origin']);
  });
});

describe('the option changes DESIGN.md §2 names', () => {
  it.each([
    [{ userVerification: 'discouraged' }, 'breach'],
    [{ userVerification: 'preferred', uvAvailable: false }, 'breach'],
    [{ userVerification: 'required', uvAvailable: true }, 'blocked authn:authn.uv'],
    [{ userVerification: 'required', uvAvailable: false }, 'blocked authn:authn.uv'],
  ] as [FlowOptions, string][])('stolen-unlocked-device with %o → %s', async (options, expected) => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'stolen-unlocked-device', options, seed: 3 });
    expect(summary(run.outcome)).toBe(expected);
  });

  it('a synced credential: cloned-authenticator is a breach (counter stays 0), synced-new-device is ok', async () => {
    const cloned = await recordRun({ flow: 'webauthn', scenario: 'cloned-authenticator', options: { credential: 'synced' }, seed: 3 });
    expect(summary(cloned.outcome)).toBe('breach');
    expect(cloned.outcome.sentence).toMatch(/Clone detection was missing/);
    const synced = await recordRun({ flow: 'webauthn', scenario: 'synced-new-device', options: { credential: 'synced' }, seed: 3 });
    expect(summary(synced.outcome)).toBe('ok');
  });

  it('a device-bound credential: synced-new-device is a false reject', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'synced-new-device', options: { credential: 'device-bound' }, seed: 3 });
    expect(summary(run.outcome)).toBe('false-reject authn:authn.credential');
  });

  it('biometric-only with the tx-state replay guard: still a breach, because the attacker edits the txId', async () => {
    const run = await recordRun({ flow: 'biometric-only', scenario: 'replay', options: { replayGuard: 'tx-state' }, seed: 3 });
    expect(summary(run.outcome)).toBe('breach');
  });
});

/**
 * DESIGN.md §11 (part two), seed 7: the new flows, the new scenarios in the existing flows, and the
 * WebAuthn RP misconfiguration axis. Every cell is recorded through `computeMatrix` — the same path as
 * `proofline matrix` — and every run of a new flow or scenario re-verifies from its bytes.
 */
const NA = 'n/a';
const PUSH_OTP: Record<string, Expect[]> = {
  // push none·none, none·signed, code·none, code·signed | otp sms·none, sms·dynamic, totp·none, totp·dynamic
  honest: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  replay: ['breach', 'blocked server:server.challenge', 'breach', 'blocked server:server.challenge', 'blocked server:server.otp', 'blocked server:server.otp', 'blocked server:server.otpReplay', 'blocked server:server.otp'],
  'phishing-relay': ['breach', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach'],
  'forged-approval': ['breach', 'blocked server:server.signature', 'breach', 'blocked server:server.signature', 'blocked server:server.otp', 'blocked server:server.otp', 'blocked server:server.otp', 'blocked server:server.otp'],
  'tx-swap-after-approval': [NA, NA, NA, NA, 'breach', 'blocked server:server.otp', 'breach', 'blocked server:server.otp'],
  'tx-swap-before-display': ['blocked user:user.confirm', 'blocked user:user.confirm', 'blocked user:user.confirm', 'blocked user:user.confirm', 'breach', 'blocked user:user.confirm', 'breach', 'blocked user:user.confirm'],
  'stolen-unlocked-device': ['breach', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach'],
  'cloned-authenticator': ['breach', 'breach', 'breach', 'breach', NA, NA, 'breach', 'breach'],
  'byte-tamper': ['breach', 'blocked server:server.signature', 'breach', 'blocked server:server.signature', 'breach', 'blocked server:server.otp', 'breach', 'blocked server:server.otp'],
  'synced-new-device': ['ok', 'false-reject keystore:keystore.key', 'ok', 'false-reject keystore:keystore.key', 'ok', 'ok', 'ok', 'ok'],
  'mfa-fatigue': ['breach', 'breach', 'blocked server:server.numberMatch', 'blocked server:server.numberMatch', 'blocked server:server.otp', 'blocked server:server.otp', 'blocked server:server.otp', 'blocked server:server.otp'],
  'sim-swap': ['blocked user:user.confirm', 'blocked user:user.confirm', 'blocked user:user.confirm', 'blocked user:user.confirm', 'breach', 'breach', 'blocked server:server.otp', 'blocked server:server.otp'],
  'subdomain-takeover': ['breach', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach'],
  'silent-assertion': [NA, NA, NA, NA, NA, NA, NA, NA],
  'uv-downgrade': [NA, NA, NA, NA, NA, NA, NA, NA],
};

const NEW_IN_EXISTING: Record<string, Expect[]> = {
  // webauthn none, challenge, spc, biometric-only, device-key
  'mfa-fatigue': ['blocked authn:authn.credential', 'blocked authn:authn.credential', 'blocked authn:authn.credential', 'breach', 'breach'],
  'sim-swap': ['blocked authn:authn.credential', 'blocked authn:authn.credential', 'blocked authn:authn.credential', 'blocked user:user.confirm', 'blocked user:user.confirm'],
  'subdomain-takeover': ['blocked rp:rp.origin', 'blocked rp:rp.origin', 'blocked rp:rp.origin', 'breach', 'breach'],
  'silent-assertion': ['blocked rp:rp.userPresent', 'blocked rp:rp.userPresent', 'blocked rp:rp.userPresent', NA, NA],
  'uv-downgrade': ['breach', 'breach', 'blocked rp:rp.type', NA, NA],
};

const B = (check: string): Expect => `blocked ${check.split('.')[0]}:${check}`;
const RP_FLAW: Record<string, Expect[]> = {
  // none, skip-signature, accept-related-origin, reuse-challenge, accept-up0, ignore-uv, ignore-counter
  honest: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  replay: [B('rp.challenge'), B('rp.challenge'), B('rp.challenge'), B('rp.signCount'), B('rp.challenge'), B('rp.challenge'), B('rp.challenge')],
  'phishing-relay': Array(7).fill(B('ua.rpId')),
  'forged-approval': [B('rp.signature'), 'breach', B('rp.signature'), B('rp.signature'), B('rp.signature'), B('rp.signature'), B('rp.signature')],
  'tx-swap-after-approval': Array(7).fill('breach'),
  'tx-swap-before-display': Array(7).fill('breach'),
  'stolen-unlocked-device': Array(7).fill(B('authn.uv')),
  'cloned-authenticator': [B('rp.signCount'), B('rp.signCount'), B('rp.signCount'), B('rp.signCount'), B('rp.signCount'), B('rp.signCount'), 'breach'],
  'byte-tamper': [B('rp.signature'), 'breach', B('rp.signature'), B('rp.signature'), B('rp.signature'), B('rp.signature'), B('rp.signature')],
  'synced-new-device': Array(7).fill('false-reject authn:authn.credential'),
  'mfa-fatigue': Array(7).fill(B('authn.credential')),
  'sim-swap': Array(7).fill(B('authn.credential')),
  'subdomain-takeover': [B('rp.origin'), B('rp.origin'), 'breach', B('rp.origin'), B('rp.origin'), B('rp.origin'), B('rp.origin')],
  'silent-assertion': [B('rp.userPresent'), B('rp.userPresent'), B('rp.userPresent'), B('rp.userPresent'), 'breach', B('rp.userPresent'), B('rp.userPresent')],
  'uv-downgrade': Array(7).fill('breach'),
};

function cellSummary(c: MatrixCell): string {
  return c.outcome === 'n/a' ? NA : summary(c);
}

describe('DESIGN.md §11: the matrix on both axes (seed 7), through computeMatrix', () => {
  let flows: Matrix;
  let flaws: Matrix;
  beforeAll(async () => {
    flows = await computeMatrix({}, 7);
    flaws = await computeMatrix({}, 7, 'rpFlaw');
  }, 120_000);

  it('the flows axis has the 13 columns of §13.2, existing ids and positions kept', () => {
    expect(flows.columns.map((c) => c.id)).toEqual([
      'webauthn/none', 'webauthn/challenge', 'webauthn/spc', 'biometric-only', 'device-key',
      'push-approval/none+none', 'push-approval/none+signed', 'push-approval/code+none', 'push-approval/code+signed',
      'otp/sms+none', 'otp/sms+dynamic', 'otp/totp+none', 'otp/totp+dynamic',
    ]);
  });

  it('§2 is unchanged and §11.1, §11.2 hold cell by cell', () => {
    const got = Object.fromEntries(flows.rows.map((r) => [r.scenario, r.cells.map(cellSummary)]));
    for (const [scenario, row] of Object.entries(MATRIX)) expect(got[scenario]!.slice(0, 5), scenario).toEqual(row);
    for (const [scenario, row] of Object.entries(NEW_IN_EXISTING)) expect(got[scenario]!.slice(0, 5), scenario).toEqual(row);
    for (const [scenario, row] of Object.entries(PUSH_OTP)) expect(got[scenario]!.slice(5), scenario).toEqual(row);
  });

  it('an n/a cell gives the reason and is never a verdict', () => {
    const cell = flows.rows.find((r) => r.scenario === 'tx-swap-after-approval')!.cells.find((c) => c.column === 'push-approval/none+none')!;
    expect(cell).toMatchObject({ outcome: 'n/a', actor: null, check: null });
    expect(cell.sentence).toMatch(/nothing is submitted after the proof/);
  });

  it('§11.3 holds on the rpFlaw axis, with the prevalence on each flawed column', () => {
    expect(flaws.columns.map((c) => c.id)).toEqual(['none', 'skip-signature', 'accept-related-origin', 'reuse-challenge', 'accept-up0', 'ignore-uv', 'ignore-counter'].map((v) => `webauthn/rpFlaw=${v}`));
    expect(flaws.columns.map((c) => c.note ?? null)).toEqual([null, '5 of 103 RPs', '40 of 103 RPs', '22 of 103 RPs', '27 of 103 RPs', '10 of 103 RPs', '57 of 103 RPs']);
    const got = Object.fromEntries(flaws.rows.map((r) => [r.scenario, r.cells.map(cellSummary)]));
    expect(got).toEqual(RP_FLAW);
  });
});

describe('DESIGN.md §11: option variants and re-verification of the new runs', () => {
  it('uv-downgrade with userVerification=required is blocked at rp.userVerified (none, challenge), and a breach again under ignore-uv', async () => {
    for (const binding of ['none', 'challenge'] as const) {
      expect(summary((await recordRun({ flow: 'webauthn', scenario: 'uv-downgrade', options: { binding, userVerification: 'required' }, seed: 7 })).outcome)).toBe('blocked rp:rp.userVerified');
      expect(summary((await recordRun({ flow: 'webauthn', scenario: 'uv-downgrade', options: { binding, userVerification: 'required', rpFlaw: 'ignore-uv' }, seed: 7 })).outcome)).toBe('breach');
    }
  });

  it('silent-assertion with required under accept-up0 moves to rp.userVerified; reuse-challenge breaches replay with a synced passkey', async () => {
    expect(summary((await recordRun({ flow: 'webauthn', scenario: 'silent-assertion', options: { userVerification: 'required', rpFlaw: 'accept-up0' }, seed: 7 })).outcome)).toBe('blocked rp:rp.userVerified');
    expect(summary((await recordRun({ flow: 'webauthn', scenario: 'replay', options: { credential: 'synced', rpFlaw: 'reuse-challenge' }, seed: 7 })).outcome)).toBe('breach');
    expect(summary((await recordRun({ flow: 'webauthn', scenario: 'tx-swap-after-approval', options: { binding: 'challenge', rpFlaw: 'reuse-challenge' }, seed: 7 })).outcome)).toBe('breach');
  });

  it('every run of the new flows and scenarios re-verifies from its bytes', async () => {
    const problems: string[] = [];
    for (const column of matrixColumns()) {
      for (const scenario of SCENARIO_IDS) {
        if (applies(column.flow, scenario, column.options) !== true) continue;
        if (!['push-approval', 'otp'].includes(column.flow) && SCENARIO_IDS.indexOf(scenario) < SCENARIO_IDS.indexOf('mfa-fatigue')) continue;
        const run = await recordRun({ flow: column.flow, scenario, options: column.options, seed: 7 });
        const again = await reverifyRun(run);
        if (again.disagreements.length) problems.push(`${column.id} × ${scenario}: ${JSON.stringify(again.disagreements[0])}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('recording an n/a combination is refused with the reason (ERR_NOT_APPLICABLE), before anything runs', async () => {
    await expect(recordRun({ flow: 'push-approval', scenario: 'tx-swap-after-approval', options: {}, seed: 7 })).rejects.toMatchObject({ code: 'ERR_NOT_APPLICABLE' });
    await expect(recordRun({ flow: 'otp', scenario: 'cloned-authenticator', options: { channel: 'sms' }, seed: 7 })).rejects.toMatchObject({ code: 'ERR_NOT_APPLICABLE' });
  });
});

describe('J5: a fatigued user guessing the number (push, numberMatching=code)', () => {
  it('over 900 seeds the breach count lies within binomial bounds of 1/90', async () => {
    // n = 900, p = 1/90: mean 10, sd 3.1; [1, 22] holds with probability > 0.9999.
    let breaches = 0;
    for (let seed = 0; seed < 900; seed++) {
      const run = await recordRun({ flow: 'push-approval', scenario: 'mfa-fatigue', options: { numberMatching: 'code' }, seed });
      if (run.outcome.outcome === 'breach') breaches++;
      else expect(run.outcome.check).toBe('server.numberMatch');
    }
    expect(breaches).toBeGreaterThanOrEqual(1);
    expect(breaches).toBeLessThanOrEqual(22);
  }, 300_000);
});
