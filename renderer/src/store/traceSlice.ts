import type { StateCreator } from 'zustand';
import { ProoflineError } from '../core.js';
import type { TraceSlice, ViewDeps, ViewState } from './types.js';

/** The first-start pair: the prepared honest side-by-side of these two flows. */
export const START_FLOWS = ['webauthn', 'biometric-only'] as const;

function reason(e: unknown): string {
  if (e instanceof ProoflineError) return e.message;
  if (e instanceof SyntaxError) return 'it is not valid JSON';
  return e instanceof Error ? e.message : String(e);
}

/** The prepared trace to show first: one whose name says honest and names both start flows. */
export function pickStartTrace(names: readonly string[]): string | undefined {
  return names.find((n) => /honest/i.test(n) && /webauthn/i.test(n) && /biometric/i.test(n));
}

export const createTraceSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], TraceSlice> =>
  (set, get) => ({
    traceName: null,
    alert: null,
    prepared: [],

    async openTraceText(name, text) {
      let runs;
      try {
        runs = await deps.traces.verify(deps.traces.parse(text));
        if (runs.length === 0) throw new Error('it holds no runs');
      } catch (e) {
        set({ alert: `“${name}” could not be opened as a Proofline trace: ${reason(e)}. The view is unchanged.` });
        return false;
      }
      get().showRuns(runs, { kind: 'trace', name });
      set({ traceName: name, alert: null });
      return true;
    },

    async openTraceFile() {
      const file = await deps.host.openTrace();
      if (file) await get().openTraceText(file.name, file.text);
    },

    async loadPrepared(name) {
      let text: string;
      try {
        text = await deps.host.loadPreparedTrace(name);
      } catch (e) {
        set({ alert: `The prepared trace “${name}” could not be loaded: ${reason(e)}.` });
        return false;
      }
      return get().openTraceText(`${name}.proofline.json`, text);
    },

    async saveTrace() {
      const runs = get().lanes.flatMap((l) => (l.run ? [l.run] : []));
      if (runs.length === 0) return;
      const text = deps.traces.serialize(runs);
      const [a, b] = get().lanes;
      const name = `${get().scenario}.${a.flow}-vs-${b.flow}.proofline.json`;
      await deps.host.saveTrace(name, text);
    },

    dismissAlert: () => set({ alert: null }),

    async start() {
      let prepared: ViewState['prepared'] = [];
      try {
        prepared = await deps.host.listPreparedTraces();
      } catch {
        prepared = [];
      }
      set({ prepared });
      const name = pickStartTrace(prepared.map((p) => p.name));
      if (name) {
        try {
          const text = await deps.host.loadPreparedTrace(name);
          const runs = await deps.traces.verify(deps.traces.parse(text));
          const flows = runs.map((r) => r.run.flow);
          if (runs.length >= 2 && flows[0] === START_FLOWS[0] && flows[1] === START_FLOWS[1]) {
            get().showRuns(runs, { kind: 'trace', name: `${name}.proofline.json` });
            set({ traceName: `${name}.proofline.json` });
            return;
          }
        } catch {
          // Fall through: a prepared trace that cannot be read must not keep the app from starting.
        }
      }
      await get().recordLanes();
    },
  });
