import type { HostBridge } from './HostBridge.js';
import { createBrowserHost } from './browserHost.js';

export type { HostBridge, OpenedFile, PreparedTraceInfo } from './HostBridge.js';

/** The host this page runs in: the Electron preload's bridge when present, else the browser's. */
export function detectHost(): HostBridge {
  return (typeof window !== 'undefined' && window.proofline) || createBrowserHost();
}
