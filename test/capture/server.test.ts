/**
 * The capture server against hostile requests: each is refused with one clear error, and the
 * session goes on — the registration recorded before the barrage is still there, the approval after
 * it works, and the trace re-verifies. Core's own virtual authenticator plays the browser here (the
 * real browser's run is test/browser/capture.test.ts).
 */
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { MAX_BODY_BYTES, captureTrace, isCaptureUrl } from '../../core/capture/index.js';
import { fromBase64url } from '../../core/codec/base64url.js';
import { createRandom } from '../../core/crypto/random.js';
import '../../core/flows/all.js';
import { parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { assertionToJSON, createCredential, getCredential, registrationToJSON } from '../../core/ua/index.js';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';
import { startCaptureServer, type CaptureServer } from '../../node/captureServer.js';

const PAGE_DIR = fileURLToPath(new URL('../../renderer/capture/', import.meta.url));

interface Res { status: number; body: Record<string, unknown>; headers: Record<string, string | string[] | undefined> }

/** A raw HTTP request to 127.0.0.1, with every header under the test's control. */
function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try { json = JSON.parse(text) as Record<string, unknown>; } catch { json = { text }; }
        resolve({ status: res.statusCode ?? 0, body: json, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

let server: CaptureServer;
let port: number;
let token: string;
let origin: string;
const rng = createRandom('capture server test');
const device = createAuthenticator({ rng: rng.fork('authn'), name: 'test key' });

function post(path: string, body: unknown, extra: Record<string, string> = {}): Promise<Res> {
  const text = JSON.stringify(body);
  return raw(port, 'POST', `/${token}/api/${path}`, { Host: `localhost:${port}`, Origin: origin, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...extra }, text);
}

beforeAll(async () => {
  server = await startCaptureServer({ pageDir: PAGE_DIR, deps: { random: (n) => rng.fork('server').bytes(n), now: () => new Date('2026-12-01T10:00:00Z') } });
  port = server.port;
  token = server.url.split('/')[3]!;
  origin = `http://localhost:${port}`;
});

afterAll(async () => {
  await server?.close();
});

describe('the capture server', () => {
  it('serves the page at the printed URL, with the app’s CSP', async () => {
    expect(isCaptureUrl(server.url)).toBe(true);
    const r = await raw(port, 'GET', `/${token}/`, { Host: `localhost:${port}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(String(r.body.text)).toContain('<script type="module" src="capture.js">');
    expect(String(r.body.text)).not.toMatch(/<script>(?!<)/);
  });

  it('refuses hostile requests without ending the session or losing the run so far', async () => {
    // Register first, so that there is a run to lose.
    const opts = await post('register/options', { userVerification: 'preferred', binding: 'challenge' });
    expect(opts.status).toBe(200);
    const o = opts.body.publicKey as { challenge: string; user: { id: string } };
    const created = createCredential(device, { origin, publicKey: { challenge: fromBase64url(o.challenge), rp: { id: 'localhost', name: 'Proofline capture' }, user: { id: fromBase64url(o.user.id), name: 'x', displayName: 'x' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], userVerification: 'preferred', attestation: 'direct' } });
    if (created.status !== 'ok') throw new Error(created.message);
    const reg = await post('register', registrationToJSON(created.credential), { 'User-Agent': 'test-agent/1.0' });
    expect(reg.status).toBe(200);
    expect(reg.body.verdict).toBe('accepted');
    const before = server.session.run()!.steps.length;

    const hostile: [string, () => Promise<Res>, number, RegExp][] = [
      ['no token', () => raw(port, 'POST', '/api/approve/options', { Host: `localhost:${port}`, Origin: origin, 'Content-Type': 'application/json' }, '{}'), 404, /token/],
      ['a wrong token', () => raw(port, 'GET', `/${'A'.repeat(22)}/api/state`, { Host: `localhost:${port}` }), 404, /token/],
      ['another Origin', () => post('approve/options', {}, { Origin: 'http://evil.example' }), 403, /Origin "http:\/\/evil\.example"/],
      ['no Origin on a POST', () => raw(port, 'POST', `/${token}/api/approve/options`, { Host: `localhost:${port}`, 'Content-Type': 'application/json' }, '{}'), 403, /Origin/],
      ['another Host (DNS rebinding)', () => post('approve/options', {}, { Host: `evil.example:${port}` }), 421, /Host "evil\.example/],
      ['the page’s API on the look-alike host', () => post('approve/options', {}, { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` }), 404, /not served on 127\.0\.0\.1/],
      ['an oversized body (Content-Length)', () => post('approve', { pad: 'x'.repeat(MAX_BODY_BYTES) }), 413, /at most/],
      ['an oversized body (chunked)', () => raw(port, 'POST', `/${token}/api/approve`, { Host: `localhost:${port}`, Origin: origin, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, `{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`), 413, /over/],
      ['malformed JSON', () => raw(port, 'POST', `/${token}/api/approve`, { Host: `localhost:${port}`, Origin: origin, 'Content-Type': 'application/json' }, '{"id": '), 400, /not valid UTF-8 JSON/],
      ['a body of the wrong shape', () => post('approve', { id: 1 }), 400, /^id: /],
      ['another content type', () => raw(port, 'POST', `/${token}/api/approve/options`, { Host: `localhost:${port}`, Origin: origin, 'Content-Type': 'text/plain' }, '{}'), 415, /Content-Type/],
      ['a second registration', () => post('register/options', { userVerification: 'required', binding: 'none' }), 409, /registration is over/],
      ['an approval before its options', () => post('approve', assertionToJSON({ ...created.credential, response: { clientDataJSON: created.credential.response.clientDataJSON, authenticatorData: created.credential.response.authenticatorData, signature: new Uint8Array(8), userHandle: null } } as never)), 409, /approval options first/],
      ['an unknown path', () => raw(port, 'GET', `/${token}/../../etc/passwd`, { Host: `localhost:${port}` }), 404, /no such page/],
    ];
    for (const [what, send, status, error] of hostile) {
      const r = await send();
      expect(r.status, what).toBe(status);
      expect(String(r.body.error), what).toMatch(error);
      expect(server.session.phase, what).toBe('approve');
      expect(server.session.run()!.steps.length, what).toBe(before);
    }

    // The session goes on: approve, finish, and the trace re-verifies.
    const ao = await post('approve/options', {});
    expect(ao.status).toBe(200);
    const p = ao.body.publicKey as { challenge: string; allowCredentials: string[] };
    const got = getCredential(device, { origin, publicKey: { challenge: fromBase64url(p.challenge), rpId: 'localhost', allowCredentials: p.allowCredentials.map((id) => ({ id: fromBase64url(id) })), userVerification: 'preferred' }, person: 'enrolled-user' });
    if (got.status !== 'ok') throw new Error(got.message);
    const ap = await post('approve', assertionToJSON(got.credential));
    expect(ap.body.outcome).toBe('ok');
    expect((await post('finish', {})).body.phase).toBe('done');
    await server.finished;
    const result = await captureTrace(server.session, { random: (n) => rng.fork('attacks').bytes(n), created: '2026-12-01T10:05:00Z', generator: { name: 'test', version: '0' } });
    const trace = parseTrace(serializeTrace(result!.trace));
    expect(trace.runs[0]!.capture?.userAgent).toBe('test-agent/1.0');
    expect((await verifyTrace(trace)).disagreements).toEqual([]);
  });
});
