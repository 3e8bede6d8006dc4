import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ContractError, EVENT, INVOKE, MAX_TRACE_BYTES } from '../../main/contract.js';
import type { FsLike } from '../../main/files.js';
import { APP_URL } from '../../main/security.js';
import { CLOSE_PROMPT, Shell, closeDecision, type FileFilter, type InvokeEventLike, type ShellPorts } from '../../main/shell.js';

const TRACES = join(import.meta.dirname, '..', '..', 'traces');
const honest = readFileSync(join(TRACES, '01-honest.proofline.json'), 'utf8');

interface Win {
  id: number;
}

/** Ports that record what the shell did, answering dialogs from a script. */
function harness(options: { fs?: FsLike; open?: (string | null)[]; save?: (string | null)[]; recent?: string[] } = {}) {
  const calls = {
    errors: [] as { message: string; detail?: string }[],
    sent: [] as { channel: string; payload: unknown }[],
    edited: [] as boolean[],
    recent: [] as (readonly string[])[],
    added: [] as string[],
    saveDialogs: [] as { defaultPath: string; filters: FileFilter[] }[],
    logs: [] as string[],
    opened: [] as string[],
  };
  const openAnswers = [...(options.open ?? [])];
  const saveAnswers = [...(options.save ?? [])];
  const ports: ShellPorts<Win> = {
    fs: options.fs ?? (fsp as unknown as FsLike),
    platform: 'linux',
    preparedDir: TRACES,
    documentsDir: '/home/bob/Documents',
    chooseFileToOpen: async () => openAnswers.shift() ?? null,
    chooseSavePath: async (_w, defaultPath, filters) => {
      calls.saveDialogs.push({ defaultPath, filters });
      return saveAnswers.shift() ?? null;
    },
    showError: async (_w, message, detail) => {
      calls.errors.push({ message, ...(detail ? { detail } : {}) });
    },
    send: (_w, channel, payload) => calls.sent.push({ channel, payload }),
    setDocumentEdited: (_w, edited) => calls.edited.push(edited),
    openExternal: async (url) => {
      calls.opened.push(url);
    },
    recentChanged: (recent, added) => {
      calls.recent.push(recent);
      if (added) calls.added.push(added);
    },
    log: (m) => calls.logs.push(m),
  };
  const win: Win = { id: 1 };
  const shell = new Shell<Win>(ports, options.recent ?? [], (id) => (id === 7 ? win : null));
  return { shell, calls, win };
}

const fromApp: InvokeEventLike = { sender: { id: 7 }, senderFrame: { url: APP_URL, parent: null } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proofline-shell-'));
});

