import { createTrace, parseTrace, serializeTrace, type Run, type Trace, type TraceRun } from './core.js';
import { detectHost } from './host/index.js';
import { lanesShown, whenLanesShown } from './perf/marks.js';
import type { ViewDeps } from './store/types.js';

/** A trace run as a run the lanes can show (a redacted trace has no seed: shown as 0). */
function asRun(r: TraceRun): Run {
  return { ...r, seed: r.seed ?? 0, secrets: r.secrets ?? [] };
}

let live: Promise<typeof import('./coreLive.js')> | null = null;

/**
 * The live half of core (every flow, recording, re-verification), loaded once: it starts loading
 * once the lanes are on screen, or at first use (re-verifying the start trace, recording a lane).
 */
export function loadCoreLive(): Promise<typeof import('./coreLive.js')> {
  live ??= import('./coreLive.js');
  return live;
}

/**
 * The real dependencies of a view: the host this page runs in, core's live recorder and core's
 * trace reader, writer and verifier, adapted to the shapes the store uses (the recorder and the
 * verifier come from coreLive.ts, loaded on demand).
 */
export function createDefaultDeps(): ViewDeps {
  // The first paint needs only core.ts; the rest of core loads once both lanes are on screen.
  whenLanesShown(() => void loadCoreLive());
  return {
    host: detectHost(),
    recordRun: async (spec) => (await loadCoreLive()).recordRun(spec),
    // The workshop parts of core load on first use (coreWorkshop.ts).
    computeMatrix: async (options, axis) => (await import('./coreWorkshop.js')).computeMatrix(options, undefined, axis),
    forkRun: async (run, at, change, options) => (await import('./coreWorkshop.js')).forkRun(run, at, change, options),
    traces: {
      parse: (text) => parseTrace(text),
      async verify(trace) {
        const t = trace as Trace;
        const { verifyTrace } = await loadCoreLive();
        const result = await verifyTrace(t);
        return { title: t.title, description: t.description, created: t.created, runs: result.runs.map((r) => ({ run: asRun(r.run), disagreements: r.disagreements })) };
      },
      recorded(trace) {
        const t = trace as Trace;
        return { title: t.title, description: t.description, created: t.created, runs: t.runs.map((r) => ({ run: asRun(r), disagreements: [] })) };
      },
      afterFirstPaint: () => lanesShown(),
      serialize: (runs: readonly Run[], meta) =>
        serializeTrace(
          createTrace(runs, {
            title: meta?.title ?? runs.map((r) => `${r.flow} (${r.scenario})`).join(' vs '),
            description: meta?.description ?? 'Recorded in the Proofline app.',
            created: new Date(),
            generator: { name: 'proofline-app', version: '0.1.0' },
          }),
        ),
    },
  };
}
