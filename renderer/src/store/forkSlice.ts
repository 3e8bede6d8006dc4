import type { StateCreator } from 'zustand';
import { stepLabel, type ForkChange } from '../core.js';
import { changeText } from '../core.js';
import { flowTitle } from '../model/names.js';
import { sourceWords } from '../model/provenance.js';
import { emptyLane } from './runsSlice.js';
import type { ForkSlice, LaneState, ViewDeps, ViewState } from './types.js';

export const createForkSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], ForkSlice> =>
  (set, get) => ({
    whatIf: null,
    fork: null,
    forkError: null,
    openWhatIf(lane, step) {
      const l = get().lanes[lane];
      if (!l.run || step < 0 || step >= l.run.steps.length) throw new RangeError(`"step" expected 0..${(l.run?.steps.length ?? 0) - 1}, got ${step}`);
      if (l.source.kind === 'response' || l.run.response) throw new RangeError('"lane" shows a real response, which is read-only');
      set({ whatIf: { lane, step }, forkError: null, playing: false });
    },
    closeWhatIf: () => set({ whatIf: null, forkError: null }),

    async applyFork(change: ForkChange) {
      const s = get();
      const at = s.whatIf;
      const original = at ? s.lanes[at.lane] : null;
      if (!at || !original?.run) return false;
      const trace = s.trace;
      const fromTrace = trace && original.source.kind === 'trace' && original.source.name === trace.name ? original.source.index : null;
      let result;
      try {
        result = await deps.forkRun(original.run, at.step, change, { of: fromTrace ?? 0 });
      } catch (e) {
        set({ forkError: e instanceof Error ? e.message : String(e) });
        return false;
      }
      const label = `what if ${changeText(change)} at ${stepLabel(at.step)}`;
      // The original shows left and the fork beside it; the run that had the other lane is kept,
      // so closing the fork brings it back (the fork never silently takes an unrelated lane).
      const other = s.lanes[at.lane === 0 ? 1 : 0];
      const replaced = other.run ? { lane: at.lane, state: other } : null;
      get().placeRuns([
        { run: original.run, source: original.source, disagreements: original.disagreements },
        { run: result.run, source: { kind: 'fork', label, of: `${flowTitle(original.run.flow)} · ${original.run.scenario}, ${sourceWords(original.source, s.trace)}` } },
      ]);
      // Both lanes at the end, so outcomes, ledgers and the highlighted checks show at once.
      const lanes = get().lanes.map((l) => ({ ...l, position: l.run?.steps.length ?? 0 })) as unknown as readonly [LaneState, LaneState];
      const changed = result.changedChecks.find((c) => c.after !== null) ?? result.changedChecks[0];
      const step = changed && changed.step < result.run.steps.length ? changed.step : Math.min(at.step, result.run.steps.length - 1);
      set({ lanes, sync: true, whatIf: null, forkError: null, fork: { result, kept: false, lane: 1, replaced: replaced?.state ?? null, originalLane: at.lane }, selected: { lane: 1, step }, activeLane: 1 });
      return true;
    },

    closeFork() {
      const s = get();
      const fork = s.fork;
      if (!fork) return;
      const original = s.lanes[0];
      const lanes = [original, original] as [LaneState, LaneState];
      const back = fork.replaced ?? emptyLane(s.lanes[1], 'The what-if fork was closed.');
      // Each run back in the lane it was in before the fork.
      lanes[fork.originalLane] = { ...original, position: Math.min(original.position, original.run?.steps.length ?? 0) };
      lanes[fork.originalLane === 0 ? 1 : 0] = { ...back, request: back.request + 1 };
      set({ lanes, fork: null, selected: null, payload: null, hoveredField: null, activeLane: fork.originalLane });
    },

    keepFork() {
      const s = get();
      const fork = s.fork;
      const trace = s.trace;
      if (!fork || fork.kept) return;
      const runs = s.lanes.map((l) => l.run);
      if (runs[1] !== fork.result.run) return;
      if (trace && s.lanes[0].source.kind === 'trace' && s.lanes[0].source.name === trace.name) {
        const index = trace.runs.length;
        const lanes = [...s.lanes] as [LaneState, LaneState];
        lanes[1] = { ...lanes[1], source: { kind: 'trace', name: trace.name, index } };
        set({ trace: { ...trace, runs: [...trace.runs, { run: fork.result.run, disagreements: [] }] }, lanes, fork: { ...fork, kept: true } });
      } else {
        // Live runs: the document is the lanes, original then fork (its `fork.of` is 0).
        set({ fork: { ...fork, kept: true } });
      }
      get().setDirty(true);
    },
  });
