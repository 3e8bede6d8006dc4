/**
 * One step numbering on every surface a person reads (issue 12 item 3): steps picked from the
 * prepared traces — the deciding step of each run and a step with a failed check — carry the same
 * number, counted from 1 (core/flows/stepNumber.ts), in `verify --json`, `record --json`, the
 * Markdown and HTML reports, the Mermaid and SVG exports. The app's caption, checks panel and notes
 * window are checked in test/browser/workshopGuide.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runToMermaid, runToSvg, traceToHtml, traceToMarkdown } from '../../core/export/index.js';
import { parseTrace } from '../../core/trace/trace.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['cli/proofline.mjs', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

interface StepJson {
  index: number;
  label: string;
  phase: string;
  checks: { id: string; status: string }[];
}
interface RunJson {
  spec: { flow: string; scenario: string; options: Record<string, string | boolean>; seed: number | null };
  steps: StepJson[];
  outcome: { step: number | null; check: string | null };
}

const TRACES = readdirSync(join(ROOT, 'traces')).filter((n) => n.endsWith('.proofline.json')).sort();
const read = (name: string) => JSON.parse(readFileSync(join(ROOT, 'traces', name), 'utf8')) as { runs: RunJson[] };

let dir = '';
beforeAll(async () => {
  await new Promise<void>((resolve, reject) => execFile(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT }, (e) => (e ? reject(e) : resolve())));
  dir = mkdtempSync(join(tmpdir(), 'proofline-steps-'));
}, 60_000);

/** The steps a reader is sent to: each run's deciding step and its first step with a failed check. */
function picked(run: RunJson): StepJson[] {
  const out = new Set<StepJson>();
  if (run.outcome.step !== null) out.add(run.steps[run.outcome.step]!);
  const failed = run.steps.find((s) => s.checks.some((c) => c.status === 'fail'));
  if (failed) out.add(failed);
  out.add(run.steps[run.steps.length - 1]!);
  return [...out];
}

describe('one step numbering across the CLI and the exports', () => {
  it('has prepared traces to pick from', () => {
    expect(TRACES.length).toBeGreaterThanOrEqual(12);
  });

  // The exports are core's functions (what `proofline export` and the app call), run in-process over
  // each prepared trace; the CLI's own export command is run once below.
  for (const name of TRACES) {
    it(`${name}: the same step carries the same number (index + 1) in every export`, () => {
      const json = read(name);
      const trace = parseTrace(readFileSync(join(ROOT, 'traces', name)));
      const md = traceToMarkdown(trace);
      const html = traceToHtml(trace);
      for (const [r, run] of json.runs.entries()) {
        const mermaid = runToMermaid(trace.runs[r]!);
        const svg = runToSvg([trace.runs[r]!]);
        for (const step of picked(run)) {
          const n = step.index + 1;
          expect(mermaid, `mermaid step ${n}`).toMatch(new RegExp(`: (⚠ )?${n}\\. `));
          expect(svg, `svg step ${n}`).toContain(`<title>${n}. [${step.phase}]`);
          expect(md).toContain(`${n}. \\[${step.phase}\\]`);
          const check = step.checks[0];
          if (check) {
            expect(md).toContain(`| ${n} | \`${check.id}\``);
            expect(html).toContain(`<tr><td>${n}</td><td><code>${check.id}</code>`);
          }
        }
      }
      expect(html).not.toContain('start="0"');
    });
  }

  it('proofline export writes the same numbers as the functions it wraps', async () => {
    const name = '04-forged-approval.proofline.json';
    const trace = parseTrace(readFileSync(join(ROOT, 'traces', name)));
    // The CLI adds comment lines on redaction and re-verification; the diagram and steps are the same.
    const body = (text: string) => text.split('\n').filter((l) => !l.trimStart().startsWith('%%')).join('\n');
    expect(body((await cli('export', join('traces', name), '--format', 'mermaid', '--run', '0')).stdout)).toBe(body(runToMermaid(trace.runs[0]!)));
    const steps = (text: string) => text.slice(text.indexOf('### Steps'));
    expect(steps((await cli('export', join('traces', name), '--format', 'md')).stdout)).toBe(steps(traceToMarkdown(trace)));
  });

  it('verify --json names a disputed step by the same number, and the text line says "at step N"', async () => {
    const trace = read('04-forged-approval.proofline.json');
    const run = trace.runs[0]!;
    const step = run.steps.find((s) => s.checks.some((c) => c.status === 'fail'))!;
    const check = step.checks.find((c) => c.status === 'fail')!;
    check.status = 'pass';
    const file = join(dir, 'edited.proofline.json');
    writeFileSync(file, JSON.stringify(trace));
    const j = JSON.parse((await cli('verify', '--json', file)).stdout);
    expect(j.runs[0].disagreements.find((d: { what: string }) => d.what === `check ${check.id}`).step).toBe(step.index + 1);
    expect((await cli('verify', file)).stdout).toContain(`check ${check.id} at step ${step.index + 1} `);
  });

  it('record --json gives the deciding step by the same number', async () => {
    for (const name of ['03-phishing-relay.proofline.json', '04-forged-approval.proofline.json']) {
      const run = read(name).runs[0]!;
      const options = Object.entries(run.spec.options).map(([k, v]) => ['--option', `${k}=${String(v)}`]).flat();
      const out = join(dir, name);
      const r = await cli('record', '--flow', run.spec.flow, '--scenario', run.spec.scenario, ...options, '--seed', String(run.spec.seed ?? 1), '--json', '--out', out);
      expect(r.code).toBe(0);
      const line = JSON.parse(r.stdout.trim().split('\n')[0]!);
      expect(line.step).toBe(run.outcome.step === null ? null : run.outcome.step + 1);
    }
  });
});

describe('CLI output for a person', () => {
  it('record prints one line naming the file and how each run ended', async () => {
    const out = join(dir, 'confirm.proofline.json');
    const r = await cli('record', '--flow', 'webauthn', '--flow', 'biometric-only', '--scenario', 'phishing-relay', '--out', out);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: webauthn/phishing-relay blocked \\(ua: [A-Za-z.]+\\) at step \\d+; biometric-only/phishing-relay breach at step \\d+$`));
    expect(r.stdout).not.toMatch(/ - -/);
  });

  it('verify of several files ends with one summary line', async () => {
    const files = TRACES.slice(0, 3).map((n) => join('traces', n));
    const ok = await cli('verify', ...files);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('verified 3 files: 3 agree');
    const bad = join(dir, 'missing.proofline.json');
    const mixed = await cli('verify', files[0]!, bad);
    expect(mixed.code).toBe(2);
    expect(mixed.stdout.trim().split('\n').at(-1)).toBe('verified 2 files: 1 agree, 1 unreadable');
    const one = await cli('verify', files[0]!);
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
  });
});
