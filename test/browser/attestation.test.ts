/**
 * The registration step of an opened response names the authenticator and how much is known
 * about it: a real packed x5c registration (a Yubico key, from ../shared/vectors/more-suites)
 * shows the model its AAGUID claims, worded as a claim, with its chain not checked (no trust
 * input given), and the ledger's authenticator-model says so ("claimed"), with its bytes; a bundle
 * that carries its trust root gets "attested". Screenshots at 1280×720 and 1920×1080 go to SHOTS
 * (harness.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMoreSuites } from '../vectors/sharedVectors.js';
import { openApp, RESULTS, SHOTS, useHarness } from './harness.js';
import { EXPECTED } from '../rp/craft.js';
import { makeChain, packedX5cRegistration } from '../rp/pki.js';

const h = useHarness();

const bundle = readFileSync(join(findMoreSuites(), 'webauthn-ruby__security_key_packed_x5c.json'), 'utf8');

/** A new page at this size with `text` opened through "Open response…", its verdict accepted. */
async function openAccepted(width: number, height: number, text: string) {
  const { page, errors: problems } = await openApp(h, { width, height });
  const context = page.context();
  await page.getByRole('button', { name: 'Open response…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a real WebAuthn response' });
  await dialog.getByLabel('PublicKeyCredential JSON or response bundle JSON').fill(text);
  await dialog.getByRole('button', { name: 'Verify and show' }).click();
  const details = page.getByRole('group', { name: /^Response / });
  await details.waitFor();
  await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
  return { context, page, problems };
}

describe('"Open response…" with a packed x5c registration', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`shows the model line at the verify step (${width}×${height})`, async () => {
      const { context, page, problems } = await openAccepted(width, height, bundle);
      // The response opens at its last step (the decision); one back is the verify step, whose caption names the authenticator.
      await page.getByRole('button', { name: /Previous/ }).first().click();
      const caption = page.getByText(/Authenticator: claims to be Security Key by Yubico/).first();
      await caption.waitFor({ timeout: 10_000 });
      await expect(caption.textContent()).resolves.toMatch(/Authenticator: claims to be Security Key by Yubico \(AAGUID; its certificate chain is not checked against a root\)/);
      // The ledger's authenticator-model: claimed (the AAGUID names the model, no root anchors the chain), decided at the verify step.
      const cell = page.locator('.lcell[data-property="authenticator-model"]').first();
      await expect(cell.locator('.level-name').textContent()).resolves.toBe('claimed');
      await expect(cell.locator('.lcell-step').textContent()).resolves.toBe('step 3');
      await expect(cell.getAttribute('title')).resolves.toMatch(/^Which authenticator made the key[\s\S]*claims to be Security Key by Yubico/);
      await page.screenshot({ path: join(RESULTS, `attest-model-${width}x${height}.png`) });
      if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, `model-line-${width}x${height}.png`) });
      // Its bytes: the x5c certificate, the statement's signature and the AAGUID in the attestationObject, as core names them.
      await cell.click();
      const evidence = page.locator('.evidence-block[data-property="authenticator-model"]');
      await evidence.waitFor();
      await expect(evidence.locator('.inspector-step').textContent()).resolves.toMatch(/attestationObject: attStmt x5c\[0\] \(the attestation certificate\) \(bytes \d+–\d+\), attStmt sig \(bytes \d+–\d+\), AAGUID \(bytes \d+–\d+\)/);
      if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, `model-evidence-${width}x${height}.png`) });
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);

    it(`a response bundle carrying its trust root: the chain verifies and the model is attested (${width}×${height})`, async () => {
      const { root, inter, leaf } = await makeChain();
      const reg = await packedX5cRegistration(leaf, [inter], Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex')));
      const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
      const { storedSignCount: _unused, ...expected } = EXPECTED;
      const text = JSON.stringify({
        ceremony: 'registration',
        expected,
        trust: { roots: [root.pem], at: 'now' },
        response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } },
      });
      const { context, page, problems } = await openAccepted(width, height, text);
      const cell = page.locator('.lcell[data-property="authenticator-model"]').first();
      await expect(cell.locator('.level-name').textContent()).resolves.toBe('attested');
      // "at": "now" is the moment the response was opened, which the run states (so a saved copy re-verifies alike).
      await expect(cell.getAttribute('title')).resolves.toMatch(/claims to be YubiKey 5 Series; chain verified to Proofline Test Root at \d{4}-\d\d-\d\dT[\d:.]+Z, a root you trust/);
      if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, `model-attested-${width}x${height}.png`) });
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);

    it(`a bare credential with the roots you trust typed in the dialog: attested, and the trust inputs travel with the response (${width}×${height})`, async () => {
      const { root, inter, leaf } = await makeChain();
      const reg = await packedX5cRegistration(leaf, [inter], Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex')));
      const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
      const credential = JSON.stringify({ id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } });
      const { page, errors: problems } = await openApp(h, { width, height });
      const context = page.context();
      await page.getByRole('button', { name: 'Open response…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open a real WebAuthn response' });
      await dialog.getByLabel('PublicKeyCredential JSON or response bundle JSON').fill(credential);
      await dialog.getByRole('button', { name: 'Fill in what it says' }).click();
      await dialog.getByLabel('RP ID', { exact: true }).fill(EXPECTED.rpId as string);
      await dialog.locator('summary', { hasText: 'What you trust' }).click();
      await dialog.getByLabel(/Roots you trust/).fill(root.pem);
      if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, `model-trust-dialog-${width}x${height}.png`) });
      await dialog.getByRole('button', { name: 'Verify and show' }).click();
      const details = page.getByRole('group', { name: /^Response / });
      await details.waitFor();
      await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
      const cell = page.locator('.lcell[data-property="authenticator-model"]').first();
      await expect(cell.locator('.level-name').textContent()).resolves.toBe('attested');
      // The verify step carries the trust inputs as its payload "trust": the PEM root and the time the chain was judged at.
      await page.getByRole('button', { name: /^trust json/ }).click();
      const hex = page.locator('.inspector').getByText(/BEGIN CERTIFICATE/).first();
      await hex.waitFor();
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
