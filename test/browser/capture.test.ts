/**
 * `proofline capture` end to end: the built CLI serves the capture page, Debian's Chromium runs it
 * with its virtual authenticator (CDP WebAuthn.addVirtualAuthenticator: the real
 * navigator.credentials API and a real CTAP2 authenticator model), and the trace it writes must
 * re-verify, be accepted by @simplewebauthn/server, and carry the attacks on its own bytes with
 * outcomes from the checks, and the browser's own refusal of the look-alike origin.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64url } from '../../core/codec/base64url.js';
import { parseAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';
import type { TraceRun } from '../../core/trace/trace.js';
import { parseTrace, verifyTrace } from '../../core/trace/index.js';
import '../../core/flows/all.js';
import { CHROMIUM, CHROMIUM_ARGS, openApp, RESULTS, ROOT, startHarness, waitForLanesReady } from './harness.js';

interface Authn {
  readonly name: string;
  readonly transport: 'internal' | 'usb';
  readonly residentKey: boolean;
  readonly uv: boolean;
  readonly choice: { userVerification: 'required' | 'preferred' | 'discouraged'; binding: 'none' | 'challenge' };
  /** The algorithm the RP lists first (the page's select; default ES256). */
  readonly algorithm?: 'EdDSA';
}

// CTAP2 internal and USB authenticators, with and without UV, resident and non-resident keys;
// the RP's choices vary with them (UV required only where the device can verify).
const CASES: Authn[] = [
  { name: 'internal, UV, resident key, UV required, dynamic linking', transport: 'internal', residentKey: true, uv: true, choice: { userVerification: 'required', binding: 'challenge' } },
  { name: 'USB security key, no UV, non-resident key, UV discouraged, no binding', transport: 'usb', residentKey: false, uv: false, choice: { userVerification: 'discouraged', binding: 'none' } },
  { name: 'USB security key, UV, resident key, UV preferred, no binding', transport: 'usb', residentKey: true, uv: true, choice: { userVerification: 'preferred', binding: 'none' } },
  { name: 'internal, no UV, non-resident key, UV preferred, dynamic linking', transport: 'internal', residentKey: false, uv: false, choice: { userVerification: 'preferred', binding: 'challenge' } },
  { name: 'USB security key, UV, resident key, Ed25519 listed first', transport: 'usb', residentKey: true, uv: true, choice: { userVerification: 'preferred', binding: 'none' }, algorithm: 'EdDSA' },
];

let browser: Browser;
let dir: string;

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), 'proofline-capture-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Start `proofline capture --json` and read the URL it prints. */
async function startCapture(out: string): Promise<{ child: ChildProcess; url: string; exit: Promise<{ code: number | null; stdout: string; stderr: string }> }> {
  const child = spawn(process.execPath, ['cli/proofline.mjs', 'capture', '--out', out, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      stdout += `${line}\n`;
      try {
        const j = JSON.parse(line) as { url?: string };
        if (j.url) resolve(j.url);
      } catch { /* not JSON */ }
    });
    child.on('close', () => reject(new Error(`capture exited early: ${stderr}`)));
  });
  return { child, url, exit };
}

async function withVirtualAuthenticator(page: Page, a: Authn): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: a.transport, hasResidentKey: a.residentKey, hasUserVerification: a.uv, isUserVerified: a.uv, automaticPresenceSimulation: true },
  });
}

/** The assertion the page submitted, as PublicKeyCredential JSON, and what the RP expected. */
function submitted(run: TraceRun) {
  const step = run.steps.find((s) => s.op === 'rp.receiveAssertion')!;
  const p = (n: string) => step.payloads.find((x) => x.name === n)?.bytes;
  const verify = run.steps.find((s) => s.op === 'rp.verifyAssertion')!;
  const expected = JSON.parse(bytesToUtf8(verify.payloads.find((x) => x.name === 'expected')!.bytes)) as { challenge: string; origin: string; rpId: string; storedSignCount: number };
  const publicKey = verify.payloads.find((x) => x.name === 'credentialPublicKey')!.bytes;
  const id = toBase64url(p('credentialId')!);
  const response = {
    id, rawId: id, type: 'public-key' as const, clientExtensionResults: {},
    response: { clientDataJSON: toBase64url(p('clientDataJSON')!), authenticatorData: toBase64url(p('authenticatorData')!), signature: toBase64url(p('signature')!), ...(p('userHandle') ? { userHandle: toBase64url(p('userHandle')!) } : {}) },
  };
  return { response, expected, publicKey, id };
}

