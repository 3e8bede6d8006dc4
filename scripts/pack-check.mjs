#!/usr/bin/env node
/**
 * `npm run pack:check`: packs the app the way `npm run dist` does, but offline: electron-builder
 * `--linux dir` with a stand-in Electron distribution (a small file named `electron` that carries
 * Electron's fuse wire, so the fuse flipping runs for real), then checks what went into the package:
 *
 *  - resources/app.asar holds package.json (whose "main" is in the archive), the bundled main
 *    process, the preload, the shell's pages and the renderer (index.html and its scripts);
 *  - and nothing else: no tests, no TypeScript sources, no source maps, no node_modules, no
 *    config or dev files;
 *  - resources/traces holds every prepared trace of traces/, byte for byte;
 *  - the executable's fuses are flipped as electron-builder.yml says.
 *
 * Builds dist/main (always) and dist-web (when missing) first. Exits 1 on any problem.
 *   node scripts/pack-check.mjs [--out DIR]   (default release/)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

/** @electron/fuses' sentinel, and the fuse order of wire version 1. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
/** What electron-builder.yml sets (checked against the packed binary). */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

const REQUIRED = ['/package.json', '/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/main/pages/references.html', '/dist/main/capture/index.html', '/dist-web/index.html'];
/** Paths that must never be packed. */
const FORBIDDEN = [
  [/(^|\/)node_modules(\/|$)/, 'node_modules'],
  [/(^|\/)(test|tests|__tests__|test-results|scratch)(\/|$)/, 'a test or scratch folder'],
  [/\.(c|m)?tsx?$/, 'a TypeScript source'],
  [/\.map$/, 'a source map'],
  [/^\/(main|core|renderer|cli|scripts|docs|build|security|traces|release)(\/|$)/, 'a source or dev folder'],
  [/(^|\/)(tsconfig[^/]*\.json|vite\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|electron-builder\.ya?ml|package-lock\.json|\.gitignore|\.npmrc|README\.md)$/, 'a config or dev file'],
  [/(^|\/)\.(git|ci|vscode|idea|github)(\/|$)/, 'a dot folder'],
];

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`${label} failed (exit ${r.status})`);
  }
  return r.stdout;
}

/** A directory that electron-builder accepts as an unpacked Linux Electron: `electron` (with a fuse wire), LICENSE, version. */
export function makeStandInElectron(dir, version) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from('1'.repeat(FUSES.length))]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron: pack:check only" >&2\nexit 1\n# '), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (pack:check).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  writeFileSync(join(dir, 'version'), version);
}

/** The fuses of an executable, by name. */
export function readFuses(file) {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) return null;
  const pos = at + FUSE_SENTINEL.length;
  const length = bytes[pos + 1];
  const out = {};
  for (let i = 0; i < Math.min(length, FUSES.length); i++) out[FUSES[i]] = String.fromCharCode(bytes[pos + 2 + i]) === '1';
  return out;
}

/** Problems with the list of packed paths (asar listing, leading slash). */
export function asarProblems(paths) {
  const problems = [];
  const set = new Set(paths);
  for (const p of REQUIRED) if (!set.has(p)) problems.push(`missing from app.asar: ${p}`);
  if (!paths.some((p) => /^\/dist-web\/assets\/[^/]+\.js$/.test(p))) problems.push('missing from app.asar: the renderer scripts (dist-web/assets/*.js)');
  for (const p of paths) {
    for (const [re, what] of FORBIDDEN) {
      if (re.test(p)) {
        problems.push(`packed but must not be (${what}): ${p}`);
        break;
      }
    }
  }
  return problems;
}

function main() {
  const problems = [];
  const out = arg('--out') ?? join(root, 'release');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

  console.log('pack:check: building dist/main');
  run(process.execPath, [join(root, 'scripts', 'build-main.mjs')], 'build:main');
  if (!existsSync(join(root, 'dist-web', 'index.html'))) {
    console.log('pack:check: building dist-web');
    run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'build:web');
  }

  const work = mkdtempSync(join(tmpdir(), 'proofline-pack-'));
  const electronDist = join(work, 'electron-dist');
  makeStandInElectron(electronDist, electronVersion);
  rmSync(join(out, 'linux-unpacked'), { recursive: true, force: true });
  console.log(`pack:check: electron-builder --linux dir (stand-in Electron ${electronVersion}) → ${out}`);
  try {
    run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--x64', `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`, '--publish', 'never'], 'electron-builder');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const unpacked = join(out, 'linux-unpacked');
  const archive = join(unpacked, 'resources', 'app.asar');
  if (!existsSync(archive)) {
    problems.push(`no ${archive}`);
  } else {
    const paths = asar.listPackage(archive, { isPack: false }).map((p) => p.replace(/\\/g, '/'));
    const files = paths.filter((p) => {
      try {
        return !asar.statFile(archive, p.slice(1)).files;
      } catch {
        return true;
      }
    });
    problems.push(...asarProblems(paths));
    try {
      const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
      if (!paths.includes(`/${pkg.main}`)) problems.push(`package.json "main" (${pkg.main}) is not in app.asar`);
    } catch (e) {
      problems.push(`package.json in app.asar is unreadable: ${e.message}`);
    }
    console.log(`pack:check: app.asar holds ${files.length} files`);
  }

  const traceDir = join(root, 'traces');
  const traces = existsSync(traceDir) ? readdirSync(traceDir).filter((f) => f.endsWith('.proofline.json')) : [];
  if (traces.length === 0) problems.push('traces/ holds no prepared traces to ship');
  for (const t of traces) {
    const packed = join(unpacked, 'resources', 'traces', t);
    if (!existsSync(packed)) problems.push(`prepared trace not shipped: resources/traces/${t}`);
    else if (!readFileSync(packed).equals(readFileSync(join(traceDir, t)))) problems.push(`prepared trace differs from traces/${t}`);
  }
  console.log(`pack:check: ${traces.length} prepared traces checked`);

  const exe = join(unpacked, 'proofline');
  const fuses = existsSync(exe) ? readFuses(exe) : null;
  if (!fuses) problems.push(`no fuse wire in ${exe}`);
  else {
    for (const [name, want] of Object.entries(EXPECTED_FUSES)) {
      if (fuses[name] !== want) problems.push(`fuse ${name} is ${fuses[name]}, expected ${want}`);
    }
  }

  if (problems.length > 0) {
    for (const p of problems) console.error(`  FAIL ${p}`);
    console.error(`pack:check: ${problems.length} problem(s)`);
    return 1;
  }
  console.log('pack:check: OK — main, preload, pages, capture page, renderer and prepared traces packed; no tests, sources, maps or node_modules; fuses flipped');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`pack:check: ${e.message}`);
    process.exitCode = 1;
  }
}
