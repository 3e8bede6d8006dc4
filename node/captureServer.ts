import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { toBase64url } from '../core/codec/base64url.js';
import CSP_DIRECTIVES from '../main/csp.json' with { type: 'json' };
import { captureUrl, checkBody, checkHead, isRefusal, RESPONSE_HEADERS, ROUTES, TOKEN_BYTES, MAX_BODY_BYTES, type ApiRoute, type Refusal } from '../core/capture/contract.js';
import { CaptureSession, type CaptureDeps, type Reply } from '../core/capture/session.js';

/**
 * The capture server: a thin node:http wrapper around core/capture. It listens on the loopback
 * interface only (127.0.0.1, and ::1 where there is one, so that `localhost` reaches it either
 * way), reads each request's head and body, and lets the contract (core/capture/contract.ts)
 * accept or refuse it and the session answer. A refused request is answered and forgotten: the
 * session and the run recorded so far stay as they were. Used by `proofline capture` and by the
 * desktop app's File > Record with my authenticator….
 */

/** A running capture server. */
export interface CaptureServer {
  readonly url: string;
  readonly port: number;
  readonly session: CaptureSession;
  /** Resolves when the user pressed Finish on the page. */
  readonly finished: Promise<void>;
  close(): Promise<void>;
}

/** What the server needs: the page's static files, and (for tests) randomness and the clock. */
export interface CaptureServerOptions {
  /** The folder with index.html, lookalike.html, capture.js and capture.css (renderer/capture). */
  readonly pageDir: string;
  readonly deps?: Partial<CaptureDeps>;
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
}

const nodeRandom = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** The app's Content Security Policy (one list, main/csp.json, as the app and the web server send it). */
const CSP = CSP_DIRECTIVES.join('; ');

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...RESPONSE_HEADERS, 'Content-Security-Policy': CSP, 'Content-Type': type, ...extra });
  res.end(body);
}

function refuse(res: ServerResponse, r: Refusal, close = false): void {
  send(res, r.status, 'application/json; charset=utf-8', JSON.stringify({ error: r.error }), close ? { Connection: 'close' } : {});
}

/** Read a body up to the limit; null when it is over (the rest is not read). */
function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

/** Start a capture session's server on the loopback interface. */
export async function startCaptureServer(options: CaptureServerOptions): Promise<CaptureServer> {
  const random = options.deps?.random ?? nodeRandom;
  const now = options.deps?.now ?? (() => new Date());
  const files = new Map<string, Uint8Array>();
  for (const r of Object.values(ROUTES)) if (r.kind === 'static') files.set(r.file, new Uint8Array(readFileSync(join(options.pageDir, r.file))));
  const token = toBase64url(random(TOKEN_BYTES));
  let session: CaptureSession | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((r) => { finish = r; });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      host: req.headers.host,
      origin: req.headers.origin,
      contentType: req.headers['content-type'],
      contentLength: req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined,
    };
    const accepted = checkHead(head, { port, token });
    if (isRefusal(accepted)) {
      refuse(res, accepted, head.method === 'POST');
      if (head.method === 'POST') req.resume();
      return;
    }
    const { route } = accepted;
    if (route.kind === 'static') {
      send(res, 200, route.type, files.get(route.file)!);
      return;
    }
    let body: unknown = undefined;
    if (route.body) {
      const bytes = await readBody(req);
      if (!bytes) return refuse(res, { status: 413, error: `the body is over ${MAX_BODY_BYTES} bytes` }, true);
      const checked = checkBody(route.body, bytes);
      if (isRefusal(checked)) return refuse(res, checked);
      body = checked.value;
    }
    const reply = await answer(session!, route, body, String(req.headers['user-agent'] ?? ''));
    if (reply.body.phase === 'done') finish();
    send(res, reply.status, 'application/json; charset=utf-8', JSON.stringify(reply.body));
  };

  const servers: Server[] = [];
  const make = () => {
    const s = createServer((req, res) => {
      handler(req, res).catch((e: unknown) => {
        // A bug must not end the session: answer 500 and keep serving.
        if (!res.headersSent) refuse(res, { status: 500, error: `internal error: ${e instanceof Error ? e.message : String(e)}` });
      });
    });
    servers.push(s);
    return s;
  };
  const port = await listen(make(), options.port ?? 0, '127.0.0.1');
  try {
    await listen(make(), port, '::1');
  } catch {
    servers.pop()?.close();
  }
  session = new CaptureSession(port, { random, now, ...(options.deps?.trust ? { trust: options.deps.trust } : {}) });
  return {
    url: captureUrl({ port, token }),
    port,
    session,
    finished,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections?.(); s.close(() => r()); }))).then(() => undefined),
  };
}

/** Dispatch an accepted API request to the session. */
async function answer(session: CaptureSession, route: ApiRoute, body: unknown, userAgent: string): Promise<Reply> {
  switch (route.action) {
    case 'state': return session.state();
    case 'registerOptions': return session.registerOptions(body as Parameters<CaptureSession['registerOptions']>[0]);
    case 'register': return session.register(body as Parameters<CaptureSession['register']>[0], userAgent);
    case 'approveOptions': return session.approveOptions();
    case 'approve': return session.approve(body as Parameters<CaptureSession['approve']>[0]);
    case 'lookalikeOptions': return session.lookalikeOptions();
    case 'lookalikeResult': return session.lookalikeResult(body as Parameters<CaptureSession['lookalikeResult']>[0]);
    case 'finish': return session.finish();
  }
}