function registration(run: TraceRun) {
  const step = run.steps.find((s) => s.op === 'rp.receiveRegistration')!;
  const p = (n: string) => step.payloads.find((x) => x.name === n)!.bytes;
  const id = toBase64url(p('credentialId'));
  const expected = JSON.parse(bytesToUtf8(run.steps.find((s) => s.op === 'rp.verifyRegistration')!.payloads[0]!.bytes)) as { challenge: string; origin: string };
  return { response: { id, rawId: id, type: 'public-key' as const, clientExtensionResults: {}, response: { clientDataJSON: toBase64url(p('clientDataJSON')), attestationObject: toBase64url(p('attestationObject')) } }, expected };
}

const decided = (r: TraceRun) => `${r.outcome.outcome}${r.outcome.check ? ` ${r.outcome.actor}: ${r.outcome.check}` : ''}`;

describe('proofline capture with Chromium’s virtual authenticator', () => {
  for (const [i, a] of CASES.entries()) {
    it(a.name, async () => {
      const out = join(dir, `capture-${i}.proofline.json`);
      const cap = await startCapture(out);
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      try {
        await withVirtualAuthenticator(page, a);
        await page.goto(cap.url);
        await page.getByText('10.00 EUR').waitFor();
        await page.check(`input[name="uv"][value="${a.choice.userVerification}"]`);
        await page.check(`input[name="binding"][value="${a.choice.binding}"]`);
        if (a.algorithm) await page.selectOption('#algorithm', a.algorithm);
        await page.click('#register-button');
        await page.locator('#register-result[data-kind="ok"]').waitFor();
        await page.click('#approve-button');
        await page.locator('#approve-result[data-kind]:not([data-kind=""])').waitFor();
        expect(await page.locator('#approve-result').getAttribute('data-kind')).toBe('ok');
        // All four steps fit a 1280×720 screen: nothing below the fold, body text still 18 px.
        const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight, bottoms: [...document.querySelectorAll('main > section')].map((s) => s.getBoundingClientRect().bottom), font: getComputedStyle(document.querySelector('#finish p')!).fontSize }));
        expect(fit.scroll).toBeLessThanOrEqual(fit.inner);
        expect(Math.max(...fit.bottoms)).toBeLessThanOrEqual(720);
        expect(fit.font).toBe('18px');
        // The look-alike origin: the same browser, the same virtual authenticator, another origin.
        const href = await page.locator('#lookalike-link').getAttribute('href');
        expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{22}\/lookalike$/);
        await page.goto(href!);
        await page.click('#try-button');
        await page.locator('#try-result[data-kind]:not([data-kind=""])').waitFor();
        expect(await page.locator('#try-result').textContent()).toContain('SecurityError');
        await page.click('#back-link');
        await page.locator('#finish-button:not([disabled])').waitFor();
        await page.locator('#lookalike-result[data-kind]:not([data-kind=""])').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
        await page.click('#finish-button');
        const done = await cap.exit;
        expect(done.stderr).toBe('');
        expect(done.code).toBe(0);
      } finally {
        cap.child.kill();
        await context.close();
      }
      expect(errors).toEqual([]);

      // Kept for a look (and the screenshots' test): test-results/capture-N.proofline.json.
      mkdirSync(RESULTS, { recursive: true });
      copyFileSync(out, join(RESULTS, `capture-${i}.proofline.json`));
      const trace = parseTrace(readFileSync(out));
      const v = await verifyTrace(trace);
      expect(v.disagreements).toEqual([]);
      const [captured, side, ...rest] = trace.runs;
      expect(captured!.capture?.userAgent).toMatch(/Chrom/);
      expect(captured!.seed).toBeNull();
      expect(side!.flow).toBe('biometric-only');
      expect(captured!.outcome.outcome).toBe('ok');
      expect(captured!.options).toEqual(a.choice);
      const flags = parseAuthenticatorData(captured!.steps.find((s) => s.op === 'rp.receiveAssertion')!.payloads.find((p) => p.name === 'authenticatorData')!.bytes).flags;
      expect(flags.uv).toBe(a.uv && a.choice.userVerification !== 'discouraged' ? true : flags.uv);

      // An independent RP accepts the captured registration and assertion.
      const reg = registration(captured!);
      const vr = await verifyRegistrationResponse({ response: reg.response as never, expectedChallenge: reg.expected.challenge, expectedOrigin: reg.expected.origin, expectedRPID: 'localhost', requireUserVerification: a.choice.userVerification === 'required' });
      expect(vr.verified).toBe(true);
      const s = submitted(captured!);
      const va = await verifyAuthenticationResponse({ response: s.response as never, expectedChallenge: s.expected.challenge, expectedOrigin: s.expected.origin, expectedRPID: 'localhost', credential: { id: s.id, publicKey: s.publicKey as Uint8Array<ArrayBuffer>, counter: s.expected.storedSignCount }, requireUserVerification: a.choice.userVerification === 'required' });
      expect(va.verified).toBe(true);
      // The key's algorithm, as the RP verified it: Ed25519 where the RP listed it first and the authenticator offers it.
      const alg = captured!.steps.find((st) => st.op === 'rp.verifyRegistration')!.checks.find((c) => c.id === 'rp.algorithm')!.detail;
      expect(alg).toMatch(a.algorithm === 'EdDSA' ? /EdDSA|Ed25519/ : /ES256/);

      // Attacks on the captured bytes: outcomes as the checks decide (DESIGN.md §2's webauthn columns).
      const by = Object.fromEntries(rest.map((r) => [r.scenario, r]));
      expect(decided(by.replay!)).toBe('blocked rp: rp.challenge');
      expect(decided(by['tx-swap-after-approval']!)).toBe(a.choice.binding === 'challenge' ? 'blocked rp: rp.challenge' : 'breach');
      expect(decided(by['byte-tamper']!)).toBe('blocked rp: rp.signature');
      expect(decided(by['phishing-relay']!)).toBe('blocked ua: ua.rpId');
      const refusal = by['phishing-relay']!.steps.at(-1)!.checks[0]!;
      expect(refusal.detail).toMatch(/refused rpId "localhost" for http:\/\/127\.0\.0\.1:\d+ with SecurityError/);
      // Chromium's virtual authenticator counts from 1 at registration: the counter set back is caught by the counter check.
      expect(decided(by['cloned-authenticator']!)).toBe('blocked rp: rp.signCount');
      for (const r of rest) expect(r.capture?.derived).toBeTruthy();
    }, 60_000);
  }
});

