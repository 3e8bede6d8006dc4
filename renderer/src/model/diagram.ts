import { scalePoint } from 'd3-scale';
import type { ActorInfo } from '../core.js';
import type { SharedLayout } from './layout.js';

/**
 * Geometry of one lane's sequence diagram, computed during render (React draws it). The actor
 * header (HEAD tall) is drawn apart from the rows, so it stays in view while the rows scroll.
 */
export const HEAD = 48;
export const ROW = 26;
export const GUTTER = 70;
const TOP = 6;

export interface DiagramGeometry {
  readonly width: number;
  readonly height: number;
  readonly x: (actor: string) => number;
  readonly y: (row: number) => number;
  readonly bands: readonly { phase: string; y0: number; y1: number; index: number }[];
  readonly column: number;
}

export function diagramGeometry(actors: readonly ActorInfo[], layout: SharedLayout, width: number): DiagramGeometry {
  const w = Math.max(360, width);
  const scale = scalePoint<string>()
    .domain(actors.map((a) => a.id))
    .range([GUTTER, w - 8])
    .padding(0.5);
  const column = scale.step();
  return {
    width: w,
    height: TOP + layout.rows * ROW + 12,
    x: (a) => scale(a) ?? GUTTER,
    y: (row) => TOP + row * ROW + ROW / 2,
    bands: layout.bands.map((b, index) => ({ phase: b.phase, y0: TOP + b.start * ROW, y1: TOP + (b.start + b.count) * ROW, index })),
    column,
  };
}

/** Cut a label to fit `px` pixels at the diagram's label size (≈6.4 px per character). */
export function fitLabel(label: string, px: number): string {
  const max = Math.max(4, Math.floor(px / 6.4));
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}
