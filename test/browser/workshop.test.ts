/**
 * Workshops and design reviews in Chromium: presenter mode and its clicker keys, the outcome
 * matrix, what-if forks, every export format (the HTML report opened offline, the Mermaid text
 * parsed by Mermaid itself) and a real WebAuthn response from the public vectors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { laneAt, openApp, RESULTS, ROOT, useHarness } from './harness.js';

const h = useHarness();

/** The left (0) or right (1) lane. */

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(RESULTS, name), fullPage });
}

async function presenterStep(page: Page): Promise<[number, number]> {
  const m = /Step (\d+) \/ (\d+)/.exec((await page.getByTestId('presenter-step').textContent()) ?? '')!;
  return [Number(m[1]), Number(m[2])];
}

describe('presenter mode', () => {
  it('P enters, PageDown / PageUp step, B blacks out and back, notes are written and shown, Escape leaves', async () => {
    const { page, errors } = await openApp(h, { width: 1280, height: 720 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await page.getByRole('toolbar', { name: 'Presenter' }).waitFor();
    // The chrome is collapsed: no trace buttons, no playback bar, no pickers.
    expect(await page.getByRole('button', { name: 'Open trace…' }).count()).toBe(0);
    expect(await page.getByRole('toolbar', { name: 'Playback' }).count()).toBe(0);
    expect(await page.locator('.app.presenter .chooser:visible').count()).toBe(0);
    const [n0, m] = await presenterStep(page);
    expect(n0).toBe(0);
    expect(m).toBeGreaterThan(10);
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    expect(await presenterStep(page)).toEqual([3, m]);
    // Each lane by the number its own counter and caption show (one numbering), not rows of the shared layout.
    const counters = await page.locator('[data-testid^="step-count-"]').allTextContents();
    expect(((await page.getByTestId('presenter-step').textContent()) ?? '').replace(/^Step /, '').split(' · ')).toEqual(counters.map((c) => c.replace(/^Step /, '')));
    await page.keyboard.press('PageUp');
    expect((await presenterStep(page))[0]).toBe(2);
    await page.keyboard.press('PageDown');
    await shot(page, 'presenter-step3.png');

    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout').isVisible()).resolves.toBe(true);
    await shot(page, 'presenter-blackout.png');
    await page.keyboard.press('b');
    expect(await page.getByTestId('blackout').count()).toBe(0);

    // Speaker notes: the panel (the fallback), and the note written for this step.
    await page.getByRole('button', { name: 'Show notes' }).click();
    const note = page.getByLabel('Note for this step');
    await note.fill('Ask the room: who chose this challenge, and who can check it?');
    await note.blur();
    // A second window with the notes, on the same origin.
    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Notes window' }).click();
    const notes = await popup;
    await notes.getByText('Ask the room: who chose this challenge').waitFor();
    // One numbering: the notes window names the step by the number its lane's caption shows.
    const captionNumber = async () => /^(\d+)\./.exec(((await laneAt(page, 0).locator('.caption-step').textContent()) ?? '').trim())![1];
    await notes.getByText(new RegExp(`^WebAuthn · step ${await captionNumber()} of \\d+: `)).waitFor();
    await notes.setViewportSize({ width: 560, height: 420 });
    await notes.screenshot({ path: join(RESULTS, 'presenter-notes-window.png') });
    // Clicking the page again, the clicker keeps working; the notes window follows.
    await page.locator('.presenter-step').click();
    await page.keyboard.press('PageDown');
    expect((await presenterStep(page))[0]).toBe(4);
    await notes.getByText(new RegExp(`^WebAuthn · step ${await captionNumber()} of \\d+: `)).waitFor();
    await shot(page, 'presenter-notes.png');

    // One lane only.
    await page.getByLabel('Show', { exact: true }).selectOption('1');
    await expect(laneAt(page, 0).isVisible()).resolves.toBe(false);
    await page.locator('.presenter-step').click();
    await page.keyboard.press('PageDown');
    await shot(page, 'presenter-one-lane.png');

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Presenter mode' }).waitFor();
    expect(await page.getByRole('toolbar', { name: 'Presenter' }).count()).toBe(0);
    // The note made the document dirty; Save trace writes it.
    await page.getByText(/Unsaved changes/).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save trace', exact: true }).click();
    const saved = readFileSync((await (await download).path())!, 'utf8');
    expect(saved).toContain('"notes": "Ask the room: who chose this challenge, and who can check it?"');
    expect(await page.getByText(/Unsaved changes/).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the outcome matrix', () => {
  it('computes live for the chosen options and opens a cell beside the honest run', async () => {
    const { page, errors } = await openApp(h, { width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Outcome matrix' }).click();
    const cell = page.getByRole('button', { name: 'replay × WebAuthn (challenge): blocked by the relying party at rp.challenge' });
    await cell.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: /^replay × Biometric-only: breach$/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^stolen-unlocked-device × WebAuthn \(none\): blocked by the authenticator/ }).count()).toBe(1);
    await shot(page, 'matrix-default.png', true);
    // UV discouraged: a stolen unlocked device becomes a breach for WebAuthn.
    await page.getByLabel('UV policy').selectOption('discouraged');
    // (The progress line shows while computing; here the 50 runs take a fraction of a second — the store test holds it.)
    await page.getByRole('button', { name: /^stolen-unlocked-device × WebAuthn \(none\): breach$/ }).waitFor({ timeout: 60_000 });
    await shot(page, 'matrix-uv-discouraged.png', true);
    await page.getByLabel('UV policy').selectOption('preferred');
    await cell.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^replay × WebAuthn \(challenge\)/ }).click();
    await expect(laneAt(page, 0).textContent()).resolves.toContain('Recorded live for the outcome matrix (honest · WebAuthn (challenge))');
    await expect(laneAt(page, 1).textContent()).resolves.toContain('Recorded live for the outcome matrix (replay · WebAuthn (challenge))');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await laneAt(page, 0).locator('[data-outcome="ok"]').waitFor();
    await laneAt(page, 1).locator('[data-outcome="blocked"]').waitFor();
    await shot(page, 'matrix-cell-side-by-side.png');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);
});

describe('what-if forks', () => {
  it('changing the amount at the submission of an honest WebAuthn run is a breach; clearing UV in the assertion is blocked by rp.signature', async () => {
    const { page, errors } = await openApp(h, { width: 1440, height: 900 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await laneAt(page, 0).getByRole('button', { name: /^Step \d+, submit: POST \/assertion/ }).click();
    await laneAt(page, 0).getByRole('button', { name: /^What if…/ }).click();
    const dialog = page.getByRole('dialog', { name: /What if… at step \d+: POST \/assertion/ });
    await dialog.getByLabel('Amount (EUR)').fill('5000.00');
    await shot(page, 'whatif-form.png');
    await dialog.locator('form').filter({ has: page.getByLabel('Amount (EUR)') }).getByRole('button', { name: 'Apply' }).click();
    await laneAt(page, 1).locator('[data-outcome="breach"]').waitFor();
    await laneAt(page, 0).locator('[data-outcome="ok"]').waitFor();
    const summary = page.getByRole('group', { name: 'What changed in the fork' });
    await expect(summary.textContent()).resolves.toMatch(/the outcome changes from OK to Breach/);
    await shot(page, 'whatif-amount-breach.png');

    // Back to the honest pair, then UV = 0 in the authenticator's assertion.
    await page.getByLabel('Prepared traces').selectOption({ index: 1 });
    // The lanes showed the honest trace at Step 0 already: wait for the one just chosen.
    await laneAt(page, 1).getByText('from 01-honest.proofline.json').waitFor();
    await laneAt(page, 0).getByText(/^Step 0 \/ \d+$/).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await laneAt(page, 0).getByRole('button', { name: /^Step \d+, proof: Assertion/ }).click();
    await laneAt(page, 0).getByRole('button', { name: /^What if…/ }).click();
    const d2 = page.getByRole('dialog', { name: /What if… at step \d+: Assertion/ });
    await d2.getByLabel('Flag', { exact: true }).selectOption('UV');
    await d2.locator('form').filter({ has: page.getByLabel('Flag', { exact: true }) }).getByRole('button', { name: 'Apply' }).click();
    await laneAt(page, 1).locator('[data-outcome="blocked"]').waitFor();
    await expect(laneAt(page, 1).locator('[data-outcome]').textContent()).resolves.toContain('rp.signature');
    // The changed check is highlighted in the checks panel, the changed ledger entries in the ledger.
    const changedCheck = page.locator('.checks li.changed');
    await expect(changedCheck.first().textContent()).resolves.toContain('rp.signature');
    await expect(changedCheck.first().textContent()).resolves.toContain('was pass');
    expect(await page.locator('.ledger td.changed').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Keep the fork in the trace' }).click();
    await page.getByRole('button', { name: 'Kept: Save trace writes it' }).waitFor();
    await shot(page, 'whatif-uv-blocked.png', true);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save trace', exact: true }).click();
    const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { runs: { fork?: { of: number; at: number; change: { kind: string } } }[] };
    const forks = saved.runs.filter((r) => r.fork);
    expect(forks).toHaveLength(1);
    expect(forks[0]!.fork).toMatchObject({ of: 0, change: { kind: 'flag' } });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});

async function saveDownload(d: Download, name: string): Promise<string> {
  const path = join(RESULTS, name);
  await d.saveAs(path);
  return path;
}

describe('exports', () => {
  it('writes the diagram as SVG and PNG, the report as HTML and Markdown, and Mermaid that Mermaid parses', async () => {
    const { page, errors } = await openApp(h, { width: 1440, height: 900 });
    // A prepared trace with an attack: the tx swap after approval.
    await page.getByLabel('Prepared traces').selectOption({ label: '05 · tx swap after approval' });
    // The lanes showed the honest trace at Step 0 already: wait for the one just chosen, in both lanes.
    for (const i of [0, 1] as const) await laneAt(page, i).getByText('from 05-tx-swap-after-approval.proofline.json').waitFor();
    await laneAt(page, 0).getByText(/^Step 0 \/ \d+$/).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await page.getByRole('button', { name: 'Export…' }).click();
    const menu = page.getByRole('dialog', { name: 'Export' });
    await shot(page, 'export-menu.png');
    const grab = async (button: string): Promise<Download> => {
      const d = page.waitForEvent('download');
      await menu.getByRole('button', { name: button }).click();
      return d;
    };

    const svgPath = await saveDownload(await grab('Sequence diagram (SVG)'), 'export-diagram.svg');
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toContain('class=');
    expect(svg).toContain('POST /assertion');
    // Standalone: opened on its own, it draws (computed styles are inlined).
    const size = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
    const viewerContext = await h.browser.newContext({ viewport: { width: Math.min(1600, Number(size[1])), height: Math.min(1400, Number(size[2])) }, offline: true });
    const viewer = await viewerContext.newPage();
    await viewer.goto(`file://${svgPath}`);
    await viewer.screenshot({ path: join(RESULTS, 'export-diagram-svg.png') });
    await viewerContext.close();

    const pngPath = await saveDownload(await grab('Sequence diagram (PNG)'), 'export-diagram.png');
    const png = readFileSync(pngPath);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const pngWidth = png.readUInt32BE(16);
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(pngWidth).toBe(svgWidth * 2);

    const htmlPath = await saveDownload(await grab('Design-review report (HTML)'), 'export-report.html');
    const mdPath = await saveDownload(await grab('Design-review report (Markdown)'), 'export-report.md');
    expect(readFileSync(mdPath, 'utf8')).toMatch(/^# /);
    const mermaidDownloads: string[] = [];
    const pending: Download[] = [];
    const collect = (d: Download) => pending.push(d);
    page.on('download', collect);
    await menu.getByRole('button', { name: 'Mermaid sequence diagram' }).click();
    await expect.poll(() => pending.length, { timeout: 20_000 }).toBe(2);
    page.off('download', collect);
    for (const [i, d] of pending.entries()) mermaidDownloads.push(await saveDownload(d, `export-${i === 0 ? 'left' : 'right'}.mmd`));

    // Redacted: names masked in the report.
    await menu.getByLabel('Redact').selectOption('names');
    const redactedPath = await saveDownload(await grab('Design-review report (Markdown)'), 'export-report-names.md');
    const redacted = readFileSync(redactedPath, 'utf8');
    expect(redacted).not.toContain('Mallory');
    expect(redacted).toContain('[name');
    const redactedSvg = readFileSync(await saveDownload(await grab('Sequence diagram (SVG)'), 'export-diagram-names.svg'), 'utf8');
    expect(redactedSvg).not.toContain('Bob');
    await expect(menu.getByRole('status').textContent()).resolves.toContain('Exported');
    expect(errors).toEqual([]);

    // The HTML report, opened with the network off: it needs nothing from anywhere.
    const offline = await h.browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
    const requests: string[] = [];
    await offline.route('**/*', (route) => {
      if (route.request().url().startsWith('file://')) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    const report = await offline.newPage();
    await report.goto(`file://${htmlPath}`);
    await expect(report.locator('h1').first().textContent()).resolves.toBeTruthy();
    await report.screenshot({ path: join(RESULTS, 'export-report-offline.png'), fullPage: false });
    expect(requests).toEqual([]);
    await offline.close();

    // Mermaid's own parser, in Chromium, on a blank page.
    const blank = await (await h.browser.newContext()).newPage();
    await blank.addScriptTag({ path: join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js') });
    for (const file of mermaidDownloads) {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('sequenceDiagram');
      const parsed = await blank.evaluate(async (t) => {
        const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
        try {
          const r = await m.parse(t);
          return { ok: true, type: (r as { diagramType?: string })?.diagramType ?? String(r) };
        } catch (e) {
          return { ok: false, type: String(e) };
        }
      }, text);
      expect(parsed).toEqual({ ok: true, type: 'sequence' });
    }
    await blank.context().close();
    await page.context().close();
  }, 120_000);
});

describe('real responses', () => {
  const vectors = JSON.parse(readFileSync(join(ROOT, 'test/vectors/yubico-java-webauthn-server.json'), 'utf8')) as { id: string }[];
  const yubikey = vectors.find((c) => c.id === 'yubico/real/YubiKey5/authentication')!;

  it('a YubiKey 5 assertion opened in the UI shows its checks, flags and verdict; a bad bundle one error, in the dialog', async () => {
    const { page, errors } = await openApp(h, { width: 1440, height: 1000 });
    await page.getByRole('button', { name: 'Open response…' }).click();
    await page.getByLabel('Response bundle JSON').fill(JSON.stringify(yubikey, null, 2));
    await shot(page, 'response-paste.png');
    await page.getByRole('button', { name: 'Verify and show' }).click();
    const details = page.getByRole('group', { name: 'Response the pasted response' });
    await details.waitFor();
    await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
    const checks = details.getByRole('list', { name: 'Checks of the response' });
    for (const id of ['rp.challenge', 'rp.origin', 'rp.rpIdHash', 'rp.userPresent', 'rp.signature']) await expect(checks.textContent()).resolves.toContain(id);
    await expect(checks.textContent()).resolves.toContain('WebAuthn L3 §7.2');
    expect(await details.getByRole('cell', { name: 'UP (user present) = 1' }).count()).toBe(1);
    // The ledger is derived from the checks.
    const ledger = page.locator('.ledger');
    await expect(ledger.getByRole('row', { name: /key-possession/ }).textContent()).resolves.toContain('proven');
    await expect(ledger.getByRole('row', { name: /action-binding/ }).textContent()).resolves.toContain('missing');
    await shot(page, 'response-yubikey5.png', true);
    await laneAt(page, 0).screenshot({ path: join(RESULTS, 'response-yubikey5-lane.png') });

    // A bad bundle: one error, in the dialog, that names what and where; the view stays.
    const broken = structuredClone(yubikey) as unknown as { response: { response: Record<string, unknown> } };
    delete broken.response.response.signature;
    await page.getByRole('button', { name: 'Open response…' }).click();
    await page.getByLabel('Response bundle JSON').fill(JSON.stringify(broken));
    await page.getByRole('button', { name: 'Verify and show' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/\$\.response\.response\.signature/);
    expect(await page.getByRole('alert').count()).toBe(1);
    await expect(details.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('accepted');
    await shot(page, 'response-bad-bundle.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

