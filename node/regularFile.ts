import { constants } from 'node:fs';
import { open as fsOpen } from 'node:fs/promises';

/**
 * Reading a file a person named, for the CLI and the desktop main process: only a regular file is
 * read. The file is opened without blocking (a FIFO with no writer would otherwise hang the open)
 * and without becoming a controlling terminal, its type is read from the open handle (so a link
 * swapped after a check cannot slip a device in), and at most `limit` bytes are read, whatever
 * the file claims or grows to.
 */

/** What is needed of an open file. */
export interface ReadHandle {
  stat(): Promise<{ size: number; isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** How a file is opened for reading (node:fs/promises `open`, or a test's stand-in). */
export type OpenForReading = (path: string, flags: number) => Promise<ReadHandle>;

/** Why a named file was not read: `reason` is a short phrase for "cannot read FILE: …". */
export class FileNotRead extends Error {
  constructor(
    readonly reason: string,
    /** Set when the file was refused for its size. */
    readonly size?: number,
  ) {
    super(reason);
    this.name = 'FileNotRead';
  }
}

/** O_RDONLY, plus O_NONBLOCK and O_NOCTTY where the platform has them. */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(info: Awaited<ReturnType<ReadHandle['stat']>>): string {
  if (info.isDirectory()) return 'is a directory';
  if (info.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (info.isCharacterDevice()) return 'is a character device, not a regular file';
  if (info.isBlockDevice()) return 'is a block device, not a regular file';
  if (info.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

function openError(e: unknown): FileNotRead {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileNotRead('no such file');
  if (code === 'EACCES' || code === 'EPERM') return new FileNotRead('permission denied');
  if (code === 'EISDIR') return new FileNotRead('is a directory');
  if (code === 'ENXIO') return new FileNotRead('is a socket or a device without a reader, not a regular file');
  if (code === 'ELOOP') return new FileNotRead('is a symbolic link loop');
  return new FileNotRead(code ? `cannot be opened (${code})` : 'cannot be opened');
}

/**
 * Read the regular file at `path`, at most `limit` bytes. A directory, FIFO, socket or device
 * (also behind a symbolic link), a missing or unreadable file, or one larger than `limit` is a
 * {@link FileNotRead} whose `reason` says which; nothing else is thrown for those.
 */
export async function readRegularFile(path: string, limit: number, open: OpenForReading = fsOpen as unknown as OpenForReading): Promise<Uint8Array> {
  let handle: ReadHandle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (e) {
    throw openError(e);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FileNotRead(kindOf(info));
    if (info.size > limit) throw new FileNotRead(`is ${info.size} bytes; the limit is ${limit}`, info.size);
    // Read until the end of the file, never past limit + 1 bytes (the one more tells that it grew).
    const chunks: Uint8Array[] = [];
    let total = 0;
    let want = info.size + 1;
    for (;;) {
      const chunk = new Uint8Array(Math.min(want, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw new FileNotRead(`grew past the limit of ${limit} bytes while it was read`, total);
      want = 64 * 1024;
    }
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } catch (e) {
    if (e instanceof FileNotRead) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileNotRead(code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
