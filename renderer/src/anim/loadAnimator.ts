import { afterNextPaint } from '../perf/frames.js';
import { whenLanesShown } from '../perf/marks.js';
import type { MessageAnimator } from './messageAnimator.js';

/**
 * The message animator and d3-selection/-transition behind it, loaded on demand: the lanes are
 * drawn without them (a step shown before they arrive simply jumps to its end state), so they
 * stay out of the JavaScript the first paint waits for. One import per page, shared by both lanes.
 */
let loading: Promise<typeof import('./messageAnimator.js')> | null = null;

export function loadMessageAnimator(): Promise<typeof import('./messageAnimator.js')> {
  loading ??= import('./messageAnimator.js');
  return loading;
}

/**
 * Create an animator on `group` once the frame now being drawn has painted and the module has
 * loaded; `onReady` receives it unless `cancel` was called first (an unmount, a new run).
 */
export function createAnimatorAfterPaint(group: SVGGElement, onSettled: (key: string) => void, onReady: (a: MessageAnimator) => void): () => void {
  let cancelled = false;
  let cancelPaint: () => void = () => undefined;
  const start = () => {
    void loadMessageAnimator().then(
      (m) => {
        if (!cancelled) onReady(m.createMessageAnimator(group, onSettled));
      },
      () => undefined, // no animator: every step jumps to its end state, as with reduced motion
    );
  };
  // Not before both lanes are on screen (the module is code the first paint does not need), and
  // after the frame now being drawn has painted.
  const stopWaiting = whenLanesShown(() => {
    if (!cancelled) cancelPaint = afterNextPaint(start);
  });
  return () => {
    cancelled = true;
    stopWaiting();
    cancelPaint();
  };
}
