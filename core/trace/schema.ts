import { z } from 'zod';
import type { ActorId } from '../check.js';
import { RP_FLAWS } from '../rp/flawNames.js';
import { FLOW_IDS, LEVELS, PHASES, PROPERTIES, SCENARIO_IDS, type PayloadEncoding } from '../flows/types.js';

/**
 * The trace file format (`*.proofline.json`), defined once here with zod. `docs/trace.schema.json`
 * is generated from {@link traceSchema} (a test fails when the checked-in file differs), and the
 * loader validates every file against it. The schema describes the JSON as stored: bytes are
 * unpadded base64url strings; checks, knowledge, outcome and ledger are *claims* that
 * re-verification recomputes from the bytes (see docs/trace-format.md).
 */

/** The value of the top-level `format` member. */
export const TRACE_FORMAT = 'proofline-trace';
/** The version this code writes (and the newest it reads). */
export const TRACE_VERSION = 3;
/** The oldest version this Proofline reads (DESIGN.md §13.3). */
export const TRACE_VERSION_MIN = 1;
/** Every version this Proofline reads. */
export const TRACE_VERSIONS = [1, 2, 3] as const;
/** A version this Proofline reads. */
export type TraceVersion = (typeof TRACE_VERSIONS)[number];

/**
 * Ledger properties newer than version 1, with the version that first carries them. A file of an
 * older version has no row for such a property: re-verification recomputes and shows it, and its
 * absence from the file is not a disagreement; a file of that version or newer must carry it.
 */
export const PROPERTY_SINCE: Partial<Readonly<Record<(typeof PROPERTIES)[number], TraceVersion>>> = { 'authenticator-model': 3 };

/** Actor ids as stored (the union {@link ActorId}, as a list). */
export const ACTOR_IDS = ['rp', 'ua', 'authn', 'server', 'app', 'sensor', 'keystore', 'user', 'attacker', 'push', 'carrier'] as const satisfies readonly ActorId[];
// Fails to compile when ActorId gains a member this list lacks.
type MissingActor = Exclude<ActorId, (typeof ACTOR_IDS)[number]>;
const actorListComplete: MissingActor extends never ? true : false = true;
void actorListComplete;

/** Payload encodings as stored. */
export const PAYLOAD_ENCODINGS = ['json', 'cbor', 'text', 'binary', 'der', 'cose'] as const satisfies readonly PayloadEncoding[];
type MissingEncoding = Exclude<PayloadEncoding, (typeof PAYLOAD_ENCODINGS)[number]>;
const encodingListComplete: MissingEncoding extends never ? true : false = true;
void encodingListComplete;

/** The pattern of an unpadded base64url string (RFC 4648 §5 alphabet, no `=`). */
export const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

const b64url = z.string().regex(BASE64URL_PATTERN).describe('Bytes as unpadded base64url (RFC 4648 §5, no "=").');
const actorId = z.enum(ACTOR_IDS);

const checkSchema = z
  .strictObject({
    id: z.string().min(1).describe('Stable check id, e.g. "rp.challenge".'),
    actor: actorId.describe('The actor that ran the check.'),
    spec: z.string().describe('The spec clause the check implements, e.g. "WebAuthn L3 §7.2 step 12".'),
    status: z.enum(['pass', 'fail', 'skip']),
    detail: z.string().describe('Expected vs actual, in one sentence.'),
  })
  .describe('One check run at this step (a claim: recomputed from the payloads on load).');

const knowledgeItemSchema = z.strictObject({
  key: z.string().describe('Stable key, so a viewer can tell new items from old ones.'),
  text: z.string(),
  never: z.boolean().optional().describe('True for something the actor never sees.'),
});

const payloadSchema = z
  .strictObject({
    name: z.string().min(1).describe('Payload name, unique within the step, e.g. "clientDataJSON".'),
    encoding: z.enum(PAYLOAD_ENCODINGS).describe('How the bytes are best shown; the bytes are authoritative.'),
    bytes: b64url,
  })
  .describe('One named byte string, exactly as sent or stored.');

