/**
 * The matrix's axes in Chromium (DESIGN.md §13.4): the axis picker, an n/a cell with its reason,
 * the prevalence beside each flaw, a flaw cell opened beside the same scenario at rpFlaw=none, and
 * the "⊘ disabled by configuration" badge on the flawed RP's skipped check. Screenshots at 1280×720.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { laneAt, openApp, SHOTS, useHarness } from './harness.js';

const h = useHarness();


async function openMatrix(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openApp(h, { width, height });
  await page.getByRole('button', { name: 'Outcome matrix' }).click();
  return { page, errors };
}

describe('the matrix axes', () => {
  it('flows axis: 13 columns under their flows, an n/a cell neutral with its reason', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { page, errors } = await openMatrix(1280, 720);
    const na = page.getByRole('note', { name: /^tx-swap-after-approval × Push approval \(none · none\): does not apply — the approval carries no action/ });
    await na.waitFor({ timeout: 90_000 });
    expect(await na.textContent()).toBe('—');
    expect(await na.getAttribute('title')).toMatch(/^Does not apply: /);
    expect(await page.locator('th.mgroup').allTextContents()).toEqual(['WebAuthn', 'Biometric-only', 'Device key', 'Push approval', 'One-time code']);
    expect(await page.getByRole('button', { name: /^mfa-fatigue × Push approval \(code · none\): blocked by the bank server at server.numberMatch$/ }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'matrix-flows-1280x720.png') });
    await page.screenshot({ path: join(SHOTS, 'matrix-flows-1280x720-full.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('rpFlaw axis: prevalence in the headers, ▲ where a flaw breaches, a cell opens beside rpFlaw=none with the badge on the skipped check', async () => {
    const { page, errors } = await openMatrix(1280, 720);
    await page.locator('th.mgroup').first().waitFor({ timeout: 90_000 });
    await page.getByLabel('Columns').selectOption('rpFlaw');
    const forged = page.getByRole('button', { name: /^forged-approval × WebAuthn \(rpFlaw=skip-signature\): breach$/ });
    await forged.waitFor({ timeout: 90_000 });
    expect(await page.locator('th.mvalue').allTextContents()).toEqual(['none', 'skip-signature5 of 103 RPs¹', 'accept-related-origin40 of 103 RPs¹', 'reuse-challenge22 of 103 RPs¹', 'accept-up027 of 103 RPs¹', 'ignore-uv10 of 103 RPs¹', 'ignore-counter57 of 103 RPs¹']);
    expect(await forged.locator('.mcell-flip').textContent()).toBe('▲');
    expect(await page.getByText(/USENIX Security 2026/).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'matrix-rpflaw-1280x720.png') });
    await page.screenshot({ path: join(SHOTS, 'matrix-rpflaw-1280x720-full.png'), fullPage: true });
    await forged.click();
    await expect(laneAt(page, 0).textContent()).resolves.toContain('Recorded live for the outcome matrix (forged-approval · WebAuthn)');
    await expect(laneAt(page, 1).textContent()).resolves.toContain('Recorded live for the outcome matrix (forged-approval · WebAuthn (rpFlaw=skip-signature))');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await laneAt(page, 1).locator('[data-outcome="breach"]').waitFor();
    await page.keyboard.press('ArrowLeft');
    // The verify step of the flawed lane: rp.signature is skipped by configuration, with the badge.
    await laneAt(page, 1).getByRole('button', { name: /Verify assertion/ }).first().click();
    const badge = page.locator('.check-disabled .badge-disabled');
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.textContent()).toContain('disabled by configuration');
    expect(await page.locator('.check-disabled .check-detail').textContent()).toMatch(/^disabled by configuration \(rpFlaw=skip-signature\): .*the strict check would have failed/);
    await page.screenshot({ path: join(SHOTS, 'rpflaw-badge-1280x720.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
