/**
 * The evidence first (issue 11) and nothing cut (issue 12), in Chromium on the prepared traces:
 * each lane's ledger at the first step, the deciding step and the end; a ledger cell selecting
 * its step and outlining the bytes that carry it; signed messages and claims told apart by their
 * accessible names; ✗ with the check id where an actor refused; no text overflowing its box at
 * four screen sizes; presenter mode at 1280×720. Expected values come from core, over the same
 * trace files, never from a table in the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decidingStep, LEVEL_WORDS, PROPERTIES, parseTrace, propertyEvidence, stepCarries, type Run } from '../../core/index.js';
import { laneAt, openApp, RESULTS, ROOT, useHarness, waitForLanesReady } from './harness.js';

const TRACES = readdirSync(join(ROOT, 'traces')).filter((f) => f.endsWith('.proofline.json')).sort();
/** The runs a prepared trace puts in the lanes (its first two), as core reads them from the file. */
function lanesOf(file: string): Run[] {
  return parseTrace(readFileSync(join(ROOT, 'traces', file), 'utf8')).runs.slice(0, 2) as unknown as Run[];
}

const h = useHarness();


async function openTrace(page: Page, file: string): Promise<void> {
  await page.getByLabel('Prepared traces').selectOption(file.replace('.proofline.json', ''));
  await page.waitForFunction((name) => document.querySelector('.stage')?.textContent?.includes(name) === true, file);
  await waitForLanesReady(page);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
}

const cell = (page: Page, lane: 0 | 1, property: string) => laneAt(page, lane).locator(`.lane-ledger .lcell[data-property="${property}"]`);

/** Position a lane at `n` steps shown (its slider; the other lane follows by phase). */
async function seek(page: Page, lane: 0 | 1, n: number): Promise<void> {
  await laneAt(page, lane).getByRole('slider').fill(String(n));
  await page.waitForFunction(([i, want]) => document.querySelectorAll('.lanes > .lane')[i]?.querySelector('.step-count')?.textContent?.startsWith(`Step ${want} /`), [lane, n] as const);
}

/** Text in the lanes that leaves its box: HTML whose content is wider than the element, SVG text outside its diagram or actor box, or a label cut with "…". */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const scope = Array.from(document.querySelectorAll('.topbar, .controls-row, .legend-bar, .presenter-bar, .lanes > .lane'));
    for (const root of scope) {
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
        if (el instanceof SVGElement) continue;
        const cs = getComputedStyle(el);
        if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('.lane-more, .diagram-body, .sr-only')) continue;
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && cs.overflowX !== 'visible' && cs.overflowX !== 'auto' && cs.overflowX !== 'scroll') out.push(`${el.className}: "${el.textContent?.slice(0, 40)}" scrolls ${el.scrollWidth} > ${el.clientWidth}`);
        if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) out.push(`${el.className}: ellipsis`);
      }
    }
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('.lanes svg.diagram-head, .lanes .diagram-body > svg'))) {
      const box = svg.getBoundingClientRect();
      for (const t of Array.from(svg.querySelectorAll<SVGTextElement>('text'))) {
        if (t.getComputedTextLength() === 0) continue;
        const r = t.getBoundingClientRect();
        const text = t.textContent ?? '';
        if (text.endsWith('…')) out.push(`cut: "${text}"`);
        if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`outside its diagram: "${text}" ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)}`);
        const actor = t.closest('.actor')?.querySelector('.actor-box')?.getBoundingClientRect();
        if (actor && (r.left < actor.left - 1 || r.right > actor.right + 1 || r.bottom > actor.bottom + 1)) out.push(`outside its actor box: "${text}"`);
      }
    }
    return out;
  });
}

