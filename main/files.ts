/**
 * File I/O of the shell: reading a trace the user chose (bounded, decoded, validated with core's
 * trace parser), the atomic write behind Save and Export, and the prepared traces shipped with the
 * app. The file system is passed in, so the tests can make any step fail.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { parseTrace } from '../core/trace/index.js';
import { FileNotRead, readRegularFile, type ReadHandle } from '../node/regularFile.js';
import { MAX_TRACE_BYTES, TRACE_SUFFIX, checkPreparedName, type OpenedFile, type PreparedTraceInfo } from './contract.js';

/** The subset of node:fs/promises the shell uses. */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}
export interface FsLike {
  open(path: string, flags: string | number, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ size: number; mode: number; isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
  readdir(path: string): Promise<string[]>;
  realpath(path: string): Promise<string>;
  readlink(path: string): Promise<string>;
  access(path: string, mode?: number): Promise<void>;
}

/** A file the app refuses to open, with the one message the user sees. */
export class FileRejected extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileRejected';
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

/**
 * Check that text is a Proofline trace with core's strict parser (size, depth, duplicate and
 * forbidden keys, format, version, schema). Returns null when it is, else one sentence for the user.
 */
export function traceProblem(text: string | Uint8Array): string | null {
  try {
    parseTrace(text);
    return null;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return message;
  }
}

/**
 * Read a trace file the user chose: a regular file (a directory, FIFO, socket or device, also
 * behind a link, is refused by its type before anything is read), at most MAX_TRACE_BYTES however
 * it grows, UTF-8, and a trace by core's parser. Anything else is a FileRejected with one clear
 * message.
 */
export async function readTraceFile(fs: Pick<FsLike, 'open'>, path: string, limit = MAX_TRACE_BYTES): Promise<OpenedFile> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, limit, (p, flags) => fs.open(p, flags) as unknown as Promise<ReadHandle>);
  } catch (e) {
    if (!(e instanceof FileNotRead)) throw e;
    if (e.size !== undefined) throw new FileRejected(name, `“${name}” is too large to be a trace: ${mib(e.size)}; the limit is ${mib(limit)}.`);
    if (e.reason === 'no such file' || e.reason === 'permission denied') throw new FileRejected(name, `“${name}” could not be opened: it does not exist or cannot be read.`);
    throw new FileRejected(name, `“${name}” is not a file that can be opened: it ${e.reason}.`);
  }
  const problem = traceProblem(bytes);
  if (problem !== null) throw new FileRejected(name, `“${name}” is not a Proofline trace: ${problem}`);
  return { name, text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') };
}

/** A save the shell refuses before touching anything (a read-only target), with the reason. */
export class SaveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaveRefused';
  }
}

/** Longest file name most file systems take (NAME_MAX: 255 bytes on ext4, APFS, NTFS in UTF-16 units). */
export const NAME_MAX_BYTES = 255;
const W_OK = 2;

/**
 * The temporary file's name beside `name`: `.NAME.RANDOM.tmp`, with NAME shortened (at a
 * character boundary) so the whole stays within {@link NAME_MAX_BYTES}: a target whose own name
 * is at the limit must not fail because of the suffix.
 */
export function temporaryName(name: string, random: string): string {
  const room = NAME_MAX_BYTES - new TextEncoder().encode(`..${random}.tmp`).byteLength;
  let kept = '';
  let bytes = 0;
  for (const ch of name) {
    const n = new TextEncoder().encode(ch).byteLength;
    if (bytes + n > room) break;
    kept += ch;
    bytes += n;
  }
  return `.${kept}.${random}.tmp`;
}

/**
 * Where a save to `target` really goes: a symlink is followed to the file it names (so the link
 * stays a link and its target is updated), also when that file does not exist yet.
 */
async function resolveTarget(fs: Pick<FsLike, 'realpath' | 'readlink'>, target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch {
    // A new file, or a link to one that does not exist yet.
  }
  try {
    return resolve(dirname(target), await fs.readlink(target));
  } catch {
    return target;
  }
}

