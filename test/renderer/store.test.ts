// @vitest-environment jsdom
import { select } from 'd3-selection';
import { describe, expect, it, vi } from 'vitest';
import { animate, motionDuration } from '../../renderer/src/anim/motion.js';
import { createMessageAnimator } from '../../renderer/src/anim/messageAnimator.js';
import { positionsAtRow, sharedLayout } from '../../renderer/src/model/layout.js';
import { knowledgeAt } from '../../renderer/src/model/knowledge.js';
import { createViewStore } from '../../renderer/src/store/createViewStore.js';
import { selectReducedMotion } from '../../renderer/src/store/selectors.js';
import { biometricFixture, fakeDeps, webauthnFixture } from './fixture.js';
import type { OpenedTrace } from '../../renderer/src/store/types.js';

async function readyStore(deps = fakeDeps()) {
  const store = createViewStore(deps);
  await store.getState().recordLanes();
  return store;
}

const positions = (store: Awaited<ReturnType<typeof readyStore>>) => store.getState().lanes.map((l) => l.position);

describe('shared layout', () => {
  it('gives each phase the rows of the lane with most steps in it, so phases line up', () => {
    const a = webauthnFixture().steps;
    const b = biometricFixture().steps;
    const layout = sharedLayout([a, b]);
    expect(layout.bands.map((x) => [x.phase, x.count])).toEqual([
      ['enroll', 2],
      ['challenge', 2],
      ['gesture', 1],
      ['proof', 2],
      ['submit', 1],
      ['verify', 1],
      ['decide', 1],
    ]);
    expect(layout.rows).toBe(10);
    // The first "proof" step sits on the same row in both lanes.
    const proofA = a.findIndex((s) => s.phase === 'proof');
    const proofB = b.findIndex((s) => s.phase === 'proof');
    expect(layout.stepRow[0]![proofA]).toBe(layout.stepRow[1]![proofB]);
    expect(positionsAtRow(layout, 0)).toEqual([0, 0]);
    expect(positionsAtRow(layout, layout.rows)).toEqual([a.length, b.length]);
  });

  it('keeps each lane in time order when a phase comes back, and still aligns the rest', () => {
    const a = webauthnFixture().steps;
    const phases = ['enroll', 'challenge', 'proof', 'challenge', 'submit', 'decide'] as const;
    const b = phases.map((phase, index) => ({ ...biometricFixture().steps[0]!, index, phase }));
    const layout = sharedLayout([a, b]);
    for (const rows of layout.stepRow) for (let k = 1; k < rows.length; k++) expect(rows[k]!).toBeGreaterThan(rows[k - 1]!);
    const proofA = a.findIndex((s) => s.phase === 'proof');
    expect(layout.stepRow[0]![proofA]).toBe(layout.stepRow[1]![2]);
    // Neither fixture has a gesture or a presence check: one empty gesture row says that nothing tests presence.
    expect(layout.bands.map((x) => x.phase)).toEqual(['enroll', 'challenge', 'gesture', 'proof', 'challenge', 'submit', 'verify', 'decide']);
    expect(positionsAtRow(layout, layout.rows)).toEqual([a.length, b.length]);
    // Each lane draws no band it has no step in: the left lane's proof band runs on over the
    // right lane's second challenge and submit, the right lane's submit band over the left's verify.
    for (const [lane, steps] of [a, b].entries()) {
      const bands = layout.laneBands[lane]!;
      expect(bands[0]!.start).toBe(0);
      expect(bands.reduce((n, x) => n + x.count, 0)).toBe(layout.rows);
      for (const band of bands) expect(steps.some((_, i) => layout.stepRow[lane]![i]! >= band.start && layout.stepRow[lane]![i]! < band.start + band.count)).toBe(true);
    }
    expect(layout.laneBands[0]!.map((x) => x.phase)).toEqual(['enroll', 'challenge', 'proof', 'verify', 'decide']);
    expect(layout.laneBands[1]!.map((x) => x.phase)).toEqual(['enroll', 'challenge', 'proof', 'challenge', 'submit', 'decide']);
  });
});

