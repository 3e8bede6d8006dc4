// Bundles the CLI (cli/ + core/) into dist/cli/proofline.mjs with esbuild, so that
// `npx proofline` works right after `npm ci` (this runs as the package's `prepare` script).
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli/proofline.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});

// The capture page (`proofline capture`) is served from beside the bundle.
cpSync('renderer/capture', 'dist/cli/capture', { recursive: true });
