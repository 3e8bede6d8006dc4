import { startTransition, useEffect, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { afterNextPaint } from './frames.js';

/**
 * A value selected from a store that follows its changes only after the frame that paints them
 * elsewhere: for panels that follow a step (the inspector, the checks) and must not hold up the
 * frame that shows the step itself. The component does not render in the key press at all: it
 * subscribes outside React's render and takes a change once that frame has painted. The first
 * value shows at once; a newer value replaces one still waiting.
 */
export function useStoreAfterPaint<S, T>(api: StoreApi<S>, selector: (s: S) => T, equal: (a: T, b: T) => boolean): T {
  const [shown, setShown] = useState(() => selector(api.getState()));
  useEffect(() => {
    let cancel = () => {};
    let last = shown;
    const follow = (s: S) => {
      const value = selector(s);
      if (equal(value, last)) return;
      last = value;
      cancel();
      cancel = afterNextPaint(() => startTransition(() => setShown(value)));
    };
    follow(api.getState()); // a change between the first render and this effect
    const unsubscribe = api.subscribe(follow);
    return () => {
      unsubscribe();
      cancel();
    };
    // `shown` is read once, as first rendered; later values are tracked in `last`.
  }, [api, selector, equal]);
  return shown;
}
