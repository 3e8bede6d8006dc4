/**
 * Issue 12 items 3–7 and the clean console, in Chromium: one step numbering in the app, lanes that
 * say where they came from, stepping keys that never change a form control, `?` and the skip link,
 * the tour and glossary, spec links, and "Open response…" fed a bare PublicKeyCredential.
 * Screenshots go to SHOTS (harness.ts: SHOTS_DIR, else test-results/) at 1280×720 and 1920×1080.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordRun } from '../../core/index.js';
import { createTrace, serializeTrace } from '../../core/trace/index.js';
import { laneAt, openApp, type OpenAppOptions, RESULTS, ROOT, SHOTS, useHarness, waitForLanesReady } from './harness.js';

const h = useHarness();


/** The app with page errors and console errors or warnings collected (a CSP report is a console error). */
const openGuided = async (opts: OpenAppOptions = {}) => {
  const { page, errors } = await openApp(h, { ...opts, console: true });
  return { page, problems: errors };
};

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(RESULTS, name) });
  if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, name) });
}

describe('a clean start', () => {
  it('logs nothing to the console: no CSP report (cbor-x no-eval build), no error, no warning', async () => {
    const { page, problems } = await openGuided();
    await page.waitForTimeout(800); // the deferred chunks (flows, re-verification) load after the lanes
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('one step numbering in the app', () => {
  it('the caption, the checks panel and the inspector give the step the number the trace gives it (index + 1)', async () => {
    const { page } = await openGuided();
    const trace = JSON.parse(readFileSync(join(ROOT, 'traces/01-honest.proofline.json'), 'utf8')) as { runs: { steps: { index: number; label: string }[] }[] };
    await page.locator('body').click({ position: { x: 2, y: 400 } });
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const caption = (await laneAt(page, 0).locator('.caption-step').textContent()) ?? '';
    const n = Number(/^(\d+)\./.exec(caption.trim())![1]);
    const step = trace.runs[0]!.steps[n - 1]!;
    await laneAt(page, 0).locator(`g[data-step="${step.index}"]`).first().click();
    await expect(page.locator('.checks .inspector-step').textContent()).resolves.toContain(`step ${n} `);
    await page.context().close();
  });
});

describe('keyboard', () => {
  it('← → on a select step the lanes and never change its value; ? shows the shortcuts; the skip link leads to the lanes', async () => {
    const { page, problems } = await openGuided();
    const uv = laneAt(page, 0).getByRole('combobox', { name: 'UV policy' });
    const before = await uv.inputValue();
    const counter = laneAt(page, 0).getByText(/^Step \d+ \/ \d+$/);
    expect(await counter.textContent()).toMatch(/^Step 0 /);
    await uv.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await uv.inputValue()).toBe(before);
    expect(await counter.textContent()).toMatch(/^Step 2 /);
    await page.keyboard.press('ArrowLeft');
    expect(await uv.inputValue()).toBe(before);
    expect(await laneAt(page, 0).getAttribute('data-status')).toBe('ready'); // nothing was re-recorded
    // The sync checkbox: → steps, and the box stays as it was.
    const sync = page.getByRole('checkbox', { name: 'Step lanes together by phase' });
    const synced = await sync.isChecked();
    await sync.focus();
    await page.keyboard.press('ArrowRight');
    expect(await sync.isChecked()).toBe(synced);
    // A text field keeps its keys: the seed's caret moves, the lanes stay.
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.focus();
    const at = await counter.textContent();
    await page.keyboard.press('ArrowRight');
    expect(await counter.textContent()).toBe(at);

    await page.locator('body').click({ position: { x: 2, y: 400 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await expect(help.textContent()).resolves.toContain('next step');
    await page.keyboard.press('Escape');
    expect(await help.count()).toBe(0);

    // Skip link: the first Tab stop, and it moves focus to the lanes.
    await page.reload();
    await waitForLanesReady(page);
    await page.keyboard.press('Tab');
    const link = page.getByRole('link', { name: 'Skip to the lanes' });
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lanes');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('where each lane came from', () => {
  it('says it per lane, keeps the prepared picker on what is open, empties the other lane for a one-run trace, and a fork sits beside its original', async () => {
    const { page, problems } = await openGuided();
    await expect(laneAt(page, 0).locator('[data-source]').textContent()).resolves.toMatch(/^From 01-honest\.proofline\.json, a prepared trace \(“.+”\), run 1 of 2$/);
    await expect(laneAt(page, 1).locator('[data-source]').textContent()).resolves.toMatch(/run 2 of 2$/);
    const picker = page.getByRole('combobox', { name: 'Prepared traces' });
    expect(await picker.inputValue()).toBe('01-honest');

    // A one-run trace: the other lane is left empty, and says why.
    const run = await recordRun({ flow: 'device-key', scenario: 'replay', options: {}, seed: 3 });
    const text = serializeTrace(createTrace([run], { title: 'One replay', created: '2026-01-01T00:00:00Z', generator: { name: 'test', version: '0' } }));
    await page.evaluate(async (t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'one.proofline.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await laneAt(page, 0).locator('[data-source="trace"]').filter({ hasText: 'From one.proofline.json, a file you opened' }).waitFor();
    await expect(laneAt(page, 1).locator('[data-source]').textContent()).resolves.toContain('one.proofline.json holds one run.');
    expect(await laneAt(page, 1).locator('svg.diagram, .diagram svg').count()).toBe(0);
    await expect(page.locator('.trace-name').textContent()).resolves.toContain('One replay');
    await expect(page.getByTestId('headline').textContent()).resolves.toMatch(/recorded an earlier/);
    expect(await picker.inputValue()).toBe('');

    // A fork of the left run: beside it, saying of which run at which step; closing brings the replaced lane back.
    await page.getByRole('combobox', { name: 'Prepared traces' }).selectOption('01-honest');
    await waitForLanesReady(page, 'honest');
    await page.locator('#lanes').focus();
    await page.keyboard.press('End');
    const honest = JSON.parse(readFileSync(join(ROOT, 'traces/01-honest.proofline.json'), 'utf8')) as { runs: { steps: { index: number; payloads: { name: string }[] }[] }[] };
    const proof = honest.runs[0]!.steps.find((st) => st.payloads.some((p) => p.name === 'authenticatorData'))!;
    await laneAt(page, 0).locator(`g[data-step="${proof.index}"]`).first().focus();
    await page.keyboard.press('Enter');
    await laneAt(page, 0).getByRole('button', { name: /^What if…/ }).click();
    const form = page.getByRole('dialog', { name: /What if… at step/ });
    await form.waitFor();
    expect(await form.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await form.getByRole('button', { name: 'Apply' }).first().click();
    await laneAt(page, 1).locator('[data-source="fork"]').waitFor();
    await expect(laneAt(page, 1).locator('[data-source]').textContent()).resolves.toMatch(new RegExp(`^What-if fork of WebAuthn · honest, 01-honest\\.proofline\\.json, a prepared trace .*: what if .* at step ${proof.index + 1}$`));
    await expect(laneAt(page, 0).locator('[data-source]').textContent()).resolves.toContain('run 1 of 2');
    await expect(page.getByTestId('headline').textContent()).resolves.toContain('What if…');
    await shot(page, 'fork-beside-original-1280x720.png');
    await page.getByRole('button', { name: /^Close the fork \(bring back biometric-only · honest\)/ }).click();
    await expect(laneAt(page, 0).locator('[data-source]').textContent()).resolves.toContain('run 1 of 2');
    await expect(laneAt(page, 1).locator('[data-source]').textContent()).resolves.toContain('run 2 of 2');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('a guided first start', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`the tour opens on a first start, steps through its stops, can be skipped and reopened; the glossary opens at a term (${width}×${height})`, async () => {
      const { page, problems } = await openGuided({ width, height, firstStart: true });
      const tour = page.getByRole('dialog', { name: 'Two ways to approve the same payment' });
      await tour.waitFor();
      await shot(page, `tour-lanes-${width}x${height}.png`);
      await page.getByRole('button', { name: 'Next stop' }).click();
      await page.getByRole('dialog', { name: 'A signed message or only a claim?' }).waitFor();
      await shot(page, `tour-signed-vs-claim-${width}x${height}.png`);
      await page.getByRole('button', { name: 'Next stop' }).click();
      const ledger = page.getByRole('dialog', { name: 'What the verifier can conclude' });
      await ledger.waitFor();
      expect(await ledger.isVisible()).toBe(true);
      expect((await ledger.boundingBox())!.y).toBeGreaterThanOrEqual(0);
      await page.getByRole('button', { name: 'Skip the tour' }).click();
      expect(await page.locator('.guide.tour').count()).toBe(0);
      // Skipped: a reload does not show it again; the Tour button does.
      await page.reload();
      await waitForLanesReady(page);
      await page.waitForTimeout(500);
      expect(await page.locator('.guide.tour').count()).toBe(0);
      // The Help menu (one toolbar line at 1280 px), by the keyboard: ↓ opens it on Tour.
      await page.getByRole('button', { name: 'Help', exact: true }).focus();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('menuitem', { name: 'Tour' }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await page.keyboard.press('Enter');
      await tour.waitFor();
      expect(await tour.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');

      // The glossary from the term itself: the `?` beside "Step lanes together by phase".
      const q = page.getByRole('button', { name: 'What is “Step lanes together by phase”? (glossary)' });
      await q.click();
      const glossary = page.getByRole('dialog', { name: 'Glossary' });
      await glossary.waitFor();
      const chosen = glossary.locator('.entry.chosen');
      await expect(chosen.textContent()).resolves.toContain('Next step moves both lanes');
      expect(await chosen.locator('dt').evaluate((el) => el === document.activeElement)).toBe(true);
      for (const term of ['Seed', 'BE / BS', 'rpIdHash', 'UV / UP', 'Attestation', 'spc (Secure Payment Confirmation)', 'Dynamic linking']) {
        expect(await glossary.locator('dt', { hasText: term }).count(), term).toBeGreaterThan(0);
      }
      const links = await glossary.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length).toBeGreaterThan(3);
      for (const href of links) expect(href).toMatch(/^https:\/\/www\.w3\.org\/TR\/(webauthn-3|secure-payment-confirmation)\//);
      await shot(page, `glossary-entry-${width}x${height}.png`);
      await page.keyboard.press('Escape');
      expect(await q.evaluate((el) => el === document.activeElement)).toBe(true); // focus back on the `?`
      expect(problems).toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  it('a check’s spec clause links to its section of WebAuthn Level 3', async () => {
    const { page } = await openGuided();
    await page.locator('#lanes').focus();
    await page.keyboard.press('End');
    const trace = JSON.parse(readFileSync(join(ROOT, 'traces/01-honest.proofline.json'), 'utf8')) as { runs: { steps: { index: number; checks: { spec: string }[] }[] }[] };
    const verify = trace.runs[0]!.steps.find((s) => s.checks.some((c) => c.spec.startsWith('WebAuthn L3 §7.2')))!;
    // The step by keyboard (it is a button in the diagram): focus it, Enter selects it.
    await laneAt(page, 0).locator(`g[data-step="${verify.index}"]`).first().focus();
    await page.keyboard.press('Enter');
    const link = page.locator('.checks a.check-spec').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.w3\.org\/TR\/webauthn-3\/#sctn-/);
    expect(await link.getAttribute('rel')).toContain('noopener');
    await page.context().close();
  });
});

describe('"Open response…" with a bare PublicKeyCredential', () => {
  const vectors = JSON.parse(readFileSync(join(ROOT, 'test/vectors/yubico-java-webauthn-server.json'), 'utf8')) as { id: string; response: unknown; expected: { rpId: string; challenge: string; origin: string }; credentialPublicKey: string }[];
  const yubikey = vectors.find((c) => c.id === 'yubico/real/YubiKey5/authentication')!;

  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`opens next to its button with focus, asks in one form for what is missing, verifies, and gives focus back (${width}×${height})`, async () => {
      const { page, problems } = await openGuided({ width, height });
      const button = page.getByRole('button', { name: 'Open response…' });
      await button.click();
      const dialog = page.getByRole('dialog', { name: 'Open a real WebAuthn response' });
      await dialog.waitFor();
      const b = (await button.boundingBox())!;
      const d = (await dialog.boundingBox())!;
      expect(Math.abs(d.y - (b.y + b.height))).toBeLessThan(24); // right below its button
      expect(Math.abs(d.x - Math.min(b.x, width - d.width - 8))).toBeLessThan(2); // starting at it, unless that would cross the window's edge
      expect(d.x + d.width).toBeLessThanOrEqual(width);
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);

      // The bare credential, as toJSON() gives it: the form says what it still needs.
      await dialog.getByLabel('PublicKeyCredential JSON or response bundle JSON').fill(JSON.stringify(yubikey.response, null, 2));
      await expect(dialog.getByTestId('response-missing').textContent()).resolves.toBe('Still needed: the challenge, the origin, the RP ID, the stored public key.');
      expect(await dialog.getByRole('button', { name: 'Verify and show' }).isDisabled()).toBe(true);
      await dialog.getByRole('textbox', { name: /Challenge/ }).fill(yubikey.expected.challenge);
      await dialog.getByRole('textbox', { name: 'Origin' }).fill(yubikey.expected.origin);
      await dialog.getByRole('textbox', { name: 'RP ID' }).fill(yubikey.expected.rpId);
      await dialog.getByRole('textbox', { name: /Stored public key/ }).fill(yubikey.credentialPublicKey);
      await shot(page, `response-form-${width}x${height}.png`);
      await dialog.getByRole('button', { name: 'Verify and show' }).click();
      const details = page.getByRole('group', { name: 'Response the pasted response' });
      await details.waitFor();
      await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
      // Nothing else on screen looks part of it: the header says what this is, the other lane is empty.
      await expect(page.getByTestId('headline').textContent()).resolves.toContain('A real WebAuthn response');
      await expect(laneAt(page, 1).locator('[data-source]').textContent()).resolves.toContain('A response is one run');
      await expect(laneAt(page, 0).locator('[data-source]').textContent()).resolves.toContain('Real response from the pasted response, read-only');
      await shot(page, `response-opened-${width}x${height}.png`);
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true); // focus back where it was

      // A key that is not base64url: the error shows in the dialog, naming where; the view stays.
      await button.click();
      await dialog.getByRole('button', { name: 'Start from an example' }).click();
      await dialog.getByRole('textbox', { name: /Stored public key/ }).fill('not base64url!');
      await dialog.getByRole('button', { name: 'Verify and show' }).click();
      await expect(dialog.getByRole('alert').textContent()).resolves.toMatch(/\$\.credentialPublicKey/);
      expect(await page.locator('.alert').count()).toBe(0);
      await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
      expect(problems).toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  it('starts from the example: a real assertion with what its relying party expected, accepted', async () => {
    const { page } = await openGuided();
    await page.getByRole('button', { name: 'Open response…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a real WebAuthn response' });
    await dialog.getByRole('button', { name: 'Start from an example' }).click();
    await dialog.getByRole('button', { name: 'Verify and show' }).click();
    const details = page.getByRole('group', { name: /^Response the example assertion/ });
    await details.waitFor();
    await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
    await page.context().close();
  });
});
