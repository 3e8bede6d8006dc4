import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_TRACE_BYTES } from '../../main/contract.js';
import { specialFiles } from '../specialFiles.js';
import { FileRejected, NAME_MAX_BYTES, SaveRefused, temporaryName, listPreparedTraces, loadPreparedTrace, readTraceFile, titleFromName, withExtension, withTraceSuffix, writeFileAtomic, type FileHandleLike, type FsLike } from '../../main/files.js';

const realFs = fsp as unknown as FsLike;
const TRACES = join(import.meta.dirname, '..', '..', 'traces');
const honest = readFileSync(join(TRACES, '01-honest.proofline.json'), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proofline-files-'));
});

/** The real file system, with one step made to fail. */
function failing(step: 'write' | 'sync' | 'rename' | 'open', after?: (handle: FileHandleLike) => Promise<void>): FsLike {
  return {
    ...realFs,
    open: async (path, flags, mode) => {
      if (step === 'open' && flags === 'wx') throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
      const handle = await realFs.open(path, flags, mode);
      if (flags !== 'wx') return handle;
      return {
        async writeFile(data) {
          if (step === 'write') {
            // A full disk: part of the data reaches the file, then the write fails.
            await handle.writeFile(typeof data === 'string' ? data.slice(0, 10) : data.subarray(0, 10));
            if (after) await after(handle);
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          }
          return handle.writeFile(data);
        },
        async sync() {
          if (step === 'sync') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
          return handle.sync();
        },
        close: () => handle.close(),
      };
    },
    rename: async (from, to) => {
      if (step === 'rename') throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
      return realFs.rename(from, to);
    },
  };
}

describe('atomic save', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const target = join(dir, 'a.proofline.json');
    await writeFileAtomic(realFs, target, honest);
    expect(readFileSync(target, 'utf8')).toBe(honest);
    expect(readdirSync(dir)).toEqual(['a.proofline.json']);
  });

  it('replaces an existing file whole, keeping its permission bits', async () => {
    const target = join(dir, 'a.proofline.json');
    writeFileSync(target, 'old contents');
    chmodSync(target, 0o600);
    await writeFileAtomic(realFs, target, new TextEncoder().encode('new contents'));
    expect(readFileSync(target, 'utf8')).toBe('new contents');
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.proofline.json']);
  });

  for (const step of ['write', 'sync', 'rename', 'open'] as const) {
    it(`leaves the target unchanged and cleans up when ${step} fails`, async () => {
      const target = join(dir, 'a.proofline.json');
      writeFileSync(target, 'the complete old file');
      let sawPartial = false;
      const fs = failing(step, async () => {
        // Midway: the temporary file holds a part; the target is still the old file.
        const temps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
        sawPartial = temps.length === 1 && readFileSync(join(dir, temps[0]!), 'utf8') === honest.slice(0, 10);
        expect(readFileSync(target, 'utf8')).toBe('the complete old file');
      });
      await expect(writeFileAtomic(fs, target, honest)).rejects.toThrow();
      expect(readFileSync(target, 'utf8')).toBe('the complete old file');
      expect(readdirSync(dir)).toEqual(['a.proofline.json']);
      if (step === 'write') expect(sawPartial).toBe(true);
    });
  }

  it('creates no file at all when a new file cannot be written', async () => {
    const target = join(dir, 'new.proofline.json');
    await expect(writeFileAtomic(failing('write'), target, honest)).rejects.toThrow(/ENOSPC/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never writes through a file planted at the temporary name', async () => {
    const target = join(dir, 'a.json');
    writeFileSync(join(dir, '.a.json.fixed.tmp'), 'planted');
    await expect(writeFileAtomic(realFs, target, 'x', () => 'fixed')).rejects.toThrow(/EEXIST/);
    expect(readFileSync(join(dir, '.a.json.fixed.tmp'), 'utf8')).toBe('planted');
  });
});