describe('the captured trace in the app', () => {
  it('opens with the captured run in the left lane and the biometric-only flow on the right', async () => {
    const h = await startHarness();
    try {
      const { page, errors } = await openApp(h, { reducedMotion: false });
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open trace…' }).click();
      await (await chooser).setFiles(join(RESULTS, 'capture-0.proofline.json'));
      await page.getByText('Your authenticator, captured').waitFor();
      await waitForLanesReady(page);
      const lanes = page.locator('section.lane');
      await expect.poll(() => lanes.nth(0).locator('h2').textContent()).toBe('WebAuthn');
      expect(await lanes.nth(1).locator('h2').textContent()).toBe('Biometric-only');
      expect(await lanes.nth(0).locator('.source.captured').textContent()).toBe('captured');
      // The actor's head (its name may wrap onto two lines in a lane that keeps to its column).
      await lanes.nth(0).getByRole('img', { name: /^Your authenticator, / }).first().waitFor();
      expect(await lanes.nth(0).getByText('Proofline’s RP').count()).toBeGreaterThan(0);
      expect(await lanes.nth(0).locator('.disputed-note').count()).toBe(0);
      // A captured run has no seed: the top bar says so rather than "0".
      const seed = page.locator('header.topbar input.seed');
      expect(await seed.inputValue()).toBe('');
      expect(await seed.getAttribute('placeholder')).toBe('captured');
      // Nor a scenario: the select says none was played.
      const scenario = page.locator('header.topbar').getByLabel('Scenario');
      expect(await scenario.inputValue()).toBe('');
      expect(await scenario.locator('option:checked').textContent()).toBe('none: a captured run');
      expect(errors).toEqual([]);
    } finally {
      await h.close();
    }
  }, 180_000);
});
