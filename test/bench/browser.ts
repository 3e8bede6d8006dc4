/**
 * The browser half of `npm run bench`: drives the web build (dist-web/, built when missing or
 * stale) in Debian's Chromium and measures
 * - start: navigation → both lanes drawn (the app's `proofline:lanes-drawn` mark), against a blank
 *   page's DOMContentLoaded / first paint from the same server in the same run;
 * - step latency: ArrowRight keydown → the next animation frame after the DOM shows the new step,
 *   with motion on (instrumented by a script this bench injects, not by the app), in two
 *   conditions: at rest (the previous step's message animation has settled, as when a reader
 *   steps) and while a message is still animating (rapid pressing). Each is set against the same
 *   measurement on a reference page from the same server (steps.html: one "Step N / M" text, and
 *   in the animating condition a dot moved every frame), which is the floor this browser allows:
 *   while frames run continuously, a press waits for the next display frame (up to 16.7 ms).
 *   In traces of this Chromium (156) a frame runs style, layout and pre-paint before its animation
 *   callbacks, so the time includes them; paint, raster and display follow. The first WARMUP
 *   presses after a load are not samples (the first is reported on its own);
 * - the floor of step latency on screen: the app's page at step 0 saved as static HTML (its own
 *   stylesheets, none of its scripts) and, on each ArrowRight, the DOM changes the app made for
 *   that step before its next frame, recorded from the app and replayed by a few lines of script.
 *   What this page measures is what the browser needs to present the step's changes alone;
 *   the app's figure minus this one is the app's own cost;
 * - detail latency: keydown → the next frame after the checks panel shows the new step (the
 *   inspector, the checks, the notes and the knowledge cards follow a step once it has painted);
 * - frame times: requestAnimationFrame deltas while Play animates a message at speed 1;
 * - start JS: every JavaScript response loaded before the lanes were drawn, gzipped with node:zlib.
 * Nothing in the app's code is timed but the one mark; everything else is observed from outside.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DIST, ensureWebBuild, waitForLanesReady } from '../browser/harness.js';
// @ts-expect-error -- a plain .mjs script without type declarations
import { serveStatic } from '../../scripts/serve-web.mjs';

/** The mark the renderer sets once both lanes' diagrams have painted (renderer/src/perf/marks.ts). */
const LANES_DRAWN = 'proofline:lanes-drawn';
const VIEWPORT = { width: 1280, height: 720 };

export interface BrowserBench {
  /** Median over cold loads: navigation start → both lanes drawn (the app's mark, once the main thread has painted them). */
  readonly lanesDrawnMs: number;
  /** Median over cold loads: navigation start → both diagrams presented on screen (Element Timing). */
  readonly lanesPresentedMs: number;
  /** The app's own DOMContentLoaded and first contentful paint (median), for context. */
  readonly appDclMs: number;
  readonly appFcpMs: number;
  /** Reference: a blank page from the same server, median DOMContentLoaded and first paint. */
  readonly blankDclMs: number;
  readonly blankPaintMs: number;
  readonly loads: number;
  /** Step latency at rest and while animating, with the reference page's, in ms. */
  readonly step: { rest: StepLatency; animating: StepLatency; refRest: StepLatency; refAnimating: StepLatency; floor: StepLatency };
  /** rAF deltas while a message animates during Play. */
  readonly frames: { samples: number; p50: number; p95: number; max: number; idleP95: number };
  /** JS loaded before the lanes were drawn. */
  readonly js: { files: { name: string; bytes: number; gzip: number }[]; bytes: number; gzip: number };
}

/** keydown → next frame after the DOM shows the step; → DOM updated; → next frame after the checks show it. */
export interface StepLatency {
  /** The first press after the page loaded (cold code), not among the samples. */
  readonly first: number;
  /**
   * Event Timing: p95 of keydown → presentation of the next frame. Durations are rounded to the
   * nearest 8 ms (16 stands for 12–20 ms) and only 16 ms and more are reported; 0 stands for
   * "none reported", under 12 ms.
   */
  readonly presentedP95: number;
  /** Share of the sampled presses presented in under 12 ms (Event Timing reported none for them). */
  readonly under12: number;
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly domP95: number;
  readonly detailsP95: number;
}

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
/** Median of the finite values (a load without a paint entry gives NaN and does not count). */
const median = (xs: readonly number[]) => quantile(xs.filter(Number.isFinite), 0.5);

