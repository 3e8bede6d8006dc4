/** The commands called directly (no child process): exit codes, output and the injected clock. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { makeRecordCommand, optionSets, traceFileName } from '../../cli/commands/record.js';
import { listing } from '../../cli/commands/list.js';
import { flowDefinition } from '../../core/flows/registry.js';
import type { CliIO } from '../../cli/io.js';

function sink(): CliIO & { out: () => string; err: () => string } {
  let o = '';
  let e = '';
  return { stdout: { write: (s: string) => (o += s) }, stderr: { write: (s: string) => (e += s) }, out: () => o, err: () => e };
}

const dir = mkdtempSync(join(tmpdir(), 'proofline-cmd-'));

describe('commands called directly', () => {
  it('list: every flow option with its default first', () => {
    const l = listing();
    const webauthn = l.flows.find((f) => f.id === 'webauthn')!;
    expect(webauthn.options.map((o) => [o.key, o.default])).toEqual([
      ['userVerification', 'preferred'],
      ['uvAvailable', true],
      ['credential', 'device-bound'],
      ['binding', 'none'],
      ['rpFlaw', 'none'],
    ]);
    expect(webauthn.options.find((o) => o.key === 'rpFlaw')!.notes!['ignore-counter']).toBe('57 of 103 RPs');
    expect(webauthn.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['rp', 'ua', 'authn', 'user']));
  });

  it('record takes `created` from the injected clock unless --created is given', async () => {
    const record = makeRecordCommand({ now: () => new Date(Date.UTC(2030, 4, 6, 7, 8, 9)) });
    const io = sink();
    expect(await record(['--flow', 'device-key', '--scenario', 'honest', '--out', join(dir, 'clock.proofline.json')], io)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'clock.proofline.json'), 'utf8')).created).toBe('2030-05-06T07:08:09.000Z');
    expect(await record(['--flow', 'device-key', '--scenario', 'honest', '--created', '2020-01-01T00:00:00Z', '--out', join(dir, 'fixed.proofline.json')], io)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'fixed.proofline.json'), 'utf8')).created).toBe('2020-01-01T00:00:00Z');
  });

  it('option sets are every combination, the default set first; file names are distinct', () => {
    const sets = optionSets(flowDefinition('webauthn'));
    expect(sets).toHaveLength(36);
    expect(sets[0]).toEqual({ userVerification: 'preferred', uvAvailable: true, credential: 'device-bound', binding: 'none', rpFlaw: 'none' });
    expect(optionSets(flowDefinition('webauthn'), true)).toHaveLength(36 * 7);
    expect(new Set(sets.map((s) => traceFileName('webauthn', s, 'honest'))).size).toBe(36);
    expect(optionSets(flowDefinition('device-key'))).toEqual([{}]);
    expect(traceFileName('device-key', {}, 'replay')).toBe('device-key__replay.proofline.json');
  });

  it('main: verify exit codes 0, 1 and 2 through main()', async () => {
    const file = join(dir, 'm.proofline.json');
    expect(await main(['record', '--flow', 'biometric-only', '--scenario', 'replay', '--created', '2026-01-01T00:00:00Z', '--out', file], sink())).toBe(0);
    const ok = sink();
    expect(await main(['verify', file], ok)).toBe(0);
    expect(ok.out()).toContain('1 run agrees');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    t.runs[0].ledger[0].why = 'edited';
    writeFileSync(file, JSON.stringify(t));
    const bad = sink();
    expect(await main(['verify', file], bad)).toBe(1);
    expect(bad.out()).toMatch(/: ledger [a-z-]+ \(run 0, biometric-only\/replay\): recorded [a-z]+: .*edited/);
    writeFileSync(file, '{"format":"proofline-trace","version":1,"runs":[]}');
    const unreadable = sink();
    expect(await main(['verify', file], unreadable)).toBe(2);
    expect(unreadable.err()).toMatch(/^proofline verify: .*m\.proofline\.json: title: .* \(ERR_TRACE_SHAPE\)\n$/);
  });

  it('main: usage errors exit 2 with one message', async () => {
    const io = sink();
    expect(await main(['verify', '--bogus'], io)).toBe(2);
    expect(io.err()).toContain("proofline verify: Unknown option '--bogus'");
    expect(await main(['list', 'extra'], sink())).toBe(2);
  });
});
