// Every case of test/vectors/*.json through the bundle verifier, and through the built CLI.
// Suites are named after the source file; unsupported cases are listed, with a reason, and counted.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MUTATING } from '../mutating.js';
import { verifyBundle } from '../../core/bundle/index.js';

const run = promisify(execFile);
const DIR = new URL('.', import.meta.url).pathname;
const ROOT = join(DIR, '..', '..');

interface VectorCase {
  id: string;
  ceremony: string;
  verdict: 'valid' | 'invalid';
  failingChecks?: string[];
  alsoFailing?: string[];
  [k: string]: unknown;
}

/** Vector check names → Proofline check ids. */
const CHECK_IDS: Record<string, string[]> = {
  type: ['rp.type'],
  challenge: ['rp.challenge'],
  origin: ['rp.origin'],
  crossOrigin: ['rp.crossOrigin', 'rp.topOrigin'],
  rpIdHash: ['rp.rpIdHash'],
  userPresent: ['rp.userPresent'],
  userVerified: ['rp.userVerified'],
  signCount: ['rp.signCount'],
  signature: ['rp.signature'],
  publicKey: ['rp.credentialKey'],
  attestation: ['rp.attestation'],
  attestationObject: ['rp.attestationObject'],
};

/** Cases whose verdict depends on something the bundle does not carry. Keep short; each has a reason. */
const UNSUPPORTED: Record<string, string> = {
  'w3c/android-key-es256/registration':
    'the same bytes are valid in W3C\'s informative test vectors and invalid for go-webauthn (go-webauthn/spec-e2e/registration/AndroidKeyES256): both Android Key authorization lists are empty, and WebAuthn L3 §8.4 requires origin KM_ORIGIN_GENERATED and purpose KM_PURPOSE_SIGN in them, so Proofline rejects them (rp.androidKey.origin, rp.androidKey.purpose) as go-webauthn does',
};

// The WebAuthn vector files are JSON arrays of cases; other JSON here (otp-rfc.json, the OTP
// flows' RFC vectors) has its own suite.
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && Array.isArray(JSON.parse(readFileSync(join(DIR, f), 'utf8')))).sort();
const all: { file: string; c: VectorCase }[] = files.flatMap((file) => (JSON.parse(readFileSync(join(DIR, file), 'utf8')) as VectorCase[]).map((c) => ({ file, c })));

function acceptableFailures(c: VectorCase): string[] {
  return [...(c.failingChecks ?? []), ...(c.alsoFailing ?? [])].flatMap((n) => CHECK_IDS[n] ?? [`unmapped:${n}`]);
}

it('has 172 cases, exactly 1 unsupported', () => {
  expect(all).toHaveLength(172);
  const skipped = all.filter(({ c }) => c.id in UNSUPPORTED);
  expect(skipped).toHaveLength(1);
  expect(Object.keys(UNSUPPORTED)).toHaveLength(1);
});

for (const file of files) {
  describe(file.replace(/\.json$/, ''), () => {
    for (const { c } of all.filter((x) => x.file === file)) {
      const reason = UNSUPPORTED[c.id];
      it.skipIf(reason !== undefined)(c.id, async () => {
        const r = await verifyBundle(c);
        const failed = r.checks.filter((x) => x.status === 'fail').map((x) => x.id);
        expect(r.verdict, failed.join(', ')).toBe(c.verdict === 'valid' ? 'accepted' : 'rejected');
        if (c.verdict === 'invalid') expect(failed.some((id) => acceptableFailures(c).includes(id)), `failed ${failed.join(', ')}; expected one of ${acceptableFailures(c).join(', ')}`).toBe(true);
        // Every check carries a Level 3 (or SPC) clause and a one-sentence detail.
        for (const x of r.checks) {
          expect(x.spec).toMatch(/^(WebAuthn L3 §|SPC)/);
          expect(x.detail.length).toBeGreaterThan(0);
        }
      });
    }
  });
}

