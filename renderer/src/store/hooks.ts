import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shallow } from 'zustand/shallow';
import type { ActorId, Run, Step } from '../core.js';
import { knowledgeAt, type KnownItem } from '../model/knowledge.js';
import { sharedLayout, type SharedLayout } from '../model/layout.js';
import { useViewStore, useViewStoreApi } from './context.js';
import {
  selectChoice,
  selectHoveredField,
  selectLanes,
  selectPlayback,
  selectPlaybackActions,
  selectPrefsActions,
  selectAppReduceMotion,
  selectPrepared,
  selectReducedMotion,
  selectTrace,
  selectAlert,
  selectRun0,
  selectRun1,
  selectRunActions,
  selectSelected,
  selectSelectionActions,
  selectTraceActions,
  selectPresenterState,
  selectPresenterActions,
  selectDirty,
  selectNoteActions,
  selectView,
  selectMatrixState,
  selectMatrixActions,
  selectWhatIf,
  selectForkError,
  selectFork,
  selectForkActions,
  selectResponseBox,
  selectResponseActions,
  selectExportState,
  selectExportActions,
  selectHelp,
  selectResponseError,
  selectLaneOrigins,
  selectGuideActions,
  selectSelectionView,
  selectLaneTitles,
  selectShowsTrace,
} from './selectors.js';
import { useStoreAfterPaint } from '../perf/useStoreAfterPaint.js';
import type { LaneIndex, LaneState, ViewState } from './types.js';

/** Domain hooks: what components ask for, in the words of the domain. */

export function useLane(lane: LaneIndex): LaneState {
  return useViewStore((s) => s.lanes[lane]);
}

/**
 * Some fields of a lane, compared shallowly: a component that shows only these does not render
 * again when the lane's other fields (its position, at every step) change.
 */
export function useLaneFields<K extends keyof LaneState>(lane: LaneIndex, ...keys: K[]): Pick<LaneState, K> {
  return useViewStore(
    useShallow((s) => {
      const l = s.lanes[lane];
      const out = {} as Pick<LaneState, K>;
      for (const k of keys) out[k] = l[k];
      return out;
    }),
  );
}

/** The lanes' titles: the flow each runs (or is recording). Unchanged by stepping. */
export function useLaneTitles(): readonly [string, string] {
  return useViewStore(useShallow(selectLaneTitles));
}

/** Whether a lane shows a run of the open trace file. */
export function useShowsTrace(): boolean {
  return useViewStore(selectShowsTrace);
}

export function useLanes(): readonly [LaneState, LaneState] {
  return useViewStore(selectLanes);
}

/** The rows both lanes share, so phases line up. */
export function useSharedLayout(): SharedLayout {
  const a = useViewStore(selectRun0);
  const b = useViewStore(selectRun1);
  return useMemo(() => sharedLayout([a?.steps ?? null, b?.steps ?? null]), [a, b]);
}

/** The step a lane has just shown, or null before its first step. */
export function useCurrentStep(lane: LaneIndex): Step | null {
  const { run, position } = useLane(lane);
  return run && position > 0 ? (run.steps[position - 1] ?? null) : null;
}

/** The selected step (clicked, or the one just shown) with its lane and run, in one snapshot of the selection and the lanes. */
export function selectedStepOf(selected: ViewState['selected'], lanes: ViewState['lanes']): { lane: LaneIndex; run: Run; step: Step } | null {
  if (!selected) return null;
  const run = lanes[selected.lane].run;
  const step = run?.steps[selected.step];
  return run && step ? { lane: selected.lane, run, step } : null;
}

/**
 * The selection, the lanes and the chosen payload, as the parts that follow a step show them (the
 * knowledge cards, "What if…", inspector, checks and notes): once the frame that shows the step
 * itself (counter, diagram, caption) has painted (see useStoreAfterPaint).
 */
export function useSelectionAfterPaint(): Pick<ViewState, 'selected' | 'lanes' | 'payload' | 'evidence'> {
  return useStoreAfterPaint(useViewStoreApi(), selectSelectionView, shallow);
}

/** What each actor of a lane knows at a position. */
export function useKnowledge(run: Run | null, position: number): Map<ActorId, KnownItem[]> {
  return useMemo(() => (run ? knowledgeAt(run, position) : new Map<ActorId, KnownItem[]>()), [run, position]);
}

/** Whether a lane has shown its run's last step (the outcome and the ledger appear then). */
export function useLaneEnded(lane: LaneIndex): boolean {
  return useViewStore((s) => {
    const l = s.lanes[lane];
    return l.run !== null && l.position >= l.run.steps.length;
  });
}

