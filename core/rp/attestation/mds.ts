import { p256, p384, p521 } from '@noble/curves/nist.js';
import { base64 } from '@scure/base';
import { z } from 'zod';
import { bytesToUtf8, utf8ToBytes } from '../../codec/bytes.js';
import { fromBase64url } from '../../codec/base64url.js';
import { COSE_ALG } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { errorMessage } from '../../errors.js';
import { parseCertificate, spkiToCoseKey, type ParsedCertificate } from './certificate.js';
import { verifyChain } from './chain.js';

// The FIDO Metadata Service BLOB (FIDO Metadata Service v3.0 §3.1): a JWT whose header carries
// the signing chain (x5c) and whose payload lists a metadata entry per authenticator model.

const statusReportSchema = z.object({
  status: z.string(),
  effectiveDate: z.string().optional(),
  certificationDescriptor: z.string().optional(),
  certificateNumber: z.string().optional(),
});
const entrySchema = z.object({
  aaguid: z.string().optional(),
  metadataStatement: z
    .object({
      description: z.string(),
      attestationRootCertificates: z.array(z.string()).default([]),
    })
    .optional(),
  statusReports: z.array(statusReportSchema).default([]),
  timeOfLastStatusChange: z.string().optional(),
});
const payloadSchema = z.object({
  no: z.number().int(),
  nextUpdate: z.string(),
  entries: z.array(entrySchema),
});
const headerSchema = z.object({ alg: z.string(), x5c: z.array(z.string()).min(1) });

/** One authenticator model in the BLOB. */
export interface MdsEntry {
  readonly aaguid: string;
  readonly description: string;
  readonly roots: readonly Uint8Array[];
  readonly statusReports: readonly z.infer<typeof statusReportSchema>[];
}

/** A BLOB whose signature chain verified to a FIDO root the user gave, with its entries by AAGUID. */
export interface MdsBlob {
  readonly no: number;
  readonly nextUpdate: string;
  /** The subject of the root the BLOB's chain was verified to. */
  readonly anchor: string;
  readonly entries: ReadonlyMap<string, MdsEntry>;
}

/** Statuses that say an authenticator model must not be trusted (FIDO MDS AuthenticatorStatus). */
export const BAD_STATUSES: ReadonlySet<string> = new Set(['REVOKED', 'ATTESTATION_KEY_COMPROMISE', 'USER_VERIFICATION_BYPASS', 'USER_KEY_REMOTE_COMPROMISE', 'USER_KEY_PHYSICAL_COMPROMISE']);

export { aaguidString } from './aaguid.js';

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;
const JWT_ALGS: Record<string, number> = { RS256: COSE_ALG.RS256, ES256: COSE_ALG.ES256, ES384: COSE_ALG.ES384, PS256: COSE_ALG.PS256 };

function jsonPart(part: string, what: string): unknown {
  return JSON.parse(bytesToUtf8(fromBase64url(part, what)));
}

/**
 * Read an MDS3 BLOB (the JWT text as downloaded): its signature verifies with x5c[0], and x5c
 * chains to one of `roots` (the FIDO root the user supplies) at time `at`. Nothing is fetched.
 * Returns the entries, or why the BLOB cannot be used. Never throws.
 */
export async function readMdsBlob(jwt: string, roots: readonly Uint8Array[], at: number): Promise<{ ok: true; blob: MdsBlob } | { ok: false; reason: string }> {
  try {
    const parts = jwt.trim().split('.');
    if (parts.length !== 3) return { ok: false, reason: `the BLOB is not a JWT (expected 3 parts, got ${parts.length})` };
    const header = headerSchema.safeParse(jsonPart(parts[0]!, 'MDS BLOB header'));
    if (!header.success) return { ok: false, reason: `the JWT header has no usable alg and x5c (${header.error.issues[0]!.message})` };
    const alg = JWT_ALGS[header.data.alg];
    if (alg === undefined) return { ok: false, reason: `the JWT alg ${JSON.stringify(header.data.alg)} is not supported` };
    const chain: ParsedCertificate[] = header.data.x5c.map((c, i) => parseCertificate(base64.decode(c), `MDS BLOB x5c[${i}]`));
    const key = spkiToCoseKey(chain[0]!, alg);
    let signature = fromBase64url(parts[2]!, 'MDS BLOB signature');
    // A JWS ECDSA signature is r ‖ s (RFC 7518 §3.4); verifySignature takes WebAuthn's DER.
    if (key.kty === 'EC2') signature = CURVES[key.crv].Signature.fromBytes(signature, 'compact').toBytes('der');
    const v = await verifySignature(key, utf8ToBytes(`${parts[0]}.${parts[1]}`), signature);
    if (!v.valid) return { ok: false, reason: `the BLOB's ${header.data.alg} signature does not verify with its x5c[0] (${v.reason})` };
    const anchors = roots.map((r, i) => parseCertificate(r, `MDS root ${i}`));
    const c = await verifyChain(chain, anchors, at);
    if (!c.ok) return { ok: false, reason: `the BLOB's signing chain does not verify to the FIDO root given: ${c.reason}` };
    const payload = payloadSchema.safeParse(jsonPart(parts[1]!, 'MDS BLOB payload'));
    if (!payload.success) {
      const issue = payload.error.issues[0]!;
      return { ok: false, reason: `the BLOB payload is not MDS3 (${issue.path.join('.')}: ${issue.message})` };
    }
    const entries = new Map<string, MdsEntry>();
    for (const e of payload.data.entries) {
      if (!e.aaguid || !e.metadataStatement) continue;
      entries.set(e.aaguid.toLowerCase(), {
        aaguid: e.aaguid.toLowerCase(),
        description: e.metadataStatement.description,
        roots: e.metadataStatement.attestationRootCertificates.map((r) => base64.decode(r)),
        statusReports: e.statusReports,
      });
    }
    return { ok: true, blob: { no: payload.data.no, nextUpdate: payload.data.nextUpdate, anchor: c.anchor.subject, entries } };
  } catch (e) {
    return { ok: false, reason: `the BLOB cannot be read (${errorMessage(e)})` };
  }
}

/** The entry's current status (its latest report) and its FIDO certification level, if any. */
export function entryStatus(entry: MdsEntry): { status: string | undefined; since: string | undefined; certification: string | undefined } {
  const reports = [...entry.statusReports].sort((a, b) => (a.effectiveDate ?? '').localeCompare(b.effectiveDate ?? ''));
  const latest = reports.at(-1);
  const levels = reports.map((r) => /^FIDO_CERTIFIED(?:_(L\d(?:plus)?))?$/.exec(r.status)).filter((m) => m !== null);
  const best = levels.map((m) => m![1] ?? 'L1').sort().at(-1);
  return { status: latest?.status, since: latest?.effectiveDate, certification: best ? `FIDO ${best}` : undefined };
}
