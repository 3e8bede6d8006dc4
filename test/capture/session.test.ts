/**
 * The capture session as plain functions: core's own virtual authenticator and browser model play
 * the real ones here. What a captured trace holds, how it re-verifies without a seed, what the
 * `device` redaction removes, and that what-if forks work on its bytes.
 */
import { describe, expect, it } from 'vitest';
import { checkBody, checkHead, isCaptureUrl } from '../../core/capture/index.js';
import { redact } from '../../core/export/redact.js';
import { forkRun, forkableChanges } from '../../core/fork/index.js';
import '../../core/flows/all.js';
import { SCENARIO_IDS, type Run } from '../../core/flows/types.js';
import { ProoflineError } from '../../core/errors.js';
import { parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';

import { capture, ORIGIN, PORT } from './helpers.js';

const verdict = (r: Run | { outcome: Run['outcome'] }) => `${r.outcome.outcome}${r.outcome.check ? ` ${r.outcome.check}` : ''}`;

describe('a captured trace', () => {
  it('lays out the captured run beside biometric-only, then the attacks on its bytes and the look-alike attempt', async () => {
    const { result } = await capture('device-bound', { userVerification: 'preferred', binding: 'none' });
    const runs = result.trace.runs;
    expect(runs.map((r) => `${r.flow}/${r.scenario}`)).toEqual(['webauthn/honest', 'biometric-only/honest', 'webauthn/replay', 'webauthn/tx-swap-after-approval', 'webauthn/byte-tamper', 'webauthn/phishing-relay']);
    expect(runs.map(verdict)).toEqual(['ok', 'ok', 'blocked rp.challenge', 'breach', 'blocked rp.signature', 'blocked ua.rpId']);
    expect(runs[0]!.capture).toMatchObject({ at: '2026-12-01T10:00:00.000Z', userAgent: 'Mozilla/5.0 Chrome/131.0', origin: ORIGIN, device: { attestationFormat: 'packed' } });
    expect(runs[0]!.actors.find((a) => a.id === 'ua')?.name).toBe('Chrome 131');
    // The lane names the model the AAGUID claims, and says it is a claim.
    expect(runs[0]!.capture!.device).toMatchObject({ aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', model: 'YubiKey 5 Series' });
    expect(runs[0]!.actors.find((a) => a.id === 'authn')?.role).toBe('“YubiKey 5 Series” (its AAGUID’s claim) · packed attestation');
    // This key registered with counter 0: a counter set back to 0 would read as "does not count".
    expect(result.captureAgain.map((c) => c.scenario)).toContain('cloned-authenticator');
    for (const c of result.captureAgain) expect(c.reason.split('\n')).toHaveLength(1);
    // Every scenario is either built from the captured bytes or offered as "capture again", once.
    const built = runs.filter((r) => r.flow === 'webauthn').map((r) => r.scenario);
    const offered = result.captureAgain.map((c) => c.scenario);
    expect([...built, ...offered].filter((x) => x !== 'phishing-relay').sort()).toEqual(SCENARIO_IDS.filter((x) => x !== 'phishing-relay').slice().sort());
    expect(new Set(offered).size).toBe(offered.length);
  });

  it('is written without seeds for captured runs, reads back byte for byte, and re-verifies from its bytes', async () => {
    const { result } = await capture('device-bound', { userVerification: 'required', binding: 'challenge' }, false);
    const text = serializeTrace(result.trace);
    const json = JSON.parse(text) as { secrets: { seed: boolean }; runs: { spec: { seed: number | null }; capture?: unknown }[] };
    expect(json.secrets.seed).toBe(true);
    expect(json.runs.map((r) => r.spec.seed)).toEqual([null, 1, null, null, null]);
    const back = parseTrace(text);
    expect(serializeTrace(back)).toBe(text);
    expect((await verifyTrace(back)).disagreements).toEqual([]);
    // With dynamic linking the swapped action no longer matches the signed challenge.
    expect(back.runs.map(verdict)).toEqual(['ok', 'ok', 'blocked rp.challenge', 'blocked rp.challenge', 'blocked rp.signature']);
    // A changed byte of the captured assertion is found.
    const tampered = text.replace(/"name": "signature",\n(\s+)"encoding": "der",\n\s+"bytes": "(.)/, (_m, sp: string, c: string) => `"name": "signature",\n${sp}"encoding": "der",\n${sp}"bytes": "${c === 'M' ? 'N' : 'M'}`);
    expect(tampered).not.toBe(text);
    expect((await verifyTrace(parseTrace(tampered))).agrees).toBe(false);
  });

  it('refuses a captured run that claims a seed', async () => {
    const { result } = await capture('device-bound', { userVerification: 'preferred', binding: 'none' }, false);
    const json = JSON.parse(serializeTrace(result.trace)) as { runs: { spec: { seed: number | null } }[] };
    json.runs[0]!.spec.seed = 7;
    expect(() => parseTrace(JSON.stringify(json))).toThrow(ProoflineError);
    expect(() => parseTrace(JSON.stringify(json))).toThrow(/runs\[0\]\.spec\.seed: .*captured run has no seed/);
  });

  it('offers "capture again" for a counter that went back when the device keeps no counter', async () => {
    const { result } = await capture('synced', { userVerification: 'preferred', binding: 'none' }, false);
    expect(result.trace.runs.some((r) => r.scenario === 'cloned-authenticator')).toBe(false);
    expect(result.captureAgain.find((c) => c.scenario === 'cloned-authenticator')?.reason).toMatch(/keeps no signature counter/);
    expect(result.trace.runs[0]!.ledger.find((l) => l.property === 'device-binding')?.level).toBe('absent');
  });

  it('takes what-if forks on its bytes', async () => {
    const { result } = await capture('device-bound', { userVerification: 'preferred', binding: 'none' }, false);
    const run = result.trace.runs[0]! as unknown as Run;
    const at = run.steps.findIndex((s) => s.op === 'authn.captured' && s.payloads.some((p) => p.name === 'authenticatorData'));
    expect(forkableChanges(run, at).map((c) => c.kind)).toEqual(['flag', 'counter']);
    const fork = await forkRun(run, at, { kind: 'flag', flag: 'UV', value: false });
    expect(verdict(fork.run)).toBe('blocked rp.signature');
    const origin = await forkRun(run, run.steps.findIndex((s) => s.op === 'ua.get'), { kind: 'origin', value: 'https://examp1e-bank.com' });
    expect(origin.run.outcome.outcome).toBe('blocked');
  });

  it('the device profile removes the credential, the AAGUID and the user agent', async () => {
    const { result } = await capture('device-bound', { userVerification: 'preferred', binding: 'none' });
    const aaguid = result.trace.runs[0]!.capture!.device!.aaguid;
    const r = redact(result.trace, 'device');
    expect(r.reverifies).toBe(false);
    const text = serializeTrace(r.value);
    for (const run of r.value.runs.filter((x) => x.capture)) {
      expect(run.capture!.device).toBeNull();
      expect(run.capture!.userAgent).toBe('[redacted]');
      for (const s of run.steps) for (const p of s.payloads) expect(['credentialId', 'credentialPublicKey', 'attestationObject', 'response']).not.toContain(p.name);
    }
    const id = result.trace.runs[0]!.steps.find((s) => s.op === 'rp.receiveRegistration')!.payloads.find((p) => p.name === 'credentialId')!.bytes;
    expect(text).not.toContain(Buffer.from(id).toString('base64url'));
    expect(text).not.toContain(aaguid);
    expect(text).not.toContain('YubiKey');
    expect(text).not.toContain('Chrome/131');
    expect(r.removed.join(' ')).toMatch(/captured device/);
    parseTrace(text);
  });
});

describe('the capture contract', () => {
  const id = { port: PORT, token: 'A'.repeat(22) };
  const head = { method: 'POST', url: `/${'A'.repeat(22)}/api/finish`, host: `localhost:${PORT}`, origin: ORIGIN, contentType: 'application/json', contentLength: 2 };
  it('accepts the page’s own requests and names what is wrong with others', () => {
    expect(checkHead(head, id)).toMatchObject({ host: 'page', route: { kind: 'api', action: 'finish' } });
    expect(checkHead({ ...head, url: `/${'B'.repeat(22)}/api/finish` }, id)).toMatchObject({ status: 404 });
    expect(checkHead({ ...head, url: `/${'A'.repeat(22)}x/api/finish` }, id)).toMatchObject({ status: 404 });
    expect(checkHead({ ...head, method: 'GET' }, id)).toMatchObject({ status: 405 });
    expect(checkHead({ ...head, host: `localhost.evil.example:${PORT}` }, id)).toMatchObject({ status: 421 });
    expect(checkHead({ ...head, origin: 'null' }, id)).toMatchObject({ status: 403 });
    expect(checkHead({ ...head, method: 'GET', url: `/${'A'.repeat(22)}/lookalike`, origin: undefined }, id)).toMatchObject({ status: 404 });
    expect(checkHead({ ...head, method: 'GET', url: `/${'A'.repeat(22)}/lookalike`, host: `127.0.0.1:${PORT}`, origin: undefined }, id)).toMatchObject({ host: 'lookalike' });
    expect(checkBody('registerOptions', new TextEncoder().encode('{"userVerification":"always","binding":"none"}'))).toMatchObject({ status: 400, error: expect.stringMatching(/^userVerification: /) });
    expect(checkBody('empty', new Uint8Array([0xff]))).toMatchObject({ status: 400 });
  });
  it('lets the app open only a capture page URL on localhost', () => {
    expect(isCaptureUrl(`http://localhost:${PORT}/${'A'.repeat(22)}/`)).toBe(true);
    for (const u of [`http://127.0.0.1:${PORT}/${'A'.repeat(22)}/`, `https://localhost:${PORT}/${'A'.repeat(22)}/`, `http://localhost:${PORT}/${'A'.repeat(22)}/lookalike`, `http://localhost:${PORT}@evil.example/${'A'.repeat(22)}/`, 'file:///etc/passwd', `http://localhost:0/${'A'.repeat(22)}/`]) expect(isCaptureUrl(u), u).toBe(false);
  });
});
