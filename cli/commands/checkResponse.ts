import { FileNotRead, readRegularFile } from '../../node/regularFile.js';
import type { CliIO, Command } from '../io.js';
import { UsageError } from '../io.js';
import { MAX_BUNDLE_BYTES, parseBundleText, type Bundle } from '../../core/bundle/parseBundle.js';
import { verifyBundle } from '../../core/bundle/verifyBundle.js';
import { ProoflineError } from '../../core/errors.js';

const USAGE = 'usage: proofline check-response FILE [--json]';

/** Read and parse FILE as a response bundle; unusable input is a one-line message and exit 2. */
async function loadBundle(file: string, io: CliIO): Promise<Bundle | undefined> {
  let bytes: Uint8Array;
  try {
    // Only a regular file is read, and never more than a bundle may be.
    bytes = await readRegularFile(file, MAX_BUNDLE_BYTES);
  } catch (e) {
    io.stderr.write(`proofline check-response: cannot read ${file}: ${e instanceof FileNotRead ? e.reason : String(e)}\n`);
    return undefined;
  }
  try {
    return parseBundleText(bytes);
  } catch (e) {
    if (e instanceof ProoflineError) {
      io.stderr.write(`proofline check-response: ${file} is not a response bundle: ${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

/**
 * `proofline check-response FILE [--json]`: verify one real WebAuthn response bundle
 * (DESIGN.md §5). Exit 0 accepted, 1 rejected, 2 not a readable bundle.
 */
export const checkResponseCommand: Command = async (argv, io) => {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const unknown = rest.filter((a) => a.startsWith('--'));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]} (${USAGE})`);
  if (rest.length !== 1) throw new UsageError(rest.length === 0 ? `missing FILE (${USAGE})` : `expected one FILE, got ${rest.length} (${USAGE})`);
  const file = rest[0]!;
  const bundle = await loadBundle(file, io);
  if (!bundle) return 2;
  const result = await verifyBundle(bundle);
  if (json) {
    const out = { verdict: result.verdict, checks: result.checks.map((c) => ({ id: c.id, spec: c.spec, status: c.status, detail: c.detail })) };
    io.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    const idWidth = Math.max(...result.checks.map((c) => c.id.length));
    const specWidth = Math.max(...result.checks.map((c) => c.spec.length));
    io.stdout.write(`${file}: ${result.ceremony}\n`);
    for (const c of result.checks) {
      io.stdout.write(`  ${c.status.toUpperCase().padEnd(4)}  ${c.id.padEnd(idWidth)}  ${c.spec.padEnd(specWidth)}  ${c.detail}\n`);
    }
    const failed = result.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    io.stdout.write(`verdict: ${result.verdict}${failed.length ? ` (failed: ${failed.join(', ')})` : ''}\n`);
  }
  return result.verdict === 'accepted' ? 0 : 1;
};