describe('saving: read-only targets, symlinks, long names', () => {
  it('refuses a read-only target with a clear message and changes nothing', async () => {
    const target = join(dir, 'ro.proofline.json');
    writeFileSync(target, 'keep me');
    chmodSync(target, 0o444);
    const error = await writeFileAtomic(realFs, target, honest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaveRefused);
    expect((error as Error).message).toBe('“ro.proofline.json” is read-only: it was not changed. Save it under another name, or make it writable first.');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(statSync(target).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['ro.proofline.json']);
  });

  it('writes through a symlink to its target; the link stays a link', async () => {
    const real = join(dir, 'real.proofline.json');
    const link = join(dir, 'link.proofline.json');
    writeFileSync(real, 'old');
    chmodSync(real, 0o640);
    symlinkSync('real.proofline.json', link);
    await writeFileAtomic(realFs, link, honest);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.proofline.json');
    expect(readFileSync(real, 'utf8')).toBe(honest);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['link.proofline.json', 'real.proofline.json']);
    // A link to a file that does not exist yet: the file is created where the link points.
    const dangling = join(dir, 'later.proofline.json');
    symlinkSync('made-later.proofline.json', dangling);
    await writeFileAtomic(realFs, dangling, 'new');
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made-later.proofline.json'), 'utf8')).toBe('new');
  });

  it('a read-only file behind a symlink is refused too', async () => {
    const real = join(dir, 'real.proofline.json');
    writeFileSync(real, 'old');
    chmodSync(real, 0o400);
    symlinkSync(real, join(dir, 'l.proofline.json'));
    await expect(writeFileAtomic(realFs, join(dir, 'l.proofline.json'), 'x')).rejects.toBeInstanceOf(SaveRefused);
    expect(readFileSync(real, 'utf8')).toBe('old');
  });

  it('handles names up to the file system’s limit (ASCII and multi-byte)', async () => {
    for (const name of [`${'a'.repeat(NAME_MAX_BYTES - 15)}.proofline.json`, `${'é'.repeat((NAME_MAX_BYTES - 15) / 2)}.proofline.json`]) {
      expect(Buffer.byteLength(name)).toBe(NAME_MAX_BYTES);
      const target = join(dir, name);
      await writeFileAtomic(realFs, target, honest);
      await writeFileAtomic(realFs, target, 'again');
      expect(readFileSync(target, 'utf8')).toBe('again');
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const temp = temporaryName('€'.repeat(200), 'abcdef012345');
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    expect(temp).toMatch(/^\.€+\.abcdef012345\.tmp$/);
    expect(temporaryName('a.json', 'r')).toBe('.a.json.r.tmp');
  });
});

