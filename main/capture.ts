/**
 * File > Record with my authenticator…: start a capture session (node/captureServer.ts), open
 * exactly its URL in the user's default browser, and when the user presses Finish on the page, hand
 * the captured trace to the window as an opened file (the captured run in the left lane, the
 * biometric-only flow on the right). Plain functions over ports; main.ts supplies Electron's
 * shell.openExternal and the window, the tests fakes.
 */
import type { CaptureServer } from '../node/captureServer.js';
import { isCaptureUrl } from '../core/capture/contract.js';
import { captureTrace } from '../core/capture/trace.js';
import { serializeTrace, type TraceGenerator } from '../core/trace/trace.js';
import type { OpenedFile } from './contract.js';

/** What recording needs from the outside world. */
export interface CapturePorts {
  startServer(): Promise<CaptureServer>;
  /** Open a URL in the user's default browser (Electron's shell.openExternal). */
  openExternal(url: string): Promise<void>;
  /** The captured trace, to open in the window like a file the user chose. */
  opened(file: OpenedFile): void;
  showError(message: string, detail?: string): void;
  random(n: number): Uint8Array;
  now(): Date;
  readonly generator: TraceGenerator;
}

/** The file name a capture is offered under (the user saves it where they like). */
export function captureFileName(at: Date): string {
  return `my-authenticator-${at.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.proofline.json`;
}

/** One capture at a time: a second menu click opens the running session's page again. */
export class CaptureRecorder {
  #running: CaptureServer | null = null;

  constructor(private readonly ports: CapturePorts) {}

  /** True while a session waits for the page's Finish. */
  get running(): boolean {
    return this.#running !== null;
  }

  /** Start (or re-open) a capture; resolves once the trace was handed over or the session failed. */
  async record(): Promise<void> {
    const ports = this.ports;
    if (this.#running) {
      await this.#open(this.#running.url);
      return;
    }
    let server: CaptureServer;
    try {
      server = await ports.startServer();
    } catch (e) {
      ports.showError('Could not start the capture page.', e instanceof Error ? e.message : String(e));
      return;
    }
    this.#running = server;
    try {
      if (!(await this.#open(server.url))) return;
      await server.finished;
      const result = await captureTrace(server.session, { random: (n) => ports.random(n), created: ports.now(), generator: ports.generator });
      if (result) ports.opened({ name: captureFileName(ports.now()), text: serializeTrace(result.trace) });
      else ports.showError('Nothing was captured.', 'No registration reached Proofline before the session ended.');
    } catch (e) {
      ports.showError('The capture could not be recorded.', e instanceof Error ? e.message : String(e));
    } finally {
      this.#running = null;
      await server.close();
    }
  }

  /** Open exactly a capture page URL (http://localhost:<port>/<token>/), nothing else. */
  async #open(url: string): Promise<boolean> {
    if (!isCaptureUrl(url)) {
      this.ports.showError('Refused to open an unexpected address.', url);
      return false;
    }
    try {
      await this.ports.openExternal(url);
      return true;
    } catch (e) {
      this.ports.showError('Could not open your browser.', `Open ${url} yourself. (${e instanceof Error ? e.message : String(e)})`);
      return true;
    }
  }
}
