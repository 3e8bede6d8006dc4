import { easeCubicInOut } from 'd3-ease';
import type { BaseType, Selection } from 'd3-selection';
import 'd3-transition';

/**
 * The one animation helper. Every animation in the app goes through `animate`: with a duration
 * of 0 (reduced motion, from the system or the app's own setting) it jumps to the end state.
 */
// Durations live apart from d3 so that components can compute them without loading d3.
export { BASE_MS, motionDuration, type MotionSettings } from './duration.js';

export interface Frame {
  readonly attr?: Readonly<Record<string, string | number>>;
  readonly style?: Readonly<Record<string, string | number>>;
}

function apply<E extends BaseType>(sel: Selection<E, unknown, null, undefined>, f: Frame): void {
  for (const [k, v] of Object.entries(f.attr ?? {})) sel.attr(k, v);
  for (const [k, v] of Object.entries(f.style ?? {})) sel.style(k, v);
}

/**
 * Animate `sel` from `from` (set at once) to `to`. Resolves when the end state is reached or the
 * animation was interrupted by a newer one.
 */
export function animate<E extends BaseType>(sel: Selection<E, unknown, null, undefined>, duration: number, to: Frame, from?: Frame): Promise<void> {
  sel.interrupt();
  if (from) apply(sel, from);
  if (duration <= 0) {
    apply(sel, to);
    return Promise.resolve();
  }
  const t = sel.transition().duration(duration).ease(easeCubicInOut);
  for (const [k, v] of Object.entries(to.attr ?? {})) t.attr(k, v);
  for (const [k, v] of Object.entries(to.style ?? {})) t.style(k, String(v));
  return t.end().then(
    () => undefined,
    () => undefined,
  );
}
