/**
 * Scheduling around the browser's frames, so that work a step does not need to paint runs where
 * it costs the step nothing. Each returns a cancel function. Where there are no animation frames
 * (jsdom), the work runs in a task instead.
 */

const hasFrames = () => typeof requestAnimationFrame === 'function' && typeof cancelAnimationFrame === 'function';

/** Run `f` at the start of the next frame, before its style and layout (for DOM writes that need layout). */
export function inNextFrame(f: () => void): () => void {
  if (!hasFrames()) {
    const t = setTimeout(f, 0);
    return () => clearTimeout(t);
  }
  const frame = requestAnimationFrame(() => f());
  return () => cancelAnimationFrame(frame);
}

/** Run `f` once the next frame has painted: a task queued from that frame's animation callbacks runs after its paint. */
export function afterNextPaint(f: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelFrame = inNextFrame(() => {
    timer = setTimeout(f, 0);
  });
  return () => {
    cancelFrame();
    if (timer !== undefined) clearTimeout(timer);
  };
}
