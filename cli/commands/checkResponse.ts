import { FileNotRead, readRegularFile } from '../../node/regularFile.js';
import type { CliIO, Command } from '../io.js';
import { UsageError } from '../io.js';
import { parseCommandLine } from '../args.js';
import { MAX_BUNDLE_BYTES, parseBundleText, type Bundle } from '../../core/bundle/parseBundle.js';
import { verifyBundle, type VerifyBundleOptions } from '../../core/bundle/verifyBundle.js';
import { carriedTrustInputs, decodeTrust } from '../../core/rp/attestation/trustInputs.js';
import { readTrustOptions, TRUST_OPTIONS } from '../trustOptions.js';
import { ProoflineError } from '../../core/errors.js';

const USAGE = 'usage: proofline check-response FILE… [--json] [--trust PEM]… [--mds BLOB --mds-root PEM] [--at now|ISO-TIME]';

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
      io.stderr.write(`proofline check-response: ${file} ${e.message.startsWith('is not JSON') ? '' : 'is not a response bundle: '}${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

/** The command line's trust inputs, read as a bundle's `trust` would be (null: none given; undefined: said on stderr). */
async function loadTrust(values: Parameters<typeof readTrustOptions>[1], io: CliIO): Promise<VerifyBundleOptions['trust'] | null | undefined> {
  const texts = await readTrustOptions('check-response', values, io);
  if (!texts) return texts;
  return carriedTrustInputs(decodeTrust(texts, '--trust'), Date.now());
}

/** One bundle's report: the lines of the text form, or the JSON object of `--json`. */
function report(file: string, result: Awaited<ReturnType<typeof verifyBundle>>, json: boolean, many: boolean): string {
  if (json) {
    const out = { ...(many ? { file } : {}), verdict: result.verdict, checks: result.checks.map((c) => ({ id: c.id, spec: c.spec, status: c.status, detail: c.detail })) };
    return `${JSON.stringify(out)}\n`;
  }
  const idWidth = Math.max(...result.checks.map((c) => c.id.length));
  const specWidth = Math.max(...result.checks.map((c) => c.spec.length));
  let text = `${file}: ${result.ceremony}\n`;
  for (const c of result.checks) text += `  ${c.status.toUpperCase().padEnd(4)}  ${c.id.padEnd(idWidth)}  ${c.spec.padEnd(specWidth)}  ${c.detail}\n`;
  const failed = result.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  return `${text}verdict: ${result.verdict}${failed.length ? ` (failed: ${failed.join(', ')})` : ''}\n`;
}

/**
 * `proofline check-response FILE… [--json]`: verify real WebAuthn response bundles
 * (DESIGN.md §5), one report each. Exit 0 all accepted, 1 any rejected, 2 any not a readable bundle.
 */
export const checkResponseCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine(
    argv,
    { json: { type: 'boolean' }, ...TRUST_OPTIONS },
    { positionals: true, usage: USAGE },
  );
  if (positionals.length === 0) throw new UsageError(`missing FILE (${USAGE})`);
  const json = values.json === true;
  const trust = await loadTrust(values, io);
  if (trust === undefined) return 2;
  const many = positionals.length > 1;
  let code = 0;
  for (const file of positionals) {
    const bundle = await loadBundle(file, io);
    if (!bundle) {
      code = 2;
      continue;
    }
    const result = await verifyBundle(bundle, trust ? { trust } : {});
    io.stdout.write(report(file, result, json, many));
    if (result.verdict !== 'accepted' && code === 0) code = 1;
  }
  return code;
};
