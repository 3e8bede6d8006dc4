#!/usr/bin/env node
// The `proofline` command: runs the bundled CLI that `npm ci` (prepare) or `npm run build:cli` builds.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/proofline.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('proofline: the CLI is not built yet; run `npm run build:cli` (npm ci does it for you)\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
