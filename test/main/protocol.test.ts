import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveAppPath, serveAppRequest, type AppRoots } from '../../main/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';

const roots: AppRoots = { renderer: '/app/dist-web', pages: '/app/dist/main/pages' };

describe('app:// path resolution', () => {
  it('maps app URLs into their roots', () => {
    expect(resolveAppPath(roots, 'app://proofline/')).toEqual({ ok: true, path: join('/app/dist-web', 'index.html') });
    expect(resolveAppPath(roots, 'app://proofline/index.html')).toEqual({ ok: true, path: join('/app/dist-web', 'index.html') });
    expect(resolveAppPath(roots, 'app://proofline/assets/index-DT8AfxJt.js?v=1#x')).toEqual({ ok: true, path: join('/app/dist-web', 'assets', 'index-DT8AfxJt.js') });
    expect(resolveAppPath(roots, 'app://pages/references.html')).toEqual({ ok: true, path: join('/app/dist/main/pages', 'references.html') });
    expect(resolveAppPath(roots, 'app://proofline/assets/na%C3%AFve.css')).toEqual({ ok: true, path: join('/app/dist-web', 'assets', 'naïve.css') });
  });

  it('refuses traversal in every spelling', () => {
    const attempts = [
      'app://proofline/../main.cjs',
      'app://proofline/assets/../../dist/main/main.cjs',
      'app://proofline/%2e%2e/package.json',
      'app://proofline/%2E%2E/%2E%2E/etc/passwd',
      'app://proofline/assets%2f..%2f..%2fpackage.json',
      'app://proofline/..%5c..%5cpackage.json',
      'app://proofline/assets\\..\\..\\package.json',
      'app://proofline/a%00.html',
      'app://proofline/C:/Windows/win.ini',
      'app://proofline//etc/passwd.html',
    ];
    for (const url of attempts) {
      const r = resolveAppPath(roots, url);
      if (r.ok) expect(r.path.startsWith(join('/app/dist-web') + '/'), `${url} → ${r.path}`).toBe(true);
    }
    for (const url of attempts.slice(0, 9)) expect(resolveAppPath(roots, url), url).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath(roots, 'app://proofline/../../../etc/passwd').ok).toBe(false);
    // Dots inside names are fine.
    expect(resolveAppPath(roots, 'app://proofline/assets/a..b.js').ok).toBe(true);
  });

  it('refuses other hosts, schemes, credentials and unknown file types', () => {
    expect(resolveAppPath(roots, 'app://evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(roots, 'file:///app/dist-web/index.html')).toMatchObject({ ok: false });
    expect(resolveAppPath(roots, 'app://user:pw@proofline/index.html')).toMatchObject({ ok: false });
    expect(resolveAppPath(roots, 'app://proofline:8080/index.html')).toMatchObject({ ok: false });
    expect(resolveAppPath(roots, 'app://proofline/secrets.env')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(roots, 'app://proofline/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });

  it('knows the MIME types of a vite build', () => {
    expect(mimeTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.exe')).toBeUndefined();
  });
});

describe('app:// handler', () => {
  let dir: string;
  let served: AppRoots;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proofline-protocol-'));
    served = { renderer: join(dir, 'web'), pages: join(dir, 'pages') };
    mkdirSync(join(served.renderer, 'assets'), { recursive: true });
    mkdirSync(served.pages, { recursive: true });
    writeFileSync(join(served.renderer, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(served.renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
  });
  const read = (p: string) => readFile(p);

  it('serves files with the CSP and nosniff', async () => {
    const r = await serveAppRequest({ url: 'app://proofline/', method: 'GET' }, served, read);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>x</title>');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await serveAppRequest({ url: 'app://proofline/assets/app.js', method: 'GET' }, served, read);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 403/404/405 without reading outside', async () => {
    const reads: string[] = [];
    const spy = (p: string) => (reads.push(p), read(p));
    expect((await serveAppRequest({ url: 'app://proofline/%2e%2e/secret.json', method: 'GET' }, served, spy)).status).toBe(403);
    expect((await serveAppRequest({ url: 'app://proofline/missing.js', method: 'GET' }, served, spy)).status).toBe(404);
    expect((await serveAppRequest({ url: 'app://proofline/assets', method: 'GET' }, served, spy)).status).toBe(404);
    expect((await serveAppRequest({ url: 'app://proofline/index.html', method: 'POST' }, served, spy)).status).toBe(405);
    expect(reads.every((p) => p.startsWith(served.renderer))).toBe(true);
  });
});
