/**
 * The Electron main process: wiring only. Every decision lives in a plain module the tests cover
 * (security, protocol, contract, shell, files, state, launch, menu); this file hands Electron
 * those decisions and those modules Electron's dialogs, windows and file system.
 * Bundled to dist/main/main.cjs by scripts/build-main.mjs.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session, shell as electronShell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { startCaptureServer } from '../node/captureServer.js';
import { CaptureRecorder } from './capture.js';
import { EVENT, INVOKE, type EventChannel, type MenuCommand } from './contract.js';
import { writeFileAtomic, type FsLike } from './files.js';
import { LaunchQueue, filesFromArgv, filesFromSecondInstance, secondInstanceData } from './launch.js';
import { aboutDetail, buildMenuTemplate, type MenuActions } from './menu.js';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './protocol.js';
import {
  APP_SCHEME,
  APP_URL,
  REFERENCES_URL,
  createMainWindow as newMainWindow,
  createPageWindow,
  navigationDecision,
  permissionDecision,
  requestDecision,
  windowOpenDecision,
} from './security.js';
import { CLOSE_PROMPT, Shell, closeDecision } from './shell.js';
import { clampWindowState, parseRecent, parseWindowState, serializeRecent, serializeWindowState, type WindowState } from './state.js';

const log = (message: string): void => console.warn(`[proofline] ${message}`);

// Before `ready`: the app scheme is a standard, secure origin; every renderer is sandboxed.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

const launchContext = { defaultApp: Boolean(process.defaultApp), cwd: process.cwd() };
const queue = new LaunchQueue((path) => void openPathInWindow(path));
// macOS sends open-file (double-click, drop on the Dock icon) possibly before `ready`.
app.on('open-file', (event, path) => {
  event.preventDefault();
  queue.push([path]);
  if (app.isReady() && !mainWindow) createMainWindow();
});

// One instance: a second launch hands its files to this one and quits.
if (!app.requestSingleInstanceLock({ ...secondInstanceData(process.argv, launchContext) })) {
  app.quit();
} else {
  queue.push(filesFromArgv(process.argv, launchContext));
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const files = filesFromSecondInstance(argv, workingDirectory, additionalData, launchContext.defaultApp);
    const win = mainWindow ?? createMainWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    queue.push(files);
  });
  void app.whenReady().then(start);
}

let mainWindow: BrowserWindow | null = null;
let referencesWindow: BrowserWindow | null = null;
let presenterMode = false;
let quitting = false;
const confirmedClose = new Set<number>();

const paths = {
  renderer: () => join(app.getAppPath(), 'dist-web'),
  pages: () => join(__dirname, 'pages'),
  capturePage: () => join(__dirname, 'capture'),
  preload: () => join(__dirname, 'preload.cjs'),
  prepared: () => (app.isPackaged ? join(process.resourcesPath, 'traces') : join(app.getAppPath(), 'traces')),
  state: (file: string) => join(app.getPath('userData'), file),
};

const fs = fsp as unknown as FsLike;

function readStateFile(file: string): string | null {
  try {
    return readFileSync(paths.state(file), 'utf8');
  } catch {
    return null;
  }
}

function writeStateFile(file: string, text: string): void {
  writeFileAtomic(fs, paths.state(file), text).catch((e: unknown) => log(`could not write ${file}: ${String(e)}`));
}

let shell: Shell<BrowserWindow>;

function send(win: BrowserWindow, channel: EventChannel, payload: unknown): void {
  if (!win.isDestroyed()) win.webContents.send(channel, payload);
}

function targetWindow(): BrowserWindow {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused && focused === mainWindow) return focused;
  return mainWindow ?? createMainWindow();
}

async function openPathInWindow(path: string): Promise<void> {
  const win = targetWindow();
  await shell.openPath(win.webContents.id, win, path);
}

function sendMenuCommand(command: MenuCommand): void {
  send(targetWindow(), EVENT.menuCommand, command);
}

// File > Record with my authenticator…: the capture page opens in the default browser; its trace
// comes back as an opened file.
const capture = new CaptureRecorder({
  startServer: () => startCaptureServer({ pageDir: paths.capturePage() }),
  openExternal: (url) => electronShell.openExternal(url),
  opened: (file) => send(targetWindow(), EVENT.fileOpened, file),
  showError: (message, detail) => void dialog.showMessageBox({ type: 'error', message, ...(detail ? { detail } : {}), buttons: ['OK'], noLink: true }),
  random: (n) => new Uint8Array(randomBytes(n)),
  now: () => new Date(),
  generator: { name: 'proofline', version: app.getVersion() },
});

const menuActions: MenuActions = {
  openTrace() {
    const win = targetWindow();
    void shell.openTrace(win.webContents.id, win).then((file) => {
      if (file) send(win, EVENT.fileOpened, file);
    });
  },
  openRecent: (path) => void openPathInWindow(path),
  clearRecent: () => shell.clearRecent(),
  recordWithAuthenticator: () => void capture.record(),
  save: () => sendMenuCommand('save'),
  saveAs: () => sendMenuCommand('save-as'),
  exportFile: () => sendMenuCommand('export'),
  setPresenterMode(enabled) {
    presenterMode = enabled;
    if (mainWindow) send(mainWindow, EVENT.presenterMode, enabled);
  },
  showAbout() {
    const detail = aboutDetail({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 });
    const options = { type: 'info' as const, title: `About ${app.name}`, message: app.name, detail, buttons: ['OK'], noLink: true };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  },
  showReferences: () => showReferencesWindow(),
};

function rebuildMenu(): void {
  const template = buildMenuTemplate({ platform: process.platform, appName: app.name, recent: shell.recent, presenterMode, isDevelopment: !app.isPackaged }, menuActions);
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Every webContents, whatever created it: no navigation, no new windows, no webviews. */
function hardenContents(contents: WebContents): void {
  const refuse = (event: { preventDefault(): void; url: string }) => {
    const decision = navigationDecision(event.url);
    if (!decision.allow) {
      event.preventDefault();
      log(decision.reason);
    }
  };
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`window.open of ${JSON.stringify(url.slice(0, 120))} refused`);
    return windowOpenDecision(url);
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionDecision(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const decision = requestDecision(details.url);
    if (!decision.allow) log(decision.reason);
    callback({ cancel: !decision.allow });
  });
  ses.on('will-download', (event) => event.preventDefault());
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, { renderer: paths.renderer(), pages: paths.pages() }, (p) => fsp.readFile(p)));
}

