// Mutation testing of the checks (`npm run mutate`; not in CI: it takes minutes to hours).
// Run it by batch, each a file group with the suites that test it (vitest.mutate.config.ts):
//   MUTATE_BATCH=trace       core/trace            (the focused test/trace suites)
//   MUTATE_BATCH=steps       core/rp/steps         (test/rp, vectors, interop, codec)
//   MUTATE_BATCH=rp          core/rp/*.ts          (same suites)
//   MUTATE_BATCH=attestation core/rp/attestation   (same suites)
// e.g. `MUTATE_BATCH=trace nice -n 10 npm run mutate -- --concurrency 2`. On a loaded machine a
// whole folder takes hours and Stryker writes nothing until a run ends, so name files instead
// (below): each small run finishes and leaves its report.
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
// MUTATE_BATCH may also name files inside those folders (comma-separated), e.g.
// MUTATE_BATCH=core/trace/verify.ts: a smaller run that finishes, with its own report and
// incremental file, so the scores of several small runs add up (mutate-score reads them all).
const batch = process.env.MUTATE_BATCH ?? 'rp';
// A file may carry a line range (core/rp/attestation/mds.ts:40-60): only its mutants are tested.
const files = BATCHES[batch] ?? batch.split(',').filter((f) => /^core\/(rp|trace)\/.+\.ts(:\d+-\d+)?$/.test(f));
if (!files.length) throw new Error(`MUTATE_BATCH must be one of ${Object.keys(BATCHES).join(', ')} or files under core/rp or core/trace; got ${batch}`);
const strings = process.env.MUTATE_STRINGS === '1';
// MUTATE_NAME names the report and incremental file of a file list (a long list makes too long a name).
// A name ending in "-lines" marks a run over line ranges: mutate-score lays its results over the
// whole-file report per mutant, e.g. module-level code re-run without MUTATE_SHARED (a shared
// module graph evaluates module-level code once, so there a mutant of it never takes effect).
const name = `${process.env.MUTATE_NAME ?? (BATCHES[batch] ? batch : batch.replace(/core\//g, '').replace(/\.ts/g, '').replace(/[^A-Za-z0-9]+/g, '-'))}${strings ? '-strings' : ''}`;

// MUTATE_TESTS (comma-separated test files) narrows the tests a small run may use (Stryker's
// `testFiles`): on a loaded machine each test file a mutant runs costs seconds of module loading.
const testFiles = process.env.MUTATE_TESTS?.split(',').filter(Boolean);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [...files, '!core/**/*.d.ts', '!core/**/index.ts'],
  mutator: { excludedMutations: strings ? [] : ['StringLiteral'] },
  ...(testFiles?.length ? { testFiles } : {}),
  coverageAnalysis: 'perTest',
  // Concurrency 1 by default: two cores shared with other work; `--concurrency 2` when quiet.
  concurrency: 1,
  // Generous: Stryker counts a timeout as detected, and on a loaded machine a mutant whose tests
  // are merely slow would otherwise "time out" (an infinite loop is caught by the hit limit anyway).
  timeoutMS: 60000,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Static mutants (code run only while a module loads: zod schemas, tables; all of
  // core/trace/schema.ts) are not measured: under this vitest runner a mutant activated "statically"
  // never takes effect (a module-level mutant that fails the trace tests when activated by hand,
  // __STRYKER_ACTIVE_MUTANT__=<id> in a sandbox, was reported survived), so each would only cost a
  // full test run and count as a false survivor. Module-level code that only a function reads is
  // best kept inside that function, where its mutants are measured.
  ignoreStatic: true,
  thresholds: { high: 90, low: 75, break: null },
};
