/**
 * The one contract between the Electron main process and the preload: channel names, the shape
 * of every payload, the limits, and the validators both sides run. It imports nothing (no
 * electron, no node:*), so the sandboxed preload bundles it as is and the tests load it in Node.
 *
 * Renderer → main calls are `ipcRenderer.invoke` on one named channel each; main → renderer
 * events are `webContents.send` on one named channel each. Nothing else crosses.
 */

/** Invoke channels: the renderer asks, main answers. */
export const INVOKE = {
  openTrace: 'proofline:open-trace',
  saveTrace: 'proofline:save-trace',
  saveTraceAs: 'proofline:save-trace-as',
  listPreparedTraces: 'proofline:list-prepared-traces',
  loadPreparedTrace: 'proofline:load-prepared-trace',
  exportFile: 'proofline:export-file',
  setUnsavedChanges: 'proofline:set-unsaved-changes',
  /** Open a spec section (a https://www.w3.org/ link) in the system browser. */
  openSpec: 'proofline:open-spec',
} as const;

/** Event channels: main tells, the renderer listens. */
export const EVENT = {
  /** A trace main opened (menu, Open Recent, command line, the OS): `{ name, text }`. */
  fileOpened: 'proofline:file-opened',
  /** A menu command only the renderer can carry out (it holds the document): one of MENU_COMMANDS. */
  menuCommand: 'proofline:menu-command',
  /** View > Presenter Mode was toggled: a boolean. */
  presenterMode: 'proofline:presenter-mode',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
export type EventChannel = (typeof EVENT)[keyof typeof EVENT];

/** Menu commands forwarded to the renderer. */
export const MENU_COMMANDS = ['save', 'save-as', 'export'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The largest trace the app reads or writes: core's own limit (DEFAULT_JSON_LIMITS.maxBytes). */
export const MAX_TRACE_BYTES = 32 * 1024 * 1024;
/** The largest exported file (an image, a table). */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
/** The longest file name accepted from the renderer (most file systems stop at 255 bytes). */
export const MAX_FILE_NAME_LENGTH = 200;

/** The file suffix of traces, and of the OS file association. */
export const TRACE_SUFFIX = '.proofline.json';

/** The MIME types the renderer may export, each with the file extension the save dialog offers. */
export const EXPORT_TYPES = {
  'application/json': { extension: 'json', label: 'JSON' },
  'application/vnd.proofline+json': { extension: 'proofline.json', label: 'Proofline trace' },
  'image/svg+xml': { extension: 'svg', label: 'SVG image' },
  'image/png': { extension: 'png', label: 'PNG image' },
  'text/csv': { extension: 'csv', label: 'CSV table' },
  'text/markdown': { extension: 'md', label: 'Markdown' },
  'text/plain': { extension: 'txt', label: 'Text' },
  'text/html': { extension: 'html', label: 'HTML' },
} as const satisfies Record<string, { extension: string; label: string }>;
export type ExportMime = keyof typeof EXPORT_TYPES;

/** What openTrace and the file-opened event carry. */
export interface OpenedFile {
  readonly name: string;
  readonly text: string;
}

export interface PreparedTraceInfo {
  readonly name: string;
  readonly title: string;
}

/**
 * What the preload exposes as `window.proofline`: the renderer's HostBridge
 * (renderer/src/host/HostBridge.ts) plus the desktop-only calls and event subscriptions. Each
 * `on…` returns a function that unsubscribes.
 */
export interface DesktopBridge {
  openTrace(): Promise<OpenedFile | null>;
  saveTrace(name: string, text: string): Promise<boolean>;
  listPreparedTraces(): Promise<PreparedTraceInfo[]>;
  loadPreparedTrace(name: string): Promise<string>;
  exportFile(name: string, mime: string, data: string | Uint8Array): Promise<boolean>;
  /** Save As: always asks where. */
  saveTraceAs(name: string, text: string): Promise<boolean>;
  /** Tell main whether the document has unsaved changes (it asks before closing). */
  setUnsavedChanges(unsaved: boolean): Promise<void>;
  /** Open a WebAuthn or SPC section in the system browser (https links to www.w3.org only). */
  openSpec(url: string): Promise<void>;
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onPresenterMode(listener: (enabled: boolean) => void): () => void;
}

/** A payload that breaks the contract. Main answers the call with this error; nothing runs. */
export class ContractError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value;
}

/** UTF-8 length of a string without allocating it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// Control characters, and the characters Windows forbids in names (a superset of POSIX's "/").
const BAD_NAME_CHARS = /[\u0000-\u001f\u007f<>:"/\\|?*]/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name suggested by the renderer: a plain name, never a path. Main only ever uses it as
 * the default name of a save dialog, but it is checked anyway.
 */
export function checkFileName(value: unknown, field = 'name'): string {
  if (typeof value !== 'string') throw new ContractError(`"${field}" expected a string, got ${describe(value)}`);
  if (value.length === 0 || value.length > MAX_FILE_NAME_LENGTH) {
    throw new ContractError(`"${field}" expected 1 to ${MAX_FILE_NAME_LENGTH} characters, got ${value.length}`);
  }
  if (BAD_NAME_CHARS.test(value)) throw new ContractError(`"${field}" expected a file name without path separators or control characters`);
  if (value === '.' || value === '..' || /[. ]$/.test(value) || WINDOWS_RESERVED.test(value)) {
    throw new ContractError(`"${field}" expected a usable file name, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Trace text from the renderer: a string no larger than MAX_TRACE_BYTES in UTF-8. */
export function checkTraceText(value: unknown, field = 'text'): string {
  if (typeof value !== 'string') throw new ContractError(`"${field}" expected a string, got ${describe(value)}`);
  // A UTF-16 string is at most 3 UTF-8 bytes per unit: only count when it could be too long.
  if (value.length > MAX_TRACE_BYTES / 3 && (value.length > MAX_TRACE_BYTES || utf8Length(value) > MAX_TRACE_BYTES)) {
    throw new ContractError(`"${field}" expected at most ${MAX_TRACE_BYTES} bytes`);
  }
  return value;
}

/** A prepared trace's name: letters, digits, dots, dashes and underscores, no `..`. */
const PREPARED_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export function checkPreparedName(value: unknown): string {
  if (typeof value !== 'string') throw new ContractError(`"name" expected a string, got ${describe(value)}`);
  if (!PREPARED_NAME.test(value) || value.includes('..')) throw new ContractError(`"name" expected a prepared trace name, got ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

export function checkExportMime(value: unknown): ExportMime {
  if (typeof value !== 'string') throw new ContractError(`"mime" expected a string, got ${describe(value)}`);
  if (!Object.prototype.hasOwnProperty.call(EXPORT_TYPES, value)) {
    throw new ContractError(`"mime" expected one of ${Object.keys(EXPORT_TYPES).join(', ')}, got ${JSON.stringify(value.slice(0, 64))}`);
  }
  return value as ExportMime;
}

export function checkExportData(value: unknown): string | Uint8Array {
  if (typeof value === 'string') {
    if (value.length > MAX_EXPORT_BYTES || (value.length > MAX_EXPORT_BYTES / 3 && utf8Length(value) > MAX_EXPORT_BYTES)) {
      throw new ContractError(`"data" expected at most ${MAX_EXPORT_BYTES} bytes`);
    }
    return value;
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength > MAX_EXPORT_BYTES) throw new ContractError(`"data" expected at most ${MAX_EXPORT_BYTES} bytes, got ${value.byteLength}`);
    return value;
  }
  throw new ContractError(`"data" expected a string or bytes, got ${describe(value)}`);
}

/** The longest spec link accepted. */
export const MAX_SPEC_URL_LENGTH = 300;

/**
 * A spec link the shell may open in the system browser: https on www.w3.org, no credentials, no
 * port, and nothing but URL characters. Everything else is refused, so a page cannot use the
 * channel to launch another program or address.
 */
export function checkSpecUrl(value: unknown): string {
  if (typeof value !== 'string') throw new ContractError(`"url" expected a string, got ${describe(value)}`);
  if (value.length > MAX_SPEC_URL_LENGTH || !/^https:\/\/www\.w3\.org\/[A-Za-z0-9\-._~/#%]*$/.test(value)) {
    throw new ContractError(`"url" expected an https://www.w3.org/ link, got ${JSON.stringify(value.slice(0, 64))}`);
  }
  return value;
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ContractError(`"${field}" expected a boolean, got ${describe(value)}`);
  return value;
}

function checkArity(args: readonly unknown[], n: number, channel: string): void {
  if (args.length !== n) throw new ContractError(`${channel} expected ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
}

/** The validated arguments of each invoke channel. */
export interface InvokeArgs {
  [INVOKE.openTrace]: [];
  [INVOKE.saveTrace]: [name: string, text: string];
  [INVOKE.saveTraceAs]: [name: string, text: string];
  [INVOKE.listPreparedTraces]: [];
  [INVOKE.loadPreparedTrace]: [name: string];
  [INVOKE.exportFile]: [name: string, mime: ExportMime, data: string | Uint8Array];
  [INVOKE.setUnsavedChanges]: [unsaved: boolean];
  [INVOKE.openSpec]: [url: string];
}

/** Validate the arguments of one invoke channel; throws ContractError. */
export const validateInvoke: { [C in InvokeChannel]: (args: readonly unknown[]) => InvokeArgs[C] } = {
  [INVOKE.openTrace]: (args) => (checkArity(args, 0, INVOKE.openTrace), []),
  [INVOKE.saveTrace]: (args) => (checkArity(args, 2, INVOKE.saveTrace), [checkFileName(args[0]), checkTraceText(args[1])]),
  [INVOKE.saveTraceAs]: (args) => (checkArity(args, 2, INVOKE.saveTraceAs), [checkFileName(args[0]), checkTraceText(args[1])]),
  [INVOKE.listPreparedTraces]: (args) => (checkArity(args, 0, INVOKE.listPreparedTraces), []),
  [INVOKE.loadPreparedTrace]: (args) => (checkArity(args, 1, INVOKE.loadPreparedTrace), [checkPreparedName(args[0])]),
  [INVOKE.exportFile]: (args) => (checkArity(args, 3, INVOKE.exportFile), [checkFileName(args[0]), checkExportMime(args[1]), checkExportData(args[2])]),
  [INVOKE.setUnsavedChanges]: (args) => (checkArity(args, 1, INVOKE.setUnsavedChanges), [checkBoolean(args[0], 'unsaved')]),
  [INVOKE.openSpec]: (args) => (checkArity(args, 1, INVOKE.openSpec), [checkSpecUrl(args[0])]),
};

/** Event payloads, checked again by the preload before a listener sees them. */
export function isOpenedFile(value: unknown): value is OpenedFile {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.text === 'string' && Object.keys(v).length === 2;
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}
