import yubicoVectors from '../vectors/yubico-java-webauthn-server.json';
import { describe, expect, it, vi } from 'vitest';
import { createViewStore } from '../../renderer/src/store/createViewStore.js';
import { noteOf } from '../../renderer/src/store/presenterSlice.js';
import { selectFork } from '../../renderer/src/store/selectors.js';
import { fakeDeps, fakeHost } from './fixture.js';
import type { ViewDeps } from '../../renderer/src/store/types.js';
import '../../core/flows/all.js';
import { createTrace, parseTrace, serializeTrace, type Trace } from '../../core/trace/trace.js';
import { verifyTrace } from '../../core/trace/verify.js';

async function readyStore(deps = fakeDeps()) {
  const store = createViewStore(deps);
  await store.getState().recordLanes();
  return store;
}

describe('presenter slice', () => {
  it('toggles presenter mode, black-out, notes; one lane steps alone, both step together', async () => {
    const store = await readyStore();
    const s = () => store.getState();
    s().togglePresenter();
    expect(s().presenter).toBe(true);
    s().toggleBlackout();
    expect(s().blackout).toBe(true);
    s().setPresenterLanes(1);
    expect([s().sync, s().activeLane]).toEqual([false, 1]);
    s().next();
    expect(s().lanes.map((l) => l.position)).toEqual([0, 1]);
    s().setPresenterLanes('both');
    expect(s().sync).toBe(true);
    s().setPresenter(false);
    expect([s().presenter, s().blackout]).toEqual([false, false]);
  });
});

describe('notes slice', () => {
  it('stores a note on a step of the loaded trace, marks the document dirty, tells the host, and saves it', async () => {
    const setUnsavedChanges = vi.fn(async () => undefined);
    const saved: string[] = [];
    const serialize = vi.fn((runs: readonly { steps: readonly object[] }[], _meta?: { title: string; description: string }) => JSON.stringify(runs.map((r) => r.steps.map((st) => (st as { notes?: string }).notes ?? null))));
    const deps = fakeDeps({ host: fakeHost({ setUnsavedChanges, saveTrace: async (_n, text) => (saved.push(text), true) }) });
    const store = await readyStore({ ...deps, traces: { ...deps.traces, serialize } });
    await store.getState().openTraceText('t.proofline.json', '["webauthn","biometric-only"]');
    store.getState().seek(0, 3);
    store.getState().setStepNote(0, 2, 'Ask: who chose this challenge?');
    const s = store.getState();
    expect(noteOf(s.lanes[0].run!.steps[2])).toBe('Ask: who chose this challenge?');
    expect(noteOf(s.trace!.runs[0]!.run.steps[2])).toBe('Ask: who chose this challenge?');
    expect(s.dirty).toBe(true);
    expect(setUnsavedChanges).toHaveBeenLastCalledWith(true);
    await store.getState().saveTrace();
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0]!)[0][2]).toBe('Ask: who chose this challenge?');
    // The trace's title and description travel with it.
    expect(serialize.mock.calls[0]![1]).toEqual({ title: 'Fixture: webauthn vs biometric-only', description: 'A hand-made trace.' });
    expect(store.getState().dirty).toBe(false);
    expect(setUnsavedChanges).toHaveBeenLastCalledWith(false);
    // Empty text removes the note.
    store.getState().setStepNote(0, 2, '');
    expect(noteOf(store.getState().lanes[0].run!.steps[2])).toBe('');
  });
});

