#!/usr/bin/env node
/**
 * `npm run build:main`: bundles the Electron main process and the preload with esbuild into
 * dist/main/ (CommonJS, platform node, `electron` external), so the packaged app needs no
 * node_modules at run time. The preload is sandboxed: it may require only `electron`, so
 * everything else (the contract) is inlined. The shell's static pages are copied beside them.
 * No source maps are written: the package must not carry them.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'main');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const major = electronVersion.split('.')[0];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  // ESM entry points first: a UMD build (a package's "main") can hide its requires from bundlers.
  mainFields: ['module', 'main'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
};

// Electron 41 ships Node 24 and Chromium 146; target their language level.
const nodeTarget = Number(major) >= 37 ? 'node22' : 'node20';

await build({ ...common, entryPoints: ['main/main.ts'], outfile: join(out, 'main.cjs'), target: nodeTarget });
await build({ ...common, entryPoints: ['main/preload.ts'], outfile: join(out, 'preload.cjs'), target: 'chrome120' });
cpSync(join(root, 'main', 'pages'), join(out, 'pages'), { recursive: true });
// The capture page (File > Record with my authenticator…), served to the user's own browser.
cpSync(join(root, 'renderer', 'capture'), join(out, 'capture'), { recursive: true });

console.log(`dist/main: main.cjs, preload.cjs, pages/, capture/ (Electron ${electronVersion})`);
