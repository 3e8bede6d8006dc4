// Scores of `npm run mutate` (stryker.config.mjs): reads every batch's report in reports/mutation/
// (or the report files named on the command line) and prints, per file, per folder (core/trace,
// core/rp/steps, core/rp/attestation, core/rp top level, core/rp in all) and in all, the share of
// mutants detected: killed + timeout over killed + timeout + survived + no coverage (a mutant no
// test reaches counts as survived; compile errors and ignored mutants are not counted). "Logic"
// mutants are every mutant but a changed string literal, which only changes a detail text; the
// default runs do not generate string literals (MUTATE_STRINGS=1 does), so there "all" = "logic".
// When two reports hold the same file, the newer one (by its file time) counts.
// --survivors lists the surviving logic mutants (--strings: string literals too).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'reports/mutation';
const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const reports = named.length ? named : existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => join(DIR, f)) : [];
if (!reports.length) {
  console.error(`No mutation report in ${DIR}/: run \`MUTATE_BATCH=trace npm run mutate\` first (see stryker.config.mjs).`);
  process.exit(1);
}
const files = new Map(); // file → { mutants, source, time, report }
// A report named *-lines.json covers line ranges only (stryker.config.mjs): its results replace
// the same mutants (same place, mutator and replacement) of the newest whole-file report.
const isLines = (path) => /-lines(-strings)?\.json$/.test(path);
const read = reports.map((path) => ({ path, time: statSync(path).mtimeMs, report: JSON.parse(readFileSync(path, 'utf8')) }));
for (const { path, time, report } of read.filter((r) => !isLines(r.path))) {
  for (const [file, entry] of Object.entries(report.files)) {
    const seen = files.get(file);
    if (!seen || seen.time < time) files.set(file, { ...entry, time, report: path });
  }
}
const key = (m) => `${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement}`;
for (const { time, report } of read.filter((r) => isLines(r.path)).sort((a, b) => a.time - b.time)) {
  for (const [file, entry] of Object.entries(report.files)) {
    const base = files.get(file);
    if (!base || base.time > time || base.source !== entry.source) continue;
    const over = new Map(entry.mutants.map((m) => [key(m), m]));
    base.mutants = base.mutants.map((m) => over.get(key(m)) ?? m);
  }
}
const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const folderOf = (file) => (file.startsWith('core/rp/') && file.split('/').length === 3 ? 'core/rp (top level)' : file.split('/').slice(0, file.startsWith('core/rp/') ? 3 : 2).join('/'));
const groups = new Map();
const add = (key, logic, hit) => {
  const g = groups.get(key) ?? { all: [0, 0], logic: [0, 0] };
  groups.set(key, g);
  g.all[0] += hit; g.all[1] += 1;
  if (logic) { g.logic[0] += hit; g.logic[1] += 1; }
};
const rows = [];
for (const [file, { mutants }] of files) {
  const row = { file, all: [0, 0], logic: [0, 0] };
  for (const m of mutants) {
    if (!COUNTED.has(m.status)) continue;
    const hit = DETECTED.has(m.status) ? 1 : 0;
    const logic = m.mutatorName !== 'StringLiteral';
    row.all[0] += hit; row.all[1] += 1;
    if (logic) { row.logic[0] += hit; row.logic[1] += 1; }
    for (const key of new Set([folderOf(file), file.startsWith('core/rp/') ? 'core/rp (all measured)' : folderOf(file), 'TOTAL'])) add(key, logic, hit);
  }
  rows.push(row);
}
const pct = ([k, n]) => (n ? `${((100 * k) / n).toFixed(1)} % of ${n}` : '—');
for (const r of rows.sort((a, b) => a.file.localeCompare(b.file))) console.log(`${r.file}: all ${pct(r.all)}; logic ${pct(r.logic)}`);
console.log('');
for (const [key, g] of [...groups].sort(([a], [b]) => (a === 'TOTAL') - (b === 'TOTAL') || a.localeCompare(b))) console.log(`${key}: all ${pct(g.all)}; logic ${pct(g.logic)}`);
if (process.argv.includes('--survivors')) {
  console.log('');
  for (const [file, { mutants, source }] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      if (m.mutatorName === 'StringLiteral' && !process.argv.includes('--strings')) continue;
      const l = m.location.start.line;
      console.log(`${file}:${l}:${m.location.start.column} ${m.status} ${m.mutatorName}: ${(lines[l - 1] ?? '').trim().slice(0, 110)} => ${String(m.replacement).replace(/\s+/g, ' ').slice(0, 80)}`);
    }
  }
}