describe('view store: stepping', () => {
  it('records both lanes and starts before the first step', async () => {
    const store = await readyStore();
    const s = store.getState();
    expect(s.lanes.map((l) => l.status)).toEqual(['ready', 'ready']);
    expect(positions(store)).toEqual([0, 0]);
  });

  it('steps both lanes together by phase row', async () => {
    const store = await readyStore();
    const { next } = store.getState();
    next();
    expect(positions(store)).toEqual([1, 1]); // enroll row 0: both have a step
    next();
    expect(positions(store)).toEqual([2, 1]); // enroll row 1: only WebAuthn has a second enroll step
    next();
    expect(positions(store)).toEqual([3, 2]); // challenge row 0
    next();
    expect(positions(store)).toEqual([3, 3]); // challenge row 1: only biometric-only
    next();
    expect(positions(store)).toEqual([3, 4]); // gesture
    next();
    expect(positions(store)).toEqual([4, 5]); // proof row 0, side by side
  });

  it('goes back, to the start and to the end', async () => {
    const store = await readyStore();
    const s = store.getState();
    s.last();
    expect(positions(store)).toEqual([7, 7]);
    s.previous();
    expect(positions(store)).toEqual([6, 6]); // the decide row holds both lanes' last step
    s.first();
    expect(positions(store)).toEqual([0, 0]);
    s.previous();
    expect(positions(store)).toEqual([0, 0]);
  });

  it('seeks one lane and the other follows by phase when in sync', async () => {
    const store = await readyStore();
    store.getState().seek(1, 5); // biometric-only's proof step
    expect(positions(store)).toEqual([4, 5]);
    expect(store.getState().selected).toEqual({ lane: 1, step: 4 });
  });

  it('steps the active lane alone when lanes are independent, and re-aligns on sync', async () => {
    const store = await readyStore();
    const s = store.getState();
    s.setSync(false);
    s.setActiveLane(1);
    s.next();
    s.next();
    s.next();
    expect(positions(store)).toEqual([0, 3]);
    s.seek(0, 1);
    expect(positions(store)).toEqual([1, 3]);
    s.setSync(true);
    // Back in lockstep at the furthest row reached (challenge row 1).
    expect(positions(store)).toEqual([3, 3]);
  });

  it('lets the selection follow the step just shown', async () => {
    const store = await readyStore();
    const s = store.getState();
    s.next();
    expect(store.getState().selected).toEqual({ lane: 0, step: 0 });
    s.next();
    expect(store.getState().selected).toEqual({ lane: 0, step: 1 });
    s.next();
    s.next(); // only lane 1 moves: the selection goes there
    expect(store.getState().selected).toEqual({ lane: 1, step: 2 });
  });

  it('plays from the start when at the end, and pauses', async () => {
    const store = await readyStore();
    store.getState().last();
    store.getState().play();
    expect(store.getState().playing).toBe(true);
    expect(positions(store)).toEqual([0, 0]);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
    expect(() => store.getState().setSpeed(3)).toThrow(RangeError);
  });
});

