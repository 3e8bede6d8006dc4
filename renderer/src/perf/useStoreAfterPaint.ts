import { startTransition, useEffect, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { afterNextPaint } from './frames.js';

/** One component following a store after paint: its selection, the value it shows, and how to show a new one. */
interface Follower<S> {
  readonly selector: (s: S) => unknown;
  readonly equal: (a: unknown, b: unknown) => boolean;
  last: unknown;
  readonly show: (value: unknown) => void;
}

/**
 * Every follower of one store, behind one subscription: a store change (a key press) runs each
 * distinct selector once, and the followers whose selection changed take their new values
 * together, in one React render once the frame that shows the step has painted — not one
 * subscription, frame callback, timer and render per panel.
 */
interface Hub<S> {
  readonly followers: Set<Follower<S>>;
  readonly waiting: Map<Follower<S>, unknown>;
  unsubscribe: () => void;
  cancel: () => void;
}

const hubs = new WeakMap<StoreApi<unknown>, Hub<unknown>>();

function hubOf<S>(api: StoreApi<S>): Hub<S> {
  const known = hubs.get(api as StoreApi<unknown>) as Hub<S> | undefined;
  if (known) return known;
  const hub: Hub<S> = { followers: new Set(), waiting: new Map(), unsubscribe: () => {}, cancel: () => {} };
  hubs.set(api as StoreApi<unknown>, hub as Hub<unknown>);
  return hub;
}

/** Take a store state: each follower whose selection changed waits for the next paint (a newer value replaces one still waiting). */
function follow<S>(hub: Hub<S>, state: S): void {
  const selected = new Map<(s: S) => unknown, unknown>();
  let changed = false;
  for (const f of hub.followers) {
    if (!selected.has(f.selector)) selected.set(f.selector, f.selector(state));
    const value = selected.get(f.selector);
    if (f.equal(value, f.last)) continue;
    f.last = value;
    hub.waiting.set(f, value);
    changed = true;
  }
  if (!changed) return;
  hub.cancel();
  hub.cancel = afterNextPaint(() => {
    hub.cancel = () => {};
    const due = [...hub.waiting];
    hub.waiting.clear();
    startTransition(() => {
      for (const [f, value] of due) f.show(value);
    });
  });
}

/**
 * A value selected from a store that follows its changes only after the frame that paints them
 * elsewhere: for panels that follow a step (the inspector, the checks, the ledgers) and must not
 * hold up the frame that shows the step itself. The component does not render in the key press
 * at all: it subscribes outside React's render and takes a change once that frame has painted.
 * The first value shows at once; a newer value replaces one still waiting. All followers of a
 * store share one subscription and one frame callback (see Hub).
 */
export function useStoreAfterPaint<S, T>(api: StoreApi<S>, selector: (s: S) => T, equal: (a: T, b: T) => boolean): T {
  const [shown, setShown] = useState(() => selector(api.getState()));
  useEffect(() => {
    const hub = hubOf(api);
    const f: Follower<S> = { selector, equal: equal as (a: unknown, b: unknown) => boolean, last: shown, show: (v) => setShown(v as T) };
    hub.followers.add(f);
    if (hub.followers.size === 1) hub.unsubscribe = api.subscribe((s) => follow(hub, s));
    // A change between the first render and this effect.
    const now = selector(api.getState());
    if (!equal(now, shown)) follow(hub, api.getState());
    return () => {
      hub.followers.delete(f);
      hub.waiting.delete(f);
      if (hub.followers.size === 0) {
        hub.unsubscribe();
        hub.cancel();
        hub.cancel = () => {};
        hub.unsubscribe = () => {};
      }
    };
    // `shown` is read once, as first rendered; later values are tracked in the follower.
  }, [api, selector, equal]); // eslint-disable-line react-hooks/exhaustive-deps
  return shown;
}
