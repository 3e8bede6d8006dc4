/**
 * A reader that goes away (`proofline verify X | head`): the CLI ends quietly — no EPIPE stack
 * on standard error — with the exit code of its result (docs/cli.md, "Closed output").
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Run the CLI and close its standard output after the first chunk, as `| head -1` does. */
function headOne(args: string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/proofline.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let stderr = '';
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, first, stderr }));
  });
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
}, 60_000);

describe('a closed pipe', () => {
  it('verify of many traces | head: exit 0 (they all agree), nothing on standard error', async () => {
    const traces = readdirSync(join(ROOT, 'traces')).filter((f) => f.endsWith('.proofline.json')).map((f) => join('traces', f));
    // Many files, so output continues well after the reader has gone.
    const r = await headOne(['verify', ...traces, ...traces, ...traces]);
    expect(r.first).toContain(': ok — ');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('record --all --json | head: exit 0, nothing on standard error, every file still written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proofline-pipe-'));
    const r = await headOne(['record', '--all', '--out-dir', dir, '--json', '--created', '2026-01-01T00:00:00.000Z']);
    expect(JSON.parse(r.first.split('\n')[0]!)).toHaveProperty('outcome');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).length).toBeGreaterThan(100);
  }, 120_000);
});
