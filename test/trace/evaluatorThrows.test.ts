/**
 * A step whose evaluator throws on its bytes (core/flows/runs.ts reevaluateStep): the replay reports
 * it once, as an "evaluation" disagreement at that step, and verifyTrace does not also compare the
 * step's claims with the empty checks an unevaluated step has. No recorded bytes make a real
 * evaluator throw (they turn hostile data into failed checks), so this file makes one throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../core/flows/all.js';
import { parseTrace, verifyTrace } from '../../core/trace/index.js';

const fault = vi.hoisted(() => ({ op: '' }));
vi.mock('../../core/ops/evaluate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/ops/evaluate.js')>();
  return {
    ...real,
    evaluateStep: async (...args: Parameters<typeof real.evaluateStep>) => {
      if (args[0] === fault.op) throw new Error('the evaluator broke');
      return real.evaluateStep(...args);
    },
  };
});
afterEach(() => {
  fault.op = '';
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const TEXT = readFileSync(join(import.meta.dirname, '..', '..', 'traces', '01-honest.proofline.json'), 'utf8');

describe('a step whose evaluator throws', () => {
  it('is one "evaluation" disagreement at its step; its claims are not compared, and it shows no checks', async () => {
    const t = JSON.parse(TEXT);
    t.runs = [t.runs[1]];
    const steps: Json[] = t.runs[0].steps;
    // The last step with checks whose op occurs once in the run.
    const j = steps.findLastIndex((s) => s.checks.length > 0 && steps.filter((x) => x.op === s.op).length === 1);
    fault.op = steps[j].op;
    const v = await verifyTrace(parseTrace(JSON.stringify(t)));
    const at = v.disagreements.filter((d) => d.step === j);
    expect(at).toEqual([{ step: j, run: 0, path: `runs[0].steps[${j}]`, what: 'evaluation', recorded: 'evaluates', recomputed: "the step's bytes cannot be evaluated (the evaluator broke)" }]);
    expect(v.runs[0]!.run.steps[j]!.checks).toEqual([]);
  });
});
