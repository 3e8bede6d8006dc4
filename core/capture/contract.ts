import { z } from 'zod';
import { credentialSchema } from '../bundle/schema.js';
import { bytesToUtf8 } from '../codec/bytes.js';

/**
 * The one contract of the capture server (the boundary between Proofline and a real browser), as
 * main/contract.ts is for the IPC boundary: every route with its method, the hosts it answers on,
 * its body schema and limit, and the checks every request passes — token, Host, Origin, size,
 * content type, JSON — as plain functions. The node:http wrapper (node/captureServer.ts) only
 * reads the request and writes what these return; the session (session.ts) only sees bodies that
 * passed.
 */

/** The largest request body accepted (a registration response with a long certificate chain fits easily). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Length of the session token in bytes (base64url in the URL path): 128 bits, unguessable. */
export const TOKEN_BYTES = 16;

/**
 * Headers every response carries, besides the app's own Content Security Policy (main/csp.json,
 * which the wrapper adds: no inline script or style; a page may connect only to its own origin).
 */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Which of the two hosts a route answers on: the page's own (`localhost`) or the look-alike (`127.0.0.1`). */
export type HostKind = 'page' | 'lookalike';

const uvChoice = z.enum(['required', 'preferred', 'discouraged']);

/** Body schemas of the API routes. */
export const BODIES = {
  registerOptions: z.strictObject({ userVerification: uvChoice, binding: z.enum(['none', 'challenge']), algorithm: z.enum(['ES256', 'EdDSA', 'RS256']).optional() }),
  credential: credentialSchema,
  empty: z.strictObject({}),
  lookalikeResult: z.union([
    z.strictObject({ error: z.strictObject({ name: z.string().max(100), message: z.string().max(1000) }) }),
    z.strictObject({ credential: credentialSchema }),
  ]),
} as const;

/** A static file of the page. */
export interface StaticRoute {
  readonly kind: 'static';
  readonly file: string;
  readonly type: string;
  readonly hosts: readonly HostKind[];
}

/** An API call: JSON in, JSON out. */
export interface ApiRoute {
  readonly kind: 'api';
  readonly action: 'state' | 'registerOptions' | 'register' | 'approveOptions' | 'approve' | 'lookalikeOptions' | 'lookalikeResult' | 'finish';
  readonly body: keyof typeof BODIES | null;
  readonly hosts: readonly HostKind[];
}

export type Route = StaticRoute | ApiRoute;

/** Every route, by `METHOD path` after the token prefix. Nothing else is served. */
export const ROUTES: Readonly<Record<string, Route>> = {
  'GET /': { kind: 'static', file: 'index.html', type: 'text/html; charset=utf-8', hosts: ['page'] },
  'GET /lookalike': { kind: 'static', file: 'lookalike.html', type: 'text/html; charset=utf-8', hosts: ['lookalike'] },
  'GET /capture.js': { kind: 'static', file: 'capture.js', type: 'text/javascript; charset=utf-8', hosts: ['page', 'lookalike'] },
  'GET /capture.css': { kind: 'static', file: 'capture.css', type: 'text/css; charset=utf-8', hosts: ['page', 'lookalike'] },
  'GET /api/state': { kind: 'api', action: 'state', body: null, hosts: ['page'] },
  'POST /api/register/options': { kind: 'api', action: 'registerOptions', body: 'registerOptions', hosts: ['page'] },
  'POST /api/register': { kind: 'api', action: 'register', body: 'credential', hosts: ['page'] },
  'POST /api/approve/options': { kind: 'api', action: 'approveOptions', body: 'empty', hosts: ['page'] },
  'POST /api/approve': { kind: 'api', action: 'approve', body: 'credential', hosts: ['page'] },
  'POST /api/lookalike/options': { kind: 'api', action: 'lookalikeOptions', body: 'empty', hosts: ['lookalike'] },
  'POST /api/lookalike/result': { kind: 'api', action: 'lookalikeResult', body: 'lookalikeResult', hosts: ['lookalike'] },
  'POST /api/finish': { kind: 'api', action: 'finish', body: 'empty', hosts: ['page'] },
};

/** What the server was started with. */
export interface ServerIdentity {
  readonly port: number;
  readonly token: string;
}

/** The page's origin and the look-alike's, for a port. */
export function originsFor(port: number): Record<HostKind, string> {
  return { page: `http://localhost:${port}`, lookalike: `http://127.0.0.1:${port}` };
}

