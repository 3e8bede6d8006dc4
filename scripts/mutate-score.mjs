// Scores of the last `npm run mutate` (reports/mutation/mutation.json): per file and in all, the
// share of mutants killed (killed + timeout over all but "no coverage"-excluded ones is not used:
// a mutant no test reaches counts as survived), and the same over "logic" mutants — every mutant
// but a changed string literal, which only changes a detail text.
import { readFileSync } from 'node:fs';

const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const rows = [];
const total = { all: [0, 0], logic: [0, 0] };
for (const [file, { mutants }] of Object.entries(report.files)) {
  const row = { file, all: [0, 0], logic: [0, 0] };
  for (const m of mutants) {
    if (!COUNTED.has(m.status)) continue;
    const hit = DETECTED.has(m.status) ? 1 : 0;
    for (const acc of [row.all, total.all]) { acc[0] += hit; acc[1] += 1; }
    if (m.mutatorName !== 'StringLiteral') for (const acc of [row.logic, total.logic]) { acc[0] += hit; acc[1] += 1; }
  }
  rows.push(row);
}
const pct = ([k, n]) => (n ? `${((100 * k) / n).toFixed(1)} % of ${n}` : '—');
for (const r of rows.sort((a, b) => a.file.localeCompare(b.file))) console.log(`${r.file}: all ${pct(r.all)}; logic ${pct(r.logic)}`);
console.log(`TOTAL: all ${pct(total.all)}; logic ${pct(total.logic)}`);
if (process.argv.includes('--survivors')) {
  for (const [file, { mutants, source }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      if (m.mutatorName === 'StringLiteral' && !process.argv.includes('--strings')) continue;
      const l = m.location.start.line;
      console.log(`${file}:${l} ${m.status} ${m.mutatorName}: ${(lines[l - 1] ?? '').trim().slice(0, 110)} => ${String(m.replacement).replace(/\s+/g, ' ').slice(0, 80)}`);
    }
  }
}
