#!/usr/bin/env node
// The `proofline` command: runs the bundled CLI that `npm ci` (prepare) or `npm run build:cli` builds.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A reader that goes away (`proofline verify X | head`) closes the pipe: from then on output to
// that stream is dropped, quietly, and the command still ends with its own exit code.
function quietWhenClosed(stream) {
  let closed = false;
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') closed = true;
    else throw e;
  });
  return { write: (s) => (closed ? true : stream.write(s)) };
}

const stdout = quietWhenClosed(process.stdout);
const stderr = quietWhenClosed(process.stderr);
const bundle = fileURLToPath(new URL('../dist/cli/proofline.mjs', import.meta.url));
if (!existsSync(bundle)) {
  stderr.write('proofline: the CLI is not built yet; run `npm run build:cli` (npm ci does it for you)\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2), { stdout, stderr });
