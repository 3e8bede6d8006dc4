import type { StateCreator } from 'zustand';
import type { PrefsSlice, SelectionSlice, ViewState } from './types.js';

export const createSelectionSlice: StateCreator<ViewState, [], [], SelectionSlice> = (set, get) => ({
  selected: null,
  payload: null,
  hoveredField: null,
  selectStep(lane, step) {
    const run = get().lanes[lane].run;
    if (!run || step < 0 || step >= run.steps.length) throw new RangeError(`"step" expected 0..${(run?.steps.length ?? 0) - 1}, got ${step}`);
    set({ selected: { lane, step }, activeLane: lane, payload: null, hoveredField: null });
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
