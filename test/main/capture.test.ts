/**
 * File > Record with my authenticator… without Electron: the recorder starts one capture server,
 * opens exactly its URL, and hands the finished capture to the window as an opened trace.
 */
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { isCaptureUrl } from '../../core/capture/contract.js';
import { fromBase64url } from '../../core/codec/base64url.js';
import { createRandom } from '../../core/crypto/random.js';
import '../../core/flows/all.js';
import { parseTrace, verifyTrace } from '../../core/trace/index.js';
import { assertionToJSON, createCredential, getCredential, registrationToJSON } from '../../core/ua/index.js';
import { CaptureRecorder, captureFileName, type CapturePorts } from '../../main/capture.js';
import type { OpenedFile } from '../../main/contract.js';
import { startCaptureServer, type CaptureServer } from '../../node/captureServer.js';

const PAGE_DIR = fileURLToPath(new URL('../../renderer/capture/', import.meta.url));

function ports(start: () => Promise<CaptureServer>) {
  const log: string[] = [];
  const files: OpenedFile[] = [];
  const rng = createRandom('main capture');
  const p: CapturePorts = {
    startServer: start,
    openExternal: async (url) => { log.push(`open ${url}`); },
    opened: (f) => files.push(f),
    showError: (m, d) => log.push(`error ${m} ${d ?? ''}`),
    random: (n) => rng.fork('x').bytes(n),
    now: () => new Date('2026-12-01T10:00:00Z'),
    generator: { name: 'proofline', version: 'test' },
  };
  return { p, log, files };
}

/** What the page and the browser do, played by core's own authenticator against the session. */
async function ceremony(server: CaptureServer): Promise<void> {
  const origin = `http://localhost:${server.port}`;
  const device = createAuthenticator({ rng: createRandom('main capture device'), name: 'key' });
  const s = server.session;
  const o = s.registerOptions({ userVerification: 'preferred', binding: 'none' }).body.publicKey as { challenge: string; user: { id: string } };
  const c = createCredential(device, { origin, publicKey: { challenge: fromBase64url(o.challenge), rp: { id: 'localhost', name: 'x' }, user: { id: fromBase64url(o.user.id), name: 'x', displayName: 'x' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], userVerification: 'preferred', attestation: 'direct' } });
  if (c.status !== 'ok') throw new Error(c.message);
  await s.register(registrationToJSON(c.credential), 'Electron test');
  const a = s.approveOptions().body.publicKey as { challenge: string };
  const g = getCredential(device, { origin, publicKey: { challenge: fromBase64url(a.challenge), rpId: 'localhost', userVerification: 'preferred' }, person: 'enrolled-user' });
  if (g.status !== 'ok') throw new Error(g.message);
  await s.approve(assertionToJSON(g.credential));
  // Finish, as the page posts it.
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: `/${server.url.split('/')[3]}/api/finish`, setHost: false, headers: { Host: `localhost:${server.port}`, Origin: origin, 'Content-Type': 'application/json' } }, (res) => { res.resume(); res.on('end', () => resolve()); });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('File > Record with my authenticator…', () => {
  it('opens exactly the capture URL once, re-opens it on a second click, and hands over the trace', async () => {
    let started = 0;
    let server!: CaptureServer;
    const { p, log, files } = ports(async () => {
      started++;
      server = await startCaptureServer({ pageDir: PAGE_DIR });
      return server;
    });
    const recorder = new CaptureRecorder(p);
    const done = recorder.record();
    await new Promise((r) => setTimeout(r, 50));
    expect(recorder.running).toBe(true);
    await recorder.record();
    expect(started).toBe(1);
    expect(log).toEqual([`open ${server.url}`, `open ${server.url}`]);
    expect(isCaptureUrl(server.url)).toBe(true);
    await ceremony(server);
    await done;
    expect(recorder.running).toBe(false);
    expect(files.map((f) => f.name)).toEqual(['my-authenticator-2026-12-01-10-00.proofline.json']);
    const trace = parseTrace(files[0]!.text);
    expect(trace.runs.map((r) => r.flow).slice(0, 2)).toEqual(['webauthn', 'biometric-only']);
    expect(trace.runs[0]!.capture?.userAgent).toBe('Electron test');
    expect((await verifyTrace(trace)).agrees).toBe(true);
  });

  it('refuses to open any other address', async () => {
    let closed = false;
    const fake = { url: 'http://localhost:8080@evil.example/', port: 1, session: null as never, finished: new Promise<void>(() => {}), close: async () => { closed = true; } } as CaptureServer;
    const { p, log } = ports(async () => fake);
    await new CaptureRecorder(p).record();
    expect(log).toEqual(['error Refused to open an unexpected address. http://localhost:8080@evil.example/']);
    expect(closed).toBe(true);
  });

  it('names the file by the capture’s time', () => {
    expect(captureFileName(new Date('2026-12-01T10:05:09Z'))).toBe('my-authenticator-2026-12-01-10-05.proofline.json');
  });
});