describe('the ledger beside the lanes, live', () => {
  it('reads "not yet" at the start, the level and step from the deciding step, and the run’s own ledger at the end', async () => {
    const { page, errors } = await openApp(h);
    await openTrace(page, '01-honest.proofline.json');
    const runs = lanesOf('01-honest.proofline.json');
    for (const lane of [0, 1] as const) {
      const cells = laneAt(page, lane).locator('.lane-ledger .lcell');
      await expect(cells.count()).resolves.toBe(PROPERTIES.length);
      for (const text of await cells.allTextContents()) expect(text).toMatch(/not yet$/);
    }
    // key-possession on the left: not yet one step before its deciding step, then its level and step.
    const web = runs[0]!;
    const entry = web.ledger.find((l) => l.property === 'key-possession')!;
    const at = decidingStep(entry, web.steps);
    await seek(page, 0, at);
    await expect(cell(page, 0, 'key-possession').textContent()).resolves.toMatch(/not yet$/);
    await seek(page, 0, at + 1);
    await page.waitForFunction(() => document.querySelector('.lcell[data-property="key-possession"]')?.classList.contains('just'));
    await expect(cell(page, 0, 'key-possession').textContent()).resolves.toBe(`key-possession${LEVEL_WORDS[entry.level].word}step ${at + 1}`);
    await page.screenshot({ path: join(RESULTS, 'evidence-deciding-step.png') });
    // The end: every cell of both lanes reads the run's own ledger, in the level words.
    await page.keyboard.press('End');
    for (const lane of [0, 1] as const) {
      const run = runs[lane]!;
      for (const e of run.ledger) {
        // A property no step established (no evidence) reads its level "by the end", with no step number.
        const when = e.evidence.length > 0 ? `step ${decidingStep(e, run.steps) + 1}` : 'by the end';
        await expect(cell(page, lane, e.property).textContent()).resolves.toBe(`${e.property}${LEVEL_WORDS[e.level].word}${when}`);
      }
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a ledger cell selects its deciding step and outlines the bytes that carry it', async () => {
    const { page, errors } = await openApp(h);
    await openTrace(page, '01-honest.proofline.json');
    const web = lanesOf('01-honest.proofline.json')[0]!;
    for (const property of ['key-possession', 'origin-binding'] as const) {
      const ev = propertyEvidence(web, property);
      await cell(page, 0, property).click();
      const block = page.getByRole('region', { name: `Evidence for ${property}` });
      await block.waitFor();
      // The deciding step is selected on the diagram and named in the inspector.
      await expect(laneAt(page, 0).locator(`g.step.selected[data-step="${ev.step}"]`).count()).resolves.toBe(1);
      await expect(block.locator('h3').textContent()).resolves.toContain(`at step ${ev.step + 1}`);
      // As many bytes outlined as the ranges core names, in the payloads it names.
      const want = ev.ranges.reduce((n, r) => n + (r.end - r.start), 0);
      expect(want).toBeGreaterThan(0);
      await expect(block.locator('.hex-byte.evidence').count()).resolves.toBe(want);
      const payloads = await block.locator('[data-evidence-payload]').evaluateAll((els) => els.map((e) => e.getAttribute('data-evidence-payload')));
      expect(payloads).toEqual([...new Set(ev.ranges.map((r) => r.payload))]);
      // The reverse: the selected step lists what it decides, this property among them.
      await expect(page.getByRole('group', { name: 'Ledger properties this step decides' }).textContent()).resolves.toContain(property);
    }
    // origin-binding: the bytes of `"origin":"…"` in clientDataJSON and the 32 bytes of rpIdHash.
    const origin = propertyEvidence(web, 'origin-binding');
    expect(origin.ranges.map((r) => r.label)).toEqual(['clientDataJSON origin', 'rpIdHash']);
    // action-binding with no binding: no bytes, the sentence that says so.
    await cell(page, 0, 'action-binding').click();
    const none = page.getByRole('region', { name: 'Evidence for action-binding' });
    await expect(none.locator('.evidence-note').textContent()).resolves.toBe('Nothing signed names the amount or payee.');
    await expect(none.locator('.hex-byte.evidence').count()).resolves.toBe(0);
    await page.screenshot({ path: join(RESULTS, 'evidence-bytes.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('action-binding under SPC outlines the signed payment member', async () => {
    const { page } = await openApp(h);
    await openTrace(page, '11-binding-after-approval.proofline.json');
    const runs = lanesOf('11-binding-after-approval.proofline.json');
    const lane = runs.findIndex((r) => r.options.binding === 'spc');
    if (lane < 0) {
      // The trace's first two runs carry no SPC run: put one in the left lane.
      const all = parseTrace(readFileSync(join(ROOT, 'traces', '11-binding-after-approval.proofline.json'), 'utf8')).runs as unknown as Run[];
      const i = all.findIndex((r) => r.options.binding === 'spc');
      expect(i).toBeGreaterThanOrEqual(0);
      await laneAt(page, 0).getByRole('combobox', { name: 'Run from the trace' }).selectOption(String(i));
      await laneAt(page, 0).locator('.lane-options', { hasText: 'binding spc' }).waitFor();
      await waitForLanesReady(page);
      const ev = propertyEvidence(all[i]!, 'action-binding');
      await cell(page, 0, 'action-binding').click();
      const block = page.getByRole('region', { name: 'Evidence for action-binding' });
      await block.locator('.hex-byte.evidence').first().waitFor();
      await expect(block.locator('.hex-byte.evidence').count()).resolves.toBe(ev.ranges[0]!.end - ev.ranges[0]!.start);
      await expect(block.textContent()).resolves.toContain('clientDataJSON payment');
    }
    await page.context().close();
  });
});

describe('signatures, claims and refusals on the diagram', () => {
  it('names signed messages and claims apart, and marks ✗ with the check id where an actor refused', async () => {
    const { page, errors } = await openApp(h);
    await openTrace(page, '02-replay.proofline.json');
    await page.keyboard.press('End');
    const runs = lanesOf('02-replay.proofline.json');
    for (const lane of [0, 1] as const) {
      const run = runs[lane]!;
      for (const step of run.steps) {
        const g = laneAt(page, lane).locator(`g.step[data-step="${step.index}"]`);
        const name = (await g.getAttribute('aria-label')) ?? '';
        const c = stepCarries(run.steps, step.index);
        if (c?.kind === 'signed') {
          expect(name).toMatch(/, signed by .+ over /);
          await expect(g.locator('.tag-signed').count()).resolves.toBe(1);
        } else if (c?.kind === 'claim') {
          expect(name).toMatch(/unsigned claim|bearer session token/);
          expect(name).not.toMatch(/signed by/);
          await expect(g.locator('.tag-claim').count()).resolves.toBe(1);
        } else await expect(g.locator('.tag').count()).resolves.toBe(0);
        const failed = step.checks.filter((x) => x.status === 'fail');
        if (failed.length > 0) {
          await expect(g.locator('.fail-mark').textContent()).resolves.toMatch(new RegExp(`^✗ ${failed[0]!.id.replace('.', '\\.')}`));
          expect(name).toContain(`refused: ${failed.map((x) => x.id).join(', ')} failed`);
        } else await expect(g.locator('.fail-mark').count()).resolves.toBe(0);
        if (step.attacker) expect(name).toContain('by the attacker');
      }
    }
    // The left lane signs, the right lane claims: both kinds are on screen.
    await expect(laneAt(page, 0).locator('.tag-signed').count()).resolves.toBeGreaterThan(0);
    await expect(laneAt(page, 1).locator('.tag-claim').count()).resolves.toBeGreaterThan(0);
    // Selecting the plain assertion says what its signature covers and what it does not.
    const submit = runs[0]!.steps.find((s) => s.op === 'rp.receiveAssertion' && !s.attacker) ?? runs[0]!.steps.find((s) => s.op === 'rp.receiveAssertion')!;
    await laneAt(page, 0).locator(`g.step[data-step="${submit.index}"]`).click();
    const covers = page.getByRole('group', { name: 'What the signature covers' });
    await expect(covers.textContent()).resolves.toMatch(/rpIdHash[\s\S]*flags[\s\S]*signCount[\s\S]*challenge[\s\S]*Does not cover:[\s\S]*amount and payee/);
    // Next is disabled at the end.
    await expect(page.getByRole('button', { name: 'Next step' }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Home');
    await expect(page.getByRole('button', { name: 'Next step' }).isDisabled()).resolves.toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps each lane’s outcome on screen at the last step at 1280×720', async () => {
    const { page } = await openApp(h);
    for (const file of ['02-replay.proofline.json', '03-phishing-relay.proofline.json']) {
      await openTrace(page, file);
      await page.keyboard.press('End');
      for (const lane of [0, 1] as const) {
        // The outcome follows the step after its first paint: wait for the layout to settle.
        const outcome = laneAt(page, lane).locator('[data-outcome]');
        await outcome.waitFor();
        await expect
          .poll(async () => {
            const box = await outcome.boundingBox();
            return box ? box.y + box.height : Infinity;
          }, { message: `${file} lane ${lane}`, timeout: 5000 })
          .toBeLessThanOrEqual(720);
        // And the ledger above it.
        const ledger = await laneAt(page, lane).locator('.lane-ledger').boundingBox();
        expect(ledger!.y).toBeGreaterThanOrEqual(0);
      }
    }
    await page.context().close();
  });
});

describe('nothing cut', () => {
  for (const [w, hgt] of [
    [1280, 720],
    [1366, 768],
    [1920, 1080],
    [2560, 1440],
  ] as const) {
    it(`no text in the lanes overflows its box at ${w}×${hgt}, on every prepared trace`, async () => {
      const { page } = await openApp(h, { width: w, height: hgt });
      const found: string[] = [];
      for (const file of TRACES) {
        await openTrace(page, file);
        await page.keyboard.press('End');
        await page.waitForTimeout(50);
        found.push(...(await overflowing(page)).map((o) => `${file}: ${o}`));
      }
      expect(found).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});

describe('presenter mode at 1280×720', () => {
  it('draws the diagram at 20 px or more, shows the current step and both outcomes, offers Previous/Next, the ledger and the matrix, and no notes unless docked', async () => {
    const { page, errors } = await openApp(h);
    await openTrace(page, '02-replay.proofline.json');
    await page.keyboard.press('p');
    await page.getByRole('toolbar', { name: 'Presenter' }).waitFor();
    const next = page.getByRole('toolbar', { name: 'Presenter' }).getByRole('button', { name: 'Next step' });
    await expect(next.isVisible()).resolves.toBe(true);
    for (let i = 0; i < 12; i++) await next.click();
    // The current step is on screen in each lane.
    for (const lane of [0, 1] as const) {
      const current = laneAt(page, lane).locator('g.step.current');
      if ((await current.count()) === 0) continue;
      const r = await current.boundingBox();
      expect(r!.y).toBeGreaterThanOrEqual(0);
      expect(r!.y + r!.height).toBeLessThanOrEqual(720);
    }
    const sizes = await page.evaluate(() => Array.from(document.querySelectorAll<SVGTextElement>('.lanes svg text')).filter((t) => t.getComputedTextLength() > 0).map((t) => parseFloat(getComputedStyle(t).fontSize)));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: join(RESULTS, 'presenter-1280x720.png') });
    // The end: both outcomes on screen, Next disabled.
    await page.keyboard.press('End');
    for (const lane of [0, 1] as const) {
      const box = await laneAt(page, lane).locator('[data-outcome]').boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    }
    await expect(next.isDisabled()).resolves.toBe(true);
    expect(await overflowing(page)).toEqual([]);
    // No speaker notes on the audience's screen until the presenter docks them.
    await expect(page.locator('.notes').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Show notes' }).click();
    await expect(page.locator('.notes').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Show notes' }).click();
    // The ledger and the outcome matrix can be presented.
    await page.getByLabel('Show', { exact: true }).selectOption('ledger');
    await page.getByRole('table', { name: 'What the verifier can conclude' }).waitFor();
    await page.getByLabel('Show', { exact: true }).selectOption('matrix');
    await page.locator('.matrix-view').waitFor();
    await expect(page.getByRole('toolbar', { name: 'Presenter' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Show', { exact: true }).selectOption('both');
    await laneAt(page, 0).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