describe.skipIf(MUTATING)('check-response CLI on the vectors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proofline-vectors-'));
  // Each CLI run is a Node start-up (~0.8 s), so the CLI gets every rejected case plus the first
  // accepted case of each source, and every case with an RP policy in its bundle; the in-process
  // suite above covers all of them.
  const firstValid = new Set(files.map((f) => all.find((x) => x.file === f && x.c.verdict === 'valid')!.c.id));
  const cases = all
    .filter(({ c }) => !(c.id in UNSUPPORTED) && (c.verdict === 'invalid' || firstValid.has(c.id) || 'policy' in c))
    .map(({ c }, i) => ({ c, path: join(dir, `case-${i}.json`) }));

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
    for (const { c, path } of cases) writeFileSync(path, JSON.stringify(c));
  }, 60_000);

  it('gives every case its source verdict (exit 0/1) and the exact --json shape', async () => {
    const results: { id: string; code: number; out: string }[] = [];
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { c, path } = next;
          try {
            const { stdout } = await run(process.execPath, ['cli/proofline.mjs', 'check-response', path, '--json'], { cwd: ROOT });
            results.push({ id: c.id, code: 0, out: stdout });
          } catch (e) {
            const err = e as { code: number; stdout: string };
            results.push({ id: c.id, code: err.code, out: err.stdout });
          }
        }
      }),
    );
    expect(results).toHaveLength(cases.length);
    expect(cases.length).toBe(38 + files.length + 1);
    for (const { id, code, out } of results) {
      const c = cases.find((x) => x.c.id === id)!.c;
      expect(code, id).toBe(c.verdict === 'valid' ? 0 : 1);
      const json = JSON.parse(out) as { verdict: string; checks: Record<string, unknown>[] };
      expect(Object.keys(json).sort()).toEqual(['checks', 'verdict']);
      expect(json.verdict).toBe(c.verdict === 'valid' ? 'accepted' : 'rejected');
      for (const x of json.checks) expect(Object.keys(x).sort()).toEqual(['detail', 'id', 'spec', 'status']);
      if (c.verdict === 'invalid') expect(json.checks.some((x) => x.status === 'fail' && acceptableFailures(c).includes(x.id as string)), id).toBe(true);
    }
  }, 120_000);

  it('prints a readable report and exits 1 on a rejected case', async () => {
    const rejected = cases.find(({ c }) => c.id === 'yubico/assertion-spec/wrong-challenge')!;
    const err = await run(process.execPath, ['cli/proofline.mjs', 'check-response', rejected.path], { cwd: ROOT }).catch((e: { code: number; stdout: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    const out = (err as { stdout: string }).stdout;
    expect(out).toMatch(/FAIL\s+rp\.challenge\s+WebAuthn L3 §7\.2 step 11\s+expected challenge/);
    expect(out).toMatch(/verdict: rejected \(failed: rp\.challenge\)/);
  });

  it('exits 2 with one line on stderr for a missing file, non-JSON and a wrong shape', async () => {
    writeFileSync(join(dir, 'not.json'), '{"ceremony": ');
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ ceremony: 'authentication', expected: { rpId: 'a', origin: 'b', challenge: 'c' }, response: { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'e30' } } }));
    for (const [file, pattern] of [
      [join(dir, 'missing.json'), /cannot read .*missing\.json: no such file/],
      [join(dir, 'not.json'), /not\.json is not JSON \(.*line 1, column 14/],
      [join(dir, 'shape.json'), /shape\.json is not a response bundle: \$\.credentialPublicKey: is missing/],
    ] as const) {
      const err = (await run(process.execPath, ['cli/proofline.mjs', 'check-response', file], { cwd: ROOT }).catch((e: unknown) => e)) as { code: number; stderr: string; stdout: string };
      expect(err.code).toBe(2);
      expect(err.stdout).toBe('');
      expect(err.stderr.trim().split('\n')).toHaveLength(1);
      expect(err.stderr).toMatch(pattern);
      expect(err.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
