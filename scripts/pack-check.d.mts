/** Types of the helpers scripts/pack-check.mjs exports (for test/main). */
export function makeStandInElectron(dir: string, version: string): void;
export function readFuses(file: string): Record<string, boolean> | null;
export function asarProblems(paths: readonly string[]): string[];
