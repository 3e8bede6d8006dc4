// Mutation testing of the checks (`npm run mutate`; not in CI: it takes minutes).
// One folder or file group at a time: `npm run mutate -- --mutate 'core/rp/steps/**/*.ts'`.
// Concurrency 1: the machine it was tuned on has two cores shared with other work.
// "Logic" mutants are every mutant but a changed string literal (detail text);
// scripts/mutate-score.mjs prints both scores from reports/mutation/mutation.json.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  // One folder at a time, with its suites: MUTATE_SUITES=trace npm run mutate -- --mutate 'core/trace/**/*.ts'
  mutate: ['core/rp/**/*.ts', '!core/**/*.d.ts', '!core/**/index.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignoreStatic: true,
  thresholds: { high: 90, low: 75, break: null },
};
