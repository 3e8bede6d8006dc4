import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { recordRun, SCENARIO_IDS } from '../../core/index.js';
import { cellText, computeMatrix, matrixColumns, matrixToMarkdown } from '../../core/matrix/index.js';

/** Run the CLI in-process with string sinks. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('computeMatrix', () => {
  it('has webauthn per binding, biometric-only, device-key, push-approval and otp per column option as columns and every scenario as a row', async () => {
    const m = await computeMatrix();
    expect(m.columns.map((c) => c.id)).toEqual(['webauthn/none', 'webauthn/challenge', 'webauthn/spc', 'biometric-only', 'device-key', 'push-approval/none+none', 'push-approval/none+signed', 'push-approval/code+none', 'push-approval/code+signed', 'otp/sms+none', 'otp/sms+dynamic', 'otp/totp+none', 'otp/totp+dynamic']);
    expect(m.rows.map((r) => r.scenario)).toEqual([...SCENARIO_IDS]);
    for (const row of m.rows) expect(row.cells.map((c) => c.column)).toEqual(m.columns.map((c) => c.id));
    expect(m.seed).toBe(1);
  });

  it('each cell is what recordRun decides for that flow, options and scenario', async () => {
    const m = await computeMatrix();
    for (const [r, c] of [[1, 0], [4, 1], [5, 2], [2, 4], [9, 0]] as const) {
      const col = m.columns[c]!;
      const run = await recordRun({ flow: col.flow, scenario: m.rows[r]!.scenario, options: col.options, seed: 1 });
      const cell = m.rows[r]!.cells[c]!;
      expect({ outcome: cell.outcome, actor: cell.actor, check: cell.check, sentence: cell.sentence }).toEqual({ outcome: run.outcome.outcome, actor: run.outcome.actor, check: run.outcome.check, sentence: run.outcome.sentence });
    }
  });

  it('given options go to the flows that take them; a given binding keeps only its column', async () => {
    const cols = matrixColumns({ userVerification: 'discouraged', replayGuard: 'tx-state' });
    expect(cols[0]!.options).toEqual({ userVerification: 'discouraged', binding: 'none' });
    expect(cols.find((c) => c.flow === 'biometric-only')!.options).toEqual({ replayGuard: 'tx-state' });
    expect(cols.find((c) => c.flow === 'device-key')!.options).toEqual({});
    expect(matrixColumns({ binding: 'spc' }).map((c) => c.id).slice(0, 3)).toEqual(['webauthn/spc', 'biometric-only', 'device-key']);
    expect(matrixColumns({ channel: 'totp' }, ['otp']).map((c) => c.id)).toEqual(['otp/totp+none', 'otp/totp+dynamic']);
    const m = await computeMatrix({ userVerification: 'discouraged' });
    const stolen = m.rows.find((r) => r.scenario === 'stolen-unlocked-device')!;
    const run = await recordRun({ flow: 'webauthn', scenario: 'stolen-unlocked-device', options: { userVerification: 'discouraged', binding: 'none' }, seed: 1 });
    expect(stolen.cells[0]!.outcome).toBe(run.outcome.outcome);
    expect(m.options).toEqual({ userVerification: 'discouraged' });
  });

  it('formats cells as short phrases and the Markdown table with a legend', async () => {
    expect(cellText({ outcome: 'blocked', actor: 'rp', check: 'rp.challenge' })).toBe('blocked (rp: rp.challenge)');
    expect(cellText({ outcome: 'false-reject', actor: 'authn', check: 'authn.credential' })).toBe('false reject (authn: authn.credential)');
    expect(cellText({ outcome: 'breach', actor: null, check: null })).toBe('breach');
    const md = matrixToMarkdown(await computeMatrix());
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + SCENARIO_IDS.length);
    expect(table[0]!.startsWith('| scenario | webauthn · none | webauthn · challenge | webauthn · spc | biometric-only | device-key | push-approval · none · none |')).toBe(true);
    for (const line of table) expect(line.split(/(?<!\\)\|/).length).toBe(16);
    expect(table.find((l) => l.startsWith('| tx-swap-after-approval |'))).toContain('n/a [1]');
    expect(md).toMatch(/Does not apply .*\n\n1\. the approval carries no action/);
    expect(md).toContain('Legend:');
  });
});

describe('proofline matrix', () => {
  it('prints Markdown by default and JSON with --format json (exit 0)', async () => {
    const md = await cli('matrix');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| honest (legitimate) |');
    const j = await cli('matrix', '--format', 'json', '--option', 'credential=synced', '--seed', '3');
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.options).toEqual({ credential: 'synced' });
    expect(parsed.seed).toBe(3);
    expect(parsed.columns).toHaveLength(13);
    expect(parsed.axis).toBeUndefined();
    expect(parsed.rows).toHaveLength(SCENARIO_IDS.length);
    expect(Object.keys(parsed.rows[0].cells[0]).sort()).toEqual(['actor', 'check', 'column', 'outcome', 'sentence']);
    const synced = parsed.rows.find((r: { scenario: string }) => r.scenario === 'synced-new-device');
    const run = await recordRun({ flow: 'webauthn', scenario: 'synced-new-device', options: { credential: 'synced', binding: 'none' }, seed: 3 });
    expect(synced.cells[0].outcome).toBe(run.outcome.outcome);
  });

  it('--axis rpFlaw spreads the flaw into 7 webauthn columns with their prevalence; --flows only with --axis flows', async () => {
    const j = JSON.parse((await cli('matrix', '--axis', 'rpFlaw', '--format', 'json', '--seed', '7')).stdout);
    expect(j.axis).toBe('rpFlaw');
    expect(j.columns.map((c: { id: string }) => c.id)[1]).toBe('webauthn/rpFlaw=skip-signature');
    expect(j.columns[1].note).toBe('5 of 103 RPs');
    const forged = j.rows.find((r: { scenario: string }) => r.scenario === 'forged-approval');
    expect(forged.cells.map((c: { outcome: string }) => c.outcome)).toEqual(['blocked', 'breach', 'blocked', 'blocked', 'blocked', 'blocked', 'blocked']);
    const bad = await cli('matrix', '--axis', 'rpFlaw', '--flows', 'webauthn');
    expect(bad.code).toBe(2);
    expect((await cli('matrix', '--axis', 'colour')).stderr).toMatch(/--axis expects flows or an option key/);
  }, 60_000);

  it.each([
    [['--option', 'binding=maybe'], /option binding expects one of none, challenge, spc, got "maybe"/],
    [['--option', 'colour=red'], /unknown option "colour"/],
    [['--option', 'nokey'], /--option expects key=value/],
    [['--format', 'csv'], /--format expects md or json/],
    [['--seed', 'x'], /--seed expects an integer/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await cli('matrix', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
