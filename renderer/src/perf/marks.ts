import { afterNextPaint } from './frames.js';

/**
 * The User Timing mark the app sets for its start-time target (read by `npm run bench`, visible in
 * any performance profile), and the moment code the first paint does not need starts loading.
 */

/** Set once per page, when both lanes' sequence diagrams have painted a run. */
export const LANES_DRAWN = 'proofline:lanes-drawn';

/**
 * The Element Timing name of a lane's diagram (on its actors' names): the browser reports when
 * they were first presented on screen. The app waits for both before loading what the first paint
 * does not need; `npm run bench` reads them for "both lanes on screen".
 */
export const diagramTimingName = (lane: number): string => `diagram-${lane}`;

/** Past the start: both lanes are on screen, or could not be waited for. */
const ON_SCREEN_MAX_MS = 400;

const painted = new Set<number>();
let marked = false;
let shown = false;
const waiting = new Set<() => void>();

/**
 * Run `f` once both lanes are on screen (at once if they are): where code that the first paint
 * does not need starts loading. Work started earlier competes, on a small machine, with the
 * raster and compositing that put the first frame on screen. Returns a cancel function.
 */
export function whenLanesShown(f: () => void): () => void {
  if (shown || !canMark()) {
    f();
    return () => undefined;
  }
  waiting.add(f);
  return () => waiting.delete(f);
}

/** Whether the start is over: both lanes have been on screen (or this page cannot tell). */
export function lanesAreShown(): boolean {
  return shown || !canMark();
}

/**
 * Call `f` once both diagrams' Element Timing entries have come (their first frame is on screen),
 * at once where the browser has no Element Timing, and after ON_SCREEN_MAX_MS at the latest.
 */
function whenOnScreen(f: () => void): void {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('element')) {
    f();
    return;
  }
  const names = new Set([diagramTimingName(0), diagramTimingName(1)]);
  const seen = new Set<string>();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    f();
  };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as readonly { identifier?: string }[]) if (e.identifier && names.has(e.identifier)) seen.add(e.identifier);
    if (seen.size === names.size) finish();
  });
  const timer = setTimeout(finish, ON_SCREEN_MAX_MS);
  observer.observe({ type: 'element', buffered: true });
}

/** Whether this page can observe a paint and set the mark (not in jsdom without rAF or User Timing). */
function canMark(): boolean {
  return typeof requestAnimationFrame === 'function' && typeof performance !== 'undefined' && typeof performance.mark === 'function';
}

/**
 * Resolves once both lanes are on screen, or after `maxMs` at the latest (a hidden tab runs no
 * animation frames, and a start that shows no lanes must not keep waiting work from running).
 */
export function lanesShown(maxMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cancel();
      resolve();
    }, maxMs);
    const cancel = whenLanesShown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Lane `lane` has committed a diagram of a run: after the frame that paints it (a task queued from
 * the next animation frame runs after that frame's paint), and once both lanes have painted, mark
 * `LANES_DRAWN`, then release the waiting work once both are on screen. Returns a cancel function
 * for the effect's cleanup.
 */
export function afterLanePainted(lane: number): () => void {
  if (marked || !canMark()) return () => undefined;
  return afterNextPaint(() => {
    painted.add(lane);
    if (!marked && painted.size >= 2) {
      marked = true;
      performance.mark(LANES_DRAWN);
      whenOnScreen(() => {
        shown = true;
        for (const f of waiting) f();
        waiting.clear();
      });
    }
  });
}
