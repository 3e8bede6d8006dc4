/**
 * True inside a Stryker worker (`npm run mutate`, which sets STRYKER_MUTATOR_WORKER). The few
 * exhaustive sweeps that take 5–200 s each (every display edit of 20 traces, every byte of every
 * payload, random-edit properties) and the CLI cases (they run the built bundle, which no mutant
 * reaches) are skipped there: every mutant they cover would wait minutes for them. `npm test` runs
 * them; focused tests kill the same mutants. A score measured without them is a lower bound of the
 * whole suite's (a mutant the remaining tests kill, the whole suite kills too).
 */
export const MUTATING = process.env.STRYKER_MUTATOR_WORKER !== undefined;
