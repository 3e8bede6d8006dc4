/**
 * Scheduling around the browser's frames, so that work a step does not need to paint runs where
 * it costs the step nothing. Where there are no animation frames (jsdom), the work runs in a task.
 */

/**
 * Run `f` once the next frame has painted: a task queued from that frame's animation callbacks
 * runs after its paint. Returns a cancel function.
 */
export function afterNextPaint(f: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function' || typeof cancelAnimationFrame !== 'function') {
    timer = setTimeout(f, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(f, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
