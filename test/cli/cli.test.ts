/**
 * The built CLI, run the way a user runs it: `node cli/proofline.mjs …` after `npm run build:cli`.
 * Exit codes are the contract (DESIGN.md §5): 0 agree/ok, 1 disagree, 2 unusable input.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CREATED = '2026-03-04T05:06:07.000Z';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['cli/proofline.mjs', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

let dir = '';
beforeAll(async () => {
  await new Promise<void>((resolve, reject) => execFile(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT }, (e) => (e ? reject(e) : resolve())));
  dir = mkdtempSync(join(tmpdir(), 'proofline-cli-'));
}, 60_000);

const f = (name: string): string => join(dir, name);

describe('proofline list', () => {
  it('lists flows with actors and options (default first) and scenarios', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('webauthn');
    expect(r.stdout).toContain('--option userVerification=preferred (default) | required | discouraged');
    expect(r.stdout).toContain('--option replayGuard=none (default) | tx-state');
    expect(r.stdout).toContain('tx-swap-before-display');
    const j = JSON.parse((await cli('list', '--json')).stdout);
    expect(j.flows.map((x: { id: string }) => x.id).sort()).toEqual(['biometric-only', 'device-key', 'otp', 'push-approval', 'webauthn']);
    expect(j.scenarios).toHaveLength(15);
    expect(r.stdout).toContain('skip-signature [5 of 103 RPs]');
    expect(r.stdout).toMatch(/n\/a: {5}tx-swap-after-approval: the approval carries no action/);
    expect(j.flows.find((x: { id: string }) => x.id === 'otp').notApplicable[0]).toMatchObject({ scenario: 'cloned-authenticator', options: { channel: 'sms' } });
    expect(j.scenarios.find((x: { id: string }) => x.id === 'mfa-fatigue').attackerAction).toBe('sign-in');
  });
});

describe('proofline record and verify', () => {
  it('records a run that verifies (exit 0); the same seed gives the same bytes', async () => {
    const a = await cli('record', '--flow', 'webauthn', '--scenario', 'replay', '--seed', '5', '--created', CREATED, '--out', f('a.proofline.json'));
    const b = await cli('record', '--flow', 'webauthn', '--scenario', 'replay', '--seed', '5', '--created', CREATED, '--out', f('b.proofline.json'));
    const c = await cli('record', '--flow', 'webauthn', '--scenario', 'replay', '--seed', '6', '--created', CREATED, '--out', f('c.proofline.json'));
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(readFileSync(f('a.proofline.json'))).toEqual(readFileSync(f('b.proofline.json')));
    expect(readFileSync(f('a.proofline.json'))).not.toEqual(readFileSync(f('c.proofline.json')));
    const v = await cli('verify', f('a.proofline.json'));
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('ok — 1 run agrees');
  });

  it('writes the trace to stdout without --out', async () => {
    const r = await cli('record', '--flow', 'device-key', '--scenario', 'honest', '--created', CREATED);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('proofline-trace');
  });

  it('puts several flows side by side in one file, one --json line per run', async () => {
    const r = await cli('record', '--flows', 'webauthn,biometric-only', '--flow', 'device-key', '--scenario', 'tx-swap-after-approval', '--option', 'binding=challenge', '--option', 'replayGuard=tx-state', '--created', CREATED, '--out', f('cmp.proofline.json'), '--json', '--title', 'Swap after approval');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.flow)).toEqual(['webauthn', 'biometric-only', 'device-key']);
    for (const l of lines) expect(Object.keys(l)).toEqual(['flow', 'options', 'scenario', 'outcome', 'actor', 'check', 'step', 'file']);
    expect(lines[0]).toMatchObject({ options: { binding: 'challenge' }, outcome: 'blocked', actor: 'rp', file: f('cmp.proofline.json') });
    expect(lines[1]).toMatchObject({ options: { replayGuard: 'tx-state' }, outcome: 'breach', actor: null, check: null });
    const trace = JSON.parse(readFileSync(f('cmp.proofline.json'), 'utf8'));
    expect(trace.title).toBe('Swap after approval');
    expect(trace.runs).toHaveLength(3);
    expect((await cli('verify', f('cmp.proofline.json'))).code).toBe(0);
  });

  it('--redact leaves out seeds and keys', async () => {
    expect((await cli('record', '--flow', 'webauthn', '--scenario', 'honest', '--redact', '--created', CREATED, '--out', f('r.proofline.json'))).code).toBe(0);
    const t = JSON.parse(readFileSync(f('r.proofline.json'), 'utf8'));
    expect(t.secrets).toEqual({ seed: false, keys: false });
    expect(t.runs[0].spec.seed).toBeNull();
    expect(t.runs[0].keys).toBeUndefined();
    expect((await cli('verify', f('r.proofline.json'))).code).toBe(0);
  });

  it('exit 1 names each disagreement: file, run, step, what, recorded vs recomputed', async () => {
    await cli('record', '--flow', 'webauthn', '--scenario', 'forged-approval', '--created', CREATED, '--out', f('edit.proofline.json'));
    const t = JSON.parse(readFileSync(f('edit.proofline.json'), 'utf8'));
    const step = t.runs[0].steps.findIndex((s: { checks: { status: string }[] }) => s.checks.some((c) => c.status === 'fail'));
    const failed = t.runs[0].steps[step].checks.find((c: { status: string }) => c.status === 'fail');
    failed.status = 'pass';
    t.runs[0].outcome.outcome = 'breach';
    writeFileSync(f('edit.proofline.json'), JSON.stringify(t, null, 2));
    const v = await cli('verify', f('edit.proofline.json'));
    expect(v.code).toBe(1);
    // Steps count from 1 on every surface; each line leads with the failed check and stays under 200 characters.
    expect(v.stdout).toContain(`${f('edit.proofline.json')}: check ${failed.id} at step ${step + 1} (run 0, webauthn/forged-approval): recorded pass, recomputed fail: `);
    expect(v.stdout).toMatch(/: outcome \(run 0, webauthn\/forged-approval\): recorded breach \(rp: rp.signature\) at step \d+, recomputed blocked \(rp: rp.signature\) at step \d+\n/);
    expect(v.stdout).not.toMatch(/breach - -/);
    for (const line of v.stdout.trim().split('\n')) expect(line.length).toBeLessThan(200);
    const j = JSON.parse((await cli('verify', '--json', f('edit.proofline.json'))).stdout);
    expect(j.status).toBe('disagree');
    expect(j.runs[0].disagreements.some((d: { step: number; what: string }) => d.step === step + 1 && d.what === `check ${failed.id}`)).toBe(true);
  });

  it('exit 1 when one byte of a payload changes', async () => {
    await cli('record', '--flow', 'biometric-only', '--scenario', 'honest', '--created', CREATED, '--out', f('byte.proofline.json'));
    const t = JSON.parse(readFileSync(f('byte.proofline.json'), 'utf8'));
    const step = t.runs[0].steps.findIndex((s: { from: string; to: string; payloads: unknown[] }) => s.from !== s.to && s.payloads.length > 0);
    const p = t.runs[0].steps[step].payloads[0];
    const bytes = Buffer.from(p.bytes, 'base64url');
    bytes[0]! ^= 0x20;
    p.bytes = bytes.toString('base64url');
    writeFileSync(f('byte.proofline.json'), JSON.stringify(t));
    const v = await cli('verify', f('byte.proofline.json'));
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/ at step \d+ \(run 0, biometric-only\/honest\): recorded pass, recomputed fail/);
  });

  it('exit 2 for an unreadable trace: one line with file and JSON path, no stack trace', async () => {
    await cli('record', '--flow', 'device-key', '--scenario', 'honest', '--created', CREATED, '--out', f('bad.proofline.json'));
    const t = JSON.parse(readFileSync(f('bad.proofline.json'), 'utf8'));
    t.runs[0].steps[1].payloads[0].bytes = 'not base64url!';
    writeFileSync(f('bad.proofline.json'), JSON.stringify(t));
    const v = await cli('verify', f('bad.proofline.json'));
    expect(v.code).toBe(2);
    expect(v.stderr).toBe(`proofline verify: ${f('bad.proofline.json')}: runs[0].steps[1].payloads[0].bytes: is not unpadded base64url (only A–Z a–z 0–9 - _ and no "=") (ERR_BASE64URL)\n`);
    const j = JSON.parse((await cli('verify', '--json', f('bad.proofline.json'))).stdout);
    expect(j).toMatchObject({ status: 'unreadable', error: { code: 'ERR_BASE64URL', path: 'runs[0].steps[1].payloads[0].bytes' } });
  });

  it.each([
    ['not JSON', 'hello', 'ERR_TRACE_JSON'],
    ['another JSON file', '{"name":"x"}', 'ERR_TRACE_VERSION'],
    ['a newer version', '{"format":"proofline-trace","version":4}', 'ERR_TRACE_VERSION'],
    ['a duplicate key', '{"format":"proofline-trace","format":"proofline-trace"}', 'ERR_TRACE_KEY'],
    ['__proto__', '{"__proto__":{"polluted":true}}', 'ERR_TRACE_KEY'],
    ['deep nesting', `{"a":${'['.repeat(100)}${']'.repeat(100)}}`, 'ERR_TRACE_DEPTH'],
  ])('exit 2 for %s', async (_name, content, code) => {
    writeFileSync(f('x.json'), content);
    const v = await cli('verify', f('x.json'));
    expect(v.code).toBe(2);
    expect(v.stderr.trim().split('\n')).toHaveLength(1);
    expect(v.stderr).toContain(`(${code})`);
    expect(v.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for a missing file; the worst exit code of several files wins', async () => {
    const missing = await cli('verify', f('nope.proofline.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`proofline verify: ${f('nope.proofline.json')}: cannot read: no such file\n`);
    expect((await cli('verify', f('a.proofline.json'), f('edit.proofline.json'))).code).toBe(1);
    expect((await cli('verify', f('edit.proofline.json'), f('nope.proofline.json'), f('a.proofline.json'))).code).toBe(2);
    expect((await cli('verify')).code).toBe(2);
  });

  it.each([
    [['--flow', 'sms', '--scenario', 'honest'], 'unknown flow "sms"'],
    [['--flow', 'webauthn', '--scenario', 'nope'], 'unknown scenario "nope"'],
    [['--flow', 'webauthn'], '--scenario is required'],
    [['--scenario', 'honest'], '--flow is required'],
    [['--flow', 'webauthn', '--scenario', 'honest', '--option', 'replayGuard=none'], 'unknown option "replayGuard" for webauthn'],
    [['--flow', 'webauthn', '--scenario', 'honest', '--option', 'binding=qr'], 'option binding expects one of none, challenge, spc, got "qr"'],
    [['--flow', 'webauthn', '--scenario', 'honest', '--seed', 'x'], '--seed expects an integer'],
    [['--flow', 'webauthn', '--scenario', 'honest', '--created', 'today'], '--created expects an ISO 8601 date-time'],
    [['--flow', 'webauthn', '--scenario', 'honest', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['--all'], '--all needs --out-dir DIR'],
    [['--all', '--out-dir', '/tmp/x', '--flow', 'webauthn'], 'it does not take --flow'],
  ])('record exits 2 on a bad command line: %j', async (args, message) => {
    const r = await cli('record', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('proofline record --bundle-out', () => {
  it('writes the response bundle the RP verified; check-response accepts an honest one', async () => {
    const r = await cli('record', '--flow', 'webauthn', '--scenario', 'honest', '--option', 'binding=spc', '--created', CREATED, '--out', f('h.proofline.json'), '--bundle-out', f('h.bundle.json'));
    expect(r.code).toBe(0);
    const bundle = JSON.parse(readFileSync(f('h.bundle.json'), 'utf8'));
    expect(bundle).toMatchObject({ ceremony: 'authentication', response: { type: 'public-key' } });
    expect((await cli('check-response', f('h.bundle.json'))).code).toBe(0);
    await cli('record', '--flow', 'webauthn', '--scenario', 'replay', '--created', CREATED, '--out', f('rp.proofline.json'), '--bundle-out', f('rp.bundle.json'));
    expect((await cli('check-response', f('rp.bundle.json'))).code).toBe(1);
  });

  it('exits 2 with a clear message, writing nothing, for a run without an RP assertion verification', async () => {
    const r = await cli('record', '--flow', 'device-key', '--scenario', 'honest', '--out', f('dk.proofline.json'), '--bundle-out', f('dk.bundle.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no step with op "rp.verifyAssertion"');
    expect(existsSync(f('dk.proofline.json'))).toBe(false);
    expect(existsSync(f('dk.bundle.json'))).toBe(false);
  });
});

describe('proofline record --all', () => {
  it('writes every flow × option set × scenario, one --json line each, and they all verify', async () => {
    const out = f('all');
    const r = await cli('record', '--all', '--out-dir', out, '--json', '--created', CREATED, '--redact');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // webauthn 3 × 2 × 2 × 3 option sets (rpFlaw held at none), biometric-only 2, device-key 1,
    // push-approval 4, otp 4; 15 scenarios each; n/a cells print a line with their reason and no file.
    expect(lines).toHaveLength((36 + 2 + 1 + 4 + 4) * 15);
    const na = lines.filter((l) => l.outcome === 'n/a');
    expect(na).toHaveLength(2 * 2 + 2 + 4 * 3 + (2 + 4 * 2));
    for (const l of na) {
      expect(Object.keys(l)).toEqual(['flow', 'options', 'scenario', 'outcome', 'actor', 'check', 'step', 'reason', 'file']);
      expect(l.file).toBeNull();
      expect(l.reason.length).toBeGreaterThan(20);
    }
    const runs = lines.filter((l) => l.outcome !== 'n/a');
    for (const l of runs) {
      expect(Object.keys(l)).toEqual(['flow', 'options', 'scenario', 'outcome', 'actor', 'check', 'step', 'file']);
      expect(['ok', 'blocked', 'breach', 'false-reject']).toContain(l.outcome);
      expect(existsSync(l.file)).toBe(true);
    }
    expect(new Set(runs.map((l) => l.file)).size).toBe(runs.length);
    const webauthnDefault = lines.find((l) => l.flow === 'webauthn' && l.scenario === 'honest');
    expect(webauthnDefault.options).toEqual({ userVerification: 'preferred', uvAvailable: true, credential: 'device-bound', binding: 'none' });
    const files = readdirSync(out).map((n) => join(out, n));
    expect(files).toHaveLength(runs.length);
    const v = await cli('verify', ...files);
    expect(v.code).toBe(0);
  }, 300_000);

  it('on worker threads writes the same files, byte for byte, and the same lines in the same order as on one thread', async () => {
    const one = await cli('record', '--all', '--out-dir', f('jobs1'), '--json', '--created', CREATED, '--jobs', '1');
    // Three threads: more than one worker, whatever the machine's cores.
    const three = await cli('record', '--all', '--out-dir', f('jobs3'), '--json', '--created', CREATED, '--jobs', '3');
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(three.stderr).toBe('');
    expect(three.stdout.split(f('jobs3')).join('DIR')).toBe(one.stdout.split(f('jobs1')).join('DIR'));
    const names = readdirSync(f('jobs1')).sort();
    expect(readdirSync(f('jobs3')).sort()).toEqual(names);
    expect(names.length).toBeGreaterThan(600);
    for (const n of names) expect(readFileSync(join(f('jobs3'), n), 'utf8'), n).toBe(readFileSync(join(f('jobs1'), n), 'utf8'));
    const plain = await cli('record', '--all', '--out-dir', f('jobs2'), '--created', CREATED, '--jobs', '2');
    expect(plain.stdout).toBe(`wrote ${names.length} traces to ${f('jobs2')}\n`);
  }, 300_000);

  it('--jobs takes 1 to 64 threads, and only with --all', async () => {
    for (const bad of ['0', '65', 'two', '1.5']) {
      const r = await cli('record', '--all', '--out-dir', f('jobsbad'), '--jobs', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--jobs expects a number of threads from 1 to 64, got "${bad}"`);
    }
    const r = await cli('record', '--flow', 'webauthn', '--scenario', 'honest', '--jobs', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs goes with --all');
  });
});