/** The URL the user opens (the CLI prints it; the app opens exactly it). */
export function captureUrl(id: ServerIdentity): string {
  return `${originsFor(id.port).page}/${id.token}/`;
}

/** True for a URL that is exactly a capture page URL on localhost (what the app may open in the browser). */
export function isCaptureUrl(url: string): boolean {
  return /^http:\/\/localhost:[1-9]\d{0,4}\/[A-Za-z0-9_-]{22}\/$/.test(url);
}

/** A request as the wrapper read it: the head first, the body only once the head passed. */
export interface RequestHead {
  readonly method: string;
  /** The raw request target, e.g. `/TOKEN/api/register?x`. */
  readonly url: string;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly contentType: string | undefined;
  /** Content-Length, when sent. */
  readonly contentLength: number | undefined;
}

/** A refusal: status and one sentence saying what and where. */
export interface Refusal {
  readonly status: number;
  readonly error: string;
}

/** A request head that passed: the route and the host it came to. */
export interface Accepted {
  readonly route: Route;
  readonly host: HostKind;
}

/** Constant-time-ish comparison of two ASCII strings of equal length (no early exit on a mismatch). */
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Check a request's head: the Host is one of the two this server answers for (a rebinding DNS name
 * is refused), the path starts with the token, the route exists and answers on that host, the
 * Origin (required on every POST, checked when present) is that host's own, and a body is JSON and
 * within {@link MAX_BODY_BYTES}. Returns the route, or the refusal.
 */
export function checkHead(head: RequestHead, id: ServerIdentity): Accepted | Refusal {
  const origins = originsFor(id.port);
  const host: HostKind | undefined = head.host === `localhost:${id.port}` ? 'page' : head.host === `127.0.0.1:${id.port}` ? 'lookalike' : undefined;
  if (!host) return { status: 421, error: `Host "${head.host ?? ''}" is not this capture server (expected localhost:${id.port})` };
  const q = head.url.indexOf('?');
  const path = q < 0 ? head.url : head.url.slice(0, q);
  const prefix = `/${id.token}`;
  if (!sameToken(path.slice(0, prefix.length), prefix) || (path.length > prefix.length && path[prefix.length] !== '/')) {
    return { status: 404, error: 'no such page: the address must carry this session’s token' };
  }
  const rest = path.slice(prefix.length) || '/';
  const route = ROUTES[`${head.method} ${rest}`];
  if (!route) {
    const other = Object.keys(ROUTES).some((k) => k.endsWith(` ${rest}`));
    return other ? { status: 405, error: `${head.method} is not allowed on ${rest}` } : { status: 404, error: `no such page: ${rest}` };
  }
  if (!route.hosts.includes(host)) return { status: 404, error: `${rest} is not served on ${head.host}` };
  if (head.origin !== undefined && head.origin !== origins[host]) return { status: 403, error: `Origin "${head.origin}" is not this page’s (${origins[host]})` };
  if (head.method === 'POST') {
    if (head.origin === undefined) return { status: 403, error: `a POST must carry the page’s Origin (${origins[host]})` };
    if (!/^application\/json(\s*;\s*charset=utf-8)?$/i.test(head.contentType ?? '')) return { status: 415, error: `Content-Type must be application/json, got "${head.contentType ?? ''}"` };
    if (head.contentLength !== undefined && head.contentLength > MAX_BODY_BYTES) return { status: 413, error: `the body is ${head.contentLength} bytes; at most ${MAX_BODY_BYTES} are accepted` };
  }
  return { route, host };
}

/** Parse and validate a body for a route: the value, or the refusal naming the member at fault. */
export function checkBody<K extends keyof typeof BODIES>(name: K, bytes: Uint8Array): { value: z.infer<(typeof BODIES)[K]> } | Refusal {
  if (bytes.length > MAX_BODY_BYTES) return { status: 413, error: `the body is over ${MAX_BODY_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(bytesToUtf8(bytes));
  } catch {
    return { status: 400, error: 'the body is not valid UTF-8 JSON' };
  }
  const parsed = BODIES[name].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.map(String).join('.') : 'body';
    return { status: 400, error: `${where}: ${issue?.message ?? 'does not match'}` };
  }
  return { value: parsed.data as z.infer<(typeof BODIES)[K]> };
}

/** True for a refusal. */
export function isRefusal(x: object): x is Refusal {
  return 'status' in x && 'error' in x;
}
