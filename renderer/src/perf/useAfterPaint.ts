import { startTransition, useEffect, useState } from 'react';
import { afterNextPaint } from './frames.js';

/**
 * `value`, but a change shows only after the frame that paints the change elsewhere: for panels
 * that follow a step (the inspector, the checks) and must not hold up the frame that shows the
 * step itself. The first value shows at once; a newer value replaces one still waiting.
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    return afterNextPaint(() => startTransition(() => setShown(value)));
  }, [shown, value]);
  return shown;
}
