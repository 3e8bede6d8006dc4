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
 */
const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  build: {
    outDir: fileURLToPath(new URL('./dist-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    modulePreload: { polyfill: false },
  },
});
