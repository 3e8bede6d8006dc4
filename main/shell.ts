/**
 * What main does for the renderer, without Electron: the IPC handlers (sender check, payload
 * validation, then the work), the per-window document (its file, unsaved changes), Open Recent,
 * opening files from outside, and the question before closing unsaved work. main.ts supplies the
 * ports (dialogs, the file system, sending to a window); the tests supply fakes.
 */
import { basename, dirname, join } from 'node:path';
import { ContractError, EVENT, EXPORT_TYPES, INVOKE, TRACE_SUFFIX, validateInvoke, type EventChannel, type InvokeArgs, type InvokeChannel, type OpenedFile } from './contract.js';
import { FileRejected, listPreparedTraces, loadPreparedTrace, readTraceFile, SaveRefused, traceProblem, withExtension, withTraceSuffix, writeFileAtomic, type FsLike } from './files.js';
import { senderDecision, type SenderInfo } from './security.js';
import { addRecent, pathsEqualOn, removeRecent } from './state.js';

/** A file-type filter of a dialog. */
export interface FileFilter {
  readonly name: string;
  readonly extensions: string[];
}

export const TRACE_FILTERS: FileFilter[] = [
  { name: 'Proofline traces', extensions: ['proofline.json', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/** The outside world of the shell, per window `W`. */
export interface ShellPorts<W> {
  readonly fs: FsLike;
  readonly platform: NodeJS.Platform;
  /** Where the prepared traces are (resources/traces when packaged). */
  readonly preparedDir: string;
  /** A default folder for save dialogs (Documents). */
  readonly documentsDir: string;
  chooseFileToOpen(window: W | null, filters: FileFilter[]): Promise<string | null>;
  chooseSavePath(window: W | null, defaultPath: string, filters: FileFilter[]): Promise<string | null>;
  showError(window: W | null, message: string, detail?: string): Promise<void>;
  send(window: W, channel: EventChannel, payload: unknown): void;
  setDocumentEdited(window: W, edited: boolean): void;
  /** Open a validated https://www.w3.org/ link in the system browser. */
  openExternal(url: string): Promise<void>;
  /** The recent list changed: persist it, rebuild the menu, tell the OS. */
  recentChanged(recent: readonly string[], added?: string): void;
  log(message: string): void;
}

/** What an IPC handler gets from Electron's event: who sent it and which window it lives in. */
export interface InvokeEventLike extends SenderInfo {
  readonly sender: { readonly id: number };
}

interface DocumentState {
  path: string | null;
  unsaved: boolean;
}

export class Shell<W> {
  #documents = new Map<number, DocumentState>();
  #recent: string[];
  readonly #samePath: (a: string, b: string) => boolean;

  constructor(
    private readonly ports: ShellPorts<W>,
    recent: readonly string[],
    /** The window a webContents id belongs to (null once closed). */
    private readonly windowOf: (webContentsId: number) => W | null,
  ) {
    this.#recent = [...recent];
    this.#samePath = pathsEqualOn(ports.platform);
  }

  get recent(): readonly string[] {
    return this.#recent;
  }

  #doc(id: number): DocumentState {
    let d = this.#documents.get(id);
    if (!d) {
      d = { path: null, unsaved: false };
      this.#documents.set(id, d);
    }
    return d;
  }

  /** Forget a window's document (its webContents was destroyed). */
  forget(webContentsId: number): void {
    this.#documents.delete(webContentsId);
  }

  hasUnsavedChanges(webContentsId: number): boolean {
    return this.#documents.get(webContentsId)?.unsaved ?? false;
  }

  documentPath(webContentsId: number): string | null {
    return this.#documents.get(webContentsId)?.path ?? null;
  }

  #remember(path: string): void {
    this.#recent = addRecent(this.#recent, path, this.#samePath);
    this.ports.recentChanged(this.#recent, path);
  }

  clearRecent(): void {
    this.#recent = [];
    this.ports.recentChanged(this.#recent);
  }

  // ------------------------------------------------------------------ IPC

  /**
   * Answer one invoke: refuse a sender that is not the app's own main frame, validate the
   * arguments against the contract, then run the handler. Refusals and contract errors reject
   * the call (the renderer sees an error) and are logged; nothing of the payload is used.
   */
  async handle<C extends InvokeChannel>(channel: C, event: InvokeEventLike, args: readonly unknown[]): Promise<unknown> {
    const sender = senderDecision(event);
    if (!sender.allow) {
      this.ports.log(`${channel}: ${sender.reason}`);
      throw new Error(`${channel}: refused`);
    }
    const validate = validateInvoke[channel] as ((args: readonly unknown[]) => InvokeArgs[C]) | undefined;
    if (!validate) throw new ContractError(`unknown channel ${channel}`);
    let valid: InvokeArgs[C];
    try {
      valid = validate(args);
    } catch (e) {
      this.ports.log(`${channel}: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    const id = event.sender.id;
    const window = this.windowOf(id);
    switch (channel) {
      case INVOKE.openTrace:
        return this.openTrace(id, window);
      case INVOKE.saveTrace: {
        const [name, text] = valid as InvokeArgs[typeof INVOKE.saveTrace];
        return this.saveTrace(id, window, name, text, false);
      }
      case INVOKE.saveTraceAs: {
        const [name, text] = valid as InvokeArgs[typeof INVOKE.saveTraceAs];
        return this.saveTrace(id, window, name, text, true);
      }
      case INVOKE.listPreparedTraces:
        return listPreparedTraces(this.ports.fs, this.ports.preparedDir);
      case INVOKE.loadPreparedTrace: {
        const [name] = valid as InvokeArgs[typeof INVOKE.loadPreparedTrace];
        const text = await loadPreparedTrace(this.ports.fs, this.ports.preparedDir, name);
        // The document is now the prepared trace: Save must not write over the last opened file.
        this.#doc(id).path = null;
        return text;
      }
      case INVOKE.exportFile: {
        const [name, mime, data] = valid as InvokeArgs[typeof INVOKE.exportFile];
        return this.exportFile(window, name, mime, data);
      }
      case INVOKE.openSpec: {
        const [url] = valid as InvokeArgs[typeof INVOKE.openSpec];
        return this.ports.openExternal(url);
      }
      case INVOKE.setUnsavedChanges: {
        const [unsaved] = valid as InvokeArgs[typeof INVOKE.setUnsavedChanges];
        this.#doc(id).unsaved = unsaved;
        if (window) this.ports.setDocumentEdited(window, unsaved);
        return undefined;
      }
      default:
        throw new ContractError(`unknown channel ${String(channel)}`);
    }
  }

  /** File > Open and the bridge's openTrace: a dialog, then the file, validated. */
  async openTrace(id: number, window: W | null): Promise<OpenedFile | null> {
    const path = await this.ports.chooseFileToOpen(window, TRACE_FILTERS);
    if (path === null) return null;
    return this.#readForWindow(id, window, path);
  }

  async #readForWindow(id: number, window: W | null, path: string): Promise<OpenedFile | null> {
    try {
      const file = await readTraceFile(this.ports.fs, path);
      this.#doc(id).path = path;
      this.#remember(path);
      return file;
    } catch (e) {
      if (e instanceof FileRejected) {
        await this.ports.showError(window, e.message);
        return null;
      }
      throw e;
    }
  }

  /**
   * Open a file that came from outside the renderer (Open Recent, the command line, the OS, a
   * second launch) and send it to the window. A recent file that is gone leaves the list.
   */
  async openPath(id: number, window: W, path: string): Promise<boolean> {
    const file = await this.#readForWindow(id, window, path);
    if (!file) {
      if (this.#recent.some((p) => this.#samePath(p, path))) {
        const stillThere = await this.ports.fs.stat(path).then(
          () => true,
          () => false,
        );
        if (!stillThere) {
          this.#recent = removeRecent(this.#recent, path);
          this.ports.recentChanged(this.#recent);
        }
      }
      return false;
    }
    this.ports.send(window, EVENT.fileOpened, file);
    return true;
  }

  /**
   * Save (to the window's file when the renderer names that file, else ask) and Save As (always
   * ask). The text must be a trace by core's parser; the write is atomic.
   */
  async saveTrace(id: number, window: W | null, name: string, text: string, saveAs: boolean): Promise<boolean> {
    const problem = traceProblem(text);
    if (problem !== null) {
      await this.ports.showError(window, 'The trace could not be saved: it is not a valid Proofline trace.', problem);
      return false;
    }
    const doc = this.#doc(id);
    let target: string | null = null;
    if (!saveAs && doc.path !== null && basename(doc.path) === name) target = doc.path;
    if (target === null) {
      const folder = doc.path !== null ? dirname(doc.path) : this.ports.documentsDir;
      const chosen = await this.ports.chooseSavePath(window, join(folder, name), TRACE_FILTERS.slice(0, 1));
      if (chosen === null) return false;
      target = withTraceSuffix(chosen);
    }
    try {
      await writeFileAtomic(this.ports.fs, target, text);
    } catch (e) {
      if (e instanceof SaveRefused) await this.ports.showError(window, e.message);
      else await this.ports.showError(window, `“${basename(target)}” could not be saved. The file on disk is unchanged.`, e instanceof Error ? e.message : String(e));
      return false;
    }
    doc.path = target;
    doc.unsaved = false;
    if (window) this.ports.setDocumentEdited(window, false);
    this.#remember(target);
    return true;
  }

  /** Export: ask where, add the type's extension, write atomically. */
  async exportFile(window: W | null, name: string, mime: keyof typeof EXPORT_TYPES, data: string | Uint8Array): Promise<boolean> {
    const type = EXPORT_TYPES[mime];
    const chosen = await this.ports.chooseSavePath(window, join(this.ports.documentsDir, name), [{ name: type.label, extensions: [type.extension] }]);
    if (chosen === null) return false;
    const target = withExtension(chosen, type.extension);
    try {
      await writeFileAtomic(this.ports.fs, target, data);
    } catch (e) {
      if (e instanceof SaveRefused) await this.ports.showError(window, e.message);
      else await this.ports.showError(window, `“${basename(target)}” could not be exported. The file on disk is unchanged.`, e instanceof Error ? e.message : String(e));
      return false;
    }
    return true;
  }
}

/** The question before closing a window with unsaved changes. */
export const CLOSE_PROMPT = {
  type: 'warning' as const,
  buttons: ['Close Without Saving', 'Cancel'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
  message: 'This window has unsaved notes.',
  detail: 'If you close it now, your changes are lost. To keep them, cancel and choose File > Save As….',
};

/** Close when there is nothing unsaved, or when the user chose "Close Without Saving". */
export function closeDecision(unsaved: boolean, response?: number): 'close' | 'ask' | 'keep' {
  if (!unsaved) return 'close';
  if (response === undefined) return 'ask';
  return response === 0 ? 'close' : 'keep';
}

