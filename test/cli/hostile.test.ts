/**
 * Hostile inputs cost little (issue 13): the built CLI reads only regular files, refused by type
 * before anything is read (a FIFO, /dev/zero and links to them would hang or grow without bound),
 * and a response bundle larger than its limit is refused unread. Each case is made by the test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { specialFiles } from '../specialFiles.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Run the built CLI; a run still going after 30 s is killed and reported as code -1. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['cli/proofline.mjs', ...args], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

let dir = '';
beforeAll(async () => {
  await new Promise<void>((resolve, reject) => execFile(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT }, (e) => (e ? reject(e) : resolve())));
  dir = mkdtempSync(join(tmpdir(), 'proofline-hostile-'));
}, 60_000);

describe('only regular files are read', () => {
  it('verify, export and check-response refuse a FIFO, /dev/zero and links to them by type, at once', { timeout: 120_000 }, async () => {
    const cases: [string, RegExp][] = [...specialFiles(dir), [dir, /is a directory/]];
    const runs = cases.flatMap(([file, why]) => [['verify', file], ['export', file, '--format', 'md'], ['check-response', file]].map((args) => ({ args, why })));
    const results = [];
    // Three at a time: the machine these run on is small.
    for (let i = 0; i < runs.length; i += 3) results.push(...(await Promise.all(runs.slice(i, i + 3).map(({ args }) => cli(...args)))));
    for (const [i, { args, why }] of runs.entries()) {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(why);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('a trace over 32 MiB and a bundle over 1 MiB are refused before reading', async () => {
    const big = join(dir, 'big.proofline.json');
    writeFileSync(big, '');
    truncateSync(big, 32 * 1024 * 1024 + 1);
    const v = await cli('verify', big);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('(ERR_TRACE_SIZE)');
    const bundle = join(dir, 'big.bundle.json');
    writeFileSync(bundle, '');
    truncateSync(bundle, 1024 * 1024 + 1);
    const c = await cli('check-response', bundle);
    expect(c.code).toBe(2);
    expect(c.stderr).toBe(`proofline check-response: cannot read ${bundle}: is 1048577 bytes; the limit is 1048576\n`);
  });

  it('a bundle with a duplicate key is not a bundle', async () => {
    const dup = join(dir, 'dup.bundle.json');
    writeFileSync(dup, '{"ceremony":"authentication","ceremony":"registration"}');
    const c = await cli('check-response', dup);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/dup\.bundle\.json is not JSON \(ceremony: the key "ceremony" appears twice in one object\)/);
  });
});
