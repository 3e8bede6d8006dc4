/**
 * What the renderer asks of its host. The Electron preload exposes this object as
 * `window.proofline`; the web build uses the browser implementation (browserHost.ts).
 * Text and bytes only cross it: no DOM objects, no functions, so it fits contextBridge and IPC.
 */
export interface OpenedFile {
  /** File name as the user sees it, without a directory. */
  readonly name: string;
  readonly text: string;
}

export interface PreparedTraceInfo {
  /** Stable name to load it by, e.g. `honest.webauthn-vs-biometric-only`. */
  readonly name: string;
  /** Human title for the list. */
  readonly title: string;
}

export interface HostBridge {
  /** Ask the user for a trace file; null when they cancel. */
  openTrace(): Promise<OpenedFile | null>;
  /** Save trace text under a suggested file name; false when cancelled or failed. */
  saveTrace(name: string, text: string): Promise<boolean>;
  /** The traces shipped with the app. */
  listPreparedTraces(): Promise<PreparedTraceInfo[]>;
  /** The text of one prepared trace. */
  loadPreparedTrace(name: string): Promise<string>;
  /** Export any file (an image, a table) under a suggested name. */
  exportFile(name: string, mime: string, data: string | Uint8Array): Promise<boolean>;

  // Desktop only (the Electron preload, main/contract.ts DesktopBridge); absent in the browser.
  /** Save As: always asks where. */
  saveTraceAs?(name: string, text: string): Promise<boolean>;
  /** A trace main opened (menu, Open Recent, the OS); returns an unsubscribe function. */
  onFileOpened?(listener: (file: OpenedFile) => void): () => void;
  /** A menu command the renderer carries out. */
  onMenuCommand?(listener: (command: 'save' | 'save-as' | 'export') => void): () => void;
  /** Tell the host whether the document has unsaved changes (it asks before closing). */
  setUnsavedChanges?(unsaved: boolean): Promise<void>;
  /** Open a spec section (an https://www.w3.org/ link) in the system browser. */
  openSpec?(url: string): Promise<void>;
  /** View > Presenter Mode toggled. */
  onPresenterMode?(listener: (enabled: boolean) => void): () => void;
}

declare global {
  interface Window {
    /** Present in the Electron build (preload); absent in the web build. */
    proofline?: HostBridge;
  }
}
