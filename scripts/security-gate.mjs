#!/usr/bin/env node
/**
 * `npm run security`: runs @doyensec/electronegativity over the Electron shell's sources (main/)
 * and the built renderer (dist-web/, built first when missing) in one scan, so its global checks
 * see the navigation limits and permission handlers of main together with the renderer's pages.
 * electronegativity always exits 0, so this script reads its findings and fails (exit 1) on any
 * HIGH or MEDIUM finding that the checked-in allowlist does not list with a reason. Exit 2: the
 * scan itself did not run or its report is unreadable.
 *
 *   node scripts/security-gate.mjs                       scan (scripts/electronegativity-scan.cjs) and gate
 *   node scripts/security-gate.mjs --report r.csv        gate an existing report (no scan)
 *   node scripts/security-gate.mjs --allowlist a.json    use another allowlist
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GATED = new Set(['HIGH', 'MEDIUM']);

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** RFC 4180-style CSV: quoted fields with doubled quotes; electronegativity writes one finding per line. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The findings of an electronegativity CSV report. */
export function findingsOf(csv) {
  return parseCsv(csv)
    .filter((r) => /^[A-Z0-9_]+_CHECK$/.test((r[0] ?? '').trim()))
    .map(([check, severity, confidence, file, location, sample, description]) => ({
      check: check.trim(),
      severity: (severity ?? '').trim().toUpperCase(),
      confidence: (confidence ?? '').trim(),
      file: (file ?? '').trim().replace(/\\/g, '/'),
      location: (location ?? '').trim(),
      sample: (sample ?? '').trim(),
      description: (description ?? '').trim(),
    }));
}

/** Load and check the allowlist: every entry names a check and a file and gives its reason. */
export function loadAllowlist(path) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  if (!json || !Array.isArray(json.allow)) throw new Error(`${path}: expected {"allow": [...]}`);
  return json.allow.map((e, i) => {
    for (const k of ['check', 'file', 'reason']) {
      if (typeof e?.[k] !== 'string' || e[k].trim() === '') throw new Error(`${path}: allow[${i}].${k} must be a non-empty string`);
    }
    if (e.sample !== undefined && typeof e.sample !== 'string') throw new Error(`${path}: allow[${i}].sample must be a string`);
    return e;
  });
}

const matches = (entry, f) => entry.check === f.check && entry.file === f.file && (entry.sample === undefined || f.sample.includes(entry.sample));

function scan() {
  const index = join(root, 'dist-web', 'index.html');
  if (!existsSync(index)) {
    console.log('security: dist-web/ is missing; building the renderer first');
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) return { error: 'the renderer build failed' };
  }
  const work = mkdtempSync(join(tmpdir(), 'proofline-security-'));
  const input = join(work, 'scan');
  cpSync(join(root, 'main'), join(input, 'main'), { recursive: true });
  cpSync(join(root, 'dist-web'), join(input, 'dist-web'), { recursive: true });
  const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  // electronegativity's own CLI writes its CSV with two racing writes and, on a loaded machine,
  // sometimes an empty report: run its scanner in a child process that prints the findings as JSON.
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'electronegativity-scan.cjs'), input, electron], { cwd: root, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  rmSync(work, { recursive: true, force: true });
  let scan;
  try {
    scan = r.status === 0 ? JSON.parse(r.stdout) : null;
  } catch {
    scan = null;
  }
  if (!scan || !Array.isArray(scan.findings)) return { error: `electronegativity did not run (exit ${r.status}): ${(r.stderr || r.stdout || '').slice(-2000)}` };
  if (!(scan.atomicChecks > 0)) return { error: 'electronegativity loaded no checks' };
  return { findings: scan.findings, errors: scan.errors, checks: scan.atomicChecks + scan.globalChecks, electron };
}

function main() {
  const allowlistPath = arg('--allowlist') ?? join(root, 'security', 'electronegativity-allowlist.json');
  let allow;
  try {
    allow = loadAllowlist(allowlistPath);
  } catch (e) {
    console.error(`security: ${e.message}`);
    return 2;
  }
  let findings;
  const reportPath = arg('--report');
  if (reportPath) {
    const csv = readFileSync(reportPath, 'utf8');
    if (!/issue,\s*severity/.test(csv) && findingsOf(csv).length === 0 && csv.trim() !== '') {
      console.error('security: the report is not an electronegativity CSV');
      return 2;
    }
    findings = findingsOf(csv);
  } else {
    const result = scan();
    if (result.error) {
      console.error(`security: ${result.error}`);
      return 2;
    }
    findings = result.findings;
    console.log(`security: electronegativity (${result.checks} checks) over main/ and dist-web/ (Electron ${result.electron})`);
    if (result.errors > 0) console.log(`  note     electronegativity could not analyse ${result.errors} file(s) fully (it reports an unknown syntax node); the rest were scanned`);
  }
  const used = new Set();
  const failures = [];
  for (const f of findings) {
    const where = `${f.check} ${f.severity}/${f.confidence} ${f.file}:${f.location}`;
    const entry = allow.find((e) => matches(e, f));
    if (entry) {
      used.add(entry);
      console.log(`  allowed  ${where} — ${entry.reason}`);
    } else if (GATED.has(f.severity)) {
      failures.push(f);
      console.log(`  FAIL     ${where}  ${f.sample}`);
    } else {
      console.log(`  note     ${where}  ${f.description}`);
    }
  }
  for (const e of allow) if (!used.has(e)) console.log(`  (allowlist entry no longer needed: ${e.check} ${e.file})`);
  const gated = findings.filter((f) => GATED.has(f.severity)).length;
  console.log(`security: ${findings.length} finding(s), ${gated} HIGH/MEDIUM, ${failures.length} not allowlisted`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
