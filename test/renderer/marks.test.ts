// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Marks = typeof import('../../renderer/src/perf/marks.js');
type Entry = { identifier: string };

/** A stand-in for the browser's PerformanceObserver with Element Timing: entries are delivered by hand. */
class FakeObserver {
  static live: FakeObserver[] = [];
  static supportedEntryTypes = ['element'];
  constructor(private readonly callback: (list: { getEntries(): Entry[] }) => void) {}
  observe(): void {
    FakeObserver.live.push(this);
  }
  disconnect(): void {
    FakeObserver.live = FakeObserver.live.filter((o) => o !== this);
  }
  static deliver(...identifiers: string[]): void {
    for (const o of [...FakeObserver.live]) o.callback({ getEntries: () => identifiers.map((identifier) => ({ identifier })) });
  }
}

/** A fresh copy of the module (its state is per page), both lanes painted. */
async function bothLanesPainted(): Promise<Marks> {
  vi.resetModules();
  const marks = await import('../../renderer/src/perf/marks.js');
  marks.afterLanePainted(0);
  marks.afterLanePainted(1);
  await vi.advanceTimersByTimeAsync(20); // the frame that paints them (a frame every 16 ms)
  return marks;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  FakeObserver.live = [];
  vi.stubGlobal('PerformanceObserver', FakeObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('deferred start work', () => {
  it('waits until both diagrams are on screen, after the drawn mark', async () => {
    const marks = await bothLanesPainted();
    expect(performance.getEntriesByName(marks.LANES_DRAWN, 'mark')).toHaveLength(1);
    const ran = vi.fn();
    marks.whenLanesShown(ran);
    FakeObserver.deliver(marks.diagramTimingName(0), 'something-else');
    expect(ran).not.toHaveBeenCalled();
    FakeObserver.deliver(marks.diagramTimingName(1));
    expect(ran).toHaveBeenCalledTimes(1);
    expect(FakeObserver.live).toHaveLength(0);
    // Past the start, work runs at once.
    const later = vi.fn();
    marks.whenLanesShown(later);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('does not wait longer than 400 ms for the browser to report them', async () => {
    const marks = await bothLanesPainted();
    const ran = vi.fn();
    marks.whenLanesShown(ran);
    await vi.advanceTimersByTimeAsync(380);
    expect(ran).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(40);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('runs at once after the mark where the browser has no Element Timing', async () => {
    FakeObserver.supportedEntryTypes = [];
    try {
      const marks = await bothLanesPainted();
      const ran = vi.fn();
      marks.whenLanesShown(ran);
      expect(ran).toHaveBeenCalledTimes(1);
    } finally {
      FakeObserver.supportedEntryTypes = ['element'];
    }
  });
});
