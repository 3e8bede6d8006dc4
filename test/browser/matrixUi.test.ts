/**
 * Issue 16's UI in Chromium: the matrix's column filter (keyboard, kept while the app runs), n/a
 * scenarios in the lane chooser (disabled with their reason, never recorded), and the What-if
 * kinds rpFlaw, number and code (forks whose outcome the real checks decide). Screenshots at
 * 1280×720 and 1920×1080 under SHOTS.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordRun } from '../../core/index.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';
import { laneAt, openApp, SHOTS, useHarness, waitForLanesReady } from './harness.js';

const h = useHarness();
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;

async function shots(page: Page, name: string): Promise<void> {
  for (const [w, hgt] of SIZES) {
    await page.setViewportSize({ width: w, height: hgt });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${w}x${hgt}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Choose a flow (and options) for a lane through its chooser, and wait for the lane to be recorded. */
async function chooseFlow(page: Page, lane: 0 | 1, flow: string, options: Record<string, string> = {}): Promise<void> {
  const l = laneAt(page, lane);
  await l.getByLabel('Flow', { exact: true }).selectOption(flow);
  for (const [label, value] of Object.entries(options)) await l.getByLabel(label, { exact: true }).selectOption(value);
  await waitForLanesReady(page);
}

/** Both lanes to their end (the outcome shows there). */
async function toEnd(page: Page): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
}

async function whatIfAt(page: Page, lane: 0 | 1, step: RegExp, last = true): Promise<ReturnType<Page['getByRole']>> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  const buttons = laneAt(page, lane).getByRole('button', { name: step });
  await (last ? buttons.last() : buttons.first()).click();
  await laneAt(page, lane).getByRole('button', { name: /^What if…/ }).click();
  return page.getByRole('dialog', { name: /^What if… at step/ });
}

