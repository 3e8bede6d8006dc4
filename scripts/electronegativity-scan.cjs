#!/usr/bin/env node
/**
 * Runs electronegativity's scanner in this process and prints its findings as JSON on stdout:
 * `{ atomicChecks, globalChecks, errors, findings: [{ check, severity, confidence, file, location,
 * sample, description }] }`. Used by scripts/security-gate.mjs instead of electronegativity's CLI,
 * whose CSV report is written by two unsynchronised `fs.writeFile` calls (header, then findings
 * with flag 'a'): when the header's truncation lands last the findings vanish, so a loaded machine
 * got an empty report — a gate that passed without having read anything.
 *
 *   node scripts/electronegativity-scan.cjs INPUT_DIR ELECTRON_VERSION
 */
'use strict';
const run = require('@doyensec/electronegativity'); // its package main: the runner, run(options) → { issues, … }

async function main() {
  const [input, electronVersion] = process.argv.slice(2);
  if (!input || !electronVersion) {
    console.error('usage: electronegativity-scan.cjs INPUT_DIR ELECTRON_VERSION');
    process.exit(2);
  }
  // The runner logs its network attempts (translations, Electron's release list) on stdout:
  // keep stdout for the JSON alone.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  const result = await run({ input, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] }, false);
  const findings = result.issues.map((i) => ({
    check: String(i.id),
    severity: String(i.severity?.name ?? ''),
    confidence: String(i.confidence?.name ?? ''),
    file: String(i.file ?? '').replace(/\\/g, '/'),
    location: i.location ? `${i.location.line}:${i.location.column}` : '',
    sample: String(i.sample ?? ''),
    description: String(i.description ?? ''),
  }));
  log(JSON.stringify({ atomicChecks: result.atomicChecks, globalChecks: result.globalChecks, errors: result.errors.length, findings }));
}

main().catch((e) => {
  console.error(`electronegativity failed: ${e && e.message ? e.message : e}`);
  process.exit(2);
});
