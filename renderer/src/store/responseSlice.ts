import type { StateCreator } from 'zustand';
import { ProoflineError, RESPONSE_STEPS, type Run } from '../core.js';
import type { LaneState, ResponseSlice, ViewDeps, ViewState } from './types.js';

/** What went wrong with a bundle, naming where: `$.response.response.signature is missing (…)`. */
function problem(e: unknown): string {
  if (e instanceof ProoflineError) return e.message; // names the JSON path: `$.expected.origin: is missing`
  if (e instanceof SyntaxError) return `it is not valid JSON (${e.message})`;
  return e instanceof Error ? e.message : String(e);
}

export const createResponseSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], ResponseSlice> =>
  (set, get) => ({
    responseBox: false,
    responseError: null,
    setResponseBox: (responseBox) => set({ responseBox, responseError: null }),

    async openResponseText(name, text) {
      let run: Run;
      try {
        const { parseBundle, openResponse } = await import('../coreWorkshop.js');
        // Judged now when the bundle states no time; the run states it, so a saved copy re-verifies alike.
        run = await openResponse(parseBundle(JSON.parse(text) as unknown), name, Date.now());
      } catch (e) {
        // Said in the dialog, next to what was pasted (it opens again for a file that was picked).
        set({ responseBox: true, responseError: `“${name}” could not be read as a WebAuthn response: ${problem(e)}. The view is unchanged.` });
        return false;
      }
      get().placeRuns([{ run, source: { kind: 'response', name } }]);
      set({ alert: null, responseBox: false, responseError: null, view: 'lanes', fork: null, whatIf: null });
      get().showResponseWhole();
      return true;
    },

    showResponseWhole() {
      // Shown whole, the checks selected: a response is read, not played.
      const lanes = [...get().lanes] as [LaneState, LaneState];
      const run = lanes[0].run;
      if (!run) return;
      lanes[0] = { ...lanes[0], position: run.steps.length };
      set({ lanes, sync: false, activeLane: 0, selected: { lane: 0, step: RESPONSE_STEPS.verify } });
    },

    async openResponseFile() {
      const file = await deps.host.openTrace();
      if (file) await get().openResponseText(file.name, file.text);
    },
  });
