/**
 * Animation durations, without d3: what components need to decide how long a move takes. The d3
 * side (motion.ts, messageAnimator.ts) is loaded after the first paint (see loadAnimator.ts).
 */
export const BASE_MS = 700;

export interface MotionSettings {
  readonly reduced: boolean;
  readonly speed: number;
}

/** Duration of an animation of `base` milliseconds under the current settings; 0 when reduced. */
export function motionDuration(base: number, m: MotionSettings): number {
  if (m.reduced) return 0;
  return Math.max(0, Math.round(base / (m.speed > 0 ? m.speed : 1)));
}