describe('reading a trace', () => {
  it('reads a prepared trace', async () => {
    const file = await readTraceFile(realFs, join(TRACES, '01-honest.proofline.json'));
    expect(file).toEqual({ name: '01-honest.proofline.json', text: honest });
  });

  it('rejects a missing file, a directory, a huge file and non-traces, each with one message', async () => {
    const cases: [string, RegExp][] = [];
    cases.push([join(dir, 'missing.json'), /could not be opened/]);
    cases.push([dir, /is not a file that can be opened: it is a directory/]);
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    await fsp.truncate(huge, MAX_TRACE_BYTES + 1);
    cases.push([huge, /too large to be a trace: 32 MiB; the limit is 32 MiB|too large/]);
    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'hello');
    cases.push([notJson, /is not a Proofline trace/]);
    const otherJson = join(dir, 'package.json');
    writeFileSync(otherJson, '{"name":"x"}');
    cases.push([otherJson, /is not a Proofline trace: .*format/]);
    const tampered = join(dir, 'tampered.proofline.json');
    writeFileSync(tampered, honest.replace(/"version": \d+/, '"version": 99'));
    expect(readFileSync(tampered, 'utf8')).toContain('"version": 99'); // whatever version the prepared trace is written in
    cases.push([tampered, /is not a Proofline trace: .*version/]);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0xe9, 0x7d]));
    cases.push([latin1, /UTF-8/]);
    for (const [path, message] of cases) {
      const error = await readTraceFile(realFs, path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, path).toBeInstanceOf(FileRejected);
      expect((error as Error).message, path).toMatch(message);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('checks the size before reading the file, and again while reading (a file that grew)', async () => {
    let read = false;
    const handle = (size: number, content: Uint8Array) => ({
      stat: async () => ({ size, isFile: () => true, isDirectory: () => false, isFIFO: () => false, isSocket: () => false, isCharacterDevice: () => false, isBlockDevice: () => false }),
      read: async (buffer: Uint8Array, offset: number, length: number) => {
        read = true;
        const n = Math.min(length, content.length);
        buffer.set(content.subarray(0, n), offset);
        content = content.subarray(n);
        return { bytesRead: n };
      },
      close: async () => undefined,
    });
    const big = { open: async () => handle(MAX_TRACE_BYTES + 1, new Uint8Array()) } as unknown as FsLike;
    await expect(readTraceFile(big, '/x/big.proofline.json')).rejects.toThrow(/too large/);
    expect(read).toBe(false);
    const grew = { open: async () => handle(10, new Uint8Array(64)) } as unknown as FsLike;
    await expect(readTraceFile(grew, '/x/grew.json', 32)).rejects.toThrow(/too large/);
  });

  it('refuses a FIFO, a device and links to them by type, without reading or hanging', async () => {
    for (const [path, message] of specialFiles(dir)) {
      await expect(readTraceFile(realFs, path), path).rejects.toThrow(message);
    }
  });
});

describe('prepared traces', () => {
  it('lists traces/ with titles as the web build makes them', async () => {
    const list = await listPreparedTraces(realFs, TRACES);
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toEqual({ name: '01-honest', title: '01 · honest' });
    expect(list.map((t) => t.name)).toEqual([...list.map((t) => t.name)].sort());
  });

  it('skips other files and unusable names, and an absent folder is empty', async () => {
    writeFileSync(join(dir, 'ok.proofline.json'), honest);
    writeFileSync(join(dir, 'notes.txt'), '');
    writeFileSync(join(dir, '.hidden.proofline.json'), honest);
    writeFileSync(join(dir, 'with space.proofline.json'), honest);
    expect(await listPreparedTraces(realFs, dir)).toEqual([{ name: 'ok', title: 'ok' }]);
    expect(await listPreparedTraces(realFs, join(dir, 'nope'))).toEqual([]);
  });

  it('loads one by name, validated, and refuses names that leave the folder', async () => {
    expect(await loadPreparedTrace(realFs, TRACES, '01-honest')).toBe(honest);
    await expect(loadPreparedTrace(realFs, TRACES, '../package')).rejects.toThrow();
    writeFileSync(join(dir, 'broken.proofline.json'), '{"format":"nope"}');
    await expect(loadPreparedTrace(realFs, dir, 'broken')).rejects.toThrow(/not a Proofline trace/);
  });

  it('titles', () => {
    expect(titleFromName('05-tx-swap-after-approval')).toBe('05 · tx swap after approval');
    expect(titleFromName('custom.trace')).toBe('custom trace');
  });
});

describe('file names from dialogs', () => {
  it('adds the trace suffix and export extensions', () => {
    expect(withTraceSuffix('/d/a')).toBe('/d/a.proofline.json');
    expect(withTraceSuffix('/d/a.json')).toBe('/d/a.proofline.json');
    expect(withTraceSuffix('/d/a.PROOFLINE.json')).toBe('/d/a.PROOFLINE.json');
    expect(withExtension('/d/ledger', 'csv')).toBe('/d/ledger.csv');
    expect(withExtension('/d/ledger.CSV', 'csv')).toBe('/d/ledger.CSV');
  });
});
