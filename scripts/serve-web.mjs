#!/usr/bin/env node
/**
 * A small static file server for the web build (dist-web/), on node:http alone. Used by
 * `npm start` when the Electron binary is missing, and by the browser tests.
 *
 *   node scripts/serve-web.mjs [DIR] [--port N]
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Serve `dir` on the first free port from `port` upwards; resolves to the server and its URL. */
export async function serveStatic(dir, { port = 5173, host = '127.0.0.1', tries = 50 } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      createReadStream(path).pipe(res);
    } catch {
      res.writeHead(500).end('error');
    }
  });
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
