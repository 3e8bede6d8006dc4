/**
 * A real response saved as a trace (what the app's "Open response…" then Save writes), through the
 * built CLI: `verify` exits 0 on the untouched file and 1, naming the step and field, on an edited
 * one; `export` writes its report.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundle } from '../../core/bundle/index.js';
import { openResponse } from '../../core/response/index.js';
import { createTrace, serializeTrace } from '../../core/trace/trace.js';
import { findMoreSuites } from '../vectors/sharedVectors.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['cli/proofline.mjs', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

let dir = '';
let file = '';
beforeAll(async () => {
  await new Promise<void>((resolve, reject) => execFile(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT }, (e) => (e ? reject(e) : resolve())));
  dir = mkdtempSync(join(tmpdir(), 'proofline-response-'));
  const name = 'webauthn-ruby__security_key_packed_x5c.json';
  const run = await openResponse(parseBundle(JSON.parse(readFileSync(join(findMoreSuites(), name), 'utf8'))), name, Date.parse('2026-12-02T06:00:00Z'));
  file = join(dir, 'saved.proofline.json');
  writeFileSync(file, serializeTrace(createTrace([run], { title: `A real WebAuthn response: ${name}`, created: '2026-12-02T06:00:00Z', generator: { name: 'proofline-app', version: '0.1.0' } })));
}, 60_000);

describe('a saved real response through the CLI', () => {
  it('verify: exit 0 on the untouched file', async () => {
    const r = await cli('verify', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok — 1 run agrees with the file's bytes \(real response: ok\)/);
    const j = JSON.parse((await cli('verify', file, '--json')).stdout) as { status: string };
    expect(j.status).toBe('agree');
  });

  it('verify: exit 1 on an edited verdict, naming the step and field', async () => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { runs: { steps: { label: string; caption: string }[] }[] };
    json.runs[0]!.steps[3]!.label = 'Rejected';
    const edited = join(dir, 'edited.proofline.json');
    writeFileSync(edited, JSON.stringify(json, null, 2));
    const r = await cli('verify', edited);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/label at step 4 \(run 0, real response\): recorded Rejected, recomputed Accepted/);
  });

  it('verify: exit 1, one clear line, when a payload the response needs is gone', async () => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { runs: { steps: { payloads: { name: string }[] }[] }[] };
    json.runs[0]!.steps[1]!.payloads = json.runs[0]!.steps[1]!.payloads.filter((p) => p.name !== 'clientDataJSON');
    const edited = join(dir, 'no-client-data.proofline.json');
    writeFileSync(edited, JSON.stringify(json, null, 2));
    const r = await cli('verify', edited);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/re-verification \(run 0, real response\): recorded the run re-verifies, recomputed the run cannot be re-verified/);
    expect(r.stderr).toBe('');
    const j = JSON.parse((await cli('verify', edited, '--json')).stdout) as { runs: { disagreements: { recomputed: string }[] }[] };
    expect(j.runs[0]!.disagreements.map((d) => d.recomputed)).toEqual(['the run cannot be re-verified (step 2 has no payload “clientDataJSON” (every response has clientDataJSON))']);
  });

  it('export: a Markdown report of the response, re-verified', async () => {
    const out = join(dir, 'saved.md');
    const r = await cli('export', file, '--format', 'md', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('Re-verified from its bytes');
    expect(md).toContain('PublicKeyCredential (attestation)');
    expect(md).toMatch(/claims to be Security Key by Yubico/);
    expect(md).toContain('## Run 0: webauthn · real response “webauthn-ruby\\_\\_security\\_key\\_packed\\_x5c.json”');
    expect(md).toContain('- Seed: none (a real response)');
  });
});
