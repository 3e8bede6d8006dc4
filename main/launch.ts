/**
 * How traces reach the app from outside: the command line (`proofline trace.proofline.json`, and
 * the OS file association on Windows and Linux, which passes the file as an argument), macOS's
 * `open-file` event, and a second launch, which hands its files to the running instance
 * (single-instance lock) and quits.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** At most this many files are taken from one launch. */
export const MAX_LAUNCH_FILES = 16;

export interface ArgvContext {
  /** `process.defaultApp`: true when run as `electron .` (argv[1] is the app path, not a file). */
  readonly defaultApp: boolean;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * The trace files named on a command line. Switches (Chromium adds its own, e.g.
 * `--allow-file-access-from-files`) are skipped; after `--` every argument is a file; `file://`
 * URLs (Linux desktop launchers pass %U) become paths; only `.json` files are taken (they are
 * validated when opened).
 */
export function filesFromArgv(argv: readonly string[], context: ArgvContext): string[] {
  const args = argv.slice(context.defaultApp ? 2 : 1);
  const files: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > 4096 || arg.includes('\0')) continue;
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (!optionsEnded && arg.startsWith('-')) continue;
    let path: string;
    if (/^file:\/\//i.test(arg)) {
      try {
        path = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
      continue; // some other URL: the app opens local files only
    } else {
      path = isAbsolute(arg) ? arg : resolve(context.cwd, arg);
    }
    if (!path.toLowerCase().endsWith('.json')) continue;
    if (!files.includes(path)) files.push(path);
    if (files.length === MAX_LAUNCH_FILES) break;
  }
  return files;
}

/** What a second instance hands the first through `requestSingleInstanceLock(additionalData)`. */
export interface SecondInstanceData {
  readonly files: readonly string[];
}

/** The additional data a launch sends to the running instance: its files, already resolved. */
export function secondInstanceData(argv: readonly string[], context: ArgvContext): SecondInstanceData {
  return { files: filesFromArgv(argv, context) };
}

/**
 * The files a `second-instance` event asks to open. The structured additional data is preferred
 * (Chromium may reorder and extend argv); it comes from another process, so it is checked like
 * any input. Without it, argv is parsed against the second instance's working directory.
 */
export function filesFromSecondInstance(argv: readonly string[], workingDirectory: string, additionalData: unknown, defaultApp: boolean): string[] {
  if (additionalData !== null && typeof additionalData === 'object' && Array.isArray((additionalData as { files?: unknown }).files)) {
    const files: string[] = [];
    for (const f of (additionalData as { files: unknown[] }).files) {
      if (typeof f === 'string' && f.length <= 4096 && !f.includes('\0') && isAbsolute(f) && f.toLowerCase().endsWith('.json') && !files.includes(f)) files.push(f);
      if (files.length === MAX_LAUNCH_FILES) break;
    }
    return files;
  }
  return filesFromArgv(argv, { defaultApp, cwd: workingDirectory });
}

/**
 * Files that arrive before the window can show them (macOS sends `open-file` before `ready`; the
 * command line is known at start) wait here; once the window is ready each goes straight through.
 */
export class LaunchQueue {
  #ready = false;
  #pending: string[] = [];
  constructor(private readonly open: (path: string) => void) {}

  /** Files to open now, or as soon as the window is ready. */
  push(paths: readonly string[]): void {
    for (const p of paths) {
      if (this.#ready) this.open(p);
      else if (!this.#pending.includes(p) && this.#pending.length < MAX_LAUNCH_FILES) this.#pending.push(p);
    }
  }

  /** The window is ready: open what waited, in order. */
  markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) this.open(p);
  }

  get pending(): readonly string[] {
    return this.#pending;
  }
}
