import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordRun, type FlowId, type ScenarioId } from '../../core/index.js';
import { parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';

/**
 * The prepared traces in traces/ are golden files (`npm run traces` regenerates them): each parses,
 * agrees with its own bytes, and is what the flows record today for the same seed.
 */
const files = readdirSync('traces').filter((f) => f.endsWith('.proofline.json')).sort();

describe('prepared traces', () => {
  it('cover the honest side-by-side, every scenario, and both binding comparisons', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const traces = files.map((f) => parseTrace(readFileSync(`traces/${f}`, 'utf8')));
    const honest = traces.find((t) => t.runs.length === 2 && t.runs.every((r) => r.scenario === 'honest'));
    expect(honest?.runs.map((r) => r.flow)).toEqual(['webauthn', 'biometric-only']);
    // The ten scenarios of DESIGN.md §2 each against biometric-only (01–10), plus 13-mfa-fatigue.
    const scenarios = new Set(traces.flatMap((t) => t.runs.filter((r) => r.flow === 'biometric-only').map((r) => r.scenario)));
    expect(scenarios.size).toBe(11);
    for (const s of ['tx-swap-after-approval', 'tx-swap-before-display']) {
      const cmp = traces.find((t) => t.runs.length === 4 && t.runs.every((r) => r.scenario === s));
      expect(cmp?.runs.map((r) => `${r.flow}${r.options.binding ? `:${r.options.binding}` : ''}`)).toEqual(['webauthn:none', 'webauthn:challenge', 'webauthn:spc', 'device-key']);
    }
    // DESIGN.md §11.5: the workshop pairs of part two (13–20), each with a speaker note on every run's deciding step.
    const partTwo = files.filter((f) => /^(1[3-9]|20)-/.test(f));
    expect(partTwo).toHaveLength(8);
    for (const f of partTwo) {
      const t = parseTrace(readFileSync(`traces/${f}`, 'utf8'));
      for (const r of t.runs) expect((r.steps[r.outcome.step ?? r.steps.length - 1] as { notes?: string }).notes, `${f} ${r.flow}`).toMatch(/\w{3}/);
    }
    for (const t of traces) {
      expect(t.title.length).toBeGreaterThan(10);
      expect(t.description.length).toBeGreaterThan(60);
    }
  });

  for (const file of files) {
    it(`${file} re-verifies from its bytes and matches a fresh recording`, async () => {
      const text = readFileSync(`traces/${file}`, 'utf8');
      const trace = parseTrace(text);
      expect(serializeTrace(trace)).toBe(text);
      const v = await verifyTrace(trace);
      expect(v.disagreements).toEqual([]);
      for (const run of trace.runs) {
        const fresh = await recordRun({ flow: run.flow as FlowId, scenario: run.scenario as ScenarioId, options: run.options, seed: run.seed ?? 1 });
        expect(fresh.outcome).toEqual(run.outcome);
        expect(fresh.steps.map((s) => s.payloads.map((p) => Buffer.from(p.bytes).toString('base64')))).toEqual(run.steps.map((s) => s.payloads.map((p) => Buffer.from(p.bytes).toString('base64'))));
      }
    });
  }
});
