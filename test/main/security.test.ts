import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  REFERENCES_URL,
  createMainWindow,
  createPageWindow,
  navigationDecision,
  permissionDecision,
  requestDecision,
  senderDecision,
  windowOpenDecision,
} from '../../main/security.js';

/** Stands in for BrowserWindow: records the options it was built with. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
};

describe('window options', () => {
  it('main window: hidden until ready, hardened, with the preload', () => {
    const w = createMainWindow(RecordingWindow, { preload: '/app/dist/main/preload.cjs', bounds: { x: 10, y: 20, width: 1200, height: 800 }, devTools: false });
    expect(w.options).toMatchObject({ show: false, x: 10, y: 20, width: 1200, height: 800 });
    expect(w.options.webPreferences).toMatchObject({ ...HARDENED, preload: '/app/dist/main/preload.cjs', devTools: false });
    expect(w.options.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(w.options.webPreferences?.additionalArguments).toBeUndefined();
  });

  it('page window: the same hardening, no preload', () => {
    const w = createPageWindow(RecordingWindow, { devTools: true });
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({ ...HARDENED, devTools: true });
    expect(w.options.webPreferences).not.toHaveProperty('preload');
  });
});

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values] as const;
  }));

  it("starts from default-src 'self' and allows no inline code, eval or remote source", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:|wss?:|\*/);
  });

  it('shuts objects, frames, workers, base and forms', () => {
    for (const d of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(directives.get(d), d).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('navigation, new windows, permissions', () => {
  it('refuses every navigation', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://proofline/other.html', APP_URL, 'javascript:alert(1)']) {
      expect(navigationDecision(url).allow, url).toBe(false);
    }
  });

  it('denies every window.open', () => {
    for (const url of ['https://www.w3.org/TR/webauthn-3/', 'about:blank', APP_URL]) expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
  });

  it('denies every permission, asked or checked', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'midi', 'pointerLock', 'unknown']) {
      expect(permissionDecision(p, APP_URL), p).toBe(false);
    }
  });
});

describe('network requests', () => {
  it('lets the app protocol, DevTools and in-memory URLs through', () => {
    for (const url of [APP_URL, 'app://proofline/assets/index-abc.js', REFERENCES_URL, 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://proofline/1234']) {
      expect(requestDecision(url).allow, url).toBe(true);
    }
  });

  it('cancels everything that could reach a network or the disk', () => {
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'ws://127.0.0.1:9229/', 'wss://x.example/', 'ftp://x/', 'file:///etc/passwd', 'app://evil/x.js', 'chrome-extension://abc/x.js', 'not a url']) {
      expect(requestDecision(url).allow, url).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('answers the renderer’s main frame only', () => {
    expect(senderDecision({ senderFrame: { url: APP_URL, parent: null } }).allow).toBe(true);
    expect(senderDecision({ senderFrame: { url: 'app://proofline/#/step/3', parent: null } }).allow).toBe(true);
  });

  it('refuses other origins, subframes, the references page and gone frames', () => {
    const refused = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { senderFrame: { url: REFERENCES_URL, parent: null } },
      { senderFrame: { url: 'app://proofline.evil/index.html', parent: null } },
      { senderFrame: { url: APP_URL, parent: { url: APP_URL } } },
      { senderFrame: { url: 'about:blank', parent: null } },
      { senderFrame: { url: '', parent: null } },
      { senderFrame: null },
      { senderFrame: undefined },
    ];
    for (const event of refused) expect(senderDecision(event).allow, JSON.stringify(event)).toBe(false);
  });
});
