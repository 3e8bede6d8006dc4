/** `proofline capture` called directly: the command line, and Ctrl-C before and after something was captured. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCaptureCommand } from '../../cli/commands/capture.js';
import { main } from '../../cli/main.js';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { fromBase64url } from '../../core/codec/base64url.js';
import { createRandom } from '../../core/crypto/random.js';
import { parseTrace } from '../../core/trace/index.js';
import { createCredential, registrationToJSON } from '../../core/ua/index.js';
import type { CliIO } from '../../cli/io.js';

function sink(): CliIO & { out: () => string; err: () => string } {
  let o = '';
  let e = '';
  return { stdout: { write: (s: string) => (o += s) }, stderr: { write: (s: string) => (e += s) }, out: () => o, err: () => e };
}

const dir = mkdtempSync(join(tmpdir(), 'proofline-capture-cmd-'));
const now = () => new Date('2026-12-01T10:00:00Z');

describe('proofline capture', () => {
  it('needs --out and a port in range (exit 2, one line)', async () => {
    for (const args of [[], ['--out', 'x', '--port', '70000'], ['--out', 'x', '--bogus']]) {
      const io = sink();
      expect(await main(['capture', ...args], io)).toBe(2);
      expect(io.err()).toMatch(/^proofline capture: /);
    }
  });

  it('Ctrl-C before anything was captured writes nothing (exit 1)', async () => {
    const io = sink();
    const out = join(dir, 'none.proofline.json');
    const code = await makeCaptureCommand({ now, interrupted: async () => undefined })(['--out', out], io);
    expect(code).toBe(1);
    expect(io.out()).toMatch(/Open this address in your browser[\s\S]*http:\/\/localhost:\d+\/[A-Za-z0-9_-]{22}\//);
    expect(io.err()).toBe('proofline capture: nothing was captured (no registration reached Proofline); no trace written\n');
    expect(existsSync(out)).toBe(false);
  });

  it('Ctrl-C after the registration still writes the run so far', async () => {
    const io = sink();
    const out = join(dir, 'partial.proofline.json');
    const code = await makeCaptureCommand({
      now,
      interrupted: async (server) => {
        const s = server.session;
        const o = s.registerOptions({ userVerification: 'preferred', binding: 'none' }).body.publicKey as { challenge: string; user: { id: string } };
        const device = createAuthenticator({ rng: createRandom('cli capture'), name: 'key' });
        const c = createCredential(device, { origin: s.origin, publicKey: { challenge: fromBase64url(o.challenge), rp: { id: 'localhost', name: 'x' }, user: { id: fromBase64url(o.user.id), name: 'x', displayName: 'x' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], userVerification: 'preferred', attestation: 'direct' } });
        if (c.status !== 'ok') throw new Error(c.message);
        await s.register(registrationToJSON(c.credential), 'test');
      },
    })(['--out', out, '--json'], io);
    expect(code).toBe(0);
    const trace = parseTrace(readFileSync(out));
    expect(trace.runs[0]!.steps.map((st) => st.op)).toEqual(['rp.policy', 'rp.registrationOptions', 'ua.create', 'authn.captured', 'rp.receiveRegistration', 'rp.verifyRegistration']);
    const last = JSON.parse(io.out().trim().split('\n').at(-1)!) as { captured: { outcome: string }; captureAgain: { scenario: string }[] };
    expect(last.captured.outcome).toBe('false-reject');
    expect(last.captureAgain.map((c) => c.scenario)).toContain('replay');
  });
});
