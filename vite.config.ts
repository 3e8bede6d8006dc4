import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The renderer's build: a static web build in dist-web/ (base './', so it works from any folder
 * and from Electron's file:// loader). core/ is bundled into the page and runs there unchanged.
 *
 * Start size (`npm run bench`): what the first paint does not need is split off by dynamic
 * import() (attestation formats with their ASN.1 stack, Ed448/ML-DSA, the d3 message animator,
 * the inspector, prepared traces) and loaded on use or after the lanes are drawn. Vite preloads
 * only the chunks the entry imports statically (<link rel="modulepreload"> in index.html) and a
 * lazy chunk's own imports when that chunk is requested, never lazy chunks at start; Chromium and
 * Electron support modulepreload natively, so its polyfill is left out.
 *
 * Everything the entry imports statically goes into one chunk, `start`: left to the automatic
 * splitting, the start path came in twelve files (modules shared with lazy chunks each get their
 * own), and over HTTP a dozen requests cost the first paint 40–60 ms more than one (`npm run bench`).
 */
const root = fileURLToPath(new URL('./renderer', import.meta.url));
const entry = fileURLToPath(new URL('./renderer/src/main.tsx', import.meta.url));

interface ModuleGraph {
  getModuleInfo(id: string): { readonly importedIds: readonly string[] } | null;
}

/** The modules `main.tsx` reaches by static imports: one set per build, walked on first use. */
function startModules(): { reset(): void; has(id: string, graph: ModuleGraph): boolean } {
  let found: Set<string> | null = null;
  return {
    reset: () => {
      found = null;
    },
    has(id, graph) {
      if (!found) {
        const seen = new Set<string>();
        const todo = [entry];
        for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
          if (seen.has(next)) continue;
          seen.add(next);
          todo.push(...(graph.getModuleInfo(next)?.importedIds ?? []));
        }
        found = seen;
      }
      return found.has(id);
    },
  };
}
const start = startModules();

export default defineConfig({
  root,
  base: './',
  plugins: [react(), { name: 'proofline-start-chunk', buildStart: () => start.reset() }],
  // cbor-x's default build probes `new Function('')` on load (to decide whether it may compile
  // record readers), which the page's CSP refuses with an error in the console on every start; its
  // no-eval build never evaluates code, and core does not use records.
  resolve: { alias: [{ find: /^cbor-x$/, replacement: 'cbor-x/index-no-eval' }] },
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  build: {
    outDir: fileURLToPath(new URL('./dist-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ debugName: 'start', name: (id: string, graph: ModuleGraph) => (start.has(id, graph) ? 'start' : null) }] },
      },
    },
  },
});
