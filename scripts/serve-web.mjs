#!/usr/bin/env node
/**
 * A small static file server for the web build (dist-web/), on node:http alone. Used by
 * `npm start` when the Electron binary is missing, and by the browser tests.
 *
 *   node scripts/serve-web.mjs [DIR] [--port N]
 *
 * It answers GET and HEAD only (405 otherwise), only to a Host that names the loopback
 * (localhost, 127.0.0.1, [::1]; anything else is a DNS-rebinding attempt: 403), with the app's
 * own Content Security Policy (main/csp.json). A bad `%` escape is 400; a file that is missing,
 * vanished during a rebuild or unreadable is 404 or 403 — the server keeps running.
 */
import { open, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import CSP_DIRECTIVES from '../main/csp.json' with { type: 'json' };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every answer, as the app protocol sends them (main/protocol.ts responseHeaders). */
const COMMON_HEADERS = {
  'content-security-policy': CSP_DIRECTIVES.join('; '),
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when a Host header names the loopback interface (with any port). */
export function isLoopbackHost(host) {
  if (typeof host !== 'string') return false;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  return m !== null && LOOPBACK_NAMES.has(m[1].toLowerCase());
}

function plain(res, status, text, extra = {}) {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra });
  res.end(text);
}

function statusOf(e) {
  const code = e && e.code;
  return code === 'EACCES' || code === 'EPERM' ? [403, 'forbidden'] : [404, 'not found'];
}

/** The request handler for files under `root`. */
export function staticHandler(root) {
  return async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      if (!isLoopbackHost(req.headers.host)) return plain(res, 403, 'this server answers on localhost only');
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return plain(res, 400, 'bad request: malformed % escape');
      }
      if (pathname.includes('\0')) return plain(res, 400, 'bad request');
      let path = normalize(join(root, pathname));
      if (path !== root && !path.startsWith(root + sep)) return plain(res, 403, 'forbidden');
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info?.isFile()) return plain(res, 404, 'not found');
      // Open before answering, so a file that vanished or cannot be read is a 404/403, not a crash.
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (e) {
        const [status, text] = statusOf(e);
        return plain(res, status, text);
      }
      const size = (await handle.stat()).size;
      res.writeHead(200, { ...COMMON_HEADERS, 'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', 'content-length': size });
      if (req.method === 'HEAD') {
        await handle.close();
        return res.end();
      }
      const stream = handle.createReadStream();
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      if (res.headersSent) res.destroy();
      else plain(res, 500, 'error');
    }
  };
}

/** Serve `dir` on the first free port from `port` upwards; resolves to the server and its URL. */
export async function serveStatic(dir, { port = 5173, host = '127.0.0.1', tries = 50 } = {}) {
  const server = createServer(staticHandler(resolve(dir)));
  // A client that goes away mid-answer is not the server's problem.
  server.on('clientError', (_e, socket) => socket.destroy());
  for (let p = port; p < port + tries; p++) {
    const ok = await new Promise((done) => {
      const onError = () => done(false);
      server.once('error', onError);
      server.listen(p, host, () => {
        server.off('error', onError);
        done(true);
      });
    });
    if (ok) {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : p;
      return { server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actual}/` };
    }
  }
  throw new Error(`no free port in ${port}..${port + tries - 1}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const pi = args.indexOf('--port');
  const port = pi >= 0 ? Number(args[pi + 1]) : 5173;
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') ?? 'dist-web';
  const { url } = await serveStatic(dir, { port });
  console.log(`Serving ${dir} on ${url}`);
}
