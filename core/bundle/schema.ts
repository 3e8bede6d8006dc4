import { z } from 'zod';
import { bundleTrustSchema } from '../rp/attestation/trustInputs.js';

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);

/** zod schema of the bundle's `expected` (DESIGN.md §5). Unknown members are ignored. */
export const expectedSchema = z.object({
  rpId: z.union([z.string(), z.array(z.string()).min(1), z.null()]),
  origin: stringOrList,
  challenge: z.string(),
  userVerification: z.enum(['required', 'preferred', 'discouraged']).optional(),
  storedSignCount: z.number().int().min(0).max(0xffffffff).optional(),
  type: stringOrList.optional(),
  allowCrossOrigin: z.boolean().optional(),
  topOrigin: stringOrList.optional(),
  requireUserPresence: z.boolean().optional(),
  allowCredentials: z.array(z.string()).optional(),
  payment: z
    .object({
      payeeName: z.string().optional(),
      payeeOrigin: z.string().optional(),
      total: z.object({ currency: z.string(), value: z.string() }),
      instrument: z.object({ displayName: z.string(), icon: z.string().optional() }).optional(),
      rpId: z.string().optional(),
      topOrigin: z.string().optional(),
    })
    .optional(),
});

/** zod schema of `response`: the JSON form of a PublicKeyCredential (WebAuthn L3 toJSON()). */
export const credentialSchema = z.object({
  id: z.string(),
  rawId: z.string(),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: z.string(),
    authenticatorData: z.string().optional(),
    signature: z.string().optional(),
    userHandle: z.string().nullable().optional(),
    attestationObject: z.string().optional(),
    transports: z.array(z.string()).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
  authenticatorAttachment: z.string().nullable().optional(),
});

/**
 * zod schema of the bundle's optional `policy`: the relying party's choices that WebAuthn L3
 * leaves to it (docs/cli.md). Strict: a misspelled choice is an error, not silently the default.
 */
export const policySchema = z
  .object({
    /** Reject a registration whose attestation is not verified (default false). */
    requireAttestation: z.boolean().optional(),
    /** android-safetynet: require ctsProfileMatch (default true). */
    requireCtsProfileMatch: z.boolean().optional(),
    /** android-key: read origin and purpose only from the TEE's authorization list (default false). */
    androidKeyTeeOnly: z.boolean().optional(),
    /** COSE algorithms the RP offered in pubKeyCredParams (default: every one Proofline verifies). */
    allowedAlgorithms: z.array(z.number().int()).min(1).optional(),
    /** The time attestation data is judged at, as an ISO 8601 date-time (default: now). */
    attestationTime: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * zod schema of the bundle's optional `trust`: what the RP trusts, carried with the response so
 * that opening it again reproduces the verdict (docs/cli.md). Strict, like `policy`, with size
 * caps (core/rp/attestation/trustInputs.ts, shared with the trace's `trust` payload).
 */
export const trustSchema = bundleTrustSchema;

/** zod schema of a response bundle (DESIGN.md §5); other top-level members are ignored. */
export const bundleSchema = z.object({
  ceremony: z.enum(['registration', 'authentication']),
  expected: expectedSchema,
  policy: policySchema.optional(),
  trust: trustSchema.optional(),
  credentialPublicKey: z.string().optional(),
  response: credentialSchema,
});

/** A response bundle as JSON (base64url strings). */
export type BundleJSON = z.infer<typeof bundleSchema>;