describe('the matrix column filter', () => {
  it('hides and shows designs with the keyboard, keeps the choice when the matrix is opened again, never hides the last one', async () => {
    const { page, errors } = await openApp(h);
    await page.getByRole('button', { name: 'Outcome matrix' }).click();
    await page.locator('th.mgroup').first().waitFor({ timeout: 120_000 });
    const groups = () => page.locator('th.mgroup').allTextContents();
    expect(await groups()).toEqual(['WebAuthn', 'Biometric-only', 'Device key', 'Push approval', 'One-time code']);
    const filter = page.getByRole('group', { name: 'Show designs' });
    // Keyboard: focus the first checkbox, Tab to the next ones, Space toggles.
    await filter.getByRole('checkbox', { name: /WebAuthn/ }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await groups()).toEqual(['WebAuthn', 'Push approval', 'One-time code']);
    expect(await page.locator('th.mvalue').count()).toBe(3 + 4 + 4);
    expect(await filter.textContent()).toContain('2 of 5 hidden');
    await shots(page, 'matrix-filter');
    // Back to the lanes and to the matrix again: the filter is as it was.
    await page.getByRole('button', { name: 'Back to the lanes' }).first().click();
    await laneAt(page, 0).waitFor();
    await page.getByRole('button', { name: 'Outcome matrix' }).click();
    await page.locator('th.mgroup').first().waitFor({ timeout: 120_000 });
    expect(await groups()).toEqual(['WebAuthn', 'Push approval', 'One-time code']);
    // The last shown design cannot be hidden.
    await filter.getByRole('checkbox', { name: /WebAuthn/ }).uncheck();
    await filter.getByRole('checkbox', { name: /Push approval/ }).uncheck();
    const otp = filter.getByRole('checkbox', { name: /One-time code/ });
    expect(await otp.isDisabled()).toBe(true);
    expect(await groups()).toEqual(['One-time code']);
    await filter.getByRole('checkbox', { name: /Biometric-only/ }).check();
    expect(await groups()).toEqual(['Biometric-only', 'One-time code']);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

describe('n/a scenarios in the lane chooser', () => {
  it('a flow or option value under which the scenario does not apply is disabled with its reason; a lane whose flow does not apply is not recorded', async () => {
    const { page, errors } = await openApp(h);
    // The top bar's list says which lane a scenario does not apply to; one that applies to neither is disabled.
    const scenarios = page.getByLabel('Scenario', { exact: true });
    expect(await scenarios.locator('option[value="silent-assertion"]').textContent()).toMatch(/ — n\/a for Biometric-only$/);
    expect(await scenarios.locator('option[value="silent-assertion"]').isDisabled()).toBe(false);
    expect(await scenarios.locator('option[value="replay"]').textContent()).not.toMatch(/n\/a/);
    await chooseFlow(page, 0, 'push-approval');
    expect(await scenarios.locator('option[value="silent-assertion"]').isDisabled()).toBe(true);
    expect(await scenarios.locator('option[value="silent-assertion"]').getAttribute('title')).toMatch(/^n\/a for Push approval: .+\nn\/a for Biometric-only: .+/);
    await chooseFlow(page, 0, 'webauthn');
    await scenarios.selectOption('silent-assertion');
    // The right lane runs biometric-only, which has no CTAP authenticator: nothing recorded, the reason shown.
    const empty = laneAt(page, 1).locator('[data-source="empty"]');
    await empty.waitFor({ timeout: 60_000 });
    expect(await empty.textContent()).toMatch(/silent-assertion does not apply to Biometric-only with these options \(n\/a, not a verdict\): /);
    await toEnd(page);
    expect(await laneAt(page, 1).locator('[data-outcome]').count()).toBe(0);
    await laneAt(page, 0).locator('[data-outcome="blocked"]').waitFor({ timeout: 60_000 });
    const flowSelect = laneAt(page, 0).getByLabel('Flow', { exact: true });
    const push = flowSelect.locator('option[value="push-approval"]');
    expect(await push.isDisabled()).toBe(true);
    expect(await push.getAttribute('title')).toMatch(/^Does not apply to silent-assertion: /);
    const noteId = await flowSelect.getAttribute('aria-describedby');
    expect(noteId).toBeTruthy();
    expect(await page.locator(`[id="${noteId}"]`).textContent()).toMatch(/Push approval: .+/);
    await laneAt(page, 1).getByLabel('Flow', { exact: true }).selectOption('webauthn');
    await waitForLanesReady(page);
    await toEnd(page);
    await laneAt(page, 1).locator('[data-outcome]').waitFor({ timeout: 60_000 });
    // cloned-authenticator: otp applies with an app (totp), not by SMS; choosing otp picks totp.
    await page.getByLabel('Scenario', { exact: true }).selectOption('cloned-authenticator');
    await waitForLanesReady(page);
    await chooseFlow(page, 1, 'otp');
    const channel = laneAt(page, 1).getByLabel('Channel', { exact: true });
    expect(await channel.inputValue()).toBe('totp');
    expect(await channel.locator('option[value="sms"]').isDisabled()).toBe(true);
    expect(await channel.locator('option[value="sms"]').getAttribute('title')).toMatch(/^Does not apply to cloned-authenticator: /);
    await toEnd(page);
    await laneAt(page, 1).locator('[data-outcome="breach"]').waitFor({ timeout: 60_000 });
    await page.getByText(/Not for cloned-authenticator/).last().scrollIntoViewIfNeeded();
    await shots(page, 'chooser-na');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

describe('what-if kinds rpFlaw, number and code', () => {
  it('rpFlaw: forged-approval forked at the verification with skip-signature becomes a breach, rp.signature skipped by configuration', async () => {
    const { page, errors } = await openApp(h);
    await page.getByLabel('Scenario', { exact: true }).selectOption('forged-approval');
    await waitForLanesReady(page);
    await toEnd(page);
    await laneAt(page, 0).locator('[data-outcome="blocked"]').waitFor({ timeout: 60_000 });
    const dialog = await whatIfAt(page, 0, /Verify assertion/);
    const select = dialog.getByLabel('Configure the RP with');
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toContain('skip-signature · 5 of 103 RPs');
    await select.selectOption('skip-signature');
    await dialog.locator('form').filter({ has: page.getByLabel('Configure the RP with') }).getByRole('button', { name: 'Apply' }).click();
    await laneAt(page, 1).locator('[data-outcome="breach"]').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('group', { name: 'What changed in the fork' }).textContent()).resolves.toMatch(/rpFlaw = skip-signature/);
    await expect(page.locator('.checks li.changed').first().textContent()).resolves.toContain('rp.signature');
    await shots(page, 'whatif-rpflaw');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('number: the fatigued user’s guess replaced by the number the attacker’s page showed — server.numberMatch passes, a breach', async () => {
    // The number the attacker's page showed at the 4th sign-in, from the same deterministic run (seed 1).
    const run = await recordRun({ flow: 'push-approval', scenario: 'mfa-fatigue', options: { numberMatching: 'code' }, seed: 1 });
    const created = run.steps.filter((s) => s.op === 'bank.transactionCreated').at(-1)!;
    const shown = String((JSON.parse(bytesToUtf8(created.payloads[0]!.bytes)) as { number: string }).number);
    expect(run.outcome.check).toBe('server.numberMatch');
    const { page, errors } = await openApp(h);
    await page.getByLabel('Scenario', { exact: true }).selectOption('mfa-fatigue');
    await waitForLanesReady(page);
    await chooseFlow(page, 0, 'push-approval', { 'Number matching': 'code' });
    await toEnd(page);
    await laneAt(page, 0).locator('[data-outcome="blocked"]').waitFor({ timeout: 60_000 });
    const dialog = await whatIfAt(page, 0, /Tap Approve/);
    const input = dialog.getByLabel('Number typed');
    await input.fill(shown);
    await dialog.locator('form').filter({ has: page.getByLabel(/^(Number|Code) typed$/) }).getByRole('button', { name: 'Apply' }).click();
    await laneAt(page, 1).locator('[data-outcome="breach"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('.checks li.changed').first().textContent()).resolves.toContain('server.numberMatch');
    await shots(page, 'whatif-number');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('code: another code typed into the page — the bank recomputes and refuses it at server.otp', async () => {
    const { page, errors } = await openApp(h);
    await chooseFlow(page, 0, 'otp');
    await toEnd(page);
    await laneAt(page, 0).locator('[data-outcome="ok"]').waitFor({ timeout: 60_000 });
    const dialog = await whatIfAt(page, 0, /Type code/);
    const input = dialog.getByLabel('Code typed');
    await input.fill('12');
    await input.fill('000000');
    await dialog.locator('form').filter({ has: page.getByLabel(/^(Number|Code) typed$/) }).getByRole('button', { name: 'Apply' }).click();
    await laneAt(page, 1).locator('[data-outcome="blocked"]').waitFor({ timeout: 60_000 });
    await expect(laneAt(page, 1).locator('[data-outcome]').textContent()).resolves.toContain('server.otp');
    await shots(page, 'whatif-code');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

describe('the lanes: SMS bubbles, the number chip, the empty gesture band, the OTP decoder', () => {
  it('an SMS run draws the network’s messages as SMS bubbles and an empty gesture band beside WebAuthn’s gesture', async () => {
    const { page, errors } = await openApp(h);
    await chooseFlow(page, 1, 'otp');
    await toEnd(page);
    await laneAt(page, 1).locator('[data-outcome="ok"]').waitFor({ timeout: 60_000 });
    const bubbles = laneAt(page, 1).locator('.chip-sms');
    expect(await bubbles.count()).toBe(2);
    expect(await bubbles.first().locator('title').textContent()).toMatch(/^a text message the mobile network carries in clear: “Example Bank: your code is \d{6}\./);
    const band = laneAt(page, 1).locator('[data-empty-band="gesture"]');
    expect(await band.count()).toBe(1);
    expect(await band.textContent()).toContain('gesture · nothing tests presence');
    // WebAuthn tests presence (a gesture step): no empty band there.
    expect(await laneAt(page, 0).locator('[data-empty-band]').count()).toBe(0);
    await laneAt(page, 1).getByRole('button', { name: /Deliver SMS/ }).first().scrollIntoViewIfNeeded();
    await shots(page, 'sms-run');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('a push run with number matching shows the number as a chip where the page shows it and where Bob types it', async () => {
    const run = await recordRun({ flow: 'push-approval', scenario: 'honest', options: { numberMatching: 'code' }, seed: 1 });
    const review = run.steps.find((s) => s.op === 'user.review')!;
    const shown = String((JSON.parse(bytesToUtf8(review.payloads[0]!.bytes)) as { number: string }).number);
    const { page, errors } = await openApp(h);
    await chooseFlow(page, 1, 'push-approval', { 'Number matching': 'code' });
    await toEnd(page);
    await laneAt(page, 1).locator('[data-outcome="ok"]').waitFor({ timeout: 60_000 });
    const chips = await laneAt(page, 1).locator('.chip-number .chip-text').allTextContents();
    expect(chips).toEqual([`№ ${shown}`, `№ ${shown}`, '№ ?', `№ ${shown}`, `№ ${shown}`]);
    expect(await laneAt(page, 1).getByRole('button', { name: new RegExp(`Web page, .*the page shows the number ${shown}`) }).count()).toBe(1);
    await laneAt(page, 1).getByRole('button', { name: /Tap Approve/ }).scrollIntoViewIfNeeded();
    await shots(page, 'push-number-chip');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('the inspector decodes an OTP step: TOTP time step, HMAC, offset and digits; OCRA’s question over amount and payee', async () => {
    const { page, errors } = await openApp(h);
    await chooseFlow(page, 1, 'otp', { Channel: 'totp' });
    await toEnd(page);
    await laneAt(page, 1).getByRole('button', { name: /^Step \d+, display: TOTP/ }).click();
    const decoder = page.getByRole('region', { name: 'How the code was computed' });
    await decoder.waitFor({ timeout: 30_000 });
    const text = (await decoder.textContent()) ?? '';
    for (const want of ['counter C', 'HMAC-SHA1(seed, C)', 'offset', '31-bit value', 'mod 10⁶', 'RFC 6238']) expect(text).toContain(want);
    expect(await decoder.locator('.otp-match').textContent()).toMatch(/✓ Recomputed: \d{6} equals the code the app shows/);
    await decoder.scrollIntoViewIfNeeded();
    await shots(page, 'otp-inspector-totp');
    await laneAt(page, 1).getByLabel('Dynamic linking', { exact: true }).selectOption('dynamic');
    await waitForLanesReady(page);
    await toEnd(page);
    await laneAt(page, 1).getByRole('button', { name: /^Step \d+, display: Scan QR/ }).click();
    await decoder.getByText('question Q').waitFor({ timeout: 30_000 });
    expect(await decoder.textContent()).toContain('10.00 EUR to Alice (DE89370400440532013000)');
    expect(await decoder.textContent()).toContain('DataInput = suite ‖ 00 ‖ Q (128 bytes)');
    await decoder.scrollIntoViewIfNeeded();
    await shots(page, 'otp-inspector-ocra');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
