/**
 * The `app://` protocol: the renderer (dist-web) at `app://proofline/…` and the shell's own pages
 * (About, spec references) at `app://pages/…`, read from inside the app and never from anywhere
 * else. A URL is turned into a file path only when it stays inside its root: `..` segments,
 * encoded separators, backslashes, NUL bytes and absolute paths are refused before the file
 * system is touched.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, PAGES_HOST } from './security.js';

/** For protocol.registerSchemesAsPrivileged: a standard, secure scheme (so 'self' and ES modules work). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: true,
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The MIME type served for a path; unknown extensions are not served at all. */
export function mimeTypeOf(path: string): string | undefined {
  return MIME[extname(path).toLowerCase()];
}

export interface AppRoots {
  /** dist-web: the renderer. */
  readonly renderer: string;
  /** The shell's bundled pages (dist/main/pages). */
  readonly pages: string;
}

export type Resolution = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/**
 * Map an `app://` URL to a file under its root. The URL parser has already collapsed plain
 * `..` segments; the raw pathname is checked again for anything that could still climb out
 * (percent-encoded dots and separators, backslashes), and the resolved path must stay inside the
 * root.
 */
export function resolveAppPath(roots: AppRoots, url: string): Resolution {
  // Before parsing (which would quietly collapse them): any dot-dot segment, plain or
  // percent-encoded, and any backslash or encoded separator is refused outright.
  const afterScheme = url.slice(url.indexOf(':') + 1);
  if (/(^|[/\\])(\.|%2e){2}([/\\?#]|$)/i.test(afterScheme) || /%2f|%5c|%00|\\/i.test(afterScheme)) {
    return { ok: false, status: 403, reason: 'dot-dot segment, backslash or encoded separator in URL' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'unparseable URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: 'not the app scheme' };
  const root = parsed.host === APP_HOST ? roots.renderer : parsed.host === PAGES_HOST ? roots.pages : null;
  if (root === null) return { ok: false, status: 404, reason: 'unknown host' };
  if (parsed.username || parsed.password || parsed.port) return { ok: false, status: 400, reason: 'credentials or port in URL' };

  const raw = parsed.pathname;
  if (/%2e|%2f|%5c|%00/i.test(raw) || raw.includes('\\') || raw.includes('\0')) {
    return { ok: false, status: 403, reason: 'encoded dot, separator or NUL in path' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return { ok: false, status: 403, reason: 'dot segment or drive in path' };
  if (segments.length === 0) segments.push('index.html');

  const base = resolve(root);
  const target = resolve(base, ...segments);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, status: 403, reason: 'path outside the app' };
  }
  if (!mimeTypeOf(target)) return { ok: false, status: 404, reason: 'not a servable file type' };
  return { ok: true, path: target };
}

/** Headers on every response of the app protocol. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/** Reads one file; resolves to its bytes, rejects when missing (or when a directory). */
export type ReadFile = (path: string) => Promise<Uint8Array>;

/** The protocol handler: a Request in, a Response out (Electron's `protocol.handle` takes it as is). */
export async function serveAppRequest(request: { url: string; method: string }, roots: AppRoots, readFile: ReadFile): Promise<Response> {
  const plain = (status: number, text: string) => new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const resolution = resolveAppPath(roots, request.url);
  if (!resolution.ok) return plain(resolution.status, resolution.reason);
  let body: Uint8Array;
  try {
    body = await readFile(resolution.path);
  } catch {
    return plain(404, 'not found');
  }
  const bytes = new Uint8Array(body.byteLength);
  bytes.set(body);
  return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers: responseHeaders(mimeTypeOf(resolution.path)!) });
}
