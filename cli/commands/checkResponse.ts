import { FileNotRead, readRegularFile } from '../../node/regularFile.js';
import type { CliIO, Command } from '../io.js';
import { UsageError } from '../io.js';
import { parseCommandLine } from '../args.js';
import { MAX_BUNDLE_BYTES, parseBundleText, type Bundle } from '../../core/bundle/parseBundle.js';
import { verifyBundle, type VerifyBundleOptions } from '../../core/bundle/verifyBundle.js';
import { readMdsBlob } from '../../core/rp/attestation/mds.js';
import { pemCertificates } from '../../core/rp/attestation/pem.js';
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

/** Read a file the user named for an option; unreadable is one line on stderr. */
async function readOption(option: string, file: string, io: CliIO): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readRegularFile(file, MAX_TRUST_BYTES));
  } catch (e) {
    io.stderr.write(`proofline check-response: cannot read ${option} ${file}: ${e instanceof FileNotRead ? e.reason : e instanceof TypeError ? 'not UTF-8 text' : String(e)}\n`);
    return undefined;
  }
}

/** An MDS BLOB is a few MB; PEM roots are small. */
const MAX_TRUST_BYTES = 32 * 1024 * 1024;

/**
 * The trust inputs of the command line: `--trust` PEM roots, an `--mds` BLOB verified to the
 * `--mds-root` FIDO root (nothing is fetched), `--at` the time to judge certificates at.
 */
async function loadTrust(values: { trust?: string[]; mds?: string; 'mds-root'?: string[]; at?: string }, io: CliIO): Promise<VerifyBundleOptions['trust'] | undefined> {
  let at: number | undefined;
  if (values.at !== undefined && values.at !== 'now') {
    at = Date.parse(values.at);
    if (!/^\d{4}-\d\d-\d\dT/.test(values.at) || Number.isNaN(at)) throw new UsageError(`--at expects "now" or an ISO 8601 date-time such as 2024-05-01T12:00:00Z, got ${JSON.stringify(values.at)}`);
  } else if (values.at === 'now') at = Date.now();
  const roots: Uint8Array[] = [];
  for (const file of values.trust ?? []) {
    const text = await readOption('--trust', file, io);
    if (text === undefined) return undefined;
    try {
      roots.push(...pemCertificates(text, file));
    } catch (e) {
      io.stderr.write(`proofline check-response: --trust ${e instanceof ProoflineError ? e.message : String(e)}\n`);
      return undefined;
    }
  }
  let mds: Awaited<ReturnType<typeof readMdsBlob>> | undefined;
  if (values.mds !== undefined) {
    if (!values['mds-root']?.length) throw new UsageError(`--mds needs --mds-root PEM: the FIDO root its signing chain is verified to (Proofline pins none and fetches nothing)`);
    const blob = await readOption('--mds', values.mds, io);
    if (blob === undefined) return undefined;
    const mdsRoots: Uint8Array[] = [];
    for (const file of values['mds-root']) {
      const text = await readOption('--mds-root', file, io);
      if (text === undefined) return undefined;
      try {
        mdsRoots.push(...pemCertificates(text, file));
      } catch (e) {
        io.stderr.write(`proofline check-response: --mds-root ${e instanceof ProoflineError ? e.message : String(e)}\n`);
        return undefined;
      }
    }
    mds = await readMdsBlob(blob, mdsRoots, at ?? Date.now());
  }
  return { ...(roots.length ? { roots } : {}), ...(mds ? { mds } : {}), ...(at !== undefined ? { at } : {}) };
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
    { json: { type: 'boolean' }, trust: { type: 'string', multiple: true }, mds: { type: 'string' }, 'mds-root': { type: 'string', multiple: true }, at: { type: 'string' } },
    { positionals: true, usage: USAGE },
  );
  if (positionals.length === 0) throw new UsageError(`missing FILE (${USAGE})`);
  const json = values.json === true;
  const trust = await loadTrust(values, io);
  if (!trust) return 2;
  const many = positionals.length > 1;
  let code = 0;
  for (const file of positionals) {
    const bundle = await loadBundle(file, io);
    if (!bundle) {
      code = 2;
      continue;
    }
    const result = await verifyBundle(bundle, { trust });
    io.stdout.write(report(file, result, json, many));
    if (result.verdict !== 'accepted' && code === 0) code = 1;
  }
  return code;
};
