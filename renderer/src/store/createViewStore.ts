import { createStore, type StoreApi } from 'zustand/vanilla';
import { createExportSlice } from './exportSlice.js';
import { createForkSlice } from './forkSlice.js';
import { createGuideSlice } from './guideSlice.js';
import { createMatrixSlice } from './matrixSlice.js';
import { createPlaybackSlice } from './playbackSlice.js';
import { createNotesSlice, createPresenterSlice } from './presenterSlice.js';
import { createResponseSlice } from './responseSlice.js';
import { createRunsSlice } from './runsSlice.js';
import { createPrefsSlice, createSelectionSlice } from './selectionSlice.js';
import { createTraceSlice } from './traceSlice.js';
import type { ViewDeps, ViewState } from './types.js';

export type ViewStore = StoreApi<ViewState>;

/**
 * One store per view: the lanes' runs, playback, selection, preferences and trace I/O, and the
 * workshop slices (presenter mode and notes, the outcome matrix, what-if forks, real responses, exports).
 */
export function createViewStore(deps: ViewDeps, initial: Partial<ViewState> = {}): ViewStore {
  const store = createStore<ViewState>()((...a) => ({
    ...createRunsSlice(deps)(...a),
    ...createPlaybackSlice(...a),
    ...createSelectionSlice(...a),
    ...createPrefsSlice(...a),
    ...createTraceSlice(deps)(...a),
    ...createPresenterSlice(...a),
    ...createNotesSlice(deps)(...a),
    ...createMatrixSlice(deps)(...a),
    ...createForkSlice(deps)(...a),
    ...createResponseSlice(deps)(...a),
    ...createExportSlice(deps)(...a),
    ...createGuideSlice(deps)(...a),
  }));
  if (Object.keys(initial).length > 0) store.setState(initial);
  return store;
}