function savedWindowState(): WindowState {
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  return clampWindowState(parseWindowState(readStateFile('window-state.json')), areas, screen.getPrimaryDisplay().workArea);
}

function rememberWindowState(win: BrowserWindow): void {
  const b = win.getNormalBounds();
  writeStateFile('window-state.json', serializeWindowState({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() }));
}

function createMainWindow(): BrowserWindow {
  const state = savedWindowState();
  const win = newMainWindow(BrowserWindow, { preload: paths.preload(), bounds: state, devTools: !app.isPackaged });
  const id = win.webContents.id;
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => {
    win.show();
    if (presenterMode) send(win, EVENT.presenterMode, true);
    queue.markReady();
  });
  win.on('close', (event) => {
    rememberWindowState(win);
    const decision = closeDecision(shell.hasUnsavedChanges(id), confirmedClose.has(id) ? 0 : undefined);
    if (decision === 'close') return;
    event.preventDefault();
    void dialog.showMessageBox(win, CLOSE_PROMPT).then(({ response }) => {
      if (closeDecision(true, response) !== 'close') {
        quitting = false;
        return;
      }
      confirmedClose.add(id);
      if (quitting) app.quit();
      else win.close();
    });
  });
  win.on('closed', () => {
    shell.forget(id);
    confirmedClose.delete(id);
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_URL);
  return win;
}

function showReferencesWindow(): void {
  if (referencesWindow && !referencesWindow.isDestroyed()) {
    referencesWindow.focus();
    return;
  }
  const win = createPageWindow(BrowserWindow, { devTools: !app.isPackaged });
  referencesWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    referencesWindow = null;
  });
  void win.loadURL(REFERENCES_URL);
}

function start(): void {
  shell = new Shell<BrowserWindow>(
    {
      fs,
      platform: process.platform,
      preparedDir: paths.prepared(),
      documentsDir: app.getPath('documents'),
      async chooseFileToOpen(win, filters) {
        const options = { title: 'Open Trace', properties: ['openFile' as const], filters };
        const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async chooseSavePath(win, defaultPath, filters) {
        const options = { defaultPath, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
        const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      async showError(win, message, detail) {
        const options = { type: 'error' as const, message, buttons: ['OK'], noLink: true, ...(detail ? { detail } : {}) };
        await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
      },
      send,
      setDocumentEdited: (win, edited) => win.setDocumentEdited(edited),
      // The contract let through only https://www.w3.org/ links (checkSpecUrl).
      openExternal: (url) => electronShell.openExternal(url),
      recentChanged(recent, added) {
        writeStateFile('recent.json', serializeRecent(recent));
        if (added) app.addRecentDocument(added);
        if (recent.length === 0) app.clearRecentDocuments();
        rebuildMenu();
      },
      log,
    },
    parseRecent(readStateFile('recent.json')),
    (webContentsId) => (mainWindow && !mainWindow.isDestroyed() && mainWindow.webContents.id === webContentsId ? mainWindow : null),
  );

  hardenSession();
  for (const channel of Object.values(INVOKE)) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => shell.handle(channel, event, args));
  }
  rebuildMenu();
  createMainWindow();

  app.on('activate', () => {
    if (!mainWindow) createMainWindow();
  });
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents));
app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
