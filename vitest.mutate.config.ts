import { defineConfig } from 'vitest/config';

// The suites Stryker runs against mutated code (`npm run mutate`). On two shared cores a mutant
// may cost only a few seconds, so each folder gets the suites that call it directly and start
// fast: MUTATE_SUITES=rp (default) for core/rp, MUTATE_SUITES=steps for a quick pass over core/rp/steps, MUTATE_SUITES=trace for core/trace. Left out:
// suites that record whole matrices in a beforeAll (flows, matrix, traces), the CLI runs (they
// run the built bundle, which a mutant never reaches), browser, renderer, main and fuzz suites.
const SUITES: Record<string, string[]> = {
  // The RP suites alone: a quick pass over core/rp/steps (MUTATE_SUITES=steps).
  steps: ['test/rp/**/*.test.ts'],
  rp: ['test/rp/**/*.test.ts', 'test/vectors/**/*.test.ts', 'test/interop/**/*.test.ts', 'test/codec/**/*.test.ts'],
  trace: ['test/trace/**/*.test.ts', 'test/codec/**/*.test.ts'],
};

export default defineConfig({
  test: {
    include: SUITES[process.env.MUTATE_SUITES ?? 'rp'] ?? SUITES.rp!,
    // The vectors' CLI cases spawn the built bundle: no mutant reaches it.
    testNamePattern: /^(?!.*check-response CLI)/,
    testTimeout: 30_000,
    pool: 'forks',
  },
});
