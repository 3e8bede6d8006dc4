/** Step indexes of a real response's run (core/response/responseRun.ts): a module of its own, so a view can name them without the builder. */
export const RESPONSE_STEPS = { expected: 0, response: 1, verify: 2, decide: 3 } as const;
