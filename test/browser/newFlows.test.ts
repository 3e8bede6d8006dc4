/**
 * The new flows in the lanes (DESIGN.md §13.4): a prepared trace of part two opens in both lanes
 * with its lifelines (the push service, the mobile network), re-verifies, and shows its outcome.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, SHOTS, useHarness, waitForLanesReady } from './harness.js';

const h = useHarness();


describe('part two in the lanes', () => {
  it('15-sim-swap: otp over SMS beside otp over SMS with dynamic linking, the mobile network on a lifeline', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { page, errors } = await openApp(h);
    const context = page.context();
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
