import { afterNextPaint } from './frames.js';

/**
 * The User Timing mark the app sets for its start-time target (read by `npm run bench`, visible in
 * any performance profile), and the moment code the first paint does not need starts loading.
 */

/** Set once per page, when both lanes' sequence diagrams have painted a run. */
export const LANES_DRAWN = 'proofline:lanes-drawn';

const painted = new Set<number>();
let marked = false;
const waiting = new Set<() => void>();

/**
 * Run `f` once both lanes have painted (at once if they have): where code that the first paint
 * does not need starts loading. Returns a cancel function.
 */
export function whenLanesDrawn(f: () => void): () => void {
  if (marked || !canMark()) {
    f();
    return () => undefined;
  }
  waiting.add(f);
  return () => waiting.delete(f);
}

/** Whether this page can observe a paint and set the mark (not in jsdom without rAF or User Timing). */
function canMark(): boolean {
  return typeof requestAnimationFrame === 'function' && typeof performance !== 'undefined' && typeof performance.mark === 'function';
}

/**
 * Resolves once both lanes have painted, or after `maxMs` at the latest (a hidden tab runs no
 * animation frames, and a start that shows no lanes must not keep waiting work from running).
 */
export function lanesDrawn(maxMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cancel();
      resolve();
    }, maxMs);
    const cancel = whenLanesDrawn(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Lane `lane` has committed a diagram of a run: after the frame that paints it (a task queued from
 * the next animation frame runs after that frame's paint), and once both lanes have painted, mark
 * `LANES_DRAWN`. Returns a cancel function for the effect's cleanup.
 */
export function afterLanePainted(lane: number): () => void {
  if (marked || !canMark()) return () => undefined;
  return afterNextPaint(() => {
    painted.add(lane);
    if (!marked && painted.size >= 2) {
      marked = true;
      performance.mark(LANES_DRAWN);
      for (const f of waiting) f();
      waiting.clear();
    }
  });
}
