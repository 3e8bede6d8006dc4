import type { CheckResult } from '../check.js';
import type { AttestationPolicy } from '../rp/attestation/types.js';
import type { TrustInputs } from '../rp/attestation/trust.js';
import { verifyAssertion } from '../rp/verifyAssertion.js';
import { verifyRegistration } from '../rp/verifyRegistration.js';
import type { AssertionInfo, RegistrationInfo } from '../rp/types.js';
import { carriedTrustInputs } from '../rp/attestation/trustInputs.js';
import { parseBundle, type Bundle } from './parseBundle.js';

/** RP policy that is not part of the bundle. */
export interface VerifyBundleOptions {
  /** Attestation policy for registrations (default: not required). */
  readonly attestation?: AttestationPolicy;
  /** COSE algorithms the RP offered at registration (default: every one Proofline verifies). */
  readonly allowedAlgorithms?: readonly number[];
  /**
   * What the RP trusts (roots, an MDS BLOB read with readMdsBlob). The time certificates are
   * judged at is `at` when given (stated), else the bundle's policy.attestationTime (capture), else now.
   */
  readonly trust?: Omit<TrustInputs, 'at' | 'atSource'> & { readonly at?: number };
}

/** The outcome of verifying a bundle: the ceremony's verdict, checks and parsed info. */
export type BundleResult =
  | { readonly ceremony: 'authentication'; readonly verdict: 'accepted' | 'rejected'; readonly checks: CheckResult[]; readonly info: AssertionInfo }
  | { readonly ceremony: 'registration'; readonly verdict: 'accepted' | 'rejected'; readonly checks: CheckResult[]; readonly info: RegistrationInfo };

/**
 * Run the ceremony a response bundle describes. Accepts a parsed {@link Bundle} or raw JSON
 * (validated by {@link parseBundle}, which throws ERR_BUNDLE on unusable input); the response
 * itself never makes this throw — hostile bytes are failed checks.
 */
export async function verifyBundle(bundle: Bundle | unknown, options: VerifyBundleOptions = {}): Promise<BundleResult> {
  const b = isBundle(bundle) ? bundle : parseBundle(bundle);
  if (b.ceremony === 'authentication') {
    const r = await verifyAssertion(
      { clientDataJSON: b.clientDataJSON, authenticatorData: b.authenticatorData, signature: b.signature, credentialId: b.credentialId, ...(b.userHandle ? { userHandle: b.userHandle } : {}) },
      b.expected,
      { publicKey: b.credentialPublicKey, ...(b.allowCredentials ? { allowCredentials: b.allowCredentials } : {}) },
    );
    return { ceremony: 'authentication', ...r };
  }
  const p = b.policy ?? {};
  const clock = Date.now();
  const captured = p.attestationTime !== undefined ? Date.parse(p.attestationTime) : undefined;
  const carried = b.trust ? await carriedTrustInputs(b.trust, clock) : undefined;
  const { at: statedAt, ...given } = { ...carried, ...options.trust };
  // A bundle's "at": "now" (with no time from the command line) is the clock's now, and says so.
  const now = options.trust?.at === undefined && b.trust?.at === 'now';
  const trust: TrustInputs = { ...given, ...(statedAt !== undefined ? { at: statedAt, atSource: now ? 'now' : 'stated' } : captured !== undefined ? { at: captured, atSource: 'capture' } : { at: clock, atSource: 'now' }) };
  // The bundle's own policy comes first; options fill in what it leaves open. Attestation data (a
  // SafetyNet timestamp) is judged at the command line's time, else the capture time, else the time
  // the chain is judged at — one instant, so a stated time reproduces the whole verdict.
  const attestation: AttestationPolicy = {
    ...options.attestation,
    ...(p.requireAttestation !== undefined ? { require: p.requireAttestation } : {}),
    ...(p.requireCtsProfileMatch !== undefined ? { requireCtsProfileMatch: p.requireCtsProfileMatch } : {}),
    ...(p.androidKeyTeeOnly !== undefined ? { androidKeyTeeOnly: p.androidKeyTeeOnly } : {}),
    at: options.trust?.at ?? captured ?? trust.at,
  };
  const allowedAlgorithms = p.allowedAlgorithms ?? options.allowedAlgorithms;
  const r = await verifyRegistration({ clientDataJSON: b.clientDataJSON, attestationObject: b.attestationObject, credentialId: b.credentialId }, b.expected, {
    attestation,
    trust,
    ...(allowedAlgorithms ? { allowedAlgorithms } : {}),
  });
  return { ceremony: 'registration', ...r };
}

function isBundle(v: unknown): v is Bundle {
  return typeof v === 'object' && v !== null && (v as { clientDataJSON?: unknown }).clientDataJSON instanceof Uint8Array;
}
