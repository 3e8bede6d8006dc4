import type { ActorId, CheckResult } from '../check.js';
import type { Action } from '../codec/action.js';
import type { KnowledgeItem, Payload, Phase } from '../ops/types.js';

export { PHASES, type KnowledgeItem, type Payload, type PayloadEncoding, type Phase } from '../ops/types.js';

/**
 * The run model. A run is a list of steps; each step is a message between two actors or a local
 * action, tagged with a phase so that runs of different flows line up side by side (DESIGN.md §1).
 *
 * Recording and re-verification share one code path: every step names an `op`, the evaluator that
 * judges the step's payload bytes (core/ops/evaluate.ts). At record time the flow calls the
 * evaluator to get the step's checks and knowledge; when a trace is loaded the same evaluators
 * run again over the stored bytes, and any difference from what the file claims is reported.
 */

export const FLOW_IDS = ['webauthn', 'biometric-only', 'device-key', 'push-approval', 'otp'] as const;
export type FlowId = (typeof FLOW_IDS)[number];

export const SCENARIO_IDS = [
  'honest',
  'replay',
  'phishing-relay',
  'forged-approval',
  'tx-swap-after-approval',
  'tx-swap-before-display',
  'stolen-unlocked-device',
  'cloned-authenticator',
  'byte-tamper',
  'synced-new-device',
  'mfa-fatigue',
  'sim-swap',
  'subdomain-takeover',
  'silent-assertion',
  'uv-downgrade',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Options of a run (DESIGN.md §1). Keys are the contract's keys; each flow uses its own. */
export interface FlowOptions {
  /** webauthn: the RP's user verification policy. */
  userVerification?: 'required' | 'preferred' | 'discouraged';
  /** webauthn: whether the authenticator can verify the user at all. */
  uvAvailable?: boolean;
  /** webauthn: device-bound credential (BE=0) or synced passkey (BE=1, BS=1). */
  credential?: 'device-bound' | 'synced';
  /** webauthn: how the action is bound to the proof. */
  binding?: 'none' | 'challenge' | 'spc';
  /** biometric-only: server-side replay guard. */
  replayGuard?: 'none' | 'tx-state';
  /** webauthn: one check of the RP switched off or weakened (DESIGN.md §10); absent means `none`. */
  rpFlaw?: 'none' | 'skip-signature' | 'accept-related-origin' | 'reuse-challenge' | 'accept-up0' | 'ignore-uv' | 'ignore-counter';
  /** push-approval: the user types the number the initiating page shows. */
  numberMatching?: 'none' | 'code';
  /** push-approval: a bearer device token, or a non-exportable key that signs challenge ‖ SHA-256(action). */
  approvalKey?: 'none' | 'signed';
  /** otp: the code goes by SMS, or an authenticator app computes it (TOTP; OCRA with dynamic linking). */
  channel?: 'sms' | 'totp';
  /** otp: the code is computed over the action, which the SMS or the app shows (PSD2 dynamic linking). */
  linking?: 'none' | 'dynamic';
}

/** A step of a run. */
export interface Step {
  readonly index: number;
  readonly phase: Phase;
  readonly kind: 'message' | 'local';
  readonly from: ActorId;
  /** Receiver of a message; same as `from` for a local action. */
  readonly to: ActorId;
  /** Short label, e.g. `navigator.credentials.get()`. */
  readonly label: string;
  /** One plain-language sentence a trainer could read aloud. */
  readonly caption: string;
  /** The evaluator that judges this step (see evaluate.ts). */
  readonly op: string;
  readonly payloads: readonly Payload[];
  /** Checks run at this step (recomputed from the payloads on load). */
  readonly checks: readonly CheckResult[];
  /** What each actor knows after this step: items learnt at this step (recomputed on load). */
  readonly knowledge: Readonly<Partial<Record<ActorId, readonly KnowledgeItem[]>>>;
  /** True when the attacker performs or alters this step. */
  readonly attacker?: boolean;
}

export type OutcomeClass = 'ok' | 'blocked' | 'breach' | 'false-reject';

/** How a run ended, derived from its checks. */
export interface Outcome {
  readonly outcome: OutcomeClass;
  /** The deciding actor and check (null where nothing blocked). */
  readonly actor: ActorId | null;
  readonly check: string | null;
  /** Step index of the deciding check, or of the final decision. */
  readonly step: number | null;
  /** One sentence: who blocked at which check, or what the attacker got. */
  readonly sentence: string;
}

export const PROPERTIES = [
  'user-presence',
  'user-verification',
  'key-possession',
  'device-binding',
  'origin-binding',
  'freshness',
  'action-binding',
  'clone-detection',
  'authenticator-model',
] as const;
export type Property = (typeof PROPERTIES)[number];

export const LEVELS = ['proven', 'attested', 'asserted', 'absent', 'failed'] as const;
export type Level = (typeof LEVELS)[number];

/** One row of the ledger: what the verifier may conclude about a property (DESIGN.md §3). */
export interface LedgerEntry {
  readonly property: Property;
  readonly level: Level;
  /** Steps and checks behind the level. */
  readonly evidence: readonly { step: number; check?: string }[];
  readonly why: string;
}

/** An actor as shown on a lifeline. */
export interface ActorInfo {
  readonly id: ActorId;
  readonly name: string;
  readonly role: string;
}

/** What a run is asked to do: everything needed to simulate it again from the seed. */
export interface RunSpec {
  readonly flow: FlowId;
  readonly scenario: ScenarioId;
  readonly options: FlowOptions;
  readonly seed: number;
}

/** A recorded run. `steps` carry the bytes; `outcome` and `ledger` are claims recomputed on load. */
export interface Run extends RunSpec {
  /** What the legitimate user intends to approve. */
  readonly intended: Action;
  readonly actors: readonly ActorInfo[];
  readonly steps: readonly Step[];
  readonly outcome: Outcome;
  readonly ledger: readonly LedgerEntry[];
  /**
   * Private keys the simulated devices held. Never needed to re-verify (verifiers use public
   * data only); a trace stores them only when asked to, and `--redact` leaves them out.
   */
  readonly secrets?: readonly SecretKeyRecord[];
  /**
   * Set when a real browser and authenticator played the user agent and the authenticator
   * (core/capture), or when the run was built from such a run's bytes. Such a run has no seed:
   * it re-verifies from its bytes only and cannot be simulated again.
   */
  readonly capture?: CaptureInfo;
  /**
   * Set when the run is a real WebAuthn response opened with "Open response…" (core/response/responseRun.ts):
   * its payloads are the response's bytes and the RP's expectations, and everything it shows is
   * rebuilt from them on load. Such a run has no seed.
   */
  readonly response?: ResponseInfo;
}

/** A real response shown as a run (docs/trace-format.md "Real responses"). */
export interface ResponseInfo {
  /** What the response was called when it was opened (its file name, or "the pasted response"). */
  readonly name: string;
}

/** Where a captured run came from (DESIGN.md issue 15; docs/trace-format.md "Captured runs"). */
export interface CaptureInfo {
  /** When the ceremony took place (ISO 8601). */
  readonly at: string;
  /** The browser's user agent string, as it sent it. */
  readonly userAgent: string;
  /** The page's origin, e.g. `http://localhost:49152`. */
  readonly origin: string;
  /** The device, as far as its registration response tells (null when redacted). */
  readonly device: CapturedDevice | null;
  /** For a run built from a captured run's bytes: what was done with them (e.g. "replay"). */
  readonly derived?: string;
}

/** What a captured registration says about the authenticator. */
export interface CapturedDevice {
  /** AAGUID, 8-4-4-4-12 hex (all zeros when the device does not say). */
  readonly aaguid: string;
  /** The model the AAGUID names in the community list (the device's own claim; nobody vouches), if any. */
  readonly model?: string;
  /** The attestation statement format (`packed`, `none`, `fido-u2f`, …). */
  readonly attestationFormat: string;
  /** What the attestation shows of the model, in one sentence. */
  readonly evidence: string;
  /** Transports and attachment as the browser reported them. */
  readonly transports: readonly string[];
  readonly attachment: string | null;
}

/** A private key a simulated actor held during a run. */
export interface SecretKeyRecord {
  readonly actor: ActorId;
  readonly label: string;
  readonly alg: string;
  readonly secretKey: Uint8Array;
}
