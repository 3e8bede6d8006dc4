import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fromBase64url, recordRun, toBase64url } from '../../core/index.js';
import { createTrace, parseTrace, serializeTrace } from '../../core/trace/index.js';
import { openApp, RESULTS, ROOT, useHarness, waitForLanesReady } from './harness.js';

const PREPARED = existsSync(join(ROOT, 'traces', '01-honest.proofline.json'));
const BINDINGS = existsSync(join(ROOT, 'traces', '11-binding-after-approval.proofline.json'));

const h = useHarness();

const lane = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function stepCount(page: Page, name: string): Promise<[number, number]> {
  const text = (await lane(page, name).getByText(/^Step \d+ \/ \d+$/).textContent()) ?? '';
  const m = /Step (\d+) \/ (\d+)/.exec(text)!;
  return [Number(m[1]), Number(m[2])];
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(RESULTS, name), fullPage });
}

/** A real trace of the honest side-by-side, recorded by core in Node. */
async function honestTrace(): Promise<string> {
  const runs = await Promise.all((['webauthn', 'biometric-only'] as const).map((flow) => recordRun({ flow, scenario: 'honest', options: {}, seed: 1 })));
  return serializeTrace(createTrace(runs, { title: 'Honest: WebAuthn vs biometric-only', created: '2026-01-01T00:00:00Z', generator: { name: 'browser-test', version: '0' } }));
}

