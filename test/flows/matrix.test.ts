import { describe, expect, it } from 'vitest';
import { recordRun, reverifyRun, type FlowId, type FlowOptions, type ScenarioId } from '../../core/index.js';

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
    expect(cloned.outcome.sentence).toMatch(/Clone detection was absent/);
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
