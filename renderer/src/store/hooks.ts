import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ActorId, Run, Step } from '../core.js';
import { knowledgeAt, type KnownItem } from '../model/knowledge.js';
import { sharedLayout, syncRow, type SharedLayout } from '../model/layout.js';
import { useViewStore } from './context.js';
import {
  selectChoice,
  selectHoveredField,
  selectLanes,
  selectPayloadName,
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
  selectPresenterLanesValue,
} from './selectors.js';
import type { LaneIndex, LaneState } from './types.js';

/** Domain hooks: what components ask for, in the words of the domain. */

export function useLane(lane: LaneIndex): LaneState {
  return useViewStore((s) => s.lanes[lane]);
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

/** The selected step (clicked, or the one just shown) with its lane and run. */
export function useSelectedStep(): { lane: LaneIndex; run: Run; step: Step } | null {
  const selected = useViewStore(selectSelected);
  const lanes = useLanes();
  if (!selected) return null;
  const run = lanes[selected.lane].run;
  const step = run?.steps[selected.step];
  return run && step ? { lane: selected.lane, run, step } : null;
}

/** What each actor of a lane knows at its current position. */
export function useKnowledge(lane: LaneIndex): Map<ActorId, KnownItem[]> {
  const { run, position } = useLane(lane);
  return useMemo(() => (run ? knowledgeAt(run, position) : new Map<ActorId, KnownItem[]>()), [run, position]);
}

export const usePlayback = () => useViewStore(useShallow(selectPlayback));
export const usePlaybackActions = () => useViewStore(useShallow(selectPlaybackActions));
export const useChoice = () => useViewStore(useShallow(selectChoice));
export const useRunActions = () => useViewStore(useShallow(selectRunActions));
export const useTraceActions = () => useViewStore(useShallow(selectTraceActions));
export const useSelectionActions = () => useViewStore(useShallow(selectSelectionActions));
export const usePrefsActions = () => useViewStore(useShallow(selectPrefsActions));
export const useReducedMotion = () => useViewStore(selectReducedMotion);
export const usePayloadName = () => useViewStore(selectPayloadName);
export const useHoveredField = () => useViewStore(selectHoveredField);
export const useAppReduceMotion = () => useViewStore(selectAppReduceMotion);
export const usePrepared = () => useViewStore(selectPrepared);
export const useTrace = () => useViewStore(selectTrace);
export const useAlert = () => useViewStore(selectAlert);

export const usePresenter = () => useViewStore(useShallow(selectPresenterState));
export const usePresenterActions = () => useViewStore(useShallow(selectPresenterActions));
export const useDirty = () => useViewStore(selectDirty);
export const useNoteActions = () => useViewStore(useShallow(selectNoteActions));
export const useView = () => useViewStore(selectView);
export const useMatrix = () => useViewStore(useShallow(selectMatrixState));
export const useMatrixActions = () => useViewStore(useShallow(selectMatrixActions));
export const useWhatIf = () => useViewStore(selectWhatIf);
export const useForkError = () => useViewStore(selectForkError);
export const useFork = () => useViewStore(selectFork);
export const useForkActions = () => useViewStore(useShallow(selectForkActions));
export const useResponseBox = () => useViewStore(selectResponseBox);
export const useResponseActions = () => useViewStore(useShallow(selectResponseActions));
export const useExport = () => useViewStore(useShallow(selectExportState));
export const useExportActions = () => useViewStore(useShallow(selectExportActions));

/** The step presenter mode and notes are about: the selected step (selection follows playback), else the left lane's current step. */
export function useNoteStep(): { lane: LaneIndex; run: Run; step: Step } | null {
  const sel = useSelectedStep();
  const lanes = useLanes();
  if (sel) return sel;
  for (const lane of [0, 1] as const) {
    const { run, position } = lanes[lane];
    const step = run && position > 0 ? run.steps[position - 1] : undefined;
    if (run && step) return { lane, run, step };
  }
  return null;
}

/** "Step N / M" for presenter mode: rows of the shared layout when both lanes show, else the one lane's steps. */
export function usePresenterPosition(): { n: number; m: number } {
  const lanes = useLanes();
  const layout = useSharedLayout();
  const which = useViewStore(selectPresenterLanesValue);
  if (which === 'both') return { n: syncRow(layout, lanes.map((l) => l.position)), m: layout.rows };
  const l = lanes[which];
  return { n: l.position, m: l.run?.steps.length ?? 0 };
}
