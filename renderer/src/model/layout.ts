import { PHASES, testsNoPresence, type Phase, type Step } from '../core.js';

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
  /**
   * The bands each lane draws: a shared band where the lane has steps in it; rows of a band only
   * the other lane has join the lane's band before them (its last band once it has ended), so no
   * lane shows an empty phase band in the middle, and bands both lanes have start on one row.
   */
  readonly laneBands: readonly (readonly PhaseBand[])[];
  readonly rows: number;
  /** Row of each step, per lane (empty for a lane without a run). */
  readonly stepRow: readonly (readonly number[])[];
}

interface Segment {
  readonly phase: Phase;
  /** Index of the segment's first step in its lane. */
  readonly first: number;
  readonly count: number;
}

/** Consecutive steps of one phase form a segment (a phase may come back, e.g. an attacker's late challenge). */
function segmentsOf(steps: readonly Step[]): Segment[] {
  const out: Segment[] = [];
  steps.forEach((s, i) => {
    const last = out[out.length - 1];
    if (last && last.phase === s.phase) out[out.length - 1] = { ...last, count: last.count + 1 };
    else out.push({ phase: s.phase, first: i, count: 1 });
  });
  return out;
}

/** Pairs of segment indices with equal phases, in order, as many as possible (longest common subsequence). */
function alignSegments(a: readonly Segment[], b: readonly Segment[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = a[i]!.phase === b[j]!.phase ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.phase === b[j]!.phase) pairs.push([i++, j++]);
    else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Compute the shared layout of two lanes' step lists (null where a lane has no run). Each lane's
 * steps keep their order (time runs down); segments of the same phase are put side by side where
 * both lanes have them in the same order, each taking as many rows as the longer of the two, and
 * a segment only one lane has gets rows of its own (a gap in the other lane).
 */
export function sharedLayout(lanes: readonly (readonly Step[] | null)[]): SharedLayout {
  const segs = lanes.map((steps) => segmentsOf(steps ?? []));
  const a = segs[0] ?? [];
  const b = segs[1] ?? [];
  const pairs = alignSegments(a, b);
  const bands: PhaseBand[] = [];
  const stepRow = lanes.map((steps) => new Array<number>(steps?.length ?? 0).fill(0));
  let row = 0;
  const place = (lane: number, seg: Segment, start: number) => {
    for (let k = 0; k < seg.count; k++) stepRow[lane]![seg.first + k] = start + k;
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    // Segments only one lane has, between two aligned ones: merged in phase order.
    while (i < pi || j < pj) {
      const takeA = j >= pj || (i < pi && PHASES.indexOf(a[i]!.phase) <= PHASES.indexOf(b[j]!.phase));
      const lane = takeA ? 0 : 1;
      const seg = takeA ? a[i++]! : b[j++]!;
      bands.push({ phase: seg.phase, start: row, count: seg.count });
      place(lane, seg, row);
      row += seg.count;
    }
    if (pi < a.length && pj < b.length) {
      const count = Math.max(a[pi]!.count, b[pj]!.count);
      bands.push({ phase: a[pi]!.phase, start: row, count });
      place(0, a[pi]!, row);
      place(1, b[pj]!, row);
      row += count;
      i = pi + 1;
      j = pj + 1;
    }
  }
  // Adjacent bands of one phase (from the two lanes' unpaired segments) read as one band.
  const merged: PhaseBand[] = [];
  for (const band of bands) {
    const last = merged[merged.length - 1];
    if (last && last.phase === band.phase && last.start + last.count === band.start) merged[merged.length - 1] = { ...last, count: last.count + band.count };
    else merged.push(band);
  }
  // Nothing tests presence in any lane (a one-time code against a one-time code): the gesture
  // phase still gets one empty row, so each diagram can say so (DESIGN.md §13.4) rather than leave
  // the phase out without a word.
  const shown = lanes.filter((steps): steps is readonly Step[] => steps !== null && steps.length > 0);
  const at = merged.findIndex((b) => PHASES.indexOf(b.phase) > PHASES.indexOf('gesture'));
  if (shown.length > 0 && shown.every(testsNoPresence) && at > 0) {
    const start = merged[at]!.start;
    merged.splice(at, 0, { phase: 'gesture', start, count: 1 });
    for (let k = at + 1; k < merged.length; k++) merged[k] = { ...merged[k]!, start: merged[k]!.start + 1 };
    for (const r of stepRow) for (let k = 0; k < r.length; k++) if (r[k]! >= start) r[k] = r[k]! + 1;
    row += 1;
  }
  const laneBands = stepRow.map((rows) => bandsOfLane(merged, rows));
  return { bands: merged, laneBands, rows: row, stepRow };
}

/** A lane's own bands: the shared ones it has steps in, each extended over the rows after it that it has none in. */
function bandsOfLane(bands: readonly PhaseBand[], rows: readonly number[]): PhaseBand[] {
  const used = new Set(rows);
  const out: PhaseBand[] = [];
  for (const band of bands) {
    let has = false;
    for (let r = band.start; r < band.start + band.count && !has; r++) has = used.has(r);
    const last = out[out.length - 1];
    if (has || !last) out.push({ ...band });
    else out[out.length - 1] = { ...last, count: band.start + band.count - last.start };
  }
  // A first band with no steps of this lane (the other lane starts earlier) joins the next one.
  if (out.length > 1 && rows.length > 0 && !rows.some((r) => r < out[0]!.start + out[0]!.count)) {
    const [first, second] = out;
    out.splice(0, 2, { ...second!, start: first!.start, count: first!.count + second!.count });
  }
  return out;
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
