/**
 * The new flows in the lanes (DESIGN.md §13.4): a prepared trace of part two opens in both lanes
 * with its lifelines (the push service, the mobile network), re-verifies, and shows its outcome.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, startHarness, waitForLanesReady, type Harness, SHOTS } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});


describe('part two in the lanes', () => {
  it('15-sim-swap: otp over SMS beside otp over SMS with dynamic linking, the mobile network on a lifeline', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(h.url);
    await waitForLanesReady(page);
    await page.getByLabel('Prepared traces').selectOption('15-sim-swap');
    const lanes = page.locator('.lanes > .lane');
    await lanes.nth(0).getByText('Mobile network').first().waitFor({ state: 'attached', timeout: 60_000 });
    await waitForLanesReady(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await lanes.nth(0).locator('[data-outcome="breach"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'lanes-sim-swap-1280x720.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
