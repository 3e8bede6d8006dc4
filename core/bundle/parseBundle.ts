import type { z } from 'zod';
import { fromBase64url } from '../codec/base64url.js';
import { ProoflineError } from '../errors.js';
import { parseStrictJson } from '../codec/json.js';
import type { RpExpected } from '../rp/types.js';
import { decodeTrust, type CarriedTrust, type TrustTexts } from '../rp/attestation/trustInputs.js';
import { bundleSchema, type policySchema } from './schema.js';

/** The trust inputs a bundle carries (docs/cli.md), PEM decoded to DER. */
export type BundleTrust = CarriedTrust;

/** The bundle's RP policy (docs/cli.md), as written. */
export type BundlePolicy = z.infer<typeof policySchema>;

/** A validated response bundle with its bytes decoded. */
export type Bundle =
  | {
      readonly ceremony: 'authentication';
      readonly expected: RpExpected;
      readonly credentialPublicKey: Uint8Array;
      readonly allowCredentials?: Uint8Array[];
      readonly credentialId: Uint8Array;
      readonly clientDataJSON: Uint8Array;
      readonly authenticatorData: Uint8Array;
      readonly signature: Uint8Array;
      readonly userHandle?: Uint8Array;
    }
  | {
      readonly ceremony: 'registration';
      readonly expected: RpExpected;
      readonly policy?: BundlePolicy;
      readonly trust?: BundleTrust;
      /** The `trust` member as written (PEM and BLOB text), so a view of the response can carry it on. */
      readonly trustTexts?: TrustTexts;
      readonly credentialId: Uint8Array;
      readonly clientDataJSON: Uint8Array;
      readonly attestationObject: Uint8Array;
    };

/** `$.a.b[0]` from a zod issue path. */
function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if ('input' in issue && issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_union') {
    const types = [...new Set(issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => (i as { expected: string }).expected)))];
    const got = (issue as { input?: unknown }).input;
    if (types.length > 0) return `expected ${types.join(' or ')}, got ${got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got}`;
  }
  if (issue.code === 'invalid_type') {
    const got = (issue as { input?: unknown }).input;
    return got === undefined ? `is missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got}`;
  }
  return issue.message;
}

function need(value: string | undefined | null, path: string, why: string): Uint8Array {
  if (value === undefined || value === null) throw new ProoflineError('ERR_BUNDLE', `is missing (${why})`, path);
  try {
    return fromBase64url(value, path);
  } catch {
    throw new ProoflineError('ERR_BUNDLE', 'is not valid base64url', path);
  }
}

/**
 * Validate a parsed response bundle (DESIGN.md §5) and decode its base64url members. Bad input
 * is ProoflineError('ERR_BUNDLE', what, JSON path). Unknown top-level members (id, verdict,
 * provenance…) are ignored. The *contents* of the bytes are not judged here: that is the
 * verifier's job, as failed checks.
 */
export function parseBundle(json: unknown): Bundle {
  const r = bundleSchema.safeParse(json, { reportInput: true });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ProoflineError('ERR_BUNDLE', describeIssue(issue), jsonPath(issue.path));
  }
  const b = r.data;
  const resp = b.response.response;
  const credentialId = need(b.response.rawId, '$.response.rawId', 'the credential id');
  const clientDataJSON = need(resp.clientDataJSON, '$.response.response.clientDataJSON', 'every response has clientDataJSON');
  const e = b.expected;
  const expected: RpExpected = {
    rpId: e.rpId,
    origin: e.origin,
    challenge: e.challenge,
    ...(e.userVerification !== undefined ? { userVerification: e.userVerification } : {}),
    ...(e.storedSignCount !== undefined ? { storedSignCount: e.storedSignCount } : {}),
    ...(e.type !== undefined ? { type: e.type } : {}),
    ...(e.allowCrossOrigin !== undefined ? { allowCrossOrigin: e.allowCrossOrigin } : {}),
    ...(e.topOrigin !== undefined ? { topOrigin: e.topOrigin } : {}),
    ...(e.requireUserPresence !== undefined ? { requireUserPresence: e.requireUserPresence } : {}),
    ...(e.payment !== undefined ? { payment: e.payment } : {}),
  };
  if (b.ceremony === 'registration') {
    const trust: BundleTrust | undefined = b.trust && decodeTrust(b.trust, '$.trust');
    const attestationObject = need(resp.attestationObject, '$.response.response.attestationObject', 'a registration response has an attestationObject');
    return { ceremony: 'registration', expected, credentialId, clientDataJSON, attestationObject, ...(b.policy ? { policy: b.policy } : {}), ...(trust ? { trust, trustTexts: b.trust! } : {}) };
  }
  const allow = e.allowCredentials?.map((id, i) => need(id, `$.expected.allowCredentials[${i}]`, 'a credential id'));
  return {
    ceremony: 'authentication',
    expected,
    credentialId,
    credentialPublicKey: need(b.credentialPublicKey, '$.credentialPublicKey', 'authentication needs the stored COSE public key'),
    clientDataJSON,
    authenticatorData: need(resp.authenticatorData, '$.response.response.authenticatorData', 'an assertion has authenticatorData'),
    signature: need(resp.signature, '$.response.response.signature', 'an assertion has a signature'),
    ...(allow ? { allowCredentials: allow } : {}),
    ...(resp.userHandle ? { userHandle: need(resp.userHandle, '$.response.response.userHandle', 'user handle') } : {}),
  };
}

/** Largest response bundle read (a few KB in practice, attestation certificates included). */
export const MAX_BUNDLE_BYTES = 1024 * 1024;

/**
 * Read a response bundle from its JSON text or bytes: at most {@link MAX_BUNDLE_BYTES}, strict JSON
 * (no duplicate or prototype keys, at most 32 levels deep), then {@link parseBundle}. Every failure
 * is ProoflineError('ERR_BUNDLE', what, where).
 */
export function parseBundleText(input: string | Uint8Array): Bundle {
  let json: unknown;
  try {
    json = parseStrictJson(input, { maxBytes: MAX_BUNDLE_BYTES, maxDepth: 32 });
  } catch (e) {
    if (e instanceof ProoflineError) throw new ProoflineError('ERR_BUNDLE', e.code === 'ERR_TRACE_SIZE' ? `${e.message.replace(/^\$: the file/, 'the bundle')}` : `is not JSON (${e.message})`);
    throw e;
  }
  return parseBundle(json);
}
