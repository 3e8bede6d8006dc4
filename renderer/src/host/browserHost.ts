import type { HostBridge, OpenedFile, PreparedTraceInfo } from './HostBridge.js';

/**
 * The host for the web build: a file input to open, a blob URL download to save, and the
 * prepared traces from traces/ shipped by the build as JSON files next to the page (each fetched
 * on demand, as text: data, not script, so it costs no JavaScript parse or compile).
 */
const prepared = import.meta.glob<string>('../../../traces/*.proofline.json', { query: '?url', import: 'default', eager: true });

/** Each prepared trace is fetched once per page (the first start and a later open share it). */
const fetched = new Map<string, Promise<string>>();

function fetchText(url: string): Promise<string> {
  let p = fetched.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
      return r.text();
    });
    p.catch(() => fetched.delete(url));
    fetched.set(url, p);
  }
  return p;
}

const SUFFIX = '.proofline.json';

function nameOf(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.endsWith(SUFFIX) ? file.slice(0, -SUFFIX.length) : file;
}

/**
 * A readable title from a prepared trace's file name (`05-tx-swap-after-approval` → `05 · tx swap
 * after approval`); the trace's own title shows once it is opened.
 */
export function titleFromName(name: string): string {
  const m = /^(\d+)[-_. ](.*)$/.exec(name);
  const words = (m ? m[2]! : name).replace(/[-_.]+/g, ' ').trim();
  return m ? `${m[1]} · ${words}` : words;
}

function download(name: string, mime: string, data: string | Uint8Array): boolean {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

function pickFile(): Promise<OpenedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.style.display = 'none';
    let settled = false;
    const done = (v: OpenedFile | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(v);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      file.text().then((text) => done({ name: file.name, text }), () => done(null));
    });
    input.addEventListener('cancel', () => done(null));
    document.body.append(input);
    input.click();
  });
}

export function createBrowserHost(): HostBridge {
  return {
    openTrace: pickFile,
    async saveTrace(name, text) {
      return download(name, 'application/json', text);
    },
    async listPreparedTraces(): Promise<PreparedTraceInfo[]> {
      return Object.keys(prepared)
        .map((path) => nameOf(path))
        .sort()
        .map((name) => ({ name, title: titleFromName(name) }));
    },
    async loadPreparedTrace(name) {
      const path = Object.keys(prepared).find((p) => nameOf(p) === name);
      if (!path) throw new Error(`no prepared trace named "${name}"`);
      return fetchText(prepared[path]!);
    },
    async exportFile(name, mime, data) {
      return download(name, mime, data);
    },
  };
}
