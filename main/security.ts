/**
 * The window hardening of STYLE.md (after Signal Desktop), as plain values and decisions that
 * main.ts hands to Electron and the tests check: window options, the Content Security Policy,
 * and what the app answers to navigation, new windows, permissions, network requests and IPC
 * senders. Only types come from electron here.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import CSP_DIRECTIVES from './csp.json';

/** The app's own scheme and hosts: the renderer, and the shell's bundled pages (About, references). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'proofline';
export const PAGES_HOST = 'pages';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;
export const REFERENCES_URL = `${APP_SCHEME}://${PAGES_HOST}/references.html`;

/**
 * The Content Security Policy sent with every response of the app protocol (it adds to the
 * renderer's own <meta> policy: a resource must pass both). No inline script or style: React and
 * d3 set styles through the CSSOM, which CSP does not govern. Images may be data:/blob: URLs
 * (exported PNGs are drawn from them); nothing may connect anywhere but the app itself. The
 * directives live in `main/csp.json`, which the web fallback server (scripts/serve-web.mjs) sends too.
 */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** BrowserWindow, passed in (main.ts passes Electron's; the tests a class that records its options). */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * The main window: hidden until ready-to-show, the preload, and every hardening of STYLE.md.
 * The options are an object literal at the `new BrowserWindow(…)` on purpose: electronegativity
 * (npm run security) reads them there.
 */
export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, options: { preload: string; bounds: WindowBounds; devTools: boolean }): W {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Proofline',
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would open links in a new window; there is nothing to open.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
}

/** The window of the shell's own pages (spec references): the same hardening and no preload at all. */
export function createPageWindow<W>(BrowserWindow: WindowConstructor<W>, options: { devTools: boolean }): W {
  return new BrowserWindow({
    width: 760,
    height: 680,
    title: 'Proofline — Spec references',
    show: false,
    backgroundColor: '#1e1f24',
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
}

/** A decision with the reason main logs. */
export interface Decision {
  readonly allow: boolean;
  readonly reason: string;
}

/**
 * `will-navigate` / `will-frame-navigate` / `will-redirect`: the renderer is one page and never
 * navigates; a dropped file or a clicked link would replace it with content from outside.
 */
export function navigationDecision(url: string): Decision {
  return { allow: false, reason: `navigation to ${safeForLog(url)} refused: the app never navigates` };
}

/** `setWindowOpenHandler`: no window is ever opened by page content. */
export function windowOpenDecision(url: string): { action: 'deny' } {
  void url;
  return { action: 'deny' };
}

/** `setPermissionRequestHandler` and `setPermissionCheckHandler`: every permission is refused. */
export function permissionDecision(permission: string, requestingUrl?: string): boolean {
  void permission;
  void requestingUrl;
  return false;
}

/**
 * `session.webRequest.onBeforeRequest`: only the app's own protocol (its two hosts), DevTools,
 * and in-memory data/blob URLs load. Everything else, every http(s), ws(s), file and ftp URL,
 * is cancelled: the app works fully offline and fetches nothing.
 */
export function requestDecision(url: string): Decision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allow: false, reason: 'unparseable URL refused' };
  }
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      if (parsed.host === APP_HOST || parsed.host === PAGES_HOST) return { allow: true, reason: 'app' };
      return { allow: false, reason: `unknown app host ${safeForLog(parsed.host)} refused` };
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return { allow: true, reason: parsed.protocol };
    default:
      return { allow: false, reason: `${parsed.protocol} request refused: the app makes no network requests` };
  }
}

/** What main knows of an IPC message's sender (from IpcMainInvokeEvent). */
export interface SenderInfo {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null | undefined;
}

/**
 * IPC is answered only for the main frame of a page of the app's own origin (the renderer):
 * not a subframe, not the references page, not anything that navigated elsewhere.
 */
export function senderDecision(event: SenderInfo): Decision {
  const frame = event.senderFrame;
  if (!frame) return { allow: false, reason: 'IPC from a frame that is gone refused' };
  if (frame.parent !== null && frame.parent !== undefined) return { allow: false, reason: 'IPC from a subframe refused' };
  let parsed: URL;
  try {
    parsed = new URL(frame.url);
  } catch {
    return { allow: false, reason: 'IPC from an unparseable URL refused' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { allow: false, reason: `IPC from ${safeForLog(parsed.origin === 'null' ? parsed.protocol : parsed.origin)} refused` };
  }
  return { allow: true, reason: 'app' };
}

/** A URL cut short for a log line. */
export function safeForLog(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}
