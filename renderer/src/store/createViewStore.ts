import { createStore, type StoreApi } from 'zustand/vanilla';
import { createPlaybackSlice } from './playbackSlice.js';
import { createRunsSlice } from './runsSlice.js';
import { createPrefsSlice, createSelectionSlice } from './selectionSlice.js';
import { createTraceSlice } from './traceSlice.js';
import type { ViewDeps, ViewState } from './types.js';

export type ViewStore = StoreApi<ViewState>;

/** One store per view: the lanes' runs, playback, selection, preferences and trace I/O. */
export function createViewStore(deps: ViewDeps, initial: Partial<ViewState> = {}): ViewStore {
  const store = createStore<ViewState>()((...a) => ({
    ...createRunsSlice(deps)(...a),
    ...createPlaybackSlice(...a),
    ...createSelectionSlice(...a),
    ...createPrefsSlice(...a),
    ...createTraceSlice(deps)(...a),
  }));
  if (Object.keys(initial).length > 0) store.setState(initial);
  return store;
}