describe('IPC: sender and payload checks come first', () => {
  it('refuses a foreign sender before validating or doing anything', async () => {
    const { shell, calls } = harness({ open: [join(TRACES, '01-honest.proofline.json')] });
    for (const url of ['https://evil.example/', 'app://pages/references.html', 'file:///tmp/x.html']) {
      await expect(shell.handle(INVOKE.openTrace, { sender: { id: 7 }, senderFrame: { url, parent: null } }, [])).rejects.toThrow(/refused/);
    }
    await expect(shell.handle(INVOKE.openTrace, { sender: { id: 7 }, senderFrame: { url: APP_URL, parent: {} } }, [])).rejects.toThrow(/refused/);
    await expect(shell.handle(INVOKE.openTrace, { sender: { id: 7 }, senderFrame: null }, [])).rejects.toThrow(/refused/);
    expect(calls.sent).toEqual([]);
    expect(calls.logs).toHaveLength(5);
  });

  it('refuses bad payloads with a ContractError and writes nothing', async () => {
    const { shell, calls } = harness({ save: [join(dir, 'x.proofline.json')] });
    const bad: [string, unknown[]][] = [
      [INVOKE.saveTrace, ['../../etc/x.json', honest]],
      [INVOKE.saveTrace, ['a.json', 42]],
      [INVOKE.saveTrace, ['a.json', 'x'.repeat(MAX_TRACE_BYTES + 1)]],
      [INVOKE.exportFile, ['a.exe', 'application/x-msdownload', 'MZ']],
      [INVOKE.loadPreparedTrace, ['../../package']],
      [INVOKE.setUnsavedChanges, ['yes']],
      [INVOKE.openSpec, ['https://evil.example/TR/webauthn-3/']],
    ];
    for (const [channel, args] of bad) {
      await expect(shell.handle(channel as typeof INVOKE.saveTrace, fromApp, args), channel).rejects.toBeInstanceOf(ContractError);
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(calls.saveDialogs).toEqual([]);
    expect(calls.opened).toEqual([]);
  });

  it('opens a spec link on www.w3.org in the system browser', async () => {
    const { shell, calls } = harness();
    await shell.handle(INVOKE.openSpec, fromApp, ['https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion']);
    expect(calls.opened).toEqual(['https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion']);
  });

  it('refuses an unknown channel', async () => {
    const { shell } = harness();
    await expect(shell.handle('proofline:eval' as typeof INVOKE.openTrace, fromApp, [])).rejects.toBeInstanceOf(ContractError);
  });
});

describe('IPC: open', () => {
  it('opens a trace, remembers it, and returns name and text only', async () => {
    const path = join(TRACES, '01-honest.proofline.json');
    const { shell, calls } = harness({ open: [path] });
    expect(await shell.handle(INVOKE.openTrace, fromApp, [])).toEqual({ name: '01-honest.proofline.json', text: honest });
    expect(calls.added).toEqual([path]);
    expect(shell.documentPath(7)).toBe(path);
  });

  it('returns null on cancel', async () => {
    const { shell } = harness({ open: [null] });
    expect(await shell.handle(INVOKE.openTrace, fromApp, [])).toBeNull();
  });

  it('shows one clear message for a file that is not a trace, and returns null', async () => {
    const path = join(dir, 'notes.json');
    writeFileSync(path, '{"hello": "world"}');
    const { shell, calls } = harness({ open: [path] });
    expect(await shell.handle(INVOKE.openTrace, fromApp, [])).toBeNull();
    expect(calls.errors).toHaveLength(1);
    expect(calls.errors[0]!.message).toMatch(/^“notes\.json” is not a Proofline trace/);
    expect(calls.added).toEqual([]);
  });
});

describe('IPC: save and save as', () => {
  it('Save with no file yet asks where (in Documents), adds the suffix, writes, remembers', async () => {
    const { shell, calls } = harness({ save: [join(dir, 'mine')] });
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['honest.proofline.json', honest])).toBe(true);
    expect(calls.saveDialogs[0]!.defaultPath).toBe(join('/home/bob/Documents', 'honest.proofline.json'));
    expect(readFileSync(join(dir, 'mine.proofline.json'), 'utf8')).toBe(honest);
    expect(shell.documentPath(7)).toBe(join(dir, 'mine.proofline.json'));
    expect(calls.edited).toEqual([false]);
  });

  it('Save writes over the opened file without asking when the renderer names it', async () => {
    const path = join(dir, 'review.proofline.json');
    writeFileSync(path, honest);
    const { shell, calls } = harness({ open: [path] });
    await shell.handle(INVOKE.openTrace, fromApp, []);
    const edited = honest.replace('Start here', 'Start here (edited)');
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['review.proofline.json', edited])).toBe(true);
    expect(calls.saveDialogs).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });

  it('Save of a differently named document, and Save As, always ask', async () => {
    const path = join(dir, 'review.proofline.json');
    writeFileSync(path, honest);
    const { shell, calls } = harness({ open: [path], save: [null, null] });
    await shell.handle(INVOKE.openTrace, fromApp, []);
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['other.proofline.json', honest])).toBe(false);
    expect(await shell.handle(INVOKE.saveTraceAs, fromApp, ['review.proofline.json', honest])).toBe(false);
    expect(calls.saveDialogs.map((d) => d.defaultPath)).toEqual([join(dir, 'other.proofline.json'), join(dir, 'review.proofline.json')]);
  });

  it('after a prepared trace is loaded, Save no longer targets the last opened file', async () => {
    const path = join(dir, '01-honest.proofline.json');
    writeFileSync(path, honest);
    const { shell, calls } = harness({ open: [path], save: [null] });
    await shell.handle(INVOKE.openTrace, fromApp, []);
    expect(shell.documentPath(7)).toBe(path);
    await shell.handle(INVOKE.loadPreparedTrace, fromApp, ['01-honest']);
    expect(shell.documentPath(7)).toBeNull();
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['01-honest.proofline.json', honest])).toBe(false);
    expect(calls.saveDialogs).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe(honest);
  });

  it('refuses to save text that is not a trace, and writes nothing', async () => {
    const { shell, calls } = harness({ save: [join(dir, 'x.proofline.json')] });
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['x.proofline.json', '{"format":"proofline-trace"}'])).toBe(false);
    expect(calls.errors[0]!.message).toMatch(/not a valid Proofline trace/);
    expect(calls.saveDialogs).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failed write reports it and leaves the file on disk as it was', async () => {
    const path = join(dir, 'review.proofline.json');
    writeFileSync(path, honest);
    const real = fsp as unknown as FsLike;
    const full: FsLike = {
      ...real,
      open: async (p, flags, mode) => {
        const h = await real.open(p, flags, mode);
        if (flags !== 'wx') return h;
        return { writeFile: async () => Promise.reject(new Error('ENOSPC: no space left on device')), sync: () => h.sync(), close: () => h.close() };
      },
    };
    const { shell, calls } = harness({ fs: full, open: [path] });
    await shell.handle(INVOKE.openTrace, fromApp, []);
    await shell.handle(INVOKE.setUnsavedChanges, fromApp, [true]);
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['review.proofline.json', honest.replace('Bob', 'Mallory')])).toBe(false);
    expect(calls.errors[0]!.message).toBe('“review.proofline.json” could not be saved. The file on disk is unchanged.');
    expect(readFileSync(path, 'utf8')).toBe(honest);
    expect(readdirSync(dir)).toEqual(['review.proofline.json']);
    expect(shell.hasUnsavedChanges(7)).toBe(true);
  });
  it('saving over a read-only file says so and leaves it as it was', async () => {
    const path = join(dir, 'locked.proofline.json');
    writeFileSync(path, honest);
    chmodSync(path, 0o444);
    const { shell, calls } = harness({ open: [path] });
    await shell.handle(INVOKE.openTrace, fromApp, []);
    await shell.handle(INVOKE.setUnsavedChanges, fromApp, [true]);
    expect(await shell.handle(INVOKE.saveTrace, fromApp, ['locked.proofline.json', honest.replace('Bob', 'Mallory')])).toBe(false);
    expect(calls.errors[0]!.message).toBe('“locked.proofline.json” is read-only: it was not changed. Save it under another name, or make it writable first.');
    expect(readFileSync(path, 'utf8')).toBe(honest);
    expect(shell.hasUnsavedChanges(7)).toBe(true);
  });
});