/**
 * A group of the store's actions. Actions are created with the store and never replaced, so this
 * reads them once and does not subscribe: a store update (a step) runs no selector for them.
 */
function useActions<T>(select: (s: ViewState) => T): T {
  const api = useViewStoreApi();
  return useMemo(() => select(api.getState()), [api, select]);
}

export const usePlayback = () => useViewStore(useShallow(selectPlayback));
export const usePlaybackActions = () => useActions(selectPlaybackActions);
export const useChoice = () => useViewStore(useShallow(selectChoice));
export const useRunActions = () => useActions(selectRunActions);
export const useTraceActions = () => useActions(selectTraceActions);
export const useSelectionActions = () => useActions(selectSelectionActions);
export const usePrefsActions = () => useActions(selectPrefsActions);
export const useReducedMotion = () => useViewStore(selectReducedMotion);
export const useHoveredField = () => useViewStore(selectHoveredField);
export const useAppReduceMotion = () => useViewStore(selectAppReduceMotion);
export const usePrepared = () => useViewStore(selectPrepared);
export const useTrace = () => useViewStore(selectTrace);
export const useAlert = () => useViewStore(selectAlert);

export const usePresenter = () => useViewStore(useShallow(selectPresenterState));
export const usePresenterActions = () => useActions(selectPresenterActions);
export const useDirty = () => useViewStore(selectDirty);
export const useNoteActions = () => useActions(selectNoteActions);
export const useView = () => useViewStore(selectView);
export const useMatrix = () => useViewStore(useShallow(selectMatrixState));
export const useMatrixActions = () => useActions(selectMatrixActions);
export const useWhatIf = () => useViewStore(selectWhatIf);
export const useForkError = () => useViewStore(selectForkError);
export const useFork = () => useViewStore(selectFork);
export const useForkActions = () => useActions(selectForkActions);
export const useResponseBox = () => useViewStore(selectResponseBox);
export const useResponseActions = () => useActions(selectResponseActions);
export const useExport = () => useViewStore(useShallow(selectExportState));
export const useExportActions = () => useActions(selectExportActions);

/** The step presenter mode and notes are about: the selected step (selection follows playback), else the left lane's current step. */
export function useNoteStep(): { lane: LaneIndex; run: Run; step: Step } | null {
  return noteStepOf(useViewStore(selectSelected), useLanes());
}

/** The step notes are about, in one snapshot of the selection and the lanes. */
export function noteStepOf(selected: ViewState['selected'], lanes: ViewState['lanes']): { lane: LaneIndex; run: Run; step: Step } | null {
  const sel = selectedStepOf(selected, lanes);
  if (sel) return sel;
  for (const lane of [0, 1] as const) {
    const { run, position } = lanes[lane];
    const step = run && position > 0 ? run.steps[position - 1] : undefined;
    if (run && step) return { lane, run, step };
  }
  return null;
}

/**
 * "Step N / M" for presenter mode, per lane shown: the step number its caption and counter show
 * (core/flows/stepNumber.ts: the position is the number of the step just shown), out of its run's
 * steps — never rows of the shared layout.
 */
export function usePresenterPosition(): readonly { lane: LaneIndex; n: number; m: number }[] {
  const p = useViewStore(useShallow((s: ViewState) => [s.lanes[0].position, s.lanes[0].run?.steps.length ?? 0, s.lanes[1].position, s.lanes[1].run?.steps.length ?? 0, s.presenterLanes] as const));
  const [n0, m0, n1, m1, which] = p;
  const all = [
    { lane: 0 as const, n: n0, m: m0 },
    { lane: 1 as const, n: n1, m: m1 },
  ];
  return which === 'both' ? all.filter((l) => l.m > 0) : [all[which]!];
}

export const useHelp = () => useViewStore(selectHelp);
export const useGuideActions = () => useActions(selectGuideActions);
export const useResponseError = () => useViewStore(selectResponseError);
/** Each lane's source and run, without its position: for what describes the screen. */
export function useLaneOrigins(): readonly [Pick<LaneState, 'source' | 'run'>, Pick<LaneState, 'source' | 'run'>] {
  const o = useViewStore(useShallow(selectLaneOrigins));
  return useMemo(() => [{ source: o.source0, run: o.run0 }, { source: o.source1, run: o.run1 }] as const, [o.source0, o.run0, o.source1, o.run1]);
}
