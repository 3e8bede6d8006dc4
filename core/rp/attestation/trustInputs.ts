import { z } from 'zod';
import { parseStrictJson } from '../../codec/json.js';
import { ProoflineError, errorMessage } from '../../errors.js';
import { pemCertificates } from './pem.js';
import type { TrustInputs } from './trust.js';

/**
 * The trust inputs a relying party chose, as text that travels with a response or a run — PEM
 * roots, an MDS3 BLOB (the JWT as downloaded) with the PEM of the FIDO root its chain must verify
 * to, and the time certificates are judged at — so that opening it again reproduces the verdict.
 * One shape for the response bundle's `trust` member (docs/cli.md) and the `trust` payload of a
 * trace's `rp.verifyRegistration` step (docs/trace-format.md); hostile sizes are refused here.
 */

/** Size caps of the carried trust inputs (a real MDS3 BLOB is a few MB; a root is about 1 KB). */
export const TRUST_INPUT_LIMITS = {
  /** PEM texts in `roots` or `mdsRoots`. */
  pemTexts: 32,
  /** Characters of one PEM text. */
  pemChars: 256 * 1024,
  /** Characters of the MDS BLOB. */
  mdsChars: 8 * 1024 * 1024,
} as const;

const pem = z.string().max(TRUST_INPUT_LIMITS.pemChars);
const pems = z.array(pem).max(TRUST_INPUT_LIMITS.pemTexts);

/** The members every carrier shares (strict: a misspelled member is an error, not ignored). */
const trustMembers = {
  /** PEM texts of roots you trust (each may hold several certificates). */
  roots: pems.optional(),
  /** An MDS3 BLOB (the JWT text as downloaded). */
  mds: z.string().max(TRUST_INPUT_LIMITS.mdsChars).optional(),
  /** PEM texts of the FIDO root(s) the BLOB's signing chain must verify to. */
  mdsRoots: pems.optional(),
};

/** A response bundle's `trust`: the time may be "now" or an ISO 8601 date-time (default: the bundle's policy.attestationTime, else now). */
export const bundleTrustSchema = z
  .object({ ...trustMembers, at: z.union([z.literal('now'), z.iso.datetime({ offset: true })]).optional() })
  .strict();

/**
 * A trace's `trust` payload: the time is always stated, so re-verification judges the chain at
 * the same instant; `atSource` says whether it is the capture time or a time the user chose.
 */
export const traceTrustSchema = z
  .object({ ...trustMembers, at: z.iso.datetime({ offset: true }), atSource: z.enum(['capture', 'stated']).optional() })
  .strict();

/** Carried trust inputs as text (either carrier's JSON). */
export type TrustTexts = z.infer<typeof bundleTrustSchema>;

/** Carried trust inputs with their PEM decoded to DER (the BLOB stays text until it is verified). */
export interface CarriedTrust {
  readonly roots: Uint8Array[];
  readonly mds?: string;
  readonly mdsRoots: Uint8Array[];
  readonly at?: 'now' | string;
}

/**
 * Decode carried trust inputs: every PEM text to DER. `where` is the JSON path of the member
 * (`$.trust`); a text without a certificate, or a BLOB without its FIDO root, is
 * ProoflineError('ERR_BUNDLE', what, path).
 */
export function decodeTrust(t: TrustTexts, where: string): CarriedTrust {
  const roots = (t.roots ?? []).flatMap((p, i) => pemCertificates(p, `${where}.roots[${i}]`));
  const mdsRoots = (t.mdsRoots ?? []).flatMap((p, i) => pemCertificates(p, `${where}.mdsRoots[${i}]`));
  if (t.mds !== undefined && mdsRoots.length === 0) throw new ProoflineError('ERR_BUNDLE', "needs mdsRoots: the FIDO root the BLOB's chain is verified to", `${where}.mds`);
  return { roots, mdsRoots, ...(t.mds !== undefined ? { mds: t.mds } : {}), ...(t.at !== undefined ? { at: t.at } : {}) };
}

/**
 * What the relying party trusts, from carried inputs: the roots, and the MDS BLOB verified to its
 * FIDO roots at the stated time (a BLOB that does not verify is reported by rp.attestationTrust).
 * `at` is undefined when none is carried; `now` is the clock for "now".
 */
export async function carriedTrustInputs(t: CarriedTrust, now: number): Promise<Omit<TrustInputs, 'at' | 'atSource'> & { at?: number }> {
  const at = t.at === undefined ? undefined : t.at === 'now' ? now : Date.parse(t.at);
  const { readMdsBlob } = await import('./mds.js');
  const mds = t.mds !== undefined ? await readMdsBlob(t.mds, t.mdsRoots, at ?? now) : undefined;
  return { ...(t.roots.length ? { roots: t.roots } : {}), ...(mds ? { mds } : {}), ...(at !== undefined ? { at } : {}) };
}

/** Largest `trust` payload read from a trace: the caps above, as JSON. */
export const MAX_TRUST_PAYLOAD_BYTES = 12 * 1024 * 1024;

/**
 * Read a trace's `trust` payload (traceTrustSchema, at most {@link MAX_TRUST_PAYLOAD_BYTES} of
 * strict JSON) into the inputs rp.attestationTrust judges with, at the time it states. Never
 * throws: an unusable payload is `{ ok: false, reason }`, said where the payload is.
 */
export async function readTraceTrust(bytes: Uint8Array): Promise<{ ok: true; inputs: TrustInputs } | { ok: false; reason: string }> {
  let json: unknown;
  try {
    json = parseStrictJson(bytes, { maxBytes: MAX_TRUST_PAYLOAD_BYTES, maxDepth: 4 });
  } catch (e) {
    return { ok: false, reason: `the trust payload is not usable JSON (${errorMessage(e)})` };
  }
  const r = traceTrustSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, reason: `the trust payload's ${issue.path.length ? issue.path.join('.') : 'top level'} ${issue.code === 'unrecognized_keys' ? `has an unknown member ${JSON.stringify(issue.keys[0])}` : issue.message}` };
  }
  try {
    const carried = decodeTrust(r.data, 'trust');
    const { at, ...given } = await carriedTrustInputs(carried, Date.parse(r.data.at));
    return { ok: true, inputs: { ...given, at: at!, atSource: r.data.atSource ?? 'stated' } };
  } catch (e) {
    return { ok: false, reason: `the trust payload ${errorMessage(e)}` };
  }
}