describe('IPC: export, prepared traces, unsaved changes', () => {
  it('exports with the type’s extension', async () => {
    const { shell, calls } = harness({ save: [join(dir, 'ledger')] });
    expect(await shell.handle(INVOKE.exportFile, fromApp, ['ledger.csv', 'text/csv', 'a,b\n1,2\n'])).toBe(true);
    expect(readFileSync(join(dir, 'ledger.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(calls.saveDialogs[0]!.filters).toEqual([{ name: 'CSV table', extensions: ['csv'] }]);
  });

  it('exports bytes', async () => {
    const { shell } = harness({ save: [join(dir, 'diagram.png')] });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(await shell.handle(INVOKE.exportFile, fromApp, ['diagram.png', 'image/png', png])).toBe(true);
    expect(new Uint8Array(readFileSync(join(dir, 'diagram.png')))).toEqual(png);
  });

  it('lists and loads the prepared traces', async () => {
    const { shell } = harness();
    const list = (await shell.handle(INVOKE.listPreparedTraces, fromApp, [])) as { name: string }[];
    expect(list.map((t) => t.name)).toContain('01-honest');
    expect(await shell.handle(INVOKE.loadPreparedTrace, fromApp, ['01-honest'])).toBe(honest);
    await expect(shell.handle(INVOKE.loadPreparedTrace, fromApp, ['no-such-trace'])).rejects.toThrow(/could not be opened/);
  });

  it('tracks unsaved changes per window and mirrors them to the OS', async () => {
    const { shell, calls } = harness();
    expect(shell.hasUnsavedChanges(7)).toBe(false);
    await shell.handle(INVOKE.setUnsavedChanges, fromApp, [true]);
    expect(shell.hasUnsavedChanges(7)).toBe(true);
    expect(calls.edited).toEqual([true]);
    shell.forget(7);
    expect(shell.hasUnsavedChanges(7)).toBe(false);
  });
});

describe('opening from outside (recent, command line, OS)', () => {
  it('sends the file to the window', async () => {
    const path = join(TRACES, '02-replay.proofline.json');
    const { shell, calls, win } = harness();
    expect(await shell.openPath(7, win, path)).toBe(true);
    expect(calls.sent).toEqual([{ channel: EVENT.fileOpened, payload: { name: '02-replay.proofline.json', text: readFileSync(path, 'utf8') } }]);
    expect(calls.added).toEqual([path]);
  });

  it('drops a recent file that is gone, after one message', async () => {
    const gone = join(dir, 'gone.proofline.json');
    const { shell, calls, win } = harness({ recent: [gone, '/x/other.proofline.json'] });
    expect(await shell.openPath(7, win, gone)).toBe(false);
    expect(calls.errors).toHaveLength(1);
    expect(shell.recent).toEqual(['/x/other.proofline.json']);
    expect(calls.sent).toEqual([]);
  });

  it('keeps a recent file that exists but is not readable as a trace', async () => {
    const bad = join(dir, 'bad.proofline.json');
    writeFileSync(bad, 'nope');
    const { shell, win } = harness({ recent: [bad] });
    expect(await shell.openPath(7, win, bad)).toBe(false);
    expect(shell.recent).toEqual([bad]);
    expect(existsSync(bad)).toBe(true);
  });

  it('clears the recent list', () => {
    const { shell, calls } = harness({ recent: ['/a.json'] });
    shell.clearRecent();
    expect(shell.recent).toEqual([]);
    expect(calls.recent.at(-1)).toEqual([]);
  });
});

describe('closing with unsaved notes', () => {
  it('closes at once when nothing is unsaved, else asks, and only "Close Without Saving" closes', () => {
    expect(closeDecision(false)).toBe('close');
    expect(closeDecision(true)).toBe('ask');
    expect(CLOSE_PROMPT.buttons[0]).toBe('Close Without Saving');
    expect(closeDecision(true, 0)).toBe('close');
    expect(closeDecision(true, CLOSE_PROMPT.cancelId)).toBe('keep');
    expect(CLOSE_PROMPT.defaultId).toBe(CLOSE_PROMPT.cancelId);
  });
});