/**
 * Serve dist-web and one blank page from the same server: a temporary root that links every entry
 * of dist-web/ and adds blank.html (dist-web/ itself is shipped, so nothing is written into it).
 */
async function serveWithBlank(): Promise<{ url: string; root: string; close(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'proofline-bench-'));
  for (const e of readdirSync(DIST)) symlinkSync(join(DIST, e), join(root, e));
  writeFileSync(join(root, 'blank.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>\n');
  writeFileSync(join(root, 'steps.html'), STEPS_PAGE);
  const { server, url } = (await serveStatic(root, { port: 0 })) as { server: Server; url: string };
  return {
    url: url.endsWith('/') ? url : `${url}/`,
    root,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The reference for step latency: ArrowRight changes one "Step N / M" text (Home goes back), and
 * with `?animate` a dot moves every frame, as a message does in the app. Whatever this page
 * measures is the browser's and the machine's, not the app's.
 */
const STEPS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>steps</title></head><body>
<p data-testid="step-count-0">Step 0 / 17</p><svg width="400" height="40"><circle class="token" r="7" cx="0" cy="20" style="opacity:0"></circle></svg>
<script>
let n = 0;
const count = document.querySelector('p');
const dot = document.querySelector('circle');
window.addEventListener('keydown', (e) => {
  if (e.key === 'Home') n = 0;
  else if (e.key === 'ArrowRight') n = Math.min(17, n + 1);
  else return;
  count.textContent = 'Step ' + n + ' / 17';
});
if (location.search.includes('animate')) {
  dot.style.opacity = '1';
  const tick = (t) => { dot.setAttribute('cx', String((t / 4) % 400)); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}
</script></body></html>
`;

/**
 * A fresh page. The bench's own reference pages (steps.html, floor.html) carry inline script and
 * the app's serialized inline styles, which the server's Content-Security-Policy (the app's) would
 * block: they are opened with `bypassCSP`. The app's page keeps its CSP.
 */
async function newPage(browser: Browser, { reference = false } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'no-preference', colorScheme: 'light', bypassCSP: reference });
  return context.newPage();
}

/** A cold load of the blank page: DOMContentLoaded and first paint, ms from navigation start. */
async function loadBlank(browser: Browser, url: string): Promise<{ dcl: number; paint: number }> {
  const page = await newPage(browser);
  await page.goto(`${url}blank.html`);
  const r = await page.waitForFunction(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const paint = performance.getEntriesByName('first-contentful-paint')[0] ?? performance.getEntriesByName('first-paint')[0];
    return nav && nav.domContentLoadedEventEnd > 0 && paint ? { dcl: nav.domContentLoadedEventEnd, paint: paint.startTime } : null;
  });
  const v = (await r.jsonValue()) as { dcl: number; paint: number };
  await page.context().close();
  return v;
}

/** A cold load of the app up to both lanes drawn; keeps the page open when `keep`. */
async function loadApp(browser: Browser, url: string): Promise<{ page: Page; drawn: number; presented: number; dcl: number; fcp: number; js: BrowserBench['js'] }> {
  const page = await newPage(browser);
  const responses = new Map<string, Response>();
  page.on('response', (r) => {
    if (!responses.has(r.url())) responses.set(r.url(), r);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const handle = await page.waitForFunction(
    (mark) => {
      const m = performance.getEntriesByName(mark, 'mark')[0];
      if (!m || performance.getEntriesByName('first-contentful-paint').length === 0) return null;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      // The scripts that had arrived when the lanes were drawn (module preloads included).
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /\.m?js(\?|$)/.test(e.name) && e.responseEnd <= m.startTime).map((e) => e.name);
      return { drawn: m.startTime, dcl: nav.domContentLoadedEventEnd, fcp: fcp?.startTime ?? NaN, scripts };
    },
    LANES_DRAWN,
    { timeout: 30_000 },
  );
  const v = (await handle.jsonValue()) as { drawn: number; dcl: number; fcp: number; scripts: string[] };
  if (errors.length) throw new Error(`the app threw while starting: ${errors.join('; ')}`);
  // When both diagrams were on screen: the Element Timing entries of their actors' names (the
  // render time is the presentation of the frame that first showed them). Observed, not polled:
  // element entries are only delivered to observers (buffered ones included).
  const presented = (await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const first = new Map<string, number>();
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { identifier: string; renderTime: number }[]) {
            if (/^diagram-[01]$/.test(e.identifier) && !first.has(e.identifier)) first.set(e.identifier, e.renderTime);
          }
          if (first.size === 2) resolve(Math.max(...first.values()));
        }).observe({ type: 'element', buffered: true });
        setTimeout(() => resolve(NaN), 5000);
      }),
  )) as number;
  const files: BrowserBench['js']['files'] = [];
  for (const s of v.scripts) {
    const r = responses.get(s);
    if (!r) throw new Error(`no response seen for ${s}`);
    const body = await r.body();
    files.push({ name: s.slice(s.lastIndexOf('/') + 1), bytes: body.length, gzip: gzipSync(body).length });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const js = { files, bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
  return { page, drawn: v.drawn, presented, dcl: v.dcl, fcp: v.fcp, js };
}

/**
 * In-page instrumentation of step latency: keydown timeStamp → DOM shows the new step → next frame,
 * and → next frame after the checks panel shows the new step (where the page has one).
 * Plain JavaScript text (a compiled function would carry the bundler's helpers into the page).
 */
const INSTRUMENT_STEPS = `(() => {
  const bench = (window.__bench = { frame: [], dom: [], details: [] });
  const text = () => Array.from(document.querySelectorAll('[data-testid^="step-count-"]'), (e) => e.textContent).join('|');
  const detail = () => document.querySelector('.checks .inspector-step')?.textContent ?? null;
  let pending = null;
  let follow = null;
  bench.keys = [];
  bench.events = [];
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight') return;
    pending = { t: e.timeStamp, before: text(), detail: detail() };
    bench.keys.push(e.timeStamp);
  }, { capture: true });
  // Event Timing: keydown → the presentation of the next frame after its handlers (rounded to the
  // nearest 8 ms; only 16 ms and more, 12 ms and more before rounding, are reported).
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'keydown') bench.events.push([e.startTime, e.duration]);
  }).observe({ type: 'event', durationThreshold: 16 });
  new MutationObserver(() => {
    if (pending && text() !== pending.before) {
      const p = pending;
      pending = null;
      bench.dom.push(performance.now() - p.t);
      requestAnimationFrame(() => bench.frame.push(performance.now() - p.t));
      if (p.detail !== null) follow = p;
    }
    if (follow && detail() !== follow.detail) {
      const f = follow;
      follow = null;
      requestAnimationFrame(() => bench.details.push(performance.now() - f.t));
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/** Whether no message is moving or fading, and no d3 transition is scheduled on one. */
const settled = () =>
  Array.from(document.querySelectorAll<SVGCircleElement>('circle.token')).every((c) => !(c as unknown as { __transition?: unknown }).__transition && Number(c.style.opacity || 0) === 0);

/** Presses before the samples: the page's code runs its first steps cold (reported as `first`). */
const WARMUP = 5;

/**
 * Press ArrowRight `presses` times after WARMUP presses (Home at the end of a run) and collect the latencies.
 * At rest, each press waits until the previous step's message has settled, then 20-80 ms more;
 * animating, presses come 40-62 ms apart, so a message is always moving.
 */
async function stepLatency(page: Page, presses: number, mode: 'rest' | 'animating'): Promise<StepLatency> {
  const total = presses + WARMUP;
  await page.evaluate(INSTRUMENT_STEPS);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < total; i++) {
    if (await atEnd(page)) await page.keyboard.press('Home');
    if (mode === 'rest') {
      await page.waitForFunction(settled);
      await page.waitForTimeout(20 + ((i * 13) % 61));
    }
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => (window as unknown as { __bench: { frame: number[] } }).__bench.frame.length > n, i);
    if (mode === 'animating') await page.waitForTimeout(40 + ((i * 7) % 23));
  }
  // The last press's details, if the page has them and they are still to come.
  await page.waitForTimeout(200);
  const all = await page.evaluate(() => (window as unknown as { __bench: { frame: number[]; dom: number[]; details: number[]; keys: number[]; events: [number, number][] } }).__bench);
  const [frame, dom, details] = [all.frame, all.dom, all.details].map((xs) => xs.slice(WARMUP)) as [number[], number[], number[]];
  // Presented: each sampled press's Event Timing duration, 0 where none was reported (under 12 ms).
  const presented = all.keys.slice(WARMUP).map((t) => all.events.find(([start]) => Math.abs(start - t) < 0.01)?.[1] ?? 0);
  const under12 = presented.filter((d) => d === 0).length / Math.max(1, presented.length);
  return { first: all.frame[0] ?? NaN, presentedP95: quantile(presented, 0.95), under12, samples: frame.length, p50: median(frame), p95: quantile(frame, 0.95), max: Math.max(...frame), domP95: quantile(dom, 0.95), detailsP95: quantile(details, 0.95) };
}

/**
 * Recording the floor page (plain JavaScript text, run in the app's page). Every element gets a
 * `data-bid`; from each keydown to the next animation frame the mutations are collected and, in
 * that frame, turned into the changes to replay: an element whose children changed gets its new
 * children (its innerHTML, new elements tagged first), other changes are final attribute values
 * and text node contents. Work after that frame (the panels that follow a step, the message
 * animation) is not part of a step's first frame and is not recorded.
 */
const RECORD_FLOOR = `(() => {
  // HTML merges adjacent text nodes, which React keeps apart ("Step ", "4", " / ", "17"): a copy
  // keeps them apart with empty comments, and text changes name a text node by its place among
  // its parent's text nodes.
  const separated = (el) => {
    const copy = el.cloneNode(true);
    const walk = (n) => { for (const c of Array.from(n.childNodes)) { if (c.nodeType === 3 && c.previousSibling?.nodeType === 3) n.insertBefore(document.createComment(''), c); walk(c); } };
    walk(copy);
    return copy;
  };
  let next = 1;
  const tag = (el) => { if (!el.hasAttribute('data-bid')) el.setAttribute('data-bid', String(next++)); for (const c of el.children) tag(c); };
  tag(document.body);
  const rec = (window.__floor = { steps: [], capture: false, records: [], separated });
  const mo = new MutationObserver((rs) => { if (rec.capture) rec.records.push(...rs); });
  mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  const changes = (records) => {
    const parents = [...new Set(records.filter((r) => r.type === 'childList' && r.target.isConnected).map((r) => r.target))];
    const replaced = parents.filter((p) => !parents.some((q) => q !== p && q.contains(p)));
    const inReplaced = (n) => replaced.some((p) => p !== n && p.contains(n));
    const out = [];
    for (const p of replaced) { tag(p); out.push(['html', p.dataset.bid, separated(p).innerHTML]); }
    const seen = new Set();
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName !== 'data-bid' && r.target.isConnected && !inReplaced(r.target)) {
        const key = r.target.dataset.bid + ' ' + r.attributeName;
        if (!seen.has(key)) { seen.add(key); out.push(['attr', r.target.dataset.bid, r.attributeName, r.target.getAttribute(r.attributeName)]); }
      } else if (r.type === 'characterData' && r.target.isConnected && !inReplaced(r.target)) {
        const parent = r.target.parentElement;
        const index = Array.from(parent.childNodes).filter((n) => n.nodeType === 3).indexOf(r.target);
        const key = parent.dataset.bid + ' #' + index;
        if (!seen.has(key)) { seen.add(key); out.push(['text', parent.dataset.bid, index, r.target.data]); }
      }
    }
    return out;
  };
  window.addEventListener('keydown', () => {
    rec.capture = true;
    requestAnimationFrame(() => {
      const records = [...rec.records, ...mo.takeRecords()];
      rec.capture = false;
      rec.records = [];
      rec.steps.push(changes(records));
    });
  }, { capture: true });
})()`;

/**
 * The floor page's script: ArrowRight replays the next recorded step's changes, Home the reset
 * (as the app, both take the key from the page). Elements are found through a map made once,
 * updated where children are replaced, so a press does no more than the changes themselves.
 */
const floorScript = (steps: unknown[], home: unknown) => `const STEPS = ${JSON.stringify(steps)};
const HOME = ${JSON.stringify(home)};
const byId = new Map();
const index = (root) => { for (const el of root.querySelectorAll('[data-bid]')) byId.set(el.dataset.bid, el); };
index(document);
const apply = (changes) => {
  for (const c of changes) {
    const el = byId.get(c[1]);
    if (!el) continue;
    if (c[0] === 'html') { el.innerHTML = c[2]; index(el); }
    else if (c[0] === 'attr') { if (c[3] === null) el.removeAttribute(c[2]); else el.setAttribute(c[2], c[3]); }
    else { const t = Array.from(el.childNodes).filter((n) => n.nodeType === 3)[c[2]]; if (t) t.data = c[3]; }
  }
};
let next = 0;
window.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight') { if (next < STEPS.length) apply(STEPS[next++]); }
  else if (e.key === 'Home') { apply(HOME); next = 0; }
  else return;
  e.preventDefault();
});
`;

/**
 * Record the floor page from the app: its page at step 0 as static HTML and each step's changes
 * through a whole run (both lanes to their end), then Home's. Written into the server's root as
 * floor.html and floor.js (the app's own Content-Security-Policy allows a script from 'self').
 */
async function recordFloor(browser: Browser, url: string, root: string): Promise<void> {
  const page = await newPage(browser);
  await page.goto(url);
  await waitForLanesReady(page);
  await page.waitForLoadState('networkidle');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.evaluate(RECORD_FLOOR);
  const html = (await page.evaluate(() => {
    const doc = (window as unknown as { __floor: { separated(e: Element): HTMLElement } }).__floor.separated(document.documentElement);
    doc.querySelectorAll('script, link[rel="modulepreload"]').forEach((e) => e.remove());
    // A select shows its value, which is not an attribute: mark the chosen option in the copy.
    const live = Array.from(document.querySelectorAll('select'));
    doc.querySelectorAll('select').forEach((sel, i) => Array.from(sel.options).forEach((o, j) => o.toggleAttribute('selected', j === live[i]?.selectedIndex)));
    return `<!doctype html>\n${doc.outerHTML}`;
  })) as string;
  const recorded = () => page.evaluate(() => (window as unknown as { __floor: { steps: unknown[][] } }).__floor.steps.length);
  const press = async (key: string) => {
    const before = await recorded();
    await page.keyboard.press(key);
    await page.waitForFunction((n) => (window as unknown as { __floor: { steps: unknown[] } }).__floor.steps.length > n, before);
    // Let the step's follow-up work (panels, the message) finish before the next press.
    await page.waitForFunction(settled);
    await page.waitForTimeout(150);
  };
  for (let i = 0; i < 200 && !(await atEnd(page)); i++) await press('ArrowRight');
  await press('Home');
  const steps = (await page.evaluate(() => (window as unknown as { __floor: { steps: unknown[][] } }).__floor.steps)) as unknown[][];
  await page.context().close();
  if (steps.length < 2 || steps.slice(0, -1).some((c) => c.length === 0)) throw new Error(`recording the floor page: a step made no change (${steps.map((c) => c.length).join(', ')})`);
  writeFileSync(join(root, 'floor.js'), floorScript(steps.slice(0, -1), steps.at(-1)));
  writeFileSync(join(root, 'floor.html'), html.replace('</body>', '<script src="./floor.js"></script></body>'));
}

/** Whether every lane's step counter shows its last step. */
const atEnd = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="step-count-"]')).every((e) => {
      const m = /Step (\d+) \/ (\d+)/.exec(e.textContent ?? '');
      return m !== null && m[1] === m[2];
    }),
  );

