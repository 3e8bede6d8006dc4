import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(new URL('.', import.meta.url).pathname, '..', '..');

/** ../shared/vectors/more-suites beside the clone (CI); from a worktree, beside a folder further up. */
export function findMoreSuites(): string {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared', 'vectors', 'more-suites');
    if (existsSync(join(candidate, 'manifest.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no shared/vectors/more-suites beside ${ROOT} or any folder above it`);
  }
}