describe('view store: recording and traces', () => {
  it('drops a late result of an older recording request', async () => {
    const releases: (() => void)[] = [];
    const deps = fakeDeps();
    const slow = fakeDeps({
      recordRun: async (spec) => {
        if (spec.scenario === 'replay') await new Promise<void>((r) => releases.push(r));
        return deps.recordRun(spec);
      },
    });
    const store = createViewStore(slow);
    const first = store.getState().setScenario('replay');
    const second = store.getState().setScenario('honest');
    await second;
    releases.forEach((r) => r());
    await first;
    expect(store.getState().lanes.map((l) => l.run?.scenario)).toEqual(['honest', 'honest']);
  });

  it('keeps a lane at its end when its options change', async () => {
    const store = await readyStore();
    store.getState().last();
    await store.getState().setOption(0, 'binding', 'challenge');
    const lane = store.getState().lanes[0];
    expect(lane.options.binding).toBe('challenge');
    expect(lane.position).toBe(lane.run!.steps.length);
  });

  it('opens a trace into the lanes, from the start', async () => {
    const store = await readyStore();
    store.getState().last();
    expect(await store.getState().openTraceText('pair.proofline.json', '["biometric-only","webauthn"]')).toBe(true);
    const s = store.getState();
    expect(s.lanes.map((l) => l.flow)).toEqual(['biometric-only', 'webauthn']);
    expect(positions(store)).toEqual([0, 0]);
    expect(s.trace?.name).toBe('pair.proofline.json');
    expect(s.trace?.title).toBe('Fixture: biometric-only vs webauthn');
    expect(s.alert).toBeNull();
  });

  it('refuses a file that is not a trace with one message and leaves the view as it was', async () => {
    const store = await readyStore();
    store.getState().next();
    const before = store.getState().lanes;
    expect(await store.getState().openTraceText('notes.txt', 'hello')).toBe(false);
    expect(store.getState().alert).toMatch(/“notes\.txt” could not be opened as a Proofline trace/);
    expect(store.getState().lanes).toBe(before);
    store.getState().dismissAlert();
    expect(store.getState().alert).toBeNull();
  });

  it('starts from the prepared honest side-by-side when there is one, else records live', async () => {
    const live = createViewStore(fakeDeps());
    await live.getState().start();
    expect(live.getState().trace).toBeNull();
    expect(live.getState().lanes.map((l) => l.status)).toEqual(['ready', 'ready']);

    const texts: Record<string, string> = { '00-honest-reversed': '["biometric-only","webauthn"]', '01-honest': '["webauthn","biometric-only"]', '02-replay': '["webauthn","biometric-only"]' };
    const host = { ...fakeDeps().host, listPreparedTraces: async () => Object.keys(texts).map((name) => ({ name, title: name })), loadPreparedTrace: async (n: string) => texts[n]! };
    const prepared = createViewStore(fakeDeps({ host }));
    await prepared.getState().start();
    expect(prepared.getState().trace?.name).toBe('01-honest.proofline.json');
    expect(prepared.getState().lanes.map((l) => l.source.kind)).toEqual(['trace', 'trace']);
  });
});

describe('view store: the first start draws the file, then re-verifies it', () => {
  it('shows the recorded runs as verifying until the recomputed runs replace them, keeping the position', async () => {
    let painted!: () => void;
    let verified!: (v: OpenedTrace) => void;
    const base = fakeDeps();
    const texts: Record<string, string> = { '01-honest': '["webauthn","biometric-only"]' };
    const host = { ...base.host, listPreparedTraces: async () => [{ name: '01-honest', title: '01 · honest' }], loadPreparedTrace: async (n: string) => texts[n]! };
    const recomputed = { ...webauthnFixture(), outcome: { ...webauthnFixture().outcome, sentence: 'recomputed' } };
    const store = createViewStore(
      fakeDeps({
        host,
        traces: {
          ...base.traces,
          recorded: (t) => ({ title: 'T', description: 'D', runs: (t as string[]).map((f) => ({ run: f === 'webauthn' ? webauthnFixture() : biometricFixture(), disagreements: [] })) }),
          afterFirstPaint: () => new Promise<void>((r) => (painted = r)),
          verify: () => new Promise<OpenedTrace>((r) => (verified = r)),
        },
      }),
    );
    const started = store.getState().start();
    expect(store.getState().start()).toBe(started); // once per view
    await vi.waitFor(() => expect(painted).toBeDefined());
    expect(store.getState().lanes.map((l) => [l.status, l.verifying])).toEqual([['ready', true], ['ready', true]]);
    expect(store.getState().trace?.verifying).toBe(true);
    store.getState().next();
    await store.getState().exportLedger();
    expect(store.getState().alert).toMatch(/still being re-verified/);
    painted();
    await vi.waitFor(() => expect(verified).toBeDefined());
    verified({ title: 'T', description: 'D', runs: [{ run: recomputed, disagreements: [{ step: 0, what: 'x', recorded: 'a', recomputed: 'b' }] as never }, { run: biometricFixture(), disagreements: [] }] });
    await started;
    const lanes = store.getState().lanes;
    expect(lanes.map((l) => l.verifying)).toEqual([false, false]);
    expect(lanes[0].run?.outcome.sentence).toBe('recomputed');
    expect(lanes[0].disagreements).toHaveLength(1);
    expect(lanes[0].position).toBe(1);
    expect(store.getState().trace?.verifying).toBeUndefined();
  });
});

