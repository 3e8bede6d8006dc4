/**
 * A real response opened with "Open response…", saved as a trace and opened again: the saved file
 * re-verifies from its payloads (the lane says "real response · re-verified", no disagreement, the
 * same verdict, model line and ledger), and a hand-edited copy — a verdict label, a caption, a
 * check — shows where it disagrees. Screenshots at 1280×720 and 1920×1080 go to SHOTS
 * (harness.ts; SHOTS_DIR=/work/shots/respond).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../core/trace/index.js';
import { EXPECTED } from '../rp/craft.js';
import { makeChain, packedX5cRegistration } from '../rp/pki.js';
import { laneAt, openApp, RESULTS, SHOTS, useHarness, waitForLanesReady } from './harness.js';

const h = useHarness();
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** A packed x5c registration whose bundle carries the root it chains to ("at": "now"). */
async function rootedBundle(): Promise<string> {
  const { root, inter, leaf } = await makeChain();
  const reg = await packedX5cRegistration(leaf, [inter], Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex')));
  const { storedSignCount: _unused, ...expected } = EXPECTED;
  return JSON.stringify({
    ceremony: 'registration',
    expected,
    trust: { roots: [root.pem], at: 'now' },
    response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } },
  });
}

/** Open a file through "Open trace…" and wait until its lane is re-verified. */
async function openTrace(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open trace…' }).click();
  await (await chooser).setFiles(path);
  await laneAt(page, 0).locator('[data-source="trace"]').waitFor();
  await page.waitForFunction(() => document.querySelector('.lanes > .lane')?.getAttribute('data-status') === 'ready');
}

describe('a real response saved as a trace and opened again', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`re-verifies from its payloads, and a hand edit shows where it disagrees (${width}×${height})`, async () => {
      const { page, errors } = await openApp(h, { width, height });
      await page.getByRole('button', { name: 'Open response…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open a real WebAuthn response' });
      await dialog.getByLabel('PublicKeyCredential JSON or response bundle JSON').fill(await rootedBundle());
      await dialog.getByRole('button', { name: 'Verify and show' }).click();
      await page.getByRole('group', { name: /^Response / }).waitFor();
      const model = async () => page.locator('.lcell[data-property="authenticator-model"]').first().locator('.level-name').textContent();
      await expect(model()).resolves.toBe('attested');
      await expect(laneAt(page, 0).locator('[data-response]').textContent()).resolves.toBe('real response');
      // No scenario was played: the top bar says so rather than name the last one chosen.
      const scenario = page.locator('header.topbar').getByLabel('Scenario');
      await expect(scenario.inputValue()).resolves.toBe('');
      await expect(scenario.locator('option:checked').textContent()).resolves.toBe('none: a real response');
      await page.screenshot({ path: join(SHOTS, `response-opened-${width}x${height}.png`) });

      // Save trace: the file a person keeps (the web build downloads it).
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save trace' }).click();
      const d = await download;
      expect(d.suggestedFilename()).toBe('the-pasted-response.proofline.json');
      const path = join(RESULTS, `response-${width}.proofline.json`);
      await d.saveAs(path);
      const text = readFileSync(path, 'utf8');
      const trace = parseTrace(text);
      expect(trace.title).toBe('A real WebAuthn response: the pasted response');
      expect(trace.runs.map((r) => [r.response?.name, r.seed])).toEqual([['the pasted response', null]]);

      // Opened again: re-verified from its payloads, like a prepared trace; the same verdict and ledger.
      await openTrace(page, path);
      const lane = laneAt(page, 0);
      await expect(lane.locator('[data-response]').getAttribute('data-response')).resolves.toBe('re-verified');
      await expect(lane.locator('[data-response]').textContent()).resolves.toBe('real response · re-verified');
      expect(await lane.getByText(/Re-verification disagrees/).count()).toBe(0);
      expect(await page.locator('.step.disputed').count()).toBe(0);
      await expect(lane.getByRole('group', { name: 'Response the pasted response' }).locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
      await expect(model()).resolves.toBe('attested');
      await expect(scenario.locator('option:checked').textContent()).resolves.toBe('none: a real response');
      await expect(laneAt(page, 1).locator('[data-source="empty"]').textContent()).resolves.toMatch(/holds one real response/);
      // What if… is not offered: a real response is read-only.
      expect(await page.locator('.whatif-button').count()).toBe(0);
      await page.keyboard.press('End');
      await page.screenshot({ path: join(SHOTS, `response-reopened-${width}x${height}.png`) });
      await page.screenshot({ path: join(SHOTS, `response-reopened-${width}x${height}-full.png`), fullPage: true });

      // A hand-edited copy: the verdict's label, the verify step's caption and one check's status.
      const json = JSON.parse(text) as { runs: { steps: { label: string; caption: string; checks: { id: string; status: string }[] }[] }[] };
      json.runs[0]!.steps[3]!.label = 'Rejected';
      json.runs[0]!.steps[2]!.caption = 'Everything is fine.';
      json.runs[0]!.steps[2]!.checks.find((c) => c.id === 'rp.attestationTrust')!.status = 'fail';
      const edited = join(RESULTS, `response-${width}-edited.proofline.json`);
      writeFileSync(edited, JSON.stringify(json, null, 2));
      await openTrace(page, edited);
      await lane.getByText(/Re-verification disagrees with the file in 3 places/).waitFor();
      await expect(lane.locator('[data-response]').textContent()).resolves.toBe('real response');
      await expect(page.locator('.step.disputed').count()).resolves.toBe(2);
      await page.keyboard.press('End');
      // Each disputed step says what the file says and what its bytes give (the panel follows the selection after paint).
      const disputes = page.getByRole('group', { name: 'Disagreements at this step' });
      await lane.locator('.step.disputed', { hasText: 'Rejected' }).click();
      await disputes.filter({ hasText: /label[\s\S]*Rejected[\s\S]*Accepted/ }).waitFor({ timeout: 10_000 });
      await lane.locator('.step.disputed', { hasText: 'verifyRegistration' }).click();
      await disputes.filter({ hasText: /caption[\s\S]*Everything is fine\.[\s\S]*check rp\.attestationTrust[\s\S]*fail[\s\S]*pass/ }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(SHOTS, `response-edited-${width}x${height}.png`) });
      // Choosing a scenario records a simulation in place of the response.
      await page.locator('header.topbar').getByLabel('Scenario').selectOption('honest');
      await waitForLanesReady(page, 'honest');
      expect(await page.locator('[data-response]').count()).toBe(0);
      await expect(page.locator('header.topbar').getByLabel('Scenario').inputValue()).resolves.toBe('honest');
      expect(errors).toEqual([]);
      await page.context().close();
    }, 90_000);
  }
});
