import type { StateCreator } from 'zustand';
import type { Run, Step } from '../core.js';
import type { LaneState, NotesSlice, PresenterSlice, ViewDeps, ViewState } from './types.js';

/** A step as a trace keeps it: with the trainer's free-text notes. */
export type NotedStep = Step & { readonly notes?: string };

/** The note on a step, or '' when it has none. */
export function noteOf(step: Step | null | undefined): string {
  return (step as NotedStep | null | undefined)?.notes ?? '';
}

/** A run with the note of step `index` set (empty text removes it). */
export function withNote(run: Run, index: number, text: string): Run {
  const steps = run.steps.map((s, i) => {
    if (i !== index) return s;
    const { notes: _old, ...rest } = s as NotedStep;
    return text.trim() === '' ? rest : { ...rest, notes: text };
  });
  return { ...run, steps };
}

export const createPresenterSlice: StateCreator<ViewState, [], [], PresenterSlice> = (set, get) => ({
  presenter: false,
  presenterLanes: 'both',
  blackout: false,
  notesShown: false,
  setPresenter: (presenter) => set(presenter ? { presenter } : { presenter, blackout: false, ...(get().view === 'ledger' ? { view: 'lanes' as const } : {}) }),
  togglePresenter: () => get().setPresenter(!get().presenter),
  setPresenterLanes(presenterLanes) {
    // One lane steps alone with the controls; both lanes step together by phase.
    if (presenterLanes === 'both') {
      set({ presenterLanes });
      get().setSync(true);
    } else set({ presenterLanes, sync: false, activeLane: presenterLanes });
  },
  toggleBlackout: () => set({ blackout: !get().blackout }),
  setNotesShown: (notesShown) => set({ notesShown }),
});

export const createNotesSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], NotesSlice> =>
  (set, get) => ({
    dirty: false,
    setDirty(dirty) {
      if (get().dirty === dirty) return;
      set({ dirty });
      void deps.host.setUnsavedChanges?.(dirty).catch(() => undefined);
    },
    setStepNote(lane, step, text) {
      const s = get();
      const l = s.lanes[lane];
      if (!l.run || step < 0 || step >= l.run.steps.length) throw new RangeError(`"step" expected 0..${(l.run?.steps.length ?? 0) - 1}, got ${step}`);
      if (noteOf(l.run.steps[step]) === text) return;
      const run = withNote(l.run, step, text);
      const lanes = [...s.lanes] as [LaneState, LaneState];
      lanes[lane] = { ...l, run };
      // A run of the open trace keeps its note in the trace too, so switching runs or saving keeps it.
      let trace = s.trace;
      if (trace && l.source.kind === 'trace' && l.source.name === trace.name) {
        const index = l.source.index;
        trace = { ...trace, runs: trace.runs.map((r, i) => (i === index ? { ...r, run: withNote(r.run, step, text) } : r)) };
      }
      set({ lanes, trace });
      get().setDirty(true);
    },
  });
