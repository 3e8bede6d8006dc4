/**
 * Browser-test harness: makes sure dist-web/ is built and current (builds it once when it is
 * missing or older than its sources), serves it with scripts/serve-web.mjs on a free port, and
 * drives Debian's Chromium through playwright-core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { serveStatic } from '../../scripts/serve-web.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS = join(ROOT, 'test-results');
/** Where browser tests put their screenshots: SHOTS_DIR when set, else test-results/. */
export const SHOTS = process.env.SHOTS_DIR ?? RESULTS;

/** Lane 0 (left) or 1 (right) of the lanes view. */
export const laneAt = (page: Page, i: 0 | 1) => page.locator('.lanes > .lane').nth(i);
export const DIST = join(ROOT, 'dist-web');
/** Debian's Chromium, driven through playwright-core, and the flags every run uses. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist-web when missing or stale. */
export function ensureWebBuild(): void {
  const index = join(DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...['renderer', 'core', 'traces'].map((d) => newest(join(ROOT, d))), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
  if (built > sources) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Wait until both lanes have their runs and are done recording or re-verifying (the first start
 * draws the prepared trace before re-verifying it), optionally with a given scenario's runs.
 */
export async function waitForLanesReady(page: Page, scenario?: string): Promise<void> {
  await page.waitForFunction((want) => {
    const lanes = Array.from(document.querySelectorAll('section.lane'));
    return lanes.length === 2 && lanes.every((l) => l.getAttribute('data-status') === 'ready' && (want === null || l.getAttribute('data-scenario') === want));
  }, scenario ?? null);
}

export interface Harness {
  readonly browser: Browser;
  readonly url: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  ensureWebBuild();
  mkdirSync(RESULTS, { recursive: true });
  const { server, url } = (await serveStatic(DIST, { port: 0 })) as { server: Server; url: string };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    url,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * The harness for one test file: started before its tests, closed after them. Use it at the top
 * level of the file (`const h = useHarness();`); its browser and URL are there once the tests run.
 */
export function useHarness(timeout = 180_000): Harness {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error('the browser harness is not started yet: use it inside a test');
    return started;
  };
  beforeAll(async () => {
    started = await startHarness();
  }, timeout);
  afterAll(async () => {
    await started?.close();
  });
  return {
    get browser() {
      return current().browser;
    },
    get url() {
      return current().url;
    },
    close: () => current().close(),
  };
}

/** How {@link openApp} opens the app. */
export interface OpenAppOptions {
  readonly width?: number;
  readonly height?: number;
  readonly dark?: boolean;
  /** Reduced motion (the default: no message animation to wait for). */
  readonly reducedMotion?: boolean;
  /** Collect console errors and warnings too (a CSP report is a console error), as `type: text`. */
  readonly console?: boolean;
  /** The first-start tour opens, as it does outside automation (the tour stays out of navigator.webdriver's way). */
  readonly firstStart?: boolean;
}

/**
 * A new page on the app (1280×720 unless said; downloads accepted), its page errors collected,
 * once both lanes are drawn and verified. Close it with `page.context().close()`.
 */
export async function openApp(h: Harness, opts: OpenAppOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await h.browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 720 },
    colorScheme: opts.dark ? 'dark' : 'light',
    reducedMotion: opts.reducedMotion === false ? 'no-preference' : 'reduce',
    acceptDownloads: true,
  });
  if (opts.firstStart) await context.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false })" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(opts.console ? `pageerror: ${e.message}` : e.message));
  if (opts.console) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
  }
  await page.goto(h.url);
  await waitForLanesReady(page);
  return { page, errors };
}
