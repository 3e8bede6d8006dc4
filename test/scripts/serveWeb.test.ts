/**
 * The web fallback server (scripts/serve-web.mjs), run as `npm start` runs it: a separate process,
 * here as an unprivileged user so a file it may not read really is unreadable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const asNobody = process.getuid?.() === 0;

let dir = '';
let server: ChildProcess;
let port = 0;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request (raw path: node's URL parsing would repair a bad escape); `host` null sends no Host. */
function ask(method: string, path: string, host: string | null = `localhost:${port}`): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, setHost: false, headers: host === null ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proofline-serve-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.js'), 'nope');
  chmodSync(join(dir, 'secret.js'), 0o000);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'gone.js'), 'soon gone');
  server = spawn(process.execPath, ['scripts/serve-web.mjs', dir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}, 30_000);

afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('scripts/serve-web.mjs', () => {
  it('serves GET and HEAD with the app’s Content Security Policy', async () => {
    const get = await ask('GET', '/');
    expect(get.status).toBe(200);
    expect(get.body).toContain('<title>t</title>');
    expect(get.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    const head = await ask('HEAD', '/app.js');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe('14');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s is 405 with Allow: GET, HEAD', async (method) => {
    const r = await ask(method, '/index.html');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('a malformed % escape is 400', async () => {
    for (const path of ['/%E0%A4%A', '/%zz', '/%']) expect((await ask('GET', path)).status).toBe(400);
    expect((await ask('GET', '/app%2Ejs')).status).toBe(200);
  });

  it('answers only to a Host that names the loopback (DNS rebinding)', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) expect((await ask('GET', '/', host)).status, host).toBe(200);
    for (const host of [`evil.example:${port}`, 'localhost.evil.example', '127.0.0.1.nip.io']) expect((await ask('GET', '/', host)).status, host).toBe(403);
    // No Host at all: node's HTTP/1.1 server refuses it before the handler.
    expect((await ask('GET', '/', null)).status).toBe(400);
  });

  it('a missing, vanished or unreadable file is 404/403, and the server keeps running', async () => {
    expect((await ask('GET', '/nope.js')).status).toBe(404);
    expect((await ask('GET', '/sub')).status).toBe(404);
    expect((await ask('GET', '/../../etc/passwd')).status).toBe(404);
    rmSync(join(dir, 'gone.js'));
    expect((await ask('GET', '/gone.js')).status).toBe(404);
    if (asNobody) expect((await ask('GET', '/secret.js')).status).toBe(403);
    expect((await ask('GET', '/app.js')).status).toBe(200);
    expect(server.exitCode).toBeNull();
  });
});