describe('the visualizer in Chromium', () => {
  it('shows both lanes ready to step on first start', async () => {
    const { page, errors } = await openApp(h, { reducedMotion: false });
    await expect(lane(page, 'WebAuthn').isVisible()).resolves.toBe(true);
    await expect(lane(page, 'Biometric-only').isVisible()).resolves.toBe(true);
    expect((await stepCount(page, 'WebAuthn'))[1]).toBeGreaterThan(5);
    // From the prepared trace when traces/ has it; recorded live in the page otherwise.
    if (PREPARED) await expect(lane(page, 'WebAuthn').textContent()).resolves.toContain('From 01-honest.proofline.json, a prepared trace');
    for (const name of ['Previous step', 'Next step', 'Play', 'Open trace…', 'Save trace']) {
      await expect(page.getByRole('button', { name, exact: false }).first().isVisible()).resolves.toBe(true);
    }
    await shot(page, 'first-start-1280x720.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('steps through a whole run with the keyboard and shows the ledger and outcomes', async () => {
    const { page, errors } = await openApp(h);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect((await stepCount(page, 'WebAuthn'))[0]).toBe(2);
    for (let i = 0; i < 60; i++) {
      const [a, n] = await stepCount(page, 'WebAuthn');
      const [b, m] = await stepCount(page, 'Biometric-only');
      if (a === n && b === m) break;
      await page.keyboard.press('ArrowRight');
    }
    const [a, n] = await stepCount(page, 'WebAuthn');
    expect(a).toBe(n);
    await lane(page, 'WebAuthn').locator('[data-outcome="ok"]').waitFor();
    await lane(page, 'Biometric-only').locator('[data-outcome="ok"]').waitFor();
    const ledger = page.getByRole('table', { name: 'What the verifier can conclude' });
    const row = ledger.getByRole('row', { name: /key-possession/ });
    await expect(row.textContent()).resolves.toMatch(/proven[\s\S]*missing/);
    await shot(page, 'end-of-run-1280x720.png');
    await ledger.scrollIntoViewIfNeeded();
    await shot(page, 'ledger-1280x720.png');
    // A ledger cell jumps to its evidence step.
    await row.getByRole('button').first().click();
    await expect(page.getByRole('heading', { name: 'Checks' }).isVisible()).resolves.toBe(true);
    // The checks follow the selection once the frame that shows the step has painted.
    await page.locator('.checks .check-list', { hasText: 'rp.signature' }).waitFor();
    await page.keyboard.press('Home');
    expect((await stepCount(page, 'WebAuthn'))[0]).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('inspects the assertion: labelled authenticatorData spans, DER r and s, signed bytes', async () => {
    const { page } = await openApp(h, { width: 1920, height: 1080, dark: true });
    const web = lane(page, 'WebAuthn');
    await web.getByRole('slider').fill('15');
    await web.getByRole('button', { name: /Assertion, Authenticator to Browser/ }).click();
    const inspector = page.locator('.inspector');
    await inspector.getByRole('button', { name: /^authenticatorData/ }).click();
    // The inspector follows a choice once the frame that shows it has painted: wait for the fields.
    await inspector.getByRole('list', { name: 'Fields of authenticatorData' }).waitFor();
    await expect(inspector.getByRole('list', { name: 'Fields of authenticatorData' }).textContent()).resolves.toMatch(/rpIdHash[\s\S]*flags[\s\S]*signCount/);
    await inspector.getByRole('group', { name: 'Decoded authenticatorData' }).getByText('flags', { exact: true }).hover();
    await expect(inspector.locator('.hex-byte.hot').count()).resolves.toBe(1);
    await inspector.scrollIntoViewIfNeeded();
    await shot(page, 'inspector-authdata-1920x1080-dark.png');
    await inspector.getByRole('button', { name: /^signature/ }).click();
    await inspector.getByRole('group', { name: 'Signed bytes' }).first().waitFor();
    await expect(inspector.textContent()).resolves.toMatch(/authenticatorData ‖ SHA-256\(clientDataJSON\)/);
    await shot(page, 'inspector-signature-1920x1080-dark.png');
    await page.context().close();
  });

  it('re-runs live: swap after approval is blocked with challenge binding and a breach for biometric-only', async () => {
    const { page, errors } = await openApp(h);
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('tx-swap-after-approval');
    await lane(page, 'WebAuthn').getByRole('combobox', { name: 'Binding' }).selectOption('challenge');
    // Selecting the binding has started its recording (the store marks the lane before it awaits
    // anything), and a late result of an older request is dropped: so both lanes ready with the
    // new scenario's runs is the state after the last recording, whenever the check first runs.
    await waitForLanesReady(page, 'tx-swap-after-approval');
    await expect(lane(page, 'WebAuthn').getByRole('combobox', { name: 'Binding' }).inputValue()).resolves.toBe('challenge');
    await page.keyboard.press('End');
    const web = lane(page, 'WebAuthn').locator('[data-outcome]');
    const bio = lane(page, 'Biometric-only').locator('[data-outcome]');
    await expect(web.getAttribute('data-outcome')).resolves.toBe('blocked');
    await expect(web.textContent()).resolves.toMatch(/relying party/);
    await expect(bio.getAttribute('data-outcome')).resolves.toBe('breach');
    await expect(bio.textContent()).resolves.toMatch(/Mallory/);
    await shot(page, 'tx-swap-after-approval-1280x720.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens a tampered trace with the disagreeing steps marked and explained', async () => {
    const trace = JSON.parse(await honestTrace());
    // Flip one bit of the signature the relying party receives.
    const steps = trace.runs[0].steps as { payloads: { name: string; bytes: string }[]; index: number }[];
    const submit = [...steps].reverse().find((s) => s.payloads.some((p) => p.name === 'signature'))!;
    const sig = submit.payloads.find((p) => p.name === 'signature')!;
    const bytes = fromBase64url(sig.bytes);
    bytes[bytes.length - 1]! ^= 0x01;
    sig.bytes = toBase64url(bytes);
    const file = join(RESULTS, 'tampered.proofline.json');
    writeFileSync(file, JSON.stringify(trace, null, 2));
    expect(() => parseTrace(readFileSync(file, 'utf8'))).not.toThrow();

    const { page, errors } = await openApp(h);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open trace…' }).click();
    await (await chooser).setFiles(file);
    await lane(page, 'WebAuthn').getByText(/Re-verification disagrees with the file/).waitFor();
    await expect(page.locator('.step.disputed').count()).resolves.toBeGreaterThan(0);
    await page.keyboard.press('End');
    await lane(page, 'WebAuthn').locator('.step.disputed').first().click();
    await expect(page.getByRole('group', { name: 'Disagreements at this step' }).textContent()).resolves.toMatch(/the file says[\s\S]*recomputed from the bytes/);
    await shot(page, 'tampered-trace-1280x720.png');
    await page.getByRole('group', { name: 'Disagreements at this step' }).scrollIntoViewIfNeeded();
    await shot(page, 'tampered-trace-checks-1280x720.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says in one message that a file is not a trace, and keeps the view', async () => {
    const { page } = await openApp(h);
    await page.keyboard.press('ArrowRight');
    const before = await stepCount(page, 'WebAuthn');
    const file = join(RESULTS, 'not-a-trace.txt');
    writeFileSync(file, 'these are my notes, not a trace\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open trace…' }).click();
    await (await chooser).setFiles(file);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/“not-a-trace\.txt” could not be opened as a Proofline trace/);
    await expect(page.getByRole('alert').count()).resolves.toBe(1);
    expect(await stepCount(page, 'WebAuthn')).toEqual(before);
    await shot(page, 'not-a-trace-1280x720.png');
    // Dropping a file onto the window goes the same way.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{"format":"proofline-trace","version":99}'], 'future.proofline.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/“future\.proofline\.json” could not be opened/);
    await page.context().close();
  });

  it.skipIf(!BINDINGS)('opens a prepared trace with four runs and puts any of them in a lane', async () => {
    const { page, errors } = await openApp(h);
    await page.getByRole('combobox', { name: 'Prepared traces' }).selectOption('11-binding-after-approval');
    // Both lanes show WebAuthn runs (no binding, challenge binding) at first.
    const left = page.locator('section.lane').nth(0);
    const right = page.locator('section.lane').nth(1);
    const picker = left.getByRole('combobox', { name: 'Run from the trace' });
    await picker.waitFor();
    await expect(picker.locator('option').count()).resolves.toBe(4);
    // Put the device-key run in the right lane instead.
    await right.getByRole('combobox', { name: 'Run from the trace' }).selectOption('3');
    await lane(page, 'Device key').waitFor();
    await page.keyboard.press('End');
    await lane(page, 'Device key').locator('[data-outcome="blocked"]').waitFor();
    await lane(page, 'WebAuthn').locator('[data-outcome="breach"]').waitFor();
    await shot(page, 'prepared-bindings-1280x720.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves the shown runs as a trace that core reads back', async () => {
    const { page } = await openApp(h);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save trace' }).click();
    const d = await download;
    const path = join(RESULTS, d.suggestedFilename());
    await d.saveAs(path);
    const trace = parseTrace(readFileSync(path, 'utf8'));
    expect(trace.runs.map((r) => r.flow)).toEqual(['webauthn', 'biometric-only']);
    await page.context().close();
  });
});
