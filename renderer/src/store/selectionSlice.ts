import { decidingStep } from '../core.js';
import type { StateCreator } from 'zustand';
import type { PrefsSlice, SelectionSlice, ViewState } from './types.js';

export const createSelectionSlice: StateCreator<ViewState, [], [], SelectionSlice> = (set, get) => ({
  selected: null,
  evidence: null,
  payload: null,
  hoveredField: null,
  selectStep(lane, step) {
    const run = get().lanes[lane].run;
    if (!run || step < 0 || step >= run.steps.length) throw new RangeError(`"step" expected 0..${(run?.steps.length ?? 0) - 1}, got ${step}`);
    set({ selected: { lane, step }, evidence: null, activeLane: lane, payload: null, hoveredField: null });
  },
  showEvidence(lane, property) {
    const run = get().lanes[lane].run;
    if (!run || run.steps.length === 0) return;
    const entry = run.ledger.find((l) => l.property === property);
    if (!entry) return;
    const step = decidingStep(entry, run.steps);
    // Show the run up to the deciding step (the other lane follows by phase), then select it.
    if (get().lanes[lane].position < step + 1) get().seek(lane, step + 1);
    get().selectStep(lane, step);
    set({ evidence: { lane, property } });
  },
  selectPayload: (payload) => set({ payload, hoveredField: null }),
  hoverField: (hoveredField) => set({ hoveredField }),
});

export const createPrefsSlice: StateCreator<ViewState, [], [], PrefsSlice> = (set) => ({
  reduceMotion: false,
  systemReducedMotion: false,
  setReduceMotion: (reduceMotion) => set({ reduceMotion }),
  setSystemReducedMotion: (systemReducedMotion) => set({ systemReducedMotion }),
});
