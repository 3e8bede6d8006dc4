// Mutation testing of the checks (`npm run mutate`; not in CI: it takes minutes to hours).
// Run it by batch, each a file group with the suites that test it (vitest.mutate.config.ts):
//   MUTATE_BATCH=trace       core/trace            (test/trace, test/codec)
//   MUTATE_BATCH=steps       core/rp/steps         (test/rp, vectors, interop, codec)
//   MUTATE_BATCH=rp          core/rp/*.ts          (same suites)
//   MUTATE_BATCH=attestation core/rp/attestation   (same suites)
// e.g. `MUTATE_BATCH=trace nice -n 10 npm run mutate -- --concurrency 2`; `--mutate GLOB` narrows
// a batch further (to a glob inside it: the incremental file is per batch).
// "Logic" mutants are every mutant but a changed string literal (detail text). By default string
// literals are not generated at all (the target is over logic mutants); MUTATE_STRINGS=1 generates
// them too (the full measure, about twice the mutants), kept in its own report and incremental file.
// Incremental: each batch keeps its results in reports/stryker-incremental-<batch>[-strings].json,
// so a rerun after new tests only retests mutants whose code or covering tests changed
// (`--force` retests everything). scripts/mutate-score.mjs prints the scores of every batch's
// report in reports/mutation/.
const BATCHES = {
  trace: ['core/trace/**/*.ts'],
  steps: ['core/rp/steps/**/*.ts'],
  rp: ['core/rp/*.ts'],
  attestation: ['core/rp/attestation/**/*.ts'],
};
const batch = process.env.MUTATE_BATCH ?? 'rp';
if (!BATCHES[batch]) throw new Error(`MUTATE_BATCH must be one of ${Object.keys(BATCHES).join(', ')}; got ${batch}`);
const strings = process.env.MUTATE_STRINGS === '1';
const name = `${batch}${strings ? '-strings' : ''}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [...BATCHES[batch], '!core/**/*.d.ts', '!core/**/index.ts'],
  mutator: { excludedMutations: strings ? [] : ['StringLiteral'] },
  coverageAnalysis: 'perTest',
  // Concurrency 1 by default: two cores shared with other work; `--concurrency 2` when quiet.
  concurrency: 1,
  timeoutMS: 10000,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignoreStatic: true,
  thresholds: { high: 90, low: 75, break: null },
};
