import { build } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT, INVOKE } from '../../main/contract.js';
import { APP_URL } from '../../main/security.js';

/**
 * Electron cannot run here, so this runs the real main.ts bundle (as scripts/build-main.mjs
 * builds it) against a recording stand-in for the electron module: it checks that main.ts wires
 * the tested decisions to the right Electron hooks, in the right order. What Electron then does
 * with them is for a machine with the Electron binary.
 */
const repo = join(import.meta.dirname, '..', '..');
const nodeRequire = createRequire(import.meta.url);
let code: string;

beforeAll(async () => {
  const out = await build({
    entryPoints: [join(repo, 'main', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0]!.text;
});

type Fn = (...args: any[]) => any;

class Emitter {
  listeners = new Map<string, Fn[]>();
  on(event: string, fn: Fn) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Fn) {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

function boot(argvFiles: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'proofline-wiring-'));
  mkdirSync(join(dir, 'dist-web'), { recursive: true });
  writeFileSync(join(dir, 'dist-web', 'index.html'), '<!doctype html><title>renderer</title>');
  mkdirSync(join(dir, 'dist', 'main'), { recursive: true });
  mkdirSync(join(dir, 'traces'));
  copyFileSync(join(repo, 'traces', '01-honest.proofline.json'), join(dir, 'traces', '01-honest.proofline.json'));
  mkdirSync(join(dir, 'userData'));

  const log: string[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, Fn>();
  const dialogs = { open: [] as string[], messages: [] as any[], answer: 1 };
  let menu: any[] = [];

  const app = Object.assign(new Emitter(), {
    name: 'Proofline',
    isPackaged: false,
    enableSandbox: () => log.push('enableSandbox'),
    requestSingleInstanceLock: (data: unknown) => (log.push(`lock ${JSON.stringify(data)}`), true),
    whenReady: () => whenReady,
    isReady: () => false,
    quit: () => log.push('quit'),
    getAppPath: () => dir,
    getPath: (name: string) => join(dir, name === 'userData' ? 'userData' : 'docs'),
    getVersion: () => '0.1.0',
    addRecentDocument: (p: string) => log.push(`addRecentDocument ${p}`),
    clearRecentDocuments: () => log.push('clearRecentDocuments'),
  });
  const session = {
    defaultSession: Object.assign(new Emitter(), {
      permissionRequest: null as Fn | null,
      permissionCheck: null as Fn | null,
      beforeRequest: null as Fn | null,
      setPermissionRequestHandler(fn: Fn) {
        this.permissionRequest = fn;
      },
      setPermissionCheckHandler(fn: Fn) {
        this.permissionCheck = fn;
      },
      setDevicePermissionHandler: () => undefined,
      webRequest: {
        onBeforeRequest: (fn: Fn) => {
          session.defaultSession.beforeRequest = fn;
        },
      },
    }),
  };
  const protocolState = { privileged: [] as any[], handler: null as Fn | null, registeredBeforeReady: false };
  let isReadyNow = false;
  const protocol = {
    registerSchemesAsPrivileged: (list: any[]) => {
      protocolState.privileged.push(...list);
      protocolState.registeredBeforeReady = !isReadyNow;
    },
    handle: (scheme: string, fn: Fn) => {
      if (scheme === 'app') protocolState.handler = fn;
    },
  };
  let nextId = 1;
  class FakeWindow extends Emitter {
    webContents: any;
    shown = false;
    loaded: string | null = null;
    destroyed = false;
    constructor(readonly options: any) {
      super();
      const id = nextId++;
      this.webContents = Object.assign(new Emitter(), { id, sent: [] as any[], send: (c: string, p: unknown) => this.webContents.sent.push([c, p]), setWindowOpenHandler: () => undefined });
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getFocusedWindow = () => windows[0] ?? null;
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
    maximize() {}
    isMaximized() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    getNormalBounds() {
      return { x: 10, y: 20, width: 1100, height: 700 };
    }
    setDocumentEdited(v: boolean) {
      log.push(`setDocumentEdited ${v}`);
    }
    close() {
      log.push('window.close');
    }
  }
  const electron = {
    app,
    session,
    protocol,
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: (t: any[]) => t, setApplicationMenu: (m: any[]) => (menu = m) },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async (...args: any[]) => {
        dialogs.messages.push(args.at(-1));
        return { response: dialogs.answer };
      },
    },
    ipcMain: { handle: (channel: string, fn: Fn) => handlers.set(channel, fn) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }], getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
  };
  const own = (value: unknown) => ({ value, writable: true, enumerable: true, configurable: true });
  const fakeProcess = Object.create(process, {
    argv: own(['/opt/Proofline/proofline', ...argvFiles]),
    defaultApp: own(false),
    resourcesPath: own(join(dir, 'resources')),
    platform: own('linux'),
    cwd: own(() => dir),
  });
  const module = { exports: {} };
  const fakeRequire = (id: string) => (id === 'electron' ? electron : nodeRequire(id));
  const warn = console.warn;
  console.warn = (m: string) => log.push(m);
  try {
    new Function('require', 'module', 'exports', '__dirname', 'process', code)(fakeRequire, module, module.exports, join(dir, 'dist', 'main'), fakeProcess);
  } finally {
    console.warn = warn;
  }
  const start = async () => {
    isReadyNow = true;
    console.warn = (m: string) => log.push(m);
    ready();
    await new Promise((r) => setTimeout(r, 20));
  };
  return { dir, log, windows, handlers, dialogs, session, protocolState, app, start, menu: () => menu, restoreWarn: () => (console.warn = warn) };
}

describe('main.ts wiring (against a recording stand-in for electron)', () => {
  it('before ready: privileged app scheme, sandbox for all, single-instance lock with the argv files', () => {
    const trace = join(repo, 'traces', '01-honest.proofline.json');
    const w = boot([trace]);
    expect(w.protocolState.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(w.protocolState.registeredBeforeReady).toBe(true);
    expect(w.log).toContain('enableSandbox');
    expect(w.log).toContain(`lock ${JSON.stringify({ files: [trace] })}`);
    expect(w.windows).toHaveLength(0);
  });

  it('on ready: session hardening, the app protocol, one IPC handler per channel, the menu, a hardened window', async () => {
    const w = boot([]);
    await w.start();
    try {
      const ses = w.session.defaultSession;
      let granted: boolean | undefined;
      ses.permissionRequest!({}, 'media', (g: boolean) => (granted = g), { requestingUrl: APP_URL });
      expect(granted).toBe(false);
      expect(ses.permissionCheck!({}, 'clipboard-read', 'app://proofline')).toBe(false);
      const decide = (url: string) => {
        let cancel: boolean | undefined;
        ses.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
        return cancel;
      };
      expect(decide('https://example.com/')).toBe(true);
      expect(decide(APP_URL)).toBe(false);
      ses.emit('will-download', { preventDefault: () => w.log.push('download prevented') });
      expect(w.log).toContain('download prevented');

      const response: Response = await w.protocolState.handler!({ url: APP_URL, method: 'GET' });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('renderer');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);

      expect([...w.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
      expect(w.menu().map((m: any) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);

      expect(w.windows).toHaveLength(1);
      const win = w.windows[0]!;
      expect(win.options.show).toBe(false);
      expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(w.dir, 'dist', 'main', 'preload.cjs') });
      expect(win.loaded).toBe(APP_URL);
      expect(win.shown).toBe(false);
      win.emit('ready-to-show');
      expect(win.shown).toBe(true);
    } finally {
      w.restoreWarn();
    }
  });

  it('every webContents refuses navigation and new windows', async () => {
    const w = boot([]);
    await w.start();
    try {
      const contents = Object.assign(new Emitter(), { opener: null as Fn | null, setWindowOpenHandler(fn: Fn) { this.opener = fn; } });
      w.app.emit('web-contents-created', {}, contents);
      let prevented = 0;
      contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => prevented++ });
      contents.emit('will-frame-navigate', { url: 'file:///etc/passwd', preventDefault: () => prevented++ });
      contents.emit('will-attach-webview', { preventDefault: () => prevented++ });
      expect(prevented).toBe(3);
      expect(contents.opener!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    } finally {
      w.restoreWarn();
    }
  });

  it('a file from the command line reaches the renderer once it is ready; IPC from elsewhere is refused', async () => {
    const trace = join(repo, 'traces', '01-honest.proofline.json');
    const w = boot([trace]);
    await w.start();
    try {
      const win = w.windows[0]!;
      expect(win.webContents.sent).toEqual([]);
      win.emit('ready-to-show');
      // Reading and checking the file is asynchronous: wait for it (bounded) rather than for a fixed time.
      for (let i = 0; i < 100 && win.webContents.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(win.webContents.sent).toEqual([[EVENT.fileOpened, { name: '01-honest.proofline.json', text: readFileSync(trace, 'utf8') }]]);
      const list = w.handlers.get(INVOKE.listPreparedTraces)!;
      await expect(list({ sender: { id: win.webContents.id }, senderFrame: { url: APP_URL, parent: null } })).resolves.toEqual([{ name: '01-honest', title: '01 · honest' }]);
      await expect(list({ sender: { id: win.webContents.id }, senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(/refused/);
    } finally {
      w.restoreWarn();
    }
  });

  it('a second launch forwards its files to the running window', async () => {
    const w = boot([]);
    await w.start();
    try {
      const win = w.windows[0]!;
      win.emit('ready-to-show');
      const trace = join(repo, 'traces', '01-honest.proofline.json');
      w.app.emit('second-instance', {}, ['/opt/p', '--flag'], '/somewhere', { files: [trace] });
      for (let i = 0; i < 100 && win.webContents.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(win.webContents.sent.map((s: any[]) => s[0])).toEqual([EVENT.fileOpened]);
    } finally {
      w.restoreWarn();
    }
  });

  it('closing with unsaved notes asks first; Cancel keeps the window', async () => {
    const w = boot([]);
    await w.start();
    try {
      const win = w.windows[0]!;
      const event = { sender: { id: win.webContents.id }, senderFrame: { url: APP_URL, parent: null } };
      await w.handlers.get(INVOKE.setUnsavedChanges)!(event, true);
      expect(w.log).toContain('setDocumentEdited true');
      let prevented = false;
      win.emit('close', { preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
      await new Promise((r) => setTimeout(r, 10));
      expect(w.dialogs.messages[0]).toMatchObject({ message: 'This window has unsaved notes.' });
      expect(w.log).not.toContain('window.close');
      // "Close Without Saving" closes.
      w.dialogs.answer = 0;
      win.emit('close', { preventDefault: () => undefined });
      await new Promise((r) => setTimeout(r, 10));
      expect(w.log).toContain('window.close');
      let preventedAgain = false;
      win.emit('close', { preventDefault: () => (preventedAgain = true) });
      expect(preventedAgain).toBe(false);
    } finally {
      w.restoreWarn();
    }
  });
});
