import { ProoflineError } from '../core/errors.js';
import { pemCertificates } from '../core/rp/attestation/pem.js';
import { bundleTrustSchema, type TrustTexts } from '../core/rp/attestation/trustInputs.js';
import { FileNotRead, readRegularFile } from '../node/regularFile.js';
import { UsageError, type CliIO } from './io.js';

/**
 * The trust options `check-response` and `capture` share: `--trust PEM`… (roots you trust), `--mds
 * BLOB --mds-root PEM` (an MDS3 BLOB and the FIDO root its chain must verify to; nothing is
 * fetched), `--at now|ISO-TIME` (when certificates are judged).
 */
export const TRUST_OPTIONS = {
  trust: { type: 'string', multiple: true },
  mds: { type: 'string' },
  'mds-root': { type: 'string', multiple: true },
  at: { type: 'string' },
} as const;

/** An MDS BLOB is a few MB; PEM roots are small. Larger files are refused before they are read whole. */
const MAX_TRUST_FILE_BYTES = 32 * 1024 * 1024;

/** Read a file the user named for an option; unreadable is one line on stderr. */
async function readOption(command: string, option: string, file: string, io: CliIO): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readRegularFile(file, MAX_TRUST_FILE_BYTES));
  } catch (e) {
    io.stderr.write(`proofline ${command}: cannot read ${option} ${file}: ${e instanceof FileNotRead ? e.reason : e instanceof TypeError ? 'not UTF-8 text' : String(e)}\n`);
    return undefined;
  }
}

/**
 * The trust inputs the command line names, as the texts a bundle or a trace carries (null when
 * none is given). A file that cannot be read, holds no PEM certificate or is over the carried
 * size caps is one line on stderr and `undefined`; a malformed `--at` is a usage error.
 */
export async function readTrustOptions(command: string, values: { trust?: string[]; mds?: string; 'mds-root'?: string[]; at?: string }, io: CliIO): Promise<TrustTexts | null | undefined> {
  if (values.at !== undefined && values.at !== 'now' && (!/^\d{4}-\d\d-\d\dT/.test(values.at) || Number.isNaN(Date.parse(values.at)))) {
    throw new UsageError(`--at expects "now" or an ISO 8601 date-time such as 2024-05-01T12:00:00Z, got ${JSON.stringify(values.at)}`);
  }
  if (values.mds !== undefined && !values['mds-root']?.length) throw new UsageError(`--mds needs --mds-root PEM: the FIDO root its signing chain is verified to (Proofline pins none and fetches nothing)`);
  const pems = async (option: string, files: readonly string[]): Promise<string[] | undefined> => {
    const out: string[] = [];
    for (const file of files) {
      const text = await readOption(command, option, file, io);
      if (text === undefined) return undefined;
      try {
        pemCertificates(text, file);
      } catch (e) {
        io.stderr.write(`proofline ${command}: ${option} ${e instanceof ProoflineError ? e.message : String(e)}\n`);
        return undefined;
      }
      out.push(text);
    }
    return out;
  };
  const roots = await pems('--trust', values.trust ?? []);
  const mdsRoots = await pems('--mds-root', values['mds-root'] ?? []);
  if (!roots || !mdsRoots) return undefined;
  let mds: string | undefined;
  if (values.mds !== undefined) {
    mds = await readOption(command, '--mds', values.mds, io);
    if (mds === undefined) return undefined;
  }
  if (roots.length === 0 && mds === undefined && values.at === undefined) return null;
  const texts = { ...(roots.length ? { roots } : {}), ...(mds !== undefined ? { mds, mdsRoots } : {}), ...(values.at !== undefined ? { at: values.at } : {}) };
  const checked = bundleTrustSchema.safeParse(texts);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    io.stderr.write(`proofline ${command}: the trust inputs are over their limits (${issue.path.join('.')}: ${issue.message})\n`);
    return undefined;
  }
  return checked.data;
}
