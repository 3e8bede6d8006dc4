/**
 * The registration step of an opened response names the authenticator and how much is known
 * about it: a real packed x5c registration (a Yubico key, from ../shared/vectors/more-suites)
 * shows the model its AAGUID claims, worded as a claim, with its chain not checked (no trust
 * input given). Screenshots at 1280×720 and 1920×1080 go to SHOTS (harness.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMoreSuites } from '../vectors/sharedVectors.js';
import { openApp, RESULTS, SHOTS, useHarness } from './harness.js';

const h = useHarness();

const bundle = readFileSync(join(findMoreSuites(), 'webauthn-ruby__security_key_packed_x5c.json'), 'utf8');

describe('"Open response…" with a packed x5c registration', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`shows the model line at the verify step (${width}×${height})`, async () => {
      const { page, errors: problems } = await openApp(h, { width, height });
      const context = page.context();
      await page.getByRole('button', { name: 'Open response…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open a real WebAuthn response' });
      await dialog.getByLabel('PublicKeyCredential JSON or response bundle JSON').fill(bundle);
      await dialog.getByRole('button', { name: 'Verify and show' }).click();
      const details = page.getByRole('group', { name: /^Response / });
      await details.waitFor();
      await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
      // The response opens at its last step (the decision); one back is the verify step, whose caption names the authenticator.
      await page.getByRole('button', { name: /Previous/ }).first().click();
      const caption = page.getByText(/Authenticator: claims to be Security Key by Yubico/).first();
      await caption.waitFor({ timeout: 10_000 });
      await expect(caption.textContent()).resolves.toMatch(/Authenticator: claims to be Security Key by Yubico \(AAGUID; its certificate chain is not checked against a root\)/);
      await page.screenshot({ path: join(RESULTS, `attest-model-${width}x${height}.png`) });
      if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, `model-line-${width}x${height}.png`) });
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