const stepSchema = z
  .strictObject({
    index: z.int().min(0).describe('Position of the step in the run, from 0; must equal its array index.'),
    phase: z.enum(PHASES),
    kind: z.enum(['message', 'local']).describe('"message" when from ≠ to, else "local".'),
    from: actorId,
    to: actorId.describe('Receiver of a message; equal to "from" for a local action.'),
    label: z.string(),
    caption: z.string().describe('One plain-language sentence a trainer could read aloud.'),
    op: z.string().min(1).describe('The evaluator that judges this step on re-verification.'),
    payloads: z.array(payloadSchema),
    checks: z.array(checkSchema),
    knowledge: z.partialRecord(actorId, z.array(knowledgeItemSchema)).describe('What each actor learns at this step (a claim: recomputed on load).'),
    attacker: z.boolean().optional().describe('True when the attacker performs or alters this step.'),
    notes: z.string().optional().describe('Free text a trainer adds; preserved on load and save, never verified.'),
  })
  .describe('One step of a run.');

const optionsSchema = z
  .strictObject({
    userVerification: z.enum(['required', 'preferred', 'discouraged']).optional(),
    uvAvailable: z.boolean().optional(),
    credential: z.enum(['device-bound', 'synced']).optional(),
    binding: z.enum(['none', 'challenge', 'spc']).optional(),
    replayGuard: z.enum(['none', 'tx-state']).optional(),
    rpFlaw: z.enum(['none', 'skip-signature', 'accept-related-origin', 'reuse-challenge', 'accept-up0', 'ignore-uv', 'ignore-counter']).optional(),
    numberMatching: z.enum(['none', 'code']).optional(),
    approvalKey: z.enum(['none', 'signed']).optional(),
    channel: z.enum(['sms', 'totp']).optional(),
    linking: z.enum(['none', 'dynamic']).optional(),
  })
  .describe('The options the run used (DESIGN.md §1); each flow uses its own keys.');

const specSchema = z
  .strictObject({
    flow: z.enum(FLOW_IDS),
    scenario: z.enum(SCENARIO_IDS),
    options: optionsSchema,
    seed: z.int().nullable().describe('The seed of the random source; null when the trace was redacted.'),
  })
  .describe('What the run was asked to do: with the seed, enough to simulate it again.');

const actionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sign-in') }),
    z.strictObject({
      kind: z.literal('payment'),
      amount: z.strictObject({ value: z.string(), currency: z.string() }),
      payee: z.strictObject({ name: z.string(), iban: z.string() }),
      reference: z.string(),
    }),
  ])
  .describe('What the legitimate user intends to approve (DESIGN.md §6).');

const actorSchema = z.strictObject({ id: actorId, name: z.string(), role: z.string() });

const outcomeSchema = z
  .strictObject({
    outcome: z.enum(['ok', 'blocked', 'breach', 'false-reject']),
    actor: actorId.nullable().describe('The deciding actor; null where nothing blocked.'),
    check: z.string().nullable().describe('The deciding check id; null where nothing blocked.'),
    step: z.int().min(0).nullable().describe('Step of the deciding check or of the final decision.'),
    sentence: z.string(),
  })
  .describe('How the run ended (a claim: recomputed on load).');

const ledgerEntrySchema = z
  .strictObject({
    property: z.enum(PROPERTIES),
    level: z.enum(LEVELS),
    evidence: z.array(z.strictObject({ step: z.int().min(0), check: z.string().optional() })),
    why: z.string(),
  })
  .describe('What the verifier may conclude about one property (a claim: recomputed on load).');

const secretKeySchema = z
  .strictObject({
    actor: actorId,
    label: z.string(),
    alg: z.string(),
    secretKey: b64url.describe('The private key bytes, unpadded base64url.'),
  })
  .describe('A private key a simulated device held. Never needed to re-verify.');

const forkChangeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('flag'), flag: z.enum(['UV', 'UP', 'BE', 'BS']), value: z.boolean() }),
    z.strictObject({ kind: z.literal('counter'), value: z.int().min(0).max(0xffffffff) }),
    z.strictObject({ kind: z.literal('origin'), value: z.string() }),
    z.strictObject({ kind: z.literal('challenge'), value: z.string() }),
    z.strictObject({
      kind: z.literal('action'),
      amount: z.strictObject({ value: z.string(), currency: z.string() }).optional(),
      payee: z.strictObject({ name: z.string(), iban: z.string() }).optional(),
    }),
    z.strictObject({ kind: z.literal('rpFlaw'), value: z.enum(RP_FLAWS) }).describe('The WebAuthn RP configured with this flaw (its rp.policy payload), the same bytes re-judged.'),
    z.strictObject({ kind: z.literal('number'), value: z.string().regex(/^[0-9]{1,10}$/) }).describe('The number the user typed in push number matching.'),
    z.strictObject({ kind: z.literal('code'), value: z.string().regex(/^[0-9]{1,10}$/) }).describe('The one-time code the user typed.'),
  ])
  .describe('The one thing a what-if fork changed (core/fork ForkChange); nothing was re-signed.');

