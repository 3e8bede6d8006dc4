import { fromBase64url } from '../codec/base64url.js';
import { bytesToUtf8 } from '../codec/bytes.js';
import { ProoflineError } from '../errors.js';
import { bundleSchema, credentialSchema, type BundleJSON } from './schema.js';

/** What the relying party expected, as a person types it into the form (base64url strings). */
export interface ExpectedInput {
  readonly rpId: string;
  readonly origin: string;
  readonly challenge: string;
  readonly userVerification?: 'required' | 'preferred' | 'discouraged';
  readonly storedSignCount?: number;
}

/** What a pasted JSON is: a whole response bundle, or a bare PublicKeyCredential still missing the RP's side. */
export type ResponseInput =
  | { readonly kind: 'bundle'; readonly bundle: BundleJSON }
  | {
      readonly kind: 'credential';
      readonly ceremony: 'registration' | 'authentication';
      readonly credential: BundleJSON['response'];
      /** What the response itself says (its clientDataJSON), offered as a starting point. */
      readonly says: { readonly challenge?: string; readonly origin?: string; readonly type?: string };
    };

/** What clientDataJSON says, when it is readable JSON; nothing when it is not (the verifier will say why). */
function clientDataSays(b64: string): { challenge?: string; origin?: string; type?: string } {
  try {
    const c = JSON.parse(bytesToUtf8(fromBase64url(b64))) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const out: { challenge?: string; origin?: string; type?: string } = {};
    const challenge = str(c.challenge);
    const origin = str(c.origin);
    const type = str(c.type);
    if (challenge !== undefined) out.challenge = challenge;
    if (origin !== undefined) out.origin = origin;
    if (type !== undefined) out.type = type;
    return out;
  } catch {
    return {};
  }
}

/**
 * Tell a whole response bundle (DESIGN.md §5) from a bare PublicKeyCredential JSON — what
 * `PublicKeyCredential.toJSON()` (WebAuthn L3 §5.1.8), browsers, DevTools and webauthn.io give:
 * `{ id, rawId, type: "public-key", response: { clientDataJSON, … } }`. A credential's ceremony
 * follows from its response: an `attestationObject` is a registration, `authenticatorData` and
 * `signature` an assertion. Anything else is ProoflineError('ERR_BUNDLE', what, JSON path).
 */
export function readResponseInput(json: unknown): ResponseInput {
  if (json !== null && typeof json === 'object' && 'expected' in json) {
    const r = bundleSchema.safeParse(json);
    if (r.success) return { kind: 'bundle', bundle: r.data };
  }
  const r = credentialSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = '$' + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new ProoflineError('ERR_BUNDLE', `is neither a response bundle nor a PublicKeyCredential JSON (${issue.message})`, path);
  }
  const resp = r.data.response;
  const ceremony = resp.attestationObject !== undefined ? 'registration' : resp.authenticatorData !== undefined || resp.signature !== undefined ? 'authentication' : null;
  if (!ceremony) throw new ProoflineError('ERR_BUNDLE', 'has neither attestationObject (a registration) nor authenticatorData and signature (an assertion)', '$.response');
  return { kind: 'credential', ceremony, credential: r.data, says: clientDataSays(resp.clientDataJSON) };
}

/**
 * The response bundle of a bare credential and what the relying party expected: for an assertion
 * also the stored COSE public key (base64url) the RP saved at registration. The bundle is checked
 * by parseBundle as any other; nothing here judges the bytes.
 */
export function bundleFromCredential(input: Extract<ResponseInput, { kind: 'credential' }>, expected: ExpectedInput, credentialPublicKey?: string): BundleJSON {
  const e: BundleJSON['expected'] = {
    rpId: expected.rpId,
    origin: expected.origin,
    challenge: expected.challenge,
    ...(expected.userVerification ? { userVerification: expected.userVerification } : {}),
    ...(expected.storedSignCount !== undefined ? { storedSignCount: expected.storedSignCount } : {}),
  };
  return {
    ceremony: input.ceremony,
    expected: e,
    ...(input.ceremony === 'authentication' && credentialPublicKey ? { credentialPublicKey } : {}),
    response: input.credential,
  };
}
