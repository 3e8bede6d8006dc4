import { defineConfig } from 'vitest/config';

// The suites Stryker runs against mutated code (`npm run mutate`). On two shared cores a mutant
// may cost only a few seconds, so each folder gets the suites that call it directly and start
// fast, chosen by the batch (MUTATE_BATCH, see stryker.config.mjs): trace → the trace suites, every
// core/rp batch → the rp suites; MUTATE_SUITES=steps|rp|trace overrides it. Left out:
// suites that record whole matrices in a beforeAll (flows, matrix, traces), the CLI runs (they
// run the built bundle, which a mutant never reaches), browser, renderer, main and fuzz suites.
const SUITES: Record<string, string[]> = {
  // The RP suites alone: a quick pass over core/rp/steps (MUTATE_SUITES=steps).
  steps: ['test/rp/**/*.test.ts'],
  rp: ['test/rp/**/*.test.ts', 'test/vectors/**/*.test.ts', 'test/interop/**/*.test.ts', 'test/codec/**/*.test.ts'],
  // Not realFlows.test.ts: it records every flow × scenario (seconds per run, and a mutant that
  // survives waits for every test that covers it); verifyTrace/bundleFromRun/traceFile test the same
  // code on one small run. test/response/responseTrace: runs made from an imported response, which
  // core/trace reads, writes and dispatches to core/response/replayResponse.ts.
  trace: ['test/trace/{trace,traceFile,verifyTrace,bundleFromRun,schema,story,properties,fromCredential,olderVersions,trustInputs,evaluatorThrows}.test.ts', 'test/response/responseTrace.test.ts'],
};

// The slowest tests (exhaustive sweeps, CLI runs) skip themselves inside a Stryker worker:
// test/mutating.ts says which and why. (A testNamePattern here would not hold: Stryker's vitest
// runner sets its own pattern on every run.)
export default defineConfig({
  test: {
    include: SUITES[process.env.MUTATE_SUITES ?? (/^(trace|core\/trace\/)/.test(process.env.MUTATE_BATCH ?? '') ? 'trace' : 'rp')] ?? SUITES.rp!,
    testTimeout: 30_000,
    pool: 'forks',
    // MUTATE_SHARED=1: the test files of one mutant share one module graph (isolate: false) instead
    // of importing every module again per file; many times faster on two loaded cores. The rp,
    // vector, interop and codec suites pass either way.
    ...(process.env.MUTATE_SHARED === '1' ? { isolate: false } : {}),
  },
});