const forkSchema = z
  .strictObject({
    of: z.int().min(0).describe('Index in "runs" of the run this one forks.'),
    at: z.int().min(0).describe('The step of that run where the change was made.'),
    change: forkChangeSchema,
  })
  .describe('Present when this run is a what-if fork of another run in the same file.');

const captureSchema = z
  .strictObject({
    at: z.iso.datetime({ offset: true }).describe('When the ceremony took place (ISO 8601).'),
    userAgent: z.string().max(512).describe('The browser’s user agent string, as it sent it.'),
    origin: z.string().describe('The capture page’s origin, e.g. "http://localhost:49152".'),
    device: z
      .strictObject({
        aaguid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).describe('The AAGUID from the attested credential data (all zeros when the device does not say).'),
        model: z.string().optional().describe('The model the AAGUID names in the community AAGUID list: the device’s own claim, which nobody vouches for.'),
        attestationFormat: z.string().describe('The attestation statement format, e.g. "packed", "none".'),
        evidence: z.string().describe('What the attestation shows of the model, in one sentence.'),
        transports: z.array(z.string()).describe('Transports as the browser reported them.'),
        attachment: z.string().nullable().describe('"platform", "cross-platform" or null.'),
      })
      .nullable()
      .describe('The device, as far as its registration tells; null when redacted.'),
    derived: z.string().optional().describe('Present on a run built from a captured run’s bytes (an attack or the look-alike attempt): what was done with them.'),
  })
  .describe('Present when a real browser and authenticator played the user agent and the authenticator (proofline capture). Such a run has no seed (spec.seed is null): it re-verifies from its bytes and cannot be simulated again.');

const responseSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/u)
      .describe('What the response was called when it was opened (its file name, or "the pasted response"); no control characters.'),
  })
  .describe('Present when the run is a real WebAuthn response opened with "Open response…": its payloads are the response’s bytes and the RP’s expectations, and re-verification rebuilds everything else the run shows from them. Such a run has no seed (spec.seed is null).');

const runSchema = z.strictObject({
  spec: specSchema,
  intended: actionSchema,
  actors: z.array(actorSchema).min(1),
  steps: z.array(stepSchema),
  outcome: outcomeSchema,
  ledger: z.array(ledgerEntrySchema),
  keys: z.array(secretKeySchema).optional().describe('Present exactly when secrets.keys is true.'),
  fork: forkSchema.optional(),
  capture: captureSchema.optional(),
  response: responseSchema.optional(),
});

/** zod schema of a whole trace file, as JSON. */
export const traceSchema = z
  .strictObject({
    format: z.literal(TRACE_FORMAT),
    version: z
      .union([z.literal(1), z.literal(2), z.literal(TRACE_VERSION)])
      .describe('3 when every run’s ledger carries authenticator-model (every file written now). Older files read: 1, or 2 when a run uses a flow, scenario, option or actor that version 1 lacks (push-approval, otp, the five scenarios of DESIGN.md §9, rpFlaw); their ledgers have no authenticator-model row, which re-verification adds.'),
    title: z.string(),
    description: z.string(),
    created: z.iso.datetime({ offset: true }).describe('When the trace was recorded (ISO 8601).'),
    generator: z.strictObject({ name: z.string().min(1), version: z.string() }).describe('The program that wrote the file.'),
    secrets: z
      .strictObject({
        seed: z.boolean().describe('True when every simulated run stores its seed; false when seeds are null. Captured runs never have one.'),
        keys: z.boolean().describe('True when every run has a "keys" member with its private keys.'),
      })
      .describe('Which secrets the file holds. `record --redact` sets both to false.'),
    runs: z.array(runSchema).min(1),
  })
  .meta({
    $id: 'https://proofline.invalid/trace.schema.json',
    title: 'Proofline trace',
    description: 'Recorded runs of Proofline flows: the raw bytes of every step plus the claims re-verification recomputes from them.',
  });

/** A trace file as JSON (what {@link traceSchema} accepts). */
export type TraceJson = z.infer<typeof traceSchema>;
/** One run as JSON. */
export type TraceRunJson = z.infer<typeof runSchema>;
/** One step as JSON. */
export type TraceStepJson = z.infer<typeof stepSchema>;

/** The JSON Schema (draft 2020-12) of the trace format, generated from {@link traceSchema}. */
export function traceJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(traceSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