describe('matrix slice', () => {
  it('computes for the chosen options, shows progress, and opens a cell beside the honest run', async () => {
    let release: () => void = () => undefined;
    const deps = fakeDeps();
    const compute = vi.fn(async (o: object) => {
      await new Promise<void>((r) => (release = r));
      return deps.computeMatrix(o);
    });
    const store = await readyStore({ ...deps, computeMatrix: compute });
    store.getState().setView('matrix');
    expect(store.getState().matrixStatus).toBe('computing');
    release();
    await vi.waitFor(() => expect(store.getState().matrixStatus).toBe('ready'));
    const pending = store.getState().setMatrixOption('userVerification', 'discouraged');
    expect(compute).toHaveBeenLastCalledWith({ userVerification: 'discouraged' }, 'flows');
    release();
    await pending;
    expect(store.getState().matrix!.options).toEqual({ userVerification: 'discouraged' });
    await store.getState().openMatrixCell('replay', 'webauthn/challenge');
    const s = store.getState();
    expect(s.view).toBe('lanes');
    expect(s.lanes.map((l) => [l.run!.flow, l.run!.scenario, l.source.kind])).toEqual([
      ['webauthn', 'honest', 'matrix'],
      ['webauthn', 'replay', 'matrix'],
    ]);
    expect(s.lanes[1].run!.options).toEqual({ userVerification: 'discouraged', binding: 'challenge' });
  });

  it('on the rpFlaw axis, a cell opens beside the same scenario at rpFlaw=none', async () => {
    // Real core here: the matrix on the rpFlaw axis and the two runs, recorded through the checks.
    const { computeMatrix } = await import('../../core/matrix/index.js');
    const { recordRun } = await import('../../core/flows/runs.js');
    const store = await readyStore({ ...fakeDeps(), computeMatrix: (o, axis) => computeMatrix(o, 1, axis), recordRun });
    await store.getState().setMatrixAxis('rpFlaw');
    expect(store.getState().matrix!.columns.map((c) => c.id)[1]).toBe('webauthn/rpFlaw=skip-signature');
    await expect(store.getState().setMatrixAxis('colour')).rejects.toThrow(RangeError);
    await store.getState().openMatrixCell('forged-approval', 'webauthn/rpFlaw=skip-signature');
    const s = store.getState();
    expect(s.lanes.map((l) => [l.run!.scenario, l.run!.options.rpFlaw ?? 'none', l.run!.outcome.outcome])).toEqual([
      ['forged-approval', 'none', 'blocked'],
      ['forged-approval', 'skip-signature', 'breach'],
    ]);
  }, 60_000);
});

describe('fork slice', () => {
  it('forks the what-if step, shows original left and fork right with the changes, and keeps it in the trace', async () => {
    const store = await readyStore();
    await store.getState().openTraceText('t.proofline.json', '["webauthn","biometric-only"]');
    store.getState().seek(0, 5);
    store.getState().openWhatIf(0, 4);
    expect(store.getState().whatIf).toEqual({ lane: 0, step: 4 });
    expect(await store.getState().applyFork({ kind: 'flag', flag: 'UV', value: false })).toBe(true);
    const s = store.getState();
    expect(s.lanes[0].run!.flow).toBe('webauthn');
    expect(s.lanes[1].run!.outcome.outcome).toBe('blocked');
    expect(s.lanes[1].source).toMatchObject({ kind: 'fork', label: 'what if UV = 0 at step 5' });
    // Which run it forks, in words, and the run whose lane it took is kept to bring back.
    expect((s.lanes[1].source as { of?: string }).of).toMatch(/^WebAuthn · /);
    expect(selectFork(s)!.result.changedChecks[0]!.id).toBe('rp.signature');
    expect(s.selected).toEqual({ lane: 1, step: 5 });
    store.getState().keepFork();
    const t = store.getState().trace!;
    expect(t.runs).toHaveLength(3);
    expect((t.runs[2]!.run as { fork?: { of: number } }).fork!.of).toBe(0);
    expect(store.getState().lanes[1].source).toEqual({ kind: 'trace', name: 't.proofline.json', index: 2 });
    expect(store.getState().dirty).toBe(true);
  });

  it('a fork that cannot apply says why and changes nothing', async () => {
    const store = await readyStore(fakeDeps({ forkRun: async () => Promise.reject(new RangeError('step 1 carries no authenticatorData')) }));
    store.getState().openWhatIf(0, 0);
    const before = store.getState().lanes;
    expect(await store.getState().applyFork({ kind: 'counter', value: 0 })).toBe(false);
    expect(store.getState().forkError).toBe('step 1 carries no authenticatorData');
    expect(store.getState().lanes).toBe(before);
  });
});

