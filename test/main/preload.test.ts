import { build } from 'esbuild';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT, INVOKE } from '../../main/contract.js';

/**
 * The preload, bundled as scripts/build-main.mjs bundles it, run against a stand-in for the two
 * Electron objects a sandboxed preload gets (contextBridge, ipcRenderer) to see exactly what it
 * exposes and what each method sends.
 */
let code: string;
beforeAll(async () => {
  const out = await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'main', 'preload.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0]!.text;
});

function loadPreload() {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return `answer:${channel}`;
      },
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
    },
  };
  const module = { exports: {} };
  const fakeRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
  const emit = (channel: string, payload: unknown) => {
    for (const fn of listeners.get(channel) ?? []) fn({ sender: 'the IPC event' }, payload);
  };
  return { exposed, invoked, listeners, required, emit };
}

describe('preload', () => {
  it('requires only electron and exposes one object, window.proofline', () => {
    const { exposed, required } = loadPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['proofline']);
  });

  it('exposes the host bridge and the desktop calls, all functions, and no ipcRenderer', () => {
    const api = loadPreload().exposed.get('proofline') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      ['exportFile', 'listPreparedTraces', 'loadPreparedTrace', 'onFileOpened', 'onMenuCommand', 'onPresenterMode', 'openSpec', 'openTrace', 'saveTrace', 'saveTraceAs', 'setUnsavedChanges'].sort(),
    );
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/invoke|send|ipc/i);
  });

  it('each method invokes its own named channel with exactly its arguments', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('proofline') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const bytes = new Uint8Array([1, 2]);
    expect(await api.openTrace!()).toBe(`answer:${INVOKE.openTrace}`);
    await api.saveTrace!('a.proofline.json', '{}');
    await api.saveTraceAs!('b.proofline.json', '{}');
    await api.listPreparedTraces!();
    await api.loadPreparedTrace!('01-honest');
    await api.exportFile!('d.png', 'image/png', bytes);
    await api.setUnsavedChanges!(true);
    expect(invoked).toEqual([
      { channel: INVOKE.openTrace, args: [] },
      { channel: INVOKE.saveTrace, args: ['a.proofline.json', '{}'] },
      { channel: INVOKE.saveTraceAs, args: ['b.proofline.json', '{}'] },
      { channel: INVOKE.listPreparedTraces, args: [] },
      { channel: INVOKE.loadPreparedTrace, args: ['01-honest'] },
      { channel: INVOKE.exportFile, args: ['d.png', 'image/png', bytes] },
      { channel: INVOKE.setUnsavedChanges, args: [true] },
    ]);
  });

  it('extra arguments from the page are not forwarded', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('proofline') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await api.openTrace!('proofline:some-other-channel', 'x');
    expect(invoked).toEqual([{ channel: INVOKE.openTrace, args: [] }]);
  });

  it('event listeners get the checked payload only, never the IPC event, and can unsubscribe', () => {
    const { exposed, emit, listeners } = loadPreload();
    const api = exposed.get('proofline') as Record<string, (fn: (v: unknown) => void) => () => void>;
    const got: unknown[][] = [];
    const off = api.onFileOpened!((...args: unknown[]) => got.push(args));
    api.onMenuCommand!((...args: unknown[]) => got.push(args));
    api.onPresenterMode!((...args: unknown[]) => got.push(args));
    emit(EVENT.fileOpened, { name: 'a.json', text: '{}' });
    emit(EVENT.fileOpened, { name: 'a.json', text: '{}', extra: 'x' });
    emit(EVENT.menuCommand, 'save');
    emit(EVENT.menuCommand, 'format-disk');
    emit(EVENT.presenterMode, true);
    emit(EVENT.presenterMode, 'yes');
    expect(got).toEqual([[{ name: 'a.json', text: '{}' }], ['save'], [true]]);
    off();
    expect(listeners.get(EVENT.fileOpened)?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const api = loadPreload().exposed.get('proofline') as Record<string, (fn: unknown) => unknown>;
    expect(() => api.onFileOpened!('alert(1)')).toThrow(TypeError);
  });
});
