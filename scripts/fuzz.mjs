#!/usr/bin/env node
// `npm run fuzz -- --seconds N`: the fuzz suite (test/fuzz) with a budget of N seconds
// (default 120; `npm test` runs it with 12), then its throughput per property.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const at = args.indexOf('--seconds');
const seconds = at >= 0 ? Number(args[at + 1]) : 120;
if (!Number.isFinite(seconds) || seconds <= 0) {
  process.stderr.write(`fuzz: --seconds expects a positive number, got "${args[at + 1]}"\n`);
  process.exit(2);
}
const env = { ...process.env, FUZZ_SECONDS: String(seconds) };
const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz'], { stdio: 'inherit', env });
const report = 'test-results/fuzz.json';
if (existsSync(report)) {
  const { properties } = JSON.parse(readFileSync(report, 'utf8'));
  process.stdout.write(`\nfuzz throughput (budget ${seconds} s):\n`);
  for (const [name, p] of Object.entries(properties)) process.stdout.write(`  ${name}: ${p.cases} cases in ${(p.ms / 1000).toFixed(1)} s — ${p.perSecond}/s, slowest ${p.slowestMs} ms\n`);
}
process.exit(r.status ?? 1);
