// The README's test command: builds what the tests need, typechecks, runs every vitest suite
// (unit, property, CLI, vectors, browser), then the gates that are not vitest suites, and ends
// with one plain line: "N passed, N failed". Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const has = (name) => Boolean(pkg.scripts?.[name]);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function gate(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

// Builds the tests rely on: a failed build counts as a failure and the rest still runs.
gate('build: CLI', 'npm', ['run', '--silent', 'build:cli']);
if (has('build:web')) gate('build: web renderer', 'npm', ['run', '--silent', 'build:web']);
if (has('build:main')) gate('build: Electron main and preload', 'npm', ['run', '--silent', 'build:main']);
gate('typecheck', 'npm', ['run', '--silent', 'typecheck']);

mkdirSync('test-results', { recursive: true });
rmSync('test-results/summary.txt', { force: true });
const report = 'test-results/vitest.json';
const vitestOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // Failed tests, plus test files that failed without a failed test (they did not load or run).
  // (vitest's numFailedTestSuites also counts describe blocks, so it is not used here.)
  const brokenFiles = (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed += (r.numFailedTests ?? 0) + brokenFiles;
  if ((r.numFailedTests ?? 0) + brokenFiles > 0) failures.push('vitest suites');
  else if (!vitestOk) {
    failed += 1;
    failures.push('vitest exited non-zero');
  }
} else {
  failed += 1;
  failures.push('vitest wrote no report');
}

if (has('security')) gate('security gate (electronegativity)', 'npm', ['run', '--silent', 'security']);
if (has('pack:check')) gate('packaging check (electron-builder --dir)', 'npm', ['run', '--silent', 'pack:check']);

const line = `${passed} passed, ${failed} failed`;
writeFileSync('test-results/summary.txt', `${line}\n`);
process.stdout.write(`\n${failures.length ? `failed: ${failures.join(', ')}\n` : ''}${line}\n`);
process.exit(failed === 0 ? 0 : 1);
