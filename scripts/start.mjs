#!/usr/bin/env node
/**
 * `npm start`: the desktop app when the Electron binary is present, else the web build served
 * locally (this machine cannot download Electron's binary; DESIGN.md §7).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './serve-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist-web is missing or older than the sources it is built from. */
function webBuildStale() {
  const index = join(root, 'dist-web', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return ['renderer', 'core', 'traces'].some((d) => existsSync(join(root, d)) && newestMtime(join(root, d)) > built);
}

function buildWebIfStale() {
  if (!webBuildStale()) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** True when dist/main is missing or older than main/ and core/ (main bundles core's trace parser). */
function mainBuildStale() {
  const built = join(root, 'dist', 'main', 'main.cjs');
  if (!existsSync(built)) return true;
  const t = statSync(built).mtimeMs;
  return ['main', 'core'].some((d) => existsSync(join(root, d)) && newestMtime(join(root, d)) > t);
}

const electron = electronBinary();
if (electron) {
  // The desktop app: build what it loads (main + preload, the renderer) when missing or stale, then launch.
  if (mainBuildStale()) {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-main.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  buildWebIfStale();
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is missing: serving the web build instead.');
  buildWebIfStale();
  const port = Number(process.env.PORT) || 5173;
  const { url } = await serveStatic(join(root, 'dist-web'), { port });
  console.log(`Proofline: ${url}`);
}
