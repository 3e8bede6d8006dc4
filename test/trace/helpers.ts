/** Shared helpers for the trace tests: recorded fixture runs and JSON surgery on trace text. */
import './fixtureFlow.js';
import { recordRun } from '../../core/flows/runs.js';
import type { Run, ScenarioId } from '../../core/flows/types.js';
import { ProoflineError, type ProoflineErrorCode } from '../../core/errors.js';
import { createTrace, serializeTrace, type Trace } from '../../core/trace/index.js';

export const CREATED = '2026-01-02T03:04:05.000Z';
export const GENERATOR = { name: 'proofline', version: '0.0.0-test' };

/** Fixture runs: honest, replay with the guard, forged approval. */
export async function fixtureRuns(seed = 7): Promise<Run[]> {
  const specs: [ScenarioId, 'none' | 'tx-state'][] = [['honest', 'none'], ['replay', 'tx-state'], ['forged-approval', 'none']];
  const out: Run[] = [];
  for (const [scenario, replayGuard] of specs) out.push(await recordRun({ flow: 'biometric-only', scenario, options: { replayGuard }, seed }));
  return out;
}

/** A fixture trace and its text. */
export async function fixtureTrace(opts: { redact?: boolean; seed?: number } = {}): Promise<{ trace: Trace; text: string }> {
  const trace = createTrace(await fixtureRuns(opts.seed), { title: 'Fixture', description: 'three runs', created: CREATED, generator: GENERATOR, redact: opts.redact ?? false });
  return { trace, text: serializeTrace(trace) };
}

/** Parse the text, let `edit` change the JSON, and stringify again. */
export function editJson(text: string, edit: (json: any) => void): string {
  const json = JSON.parse(text);
  edit(json);
  return JSON.stringify(json, null, 2);
}

/** Run `f` and return the ProoflineError it throws (failing when it throws nothing or something else). */
export function catchProofline(f: () => unknown): ProoflineError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProoflineError) return e;
    throw new Error(`expected a ProoflineError, got ${String(e)}`);
  }
  throw new Error('expected a ProoflineError, nothing was thrown');
}

export type { ProoflineErrorCode };
