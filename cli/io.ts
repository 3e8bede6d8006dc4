/** Where a command writes; tests pass string sinks, the binary passes process streams. */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** A command: parsed argv in, exit code out (0 ok, 1 a negative result, 2 unusable input). */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Thrown for a bad command line; main prints its message and exits 2. */
export class UsageError extends Error {}
