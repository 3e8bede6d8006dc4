import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { ACCELERATORS, aboutDetail, buildMenuTemplate, recentLabels, type MenuActions, type MenuState } from '../../main/menu.js';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    openTrace: () => calls.push('openTrace'),
    openRecent: (p) => calls.push(`openRecent ${p}`),
    clearRecent: () => calls.push('clearRecent'),
    recordWithAuthenticator: () => calls.push('recordWithAuthenticator'),
    save: () => calls.push('save'),
    saveAs: () => calls.push('saveAs'),
    exportFile: () => calls.push('exportFile'),
    setPresenterMode: (on) => calls.push(`presenter ${on}`),
    showAbout: () => calls.push('showAbout'),
    showReferences: () => calls.push('showReferences'),
  };
  return { calls, actions };
}

const base: MenuState = { platform: 'linux', appName: 'Proofline', recent: [], presenterMode: false, isDevelopment: false };
const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined, checked?: boolean) =>
  (item!.click as unknown as (i: { checked?: boolean }, w: undefined, e: object) => void)({ checked }, undefined, {});

describe('menu template', () => {
  it('File offers Record with my authenticator… after Open Recent', () => {
    const r = recorder();
    const file = sub(buildMenuTemplate(base, r.actions)[0]);
    const labels = file.map((i) => i.label);
    expect(labels.indexOf('Record with my authenticator…')).toBe(labels.indexOf('Open Recent') + 1);
    click(find(file, 'Record with my authenticator…'));
    expect(r.calls).toEqual(['recordWithAuthenticator']);
  });

  it('Windows and Linux: File, Edit, View, Window, Help; Exit in File, About in Help', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const t = buildMenuTemplate({ ...base, platform }, recorder().actions);
      expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
      expect(sub(t[0]).at(-1)).toMatchObject({ role: 'quit', label: 'E&xit' });
      expect(find(sub(t[4]), '&About Proofline')).toBeDefined();
      expect(sub(t[1]).map((i) => i.role)).not.toContain('pasteAndMatchStyle');
    }
  });

  it('macOS: the app menu first (About, Services, Hide, Quit), Close in File, the standard Window menu', () => {
    const t = buildMenuTemplate({ ...base, platform: 'darwin' }, recorder().actions);
    expect(t.map((m) => m.label ?? m.role)).toEqual(['Proofline', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    const app = sub(t[0]);
    expect(app[0]!.label).toBe('About Proofline');
    expect(app.map((i) => i.role).filter(Boolean)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(sub(t[1]).at(-1)).toEqual({ role: 'close' });
    expect(sub(t[2]).map((i) => i.role)).toContain('pasteAndMatchStyle');
    expect(find(sub(t[5]), '&About Proofline')).toBeUndefined();
  });

  it('File has the accelerators and runs its actions', () => {
    const { calls, actions } = recorder();
    const file = sub(buildMenuTemplate(base, actions)[0]);
    expect(find(file, 'Open Trace…')!.accelerator).toBe('CmdOrCtrl+O');
    expect(find(file, 'Save')!.accelerator).toBe('CmdOrCtrl+S');
    expect(find(file, 'Save As…')!.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(find(file, 'Export…')!.accelerator).toBe('CmdOrCtrl+E');
    for (const label of ['Open Trace…', 'Save', 'Save As…', 'Export…']) click(find(file, label));
    expect(calls).toEqual(['openTrace', 'save', 'saveAs', 'exportFile']);
    const accelerators = buildMenuTemplate(base, actions)
      .flatMap((m) => sub(m))
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('Open Recent lists files, opens them, and clears', () => {
    const { calls, actions } = recorder();
    const recent = sub(find(sub(buildMenuTemplate({ ...base, recent: ['/a/x.proofline.json', '/b/R&D.proofline.json'] }, actions)[0]), 'Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['x.proofline.json', 'R&&D.proofline.json', 'separator', 'Clear Recently Opened']);
    click(recent[0]);
    click(recent[3]);
    expect(calls).toEqual(['openRecent /a/x.proofline.json', 'clearRecent']);
    const empty = sub(find(sub(buildMenuTemplate(base, actions)[0]), 'Open Recent'));
    expect(empty[0]).toMatchObject({ label: 'No Recent Traces', enabled: false });
    expect(empty.at(-1)).toMatchObject({ enabled: false });
  });

  it('recent labels add the folder when two files share a name', () => {
    expect(recentLabels(['/a/t.json', '/b/t.json', '/c/u.json'])).toEqual(['t.json — /a/t.json', 't.json — /b/t.json', 'u.json']);
  });

  it('View: Presenter Mode (a checkbox that reports its state) and zoom; DevTools only in development', () => {
    const { calls, actions } = recorder();
    const view = sub(buildMenuTemplate({ ...base, presenterMode: true }, actions)[2]);
    const presenter = find(view, 'Presenter Mode')!;
    expect(presenter).toMatchObject({ type: 'checkbox', checked: true, accelerator: ACCELERATORS.presenterMode });
    click(presenter, false);
    expect(calls).toEqual(['presenter false']);
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const devView = sub(buildMenuTemplate({ ...base, isDevelopment: true }, actions)[2]);
    expect(devView.map((i) => i.role)).toContain('toggleDevTools');
  });

  it('Help: spec references and About run offline actions', () => {
    const { calls, actions } = recorder();
    const help = buildMenuTemplate(base, actions)[4]!;
    expect(help.role).toBe('help');
    click(find(sub(help), 'Spec References'));
    click(find(sub(help), '&About Proofline'));
    expect(calls).toEqual(['showReferences', 'showAbout']);
  });

  it('Edit has the standard roles (copy works with every permission denied)', () => {
    expect(sub(buildMenuTemplate(base, recorder().actions)[1]).map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });
});

describe('About', () => {
  it('names the versions and what the app never does', () => {
    const text = aboutDetail({ app: '0.1.0', electron: '41.7.1', chrome: '146.0.7680.0', node: '24.11.1', v8: '14.6' });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Electron 41.7.1');
    expect(text).toContain('Chromium 146.0.7680.0');
    expect(text).toContain('Node.js 24.11.1');
    expect(text).toMatch(/no network requests and sends no telemetry/);
  });
});
