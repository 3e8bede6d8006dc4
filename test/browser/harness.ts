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
 * A new page on the app at the given viewport (reduced motion, downloads accepted), its page errors
 * collected, once both lanes are drawn and verified.
 */
export async function openApp(h: Harness, width = 1280, height = 720): Promise<{ page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(h.url);
  await waitForLanesReady(page);
  return { page, errors };
}