describe('view store: traces with more runs than lanes', () => {
  it('puts any run of the open trace into either lane', async () => {
    const store = await readyStore();
    await store.getState().openTraceText('four.proofline.json', '["webauthn","webauthn","biometric-only","webauthn"]');
    expect(store.getState().lanes.map((l) => l.source)).toEqual([
      { kind: 'trace', name: 'four.proofline.json', index: 0 },
      { kind: 'trace', name: 'four.proofline.json', index: 1 },
    ]);
    store.getState().last();
    store.getState().showTraceRun(1, 2);
    expect(store.getState().lanes[1].flow).toBe('biometric-only');
    expect(store.getState().lanes.map((l) => l.position)).toEqual([0, 0]);
    expect(() => store.getState().showTraceRun(0, 9)).toThrow(RangeError);
  });
});

describe('reduced motion', () => {
  it('is on when the system or the app asks for it', async () => {
    const store = await readyStore();
    expect(selectReducedMotion(store.getState())).toBe(false);
    store.getState().setSystemReducedMotion(true);
    expect(selectReducedMotion(store.getState())).toBe(true);
    store.getState().setSystemReducedMotion(false);
    store.getState().setReduceMotion(true);
    expect(selectReducedMotion(store.getState())).toBe(true);
  });

  it('makes every animation jump to its end state', async () => {
    expect(motionDuration(700, { reduced: true, speed: 1 })).toBe(0);
    expect(motionDuration(700, { reduced: false, speed: 2 })).toBe(350);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    svg.append(c);
    await animate(select(c), 0, { attr: { cx: 40 }, style: { opacity: 0 } }, { attr: { cx: 0 } });
    expect(c.getAttribute('cx')).toBe('40');
    expect(c.style.opacity).toBe('0');
  });

  it('shows no travelling token when the duration is 0, and reports the move as settled', async () => {
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    const settled = vi.fn();
    const animator = createMessageAnimator(g, settled);
    animator.update({ key: 'a:3', x0: 10, x1: 200, y: 50, attacker: false, duration: 0 });
    await new Promise((r) => setTimeout(r, 0));
    const token = g.querySelector('circle')!;
    expect(token.getAttribute('cx')).toBe('200');
    expect(token.style.opacity).toBe('0');
    expect(settled).toHaveBeenCalledWith('a:3');
    animator.destroy();
    expect(g.childElementCount).toBe(0);
  });
});

describe('knowledge', () => {
  it('accumulates items up to the position and marks the last step’s as new', () => {
    const run = webauthnFixture();
    const at4 = knowledgeAt(run, 4);
    expect(at4.get('ua')!.map((i) => i.key)).toEqual(['options', 'challenge']);
    expect(at4.get('authn')!.every((i) => i.isNew)).toBe(true);
    expect(at4.get('authn')!.find((i) => i.key === 'amount')!.never).toBe(true);
    expect(knowledgeAt(run, 5).get('authn')!.find((i) => i.key === 'amount')!.isNew).toBe(false);
    expect(knowledgeAt(run, 0).size).toBe(0);
  });
});