describe('response slice', () => {
  const vectors = yubicoVectors as unknown as { id: string }[];
  const auth = vectors.find((c) => c.id === 'yubico/real/YubiKey5/authentication')!;

  it('shows a real response in the left lane, whole, with its checks selected', async () => {
    const store = await readyStore();
    expect(await store.getState().openResponseText('yubikey5.json', JSON.stringify(auth))).toBe(true);
    const s = store.getState();
    expect(s.lanes[0].source).toEqual({ kind: 'response', name: 'yubikey5.json' });
    expect(s.lanes[0].position).toBe(4);
    expect(s.selected).toEqual({ lane: 0, step: 2 });
    expect(s.lanes[0].run!.outcome.outcome).toBe('ok');
    expect(() => store.getState().openWhatIf(0, 2)).toThrow(RangeError);
  });

  it('saved, it is written under its own name and opens again whole, re-verified, read-only, the seed left alone', async () => {
    const written: { name: string; text: string }[] = [];
    const traces: ViewDeps['traces'] = {
      parse: (text) => parseTrace(text),
      async verify(trace) {
        const t = trace as Trace;
        const v = await verifyTrace(t);
        return { title: t.title, description: t.description, created: t.created, runs: v.runs.map((r) => ({ run: { ...r.run, seed: r.run.seed ?? 0, secrets: r.run.secrets ?? [] }, disagreements: r.disagreements })) };
      },
      serialize: (runs, meta) => serializeTrace(createTrace(runs, { title: meta?.title ?? 'untitled', description: meta?.description ?? '', created: '2026-12-02T06:00:00Z', generator: { name: 'test', version: '0' } })),
    };
    const store = await readyStore(fakeDeps({ traces, host: fakeHost({ saveTrace: async (name, text) => (written.push({ name, text }), true) }) }));
    const seed = store.getState().seed;
    expect(await store.getState().openResponseText('YubiKey 5 (auth).json', JSON.stringify(auth))).toBe(true);
    await store.getState().saveTrace();
    expect(written.map((w) => w.name)).toEqual(['YubiKey-5-auth.proofline.json']);
    expect(parseTrace(written[0]!.text).title).toBe('A real WebAuthn response: YubiKey 5 (auth).json');
    expect(await store.getState().openTraceText(written[0]!.name, written[0]!.text)).toBe(true);
    const s = store.getState();
    expect(s.lanes[0].source).toEqual({ kind: 'trace', name: 'YubiKey-5-auth.proofline.json', index: 0 });
    expect(s.lanes[0].disagreements).toEqual([]);
    expect(s.lanes[0].run!.response).toEqual({ name: 'YubiKey 5 (auth).json' });
    expect([s.lanes[0].position, s.selected]).toEqual([4, { lane: 0, step: 2 }]);
    expect(s.seed).toBe(seed);
    expect(s.lanes[1].source).toMatchObject({ kind: 'empty', why: expect.stringMatching(/holds one real response/) });
    expect(() => store.getState().openWhatIf(0, 2)).toThrow(RangeError);
    // Saved again from the opened file (a trainer's note added): still a real response that re-verifies, the note kept.
    store.getState().setStepNote(0, 2, 'Which check would a replay fail?');
    await store.getState().saveTrace();
    const again = parseTrace(written[1]!.text);
    expect(again.runs[0]!.response).toEqual({ name: 'YubiKey 5 (auth).json' });
    expect(again.runs[0]!.steps[2]!.notes).toBe('Which check would a replay fail?');
    expect((await verifyTrace(again)).disagreements).toEqual([]);
  });

  it('a bad bundle gives one error in the response dialog naming what and where, the view unchanged', async () => {
    const store = await readyStore();
    const before = store.getState().lanes;
    const broken = structuredClone(auth) as { expected?: { origin?: unknown } };
    delete broken.expected!.origin;
    expect(await store.getState().openResponseText('broken.json', JSON.stringify(broken))).toBe(false);
    expect(store.getState().responseError).toMatch(/broken\.json.*\$\.expected\.origin.*missing/);
    expect(store.getState().responseBox).toBe(true);
    expect(store.getState().alert).toBeNull();
    expect(store.getState().lanes).toBe(before);
    expect(await store.getState().openResponseText('x.json', '{not json')).toBe(false);
    expect(store.getState().responseError).toMatch(/not valid JSON/);
  });
});

describe('export slice', () => {
  it('writes the report as HTML and Markdown and Mermaid per lane, redacted on request', async () => {
    const files: { name: string; mime: string; data: string }[] = [];
    const store = await readyStore(fakeDeps({ host: fakeHost({ exportFile: async (name, mime, data) => (files.push({ name, mime, data: String(data) }), true) }) }));
    await store.getState().exportReport('html');
    await store.getState().exportReport('md');
    store.getState().setExportProfile('names');
    await store.getState().exportMermaid();
    expect(files.map((f) => [f.name, f.mime])).toEqual([
      ['honest.webauthn-vs-biometric-only.report.html', 'text/html'],
      ['honest.webauthn-vs-biometric-only.report.md', 'text/markdown'],
      ['honest.webauthn.left.redacted-names.mmd', 'text/plain'],
      ['honest.biometric-only.right.redacted-names.mmd', 'text/plain'],
    ]);
    expect(files[0]!.data).toMatch(/^<!doctype html>/i);
    expect(files[2]!.data).toContain('sequenceDiagram');
    expect(store.getState().exportStatus).toBe('Exported honest.biometric-only.right.redacted-names.mmd');
  });

  it('the host menu export command opens the export menu', async () => {
    let listener: ((c: 'save' | 'save-as' | 'export') => void) | undefined;
    const store = await readyStore(fakeDeps({ host: fakeHost({ onMenuCommand: (l) => ((listener = l), () => undefined) }) }));
    store.getState().connectHost();
    listener!('export');
    expect(store.getState().exportOpen).toBe(true);
  });
});
