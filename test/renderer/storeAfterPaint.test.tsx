// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { shallow } from 'zustand/shallow';
import { useStoreAfterPaint } from '../../renderer/src/perf/useStoreAfterPaint.js';

afterEach(cleanup);

interface S {
  readonly n: number;
  readonly other: string;
}
const selectN = (s: S) => ({ n: s.n });

function setup(): { api: StoreApi<S>; renders: () => number } {
  const api = createStore<S>()(() => ({ n: 0, other: 'a' }));
  let count = 0;
  function Follower() {
    count++;
    const { n } = useStoreAfterPaint(api, selectN, shallow);
    return <p>n is {n}</p>;
  }
  render(<Follower />);
  return { api, renders: () => count };
}

describe('useStoreAfterPaint', () => {
  it('shows the first value at once and a change only after the next paint, without rendering in the change itself', async () => {
    const { api, renders } = setup();
    expect(screen.getByText('n is 0')).toBeTruthy();
    const before = renders();
    act(() => api.setState({ n: 1 }));
    // The change that a key press makes does not render the follower.
    expect(renders()).toBe(before);
    expect(screen.getByText('n is 0')).toBeTruthy();
    expect(await screen.findByText('n is 1')).toBeTruthy();
    expect(renders()).toBe(before + 1);
  });

  it('ignores changes its selection does not see, and shows only the newest of quick changes', async () => {
    const { api, renders } = setup();
    const before = renders();
    act(() => api.setState({ other: 'b' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(renders()).toBe(before);
    act(() => api.setState({ n: 2 }));
    act(() => api.setState({ n: 3 }));
    expect(await screen.findByText('n is 3')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(renders()).toBe(before + 1);
    expect(screen.queryByText('n is 2')).toBeNull();
  });

  it('unsubscribes and drops a change still waiting when unmounted', async () => {
    const api = createStore<S>()(() => ({ n: 0, other: 'a' }));
    const subscribe = api.subscribe;
    let subscribed = 0;
    api.subscribe = (listener) => {
      subscribed++;
      const unsubscribe = subscribe(listener);
      return () => {
        subscribed--;
        unsubscribe();
      };
    };
    let rendered: number[] = [];
    function Follower() {
      const { n } = useStoreAfterPaint(api, selectN, shallow);
      rendered.push(n);
      return <p>n is {n}</p>;
    }
    const { unmount } = render(<Follower />);
    expect(subscribed).toBe(1);
    act(() => api.setState({ n: 1 }));
    rendered = [];
    unmount();
    expect(subscribed).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(rendered).toEqual([]);
  });
});
