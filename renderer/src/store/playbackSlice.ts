import type { StateCreator } from 'zustand';
import type { Run } from '../core.js';
import { positionsAtRow, rowOfPosition, sharedLayout, syncRow, type SharedLayout } from '../model/layout.js';
import { LANES, type LaneIndex, type LaneState, type PlaybackSlice, type SelectionSlice, type ViewState } from './types.js';

const SPEEDS = [0.5, 1, 2, 4];

let memo: { a: Run | null; b: Run | null; layout: SharedLayout } | null = null;

/** The shared layout of the lanes' current runs (memoised on the two runs). */
export function layoutOfLanes(lanes: ViewState['lanes']): SharedLayout {
  const a = lanes[0].run;
  const b = lanes[1].run;
  if (memo && memo.a === a && memo.b === b) return memo.layout;
  const layout = sharedLayout([a?.steps ?? null, b?.steps ?? null]);
  memo = { a, b, layout };
  return layout;
}

function stepsOf(lane: LaneState): number {
  return lane.run?.steps.length ?? 0;
}

/** Keep the selection on a step that exists and has happened. */
export function clampSelection(s: Pick<ViewState, 'lanes' | 'selected'>): Pick<SelectionSlice, 'selected'> {
  const sel = s.selected;
  if (!sel) return { selected: null };
  const pos = s.lanes[sel.lane].position;
  if (pos === 0) return { selected: null };
  return { selected: sel.step < pos ? sel : { lane: sel.lane, step: pos - 1 } };
}

/**
 * Apply new positions and let the selection follow the step that just happened: the selected
 * lane's if it moved, else the other lane's.
 */
function withPositions(s: ViewState, positions: readonly number[]): Partial<ViewState> {
  // A lane whose position does not change keeps its object, so what shows it does not re-render.
  const lanes = s.lanes.map((l, i) => {
    const position = Math.max(0, Math.min(positions[i] ?? l.position, stepsOf(l)));
    return position === l.position ? l : { ...l, position };
  }) as unknown as ViewState['lanes'];
  const moved = LANES.filter((i) => lanes[i].position !== s.lanes[i].position);
  let selected = s.selected;
  if (moved.length > 0) {
    const prefer: LaneIndex = s.selected?.lane ?? s.activeLane;
    const lane = moved.includes(prefer) ? prefer : moved[0]!;
    const pos = lanes[lane].position;
    selected = pos > 0 ? { lane, step: pos - 1 } : null;
  }
  const clamped = clampSelection({ lanes, selected });
  const payloadKept = clamped.selected && s.selected && clamped.selected.lane === s.selected.lane && clamped.selected.step === s.selected.step;
  return { lanes, ...clamped, ...(payloadKept ? {} : { payload: null, hoveredField: null, evidence: null }) };
}

export const createPlaybackSlice: StateCreator<ViewState, [], [], PlaybackSlice> = (set, get) => {
  /** Move by rows when in sync, by steps of the active lane otherwise. */
  function move(delta: number | 'first' | 'last'): void {
    const s = get();
    if (s.sync) {
      const layout = layoutOfLanes(s.lanes);
      const row = syncRow(layout, s.lanes.map((l) => l.position));
      const target = delta === 'first' ? 0 : delta === 'last' ? layout.rows : Math.max(0, Math.min(layout.rows, row + delta));
      set(withPositions(s, positionsAtRow(layout, target)));
      return;
    }
    const lane = s.lanes[s.activeLane];
    const target = delta === 'first' ? 0 : delta === 'last' ? stepsOf(lane) : lane.position + delta;
    const positions = s.lanes.map((l) => l.position);
    positions[s.activeLane] = target;
    set(withPositions(s, positions));
  }

  return {
    sync: true,
    activeLane: 0,
    playing: false,
    speed: 1,

    next: () => move(1),
    previous: () => move(-1),
    first: () => move('first'),
    last: () => move('last'),

    seek(lane, position) {
      const s = get();
      if (s.sync) {
        const layout = layoutOfLanes(s.lanes);
        set({ activeLane: lane, ...withPositions({ ...s, activeLane: lane, selected: s.selected ? { ...s.selected, lane } : null }, positionsAtRow(layout, rowOfPosition(layout, lane, position))) });
        return;
      }
      const positions = s.lanes.map((l) => l.position);
      positions[lane] = position;
      set({ activeLane: lane, ...withPositions({ ...s, activeLane: lane, selected: s.selected ? { ...s.selected, lane } : null }, positions) });
    },

    play() {
      const s = get();
      const atEnd = s.sync
        ? syncRow(layoutOfLanes(s.lanes), s.lanes.map((l) => l.position)) >= layoutOfLanes(s.lanes).rows
        : s.lanes[s.activeLane].position >= stepsOf(s.lanes[s.activeLane]);
      if (atEnd) move('first');
      set({ playing: true });
    },
    pause() {
      // Every step key pauses: when nothing plays, no store update (and no subscriber runs).
      if (get().playing) set({ playing: false });
    },
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    setSpeed(speed) {
      if (!SPEEDS.includes(speed)) throw new RangeError(`"speed" expected one of ${SPEEDS.join(', ')}, got ${speed}`);
      set({ speed });
    },
    setSync(sync) {
      const s = get();
      if (!sync || s.sync) {
        set({ sync });
        return;
      }
      // Going back to lockstep: both lanes move to the row the furthest lane has reached.
      const layout = layoutOfLanes(s.lanes);
      set({ sync, ...withPositions(s, positionsAtRow(layout, syncRow(layout, s.lanes.map((l) => l.position)))) });
    },
    setActiveLane: (activeLane) => set({ activeLane }),
    settled: [null, null],
    messageSettled(lane, step) {
      const settled = [...get().settled] as [number | null, number | null];
      settled[lane] = step;
      set({ settled });
    },
  };
};

export { SPEEDS };

/** True when playback has nothing left to show. */
export function atEnd(s: ViewState): boolean {
  if (s.sync) {
    const layout = layoutOfLanes(s.lanes);
    return syncRow(layout, s.lanes.map((l) => l.position)) >= layout.rows;
  }
  const lane = s.lanes[s.activeLane];
  return lane.position >= stepsOf(lane);
}

/** True when playback is at its start (nothing shown yet where it steps). */
export function atStart(s: ViewState): boolean {
  if (s.sync) return s.lanes.every((l) => l.position === 0);
  return s.lanes[s.activeLane].position === 0;
}