/** Step latency at rest on the floor page (recorded first). */
async function floorLatency(browser: Browser, url: string, root: string, presses: number): Promise<StepLatency> {
  await recordFloor(browser, url, root);
  const page = await newPage(browser, { reference: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}floor.html`);
  // The replay must move the step counters as the app did, or there is nothing to measure.
  const counters = () => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid^="step-count-"]'), (e) => e.textContent).join(' | '));
  const before = await counters();
  await page.keyboard.press('ArrowRight');
  const after = await counters();
  if (after === before) throw new Error(`the floor page did not replay a step (step counters stay at ${before})`);
  await page.keyboard.press('Home');
  const l = await stepLatency(page, presses, 'rest');
  await page.context().close();
  if (errors.length) throw new Error(`the floor page threw: ${errors.join('; ')}`);
  return l;
}

/** Step latency of the app, once the one-off start work is over, and of the reference page, in one condition. */
async function stepLatencies(browser: Browser, app: Page, url: string, presses: number, mode: 'rest' | 'animating'): Promise<{ app: StepLatency; ref: StepLatency }> {
  const page = await newPage(browser, { reference: true });
  await page.goto(`${url}steps.html${mode === 'animating' ? '?animate' : ''}`);
  const ref = await stepLatency(page, presses, mode);
  await page.context().close();
  // Reload the app's page for a fresh instrument; wait until the start work (the first trace
  // re-verified, the deferred chunks loaded) is over, so key presses are not measured against it.
  await app.reload();
  await waitForLanesReady(app);
  await app.waitForLoadState('networkidle');
  return { app: await stepLatency(app, presses, mode), ref };
}

/**
 * rAF deltas for MS milliseconds, split by whether a message token was visible (moving or fading)
 * at either end of the frame.
 */
const FRAME_TIMES = `new Promise((resolve) => {
  const anim = [];
  const idle = [];
  const animating = () => Array.from(document.querySelectorAll('circle.token')).some((c) => Number(c.style.opacity || 0) > 0);
  let last = 0;
  let was = false;
  let end = 0;
  const tick = (t) => {
    const now = animating();
    (was || now ? anim : idle).push(t - last);
    last = t;
    was = now;
    if (t < end) requestAnimationFrame(tick);
    else resolve({ anim, idle });
  };
  requestAnimationFrame((t) => {
    last = t;
    end = t + MS;
    was = animating();
    requestAnimationFrame(tick);
  });
})`;

/** rAF deltas for `ms` of Play at speed 1, split by whether a message token was moving or fading. */
async function frameTimes(page: Page, ms: number): Promise<BrowserBench['frames']> {
  await page.keyboard.press('Home');
  const play = page.getByRole('button', { name: '▶ Play' });
  await play.click();
  const r = (await page.evaluate(FRAME_TIMES.replace('MS', String(ms)))) as { anim: number[]; idle: number[] };
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  return { samples: r.anim.length, p50: median(r.anim), p95: quantile(r.anim, 0.95), max: Math.max(...r.anim), idleP95: quantile(r.idle, 0.95) };
}

/**
 * Run the browser benchmarks; null (after saying why) when Chromium is not installed, so the rest
 * of `npm run bench` still reports.
 */
export async function benchBrowser(opts: { loads?: number; presses?: number; playMs?: number } = {}): Promise<BrowserBench | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`Browser: skipped — ${CHROMIUM} is missing (apt-get install -y chromium); no start, step, frame or JS-size numbers this run.`);
    return null;
  }
  const loads = opts.loads ?? 7;
  ensureWebBuild();
  const server = await serveWithBlank();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Warm the browser process and the server once; neither counts.
    await loadBlank(browser, server.url);
    await (await loadApp(browser, server.url)).page.context().close();

    const blank: { dcl: number; paint: number }[] = [];
    const app: { drawn: number; presented: number; dcl: number; fcp: number }[] = [];
    let js: BrowserBench['js'] | null = null;
    let kept: Page | null = null;
    for (let i = 0; i < loads; i++) {
      // Alternate, so both see the same machine load.
      blank.push(await loadBlank(browser, server.url));
      const a = await loadApp(browser, server.url);
      app.push(a);
      js ??= a.js;
      if (i === loads - 1) kept = a.page;
      else await a.page.context().close();
    }
    const rest = await stepLatencies(browser, kept!, server.url, opts.presses ?? 60, 'rest');
    const animating = await stepLatencies(browser, kept!, server.url, opts.presses ?? 60, 'animating');
    const floor = await floorLatency(browser, server.url, server.root, opts.presses ?? 60);
    const step = { rest: rest.app, animating: animating.app, refRest: rest.ref, refAnimating: animating.ref, floor };
    const frames = await frameTimes(kept!, opts.playMs ?? 3200);
    await kept!.context().close();
    return {
      lanesDrawnMs: median(app.map((a) => a.drawn)),
      lanesPresentedMs: median(app.map((a) => a.presented)),
      appDclMs: median(app.map((a) => a.dcl)),
      appFcpMs: median(app.map((a) => a.fcp)),
      blankDclMs: median(blank.map((b) => b.dcl)),
      blankPaintMs: median(blank.map((b) => b.paint)),
      loads,
      step,
      frames,
      js: js!,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
