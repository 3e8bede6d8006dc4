/**
 * One step numbering for every surface a person reads (the app, the notes window, the CLI, the
 * reports, Mermaid, SVG and PNG exports, docs): steps count from 1. A trace stores steps in an
 * array (index 0 is the first step); `stepNumber` is the only place that turns one into the other.
 */
export function stepNumber(index: number): number {
  return index + 1;
}

/** "step 7" for the step stored at index 6. */
export function stepLabel(index: number): string {
  return `step ${stepNumber(index)}`;
}

/** The stored index of the step a person calls `n` (1-based); RangeError when n is not one. */
export function stepIndex(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`"step" expected a whole number from 1, got ${n}`);
  return n - 1;
}
