import { PHASES, type Phase, type Step } from '../core.js';

/** One phase band of the shared layout: rows [start, start + count). */
export interface PhaseBand {
  readonly phase: Phase;
  readonly start: number;
  readonly count: number;
}

/**
 * The rows both lanes share, so that a phase starts on the same row on the left and on the right:
 * each phase gets as many rows as the lane with most steps in it needs.
 */
export interface SharedLayout {
  readonly bands: readonly PhaseBand[];
  readonly rows: number;
  /** Row of each step, per lane (empty for a lane without a run). */
  readonly stepRow: readonly (readonly number[])[];
}

/** Compute the shared phase→row layout of the lanes' step lists (null where a lane has no run). */
export function sharedLayout(lanes: readonly (readonly Step[] | null)[]): SharedLayout {
  const counts = lanes.map((steps) => {
    const c = new Map<Phase, number>();
    for (const s of steps ?? []) c.set(s.phase, (c.get(s.phase) ?? 0) + 1);
    return c;
  });
  const bands: PhaseBand[] = [];
  const startOf = new Map<Phase, number>();
  let row = 0;
  for (const phase of PHASES) {
    const count = Math.max(0, ...counts.map((c) => c.get(phase) ?? 0));
    if (count === 0) continue;
    bands.push({ phase, start: row, count });
    startOf.set(phase, row);
    row += count;
  }
  const stepRow = lanes.map((steps) => {
    const seen = new Map<Phase, number>();
    return (steps ?? []).map((s) => {
      const k = seen.get(s.phase) ?? 0;
      seen.set(s.phase, k + 1);
      return (startOf.get(s.phase) ?? 0) + k;
    });
  });
  return { bands, rows: row, stepRow };
}

/** The row a lane has reached once `position` of its steps are shown (0 = nothing shown). */
export function rowOfPosition(layout: SharedLayout, lane: number, position: number): number {
  if (position <= 0) return 0;
  const rows = layout.stepRow[lane] ?? [];
  const r = rows[Math.min(position, rows.length) - 1];
  return r === undefined ? 0 : r + 1;
}

/** The row both lanes have reached together: the furthest of the two. */
export function syncRow(layout: SharedLayout, positions: readonly number[]): number {
  return Math.max(0, ...positions.map((p, lane) => rowOfPosition(layout, lane, p)));
}

/** How many steps each lane shows when every row before `row` is shown. */
export function positionsAtRow(layout: SharedLayout, row: number): number[] {
  return layout.stepRow.map((rows) => {
    let p = 0;
    while (p < rows.length && rows[p]! < row) p++;
    return p;
  });
}

/** The phase band a row belongs to. */
export function bandOfRow(layout: SharedLayout, row: number): PhaseBand | undefined {
  return layout.bands.find((b) => row >= b.start && row < b.start + b.count);
}