/**
 * Write a file atomically: the data goes to a new temporary file in the same directory (same
 * file system, so the rename is atomic), is flushed to disk with fsync, and only then renamed
 * over the target. If anything fails (a full disk, a crash before the rename) the temporary file
 * is removed and the target is left exactly as it was: never half-written, only ever replaced by
 * a complete file. An existing target keeps its permission bits; a symlink is written through to
 * the file it names; a read-only target is refused ({@link SaveRefused}) — the rename would
 * otherwise replace a file its owner marked as not to be changed.
 */
export async function writeFileAtomic(fs: Pick<FsLike, 'open' | 'rename' | 'unlink' | 'stat' | 'realpath' | 'readlink' | 'access'>, path: string, data: string | Uint8Array, random: () => string = () => randomBytes(6).toString('hex')): Promise<void> {
  const target = await resolveTarget(fs, path);
  const dir = dirname(target);
  const temp = join(dir, temporaryName(basename(target), random()));
  let mode = 0o644;
  let exists = false;
  try {
    mode = (await fs.stat(target)).mode & 0o777;
    exists = true;
  } catch {
    // A new file.
  }
  if (exists) {
    // Permission bits first: as root (or an administrator) access() says yes to everything.
    const writable = (mode & 0o222) !== 0 && (await fs.access(target, W_OK).then(() => true, () => false));
    if (!writable) throw new SaveRefused(`“${basename(path)}” is read-only: it was not changed. Save it under another name, or make it writable first.`);
  }
  // 'wx': fail rather than follow a symlink or reuse a file someone placed at the temp name.
  const handle = await fs.open(temp, 'wx', mode);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
  await syncDirectory(fs, dir);
}

/** fsync the directory so the rename itself survives a crash (POSIX; Windows cannot open directories). */
async function syncDirectory(fs: Pick<FsLike, 'open'>, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data itself is already durable.
  }
}

/** Make sure a save path ends in `.proofline.json` (a dialog on Linux does not add it). */
export function withTraceSuffix(path: string): string {
  if (path.toLowerCase().endsWith(TRACE_SUFFIX)) return path;
  if (path.toLowerCase().endsWith('.json')) return path.slice(0, -'.json'.length) + TRACE_SUFFIX;
  return path + TRACE_SUFFIX;
}

/** Make sure an export path ends in the extension of its MIME type. */
export function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(`.${extension.toLowerCase()}`) ? path : `${path}.${extension}`;
}

/**
 * A readable title from a prepared trace's file name, as the web build makes it
 * (`05-tx-swap-after-approval` → `05 · tx swap after approval`).
 */
export function titleFromName(name: string): string {
  const m = /^(\d+)[-_. ](.*)$/.exec(name);
  const words = (m ? m[2]! : name).replace(/[-_.]+/g, ' ').trim();
  return m ? `${m[1]} · ${words}` : words;
}

/** The prepared traces in a directory: every `*.proofline.json` whose name is a valid prepared-trace name. */
export async function listPreparedTraces(fs: Pick<FsLike, 'readdir'>, dir: string): Promise<PreparedTraceInfo[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.endsWith(TRACE_SUFFIX)) continue;
    const name = entry.slice(0, -TRACE_SUFFIX.length);
    try {
      names.push(checkPreparedName(name));
    } catch {
      // Not a name the renderer could ask for: skip it.
    }
  }
  return names.sort().map((name) => ({ name, title: titleFromName(name) }));
}

/** The text of one prepared trace, by a name already checked by the contract. */
export async function loadPreparedTrace(fs: Pick<FsLike, 'open'>, dir: string, name: string): Promise<string> {
  const checked = checkPreparedName(name);
  try {
    return (await readTraceFile(fs, join(dir, `${checked}${TRACE_SUFFIX}`))).text;
  } catch (e) {
    if (e instanceof FileRejected) throw new Error(`prepared trace “${checked}”: ${e.message}`);
    throw e;
  }
}
