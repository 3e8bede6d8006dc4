/**
 * The application menu as a plain template (Menu.buildFromTemplate takes it as is), following each
 * platform's conventions: on macOS an app menu first (About, Services, Hide, Quit) and Close in
 * File; on Windows and Linux Exit in File and About in Help. Commands that need the document
 * (Save, Export) are forwarded to the renderer; the rest run in main through `actions`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  openTrace(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  recordWithAuthenticator(): void;
  save(): void;
  saveAs(): void;
  exportFile(): void;
  setPresenterMode(enabled: boolean): void;
  showAbout(): void;
  showReferences(): void;
}

export interface MenuState {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly recent: readonly string[];
  readonly presenterMode: boolean;
  /** DevTools and Reload only in development builds. */
  readonly isDevelopment: boolean;
}

/** Accelerators, for the tests and the docs. */
export const ACCELERATORS = {
  open: 'CmdOrCtrl+O',
  save: 'CmdOrCtrl+S',
  saveAs: 'CmdOrCtrl+Shift+S',
  export: 'CmdOrCtrl+E',
  presenterMode: 'CmdOrCtrl+Shift+P',
} as const;

/** Labels of the recent items: the file name, with the folder when two share a name. */
export function recentLabels(recent: readonly string[]): string[] {
  const names = recent.map((p) => basename(p));
  return recent.map((p, i) => (names.filter((n) => n === names[i]).length > 1 ? `${names[i]} — ${p}` : names[i]!).replace(/&/g, '&&'));
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const labels = recentLabels(state.recent);

  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: 'No Recent Traces', enabled: false }]
      : state.recent.map((path, i) => ({ label: labels[i]!, click: () => actions.openRecent(path) }));

  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { label: `About ${state.appName}`, click: () => actions.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Trace…', accelerator: ACCELERATORS.open, click: () => actions.openTrace() },
      {
        label: 'Open Recent',
        submenu: [...recentItems, { type: 'separator' }, { label: 'Clear Recently Opened', enabled: state.recent.length > 0, click: () => actions.clearRecent() }],
      },
      { label: 'Record with my authenticator…', click: () => actions.recordWithAuthenticator() },
      { type: 'separator' },
      { label: 'Save', accelerator: ACCELERATORS.save, click: () => actions.save() },
      { label: 'Save As…', accelerator: ACCELERATORS.saveAs, click: () => actions.saveAs() },
      { label: 'Export…', accelerator: ACCELERATORS.export, click: () => actions.exportFile() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? ([{ role: 'pasteAndMatchStyle' }] as MenuItemConstructorOptions[]) : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        label: 'Presenter Mode',
        type: 'checkbox',
        checked: state.presenterMode,
        accelerator: ACCELERATORS.presenterMode,
        click: (item) => actions.setPresenterMode(Boolean(item.checked)),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.isDevelopment ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = mac
    ? { role: 'windowMenu' }
    : { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Spec References', click: () => actions.showReferences() },
      ...(mac ? [] : ([{ type: 'separator' }, { label: `&About ${state.appName}`, click: () => actions.showAbout() }] as MenuItemConstructorOptions[])),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/** The versions Help > About shows. */
export interface Versions {
  readonly app: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
  readonly v8?: string;
}

/** The About box: name, versions, what the app never does. */
export function aboutDetail(versions: Versions): string {
  return [
    `Version ${versions.app}`,
    '',
    `Electron ${versions.electron}`,
    `Chromium ${versions.chrome}`,
    `Node.js ${versions.node}`,
    ...(versions.v8 ? [`V8 ${versions.v8}`] : []),
    '',
    'Proofline works offline: it makes no network requests and sends no telemetry.',
    'Every signature and check runs on this computer.',
  ].join('\n');
}
