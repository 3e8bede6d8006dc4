/**
 * What each flow is, as plain data: id, title, summary, actors and options. No simulation and no
 * imports of the flow modules (nor of the crypto, codecs and RP they use), so a caller that only
 * shows or picks flows — the renderer's first paint — loads this and nothing heavy. Each flow module
 * takes its metadata from here and registers it with its `simulate` and `ledger`.
 */
import type { ActorInfo, FlowId, FlowOptions, ScenarioId } from './types.js';

/** One option of a flow and the values it takes; the first value is the default. */
export interface OptionInfo {
  readonly key: keyof FlowOptions;
  readonly values: readonly (string | boolean)[];
  readonly description: string;
  /** A note per value, e.g. how many relying parties in the field have this flaw. */
  readonly notes?: Readonly<Record<string, string>>;
  /** Values that are left out of a run's recorded options, file names and JSON lines (the strict default). */
  readonly omitWhen?: string | boolean;
}

/**
 * A scenario that has no place to happen in a flow (with these option values): the flow lacks the
 * perturbation point. Never a verdict: a flow that merely defeats a scenario records `blocked`.
 */
export interface NotApplicable {
  readonly scenario: ScenarioId;
  /** Only with these option values (all of them). */
  readonly options?: Partial<Record<keyof FlowOptions, string | boolean>>;
  readonly reason: string;
}

/** A flow's static metadata (its definition without `simulate` and `ledger`). */
export interface FlowInfo {
  readonly id: FlowId;
  readonly title: string;
  readonly summary: string;
  readonly actors: readonly ActorInfo[];
  readonly options: readonly OptionInfo[];
  /** The options the matrix spreads into columns, in order (DESIGN.md §13.1). */
  readonly columnOptions?: readonly (keyof FlowOptions)[];
  /** Scenarios with no perturbation point in this flow (read by {@link applies}). */
  readonly notApplicable?: readonly NotApplicable[];
  /** Actors present only with some option values (the rest are always there). */
  readonly actorsWhen?: readonly { actor: ActorInfo['id']; options: Partial<Record<keyof FlowOptions, string | boolean>> }[];
}

const MOBILE_ACTORS: readonly ActorInfo[] = [
  { id: 'user', name: 'Bob', role: 'User' },
  { id: 'app', name: 'Mobile app', role: 'Bank’s app on the phone' },
];

/** The keystore's biometric requirement is fixed when the key is made; no caller lowers it per request. */
const MOBILE_NOT_APPLICABLE: readonly NotApplicable[] = [
  { scenario: 'silent-assertion', reason: 'there is no CTAP authenticator: the keystore’s biometric requirement is set when the key is created, and biometric-only’s claim is the app’s word anyway' },
  { scenario: 'uv-downgrade', reason: 'the keystore’s biometric requirement is set when the key is created; no caller can lower it per request' },
];

/** Bob and the bank's web page, where a push approval or a one-time code is asked for, and the bank. */
const WEB_PAGE_ACTORS: readonly ActorInfo[] = [
  { id: 'user', name: 'Bob', role: 'User' },
  { id: 'ua', name: 'Browser', role: 'The bank’s web page' },
  { id: 'server', name: 'Bank server', role: 'Verifier' },
];

/** Push approvals and one-time codes have no authenticator whose flags or UV request could be changed. */
const NO_AUTHENTICATOR_NOT_APPLICABLE: readonly NotApplicable[] = [
  { scenario: 'silent-assertion', reason: 'there is no CTAP authenticator and no UP flag to leave unset' },
  { scenario: 'uv-downgrade', reason: 'there is no per-request user verification parameter to lower' },
];

/** Every flow, in the order core/flows/all.ts registers them. */
const CATALOG: readonly FlowInfo[] = [
  {
    id: 'biometric-only',
    title: 'Biometric-only',
    summary: 'The app asks the OS for a biometric match, gets a boolean, and tells the bank “approved” over its session. Nothing is signed by a device key.',
    actors: [...MOBILE_ACTORS, { id: 'sensor', name: 'OS biometric', role: 'Fingerprint / face match' }, { id: 'server', name: 'Bank server', role: 'Verifier' }],
    options: [{ key: 'replayGuard', values: ['none', 'tx-state'], description: 'The bank accepts one approval per pending transaction (state, not cryptography).' }],
    notApplicable: MOBILE_NOT_APPLICABLE,
  },
  {
    id: 'device-key',
    title: 'Device key',
    summary: 'A biometric unlocks a non-exportable device key that signs challenge ‖ SHA-256(action). Possession is proven; there is no origin binding.',
    actors: [...MOBILE_ACTORS, { id: 'keystore', name: 'Keystore', role: 'Secure Enclave / Android Keystore' }, { id: 'server', name: 'Bank server', role: 'Verifier' }],
    options: [],
    notApplicable: MOBILE_NOT_APPLICABLE,
  },
  {
    id: 'webauthn',
    title: 'WebAuthn',
    summary: 'A relying party, the browser and an authenticator: registration, then an assertion over a challenge, origin-bound by the browser.',
    actors: [
      { id: 'user', name: 'Bob', role: 'User' },
      { id: 'ua', name: 'Browser', role: 'User agent' },
      { id: 'authn', name: 'Authenticator', role: 'Platform authenticator (passkey)' },
      { id: 'rp', name: 'Relying party', role: 'Bank’s server, verifier' },
    ],
    options: [
      { key: 'userVerification', values: ['preferred', 'required', 'discouraged'], description: 'The RP’s user verification policy.' },
      { key: 'uvAvailable', values: [true, false], description: 'Whether the authenticator can verify the user (false: e.g. a laptop in clamshell mode).' },
      { key: 'credential', values: ['device-bound', 'synced'], description: 'A device-bound credential (BE=0) or a synced passkey (BE=1, BS=1, counter 0).' },
      { key: 'binding', values: ['none', 'challenge', 'spc'], description: 'How the action is bound: not at all, by dynamic linking in the challenge, or by Secure Payment Confirmation.' },
      {
        key: 'rpFlaw',
        values: ['none', 'skip-signature', 'accept-related-origin', 'reuse-challenge', 'accept-up0', 'ignore-uv', 'ignore-counter'],
        description: 'A misconfigured relying party: one check of WebAuthn §7.2 switched off or weakened (USENIX Security ’26 study of 103 RPs).',
        omitWhen: 'none',
        notes: {
          'skip-signature': '5 of 103 RPs',
          'accept-related-origin': '40 of 103 RPs',
          'reuse-challenge': '22 of 103 RPs',
          'accept-up0': '27 of 103 RPs',
          'ignore-uv': '10 of 103 RPs',
          'ignore-counter': '57 of 103 RPs',
        },
      },
    ],
    columnOptions: ['binding'],
  },
  {
    id: 'push-approval',
    title: 'Push approval',
    summary: 'A push wakes an authenticator app, which shows the request; the user taps Approve. With number matching the user first types the number the web page shows; with a device key, a non-exportable key signs challenge ‖ SHA-256(action).',
    actors: [
      ...WEB_PAGE_ACTORS,
      { id: 'push', name: 'Push service', role: 'APNs / FCM' },
      { id: 'app', name: 'Authenticator app', role: 'Bank’s approval app on the phone' },
      { id: 'keystore', name: 'Keystore', role: 'Non-exportable key, usable on a tap' },
    ],
    actorsWhen: [{ actor: 'keystore', options: { approvalKey: 'signed' } }],
    options: [
      { key: 'numberMatching', values: ['none', 'code'], description: 'code: the page that started the request shows a 2-digit number; the user types it in the app and the server compares.' },
      { key: 'approvalKey', values: ['none', 'signed'], description: 'none: the approval is an API call with a bearer device token. signed: a non-exportable P-256 key, usable on a tap, signs challenge ‖ SHA-256(action).' },
    ],
    columnOptions: ['numberMatching', 'approvalKey'],
    notApplicable: [
      { scenario: 'tx-swap-after-approval', reason: 'the approval carries no action and goes from the app straight to the server, which executes what it stored: nothing is submitted after the proof (rewriting the approval in transit is byte-tamper)' },
      ...NO_AUTHENTICATOR_NOT_APPLICABLE,
    ],
  },
  {
    id: 'otp',
    title: 'One-time code',
    summary: 'A code sent by SMS or shown by an authenticator app (TOTP) is typed into the web page. With dynamic linking the code is computed over amount and payee, which the SMS or the app shows.',
    actors: [
      ...WEB_PAGE_ACTORS,
      { id: 'carrier', name: 'Mobile network', role: 'SMS centre and subscriber register' },
      { id: 'app', name: 'Bob’s phone', role: 'SMS inbox or authenticator app' },
    ],
    actorsWhen: [{ actor: 'carrier', options: { channel: 'sms' } }],
    options: [
      { key: 'channel', values: ['sms', 'totp'], description: 'sms: the bank sends the code to Bob’s number through the carrier. totp: an authenticator app holds a secret shared with the bank (with dynamic linking: OCRA, RFC 6287).' },
      { key: 'linking', values: ['none', 'dynamic'], description: 'dynamic: the code is computed over a server nonce and the action, and amount and payee are shown outside the page (PSD2 RTS Art. 5).' },
    ],
    columnOptions: ['channel', 'linking'],
    notApplicable: [
      { scenario: 'cloned-authenticator', options: { channel: 'sms' }, reason: 'SMS has no user-side key to clone; taking over the number is sim-swap' },
      ...NO_AUTHENTICATOR_NOT_APPLICABLE,
    ],
  },
];

/** Every flow's metadata, in registration order. */
export function flowCatalog(): readonly FlowInfo[] {
  return CATALOG;
}

/** The metadata of the flow with this id. */
export function flowInfo(id: FlowId): FlowInfo {
  const f = CATALOG.find((x) => x.id === id);
  if (!f) throw new RangeError(`"flow" expected one of ${CATALOG.map((x) => x.id).join(', ')}, got ${String(id)}`);
  return f;
}

/** The options a flow runs with when none are given, merged with the given ones. */
export function resolveOptions(flow: FlowId, given: FlowOptions = {}): FlowOptions {
  const out: Record<string, unknown> = {};
  for (const o of flowInfo(flow).options) out[o.key] = (given as Record<string, unknown>)[o.key] ?? o.values[0];
  return out as FlowOptions;
}

/** The options a run records: its resolved options less those at an omitted default (rpFlaw=none). */
export function recordedOptions(flow: FlowId, options: FlowOptions): FlowOptions {
  const out: Record<string, unknown> = { ...options };
  for (const o of flowInfo(flow).options) if (o.omitWhen !== undefined && out[o.key] === o.omitWhen) delete out[o.key];
  return out as FlowOptions;
}

/**
 * Whether a scenario has a place to happen in a flow with these options: `true`, or the reason it
 * does not apply (`n/a`, never a verdict). Reads only the flow id, the scenario and the options.
 */
export function applies(flow: FlowId, scenario: ScenarioId, options: FlowOptions = {}): true | string {
  const resolved = resolveOptions(flow, options) as Record<string, unknown>;
  for (const na of flowInfo(flow).notApplicable ?? []) {
    if (na.scenario !== scenario) continue;
    if (Object.entries(na.options ?? {}).every(([k, v]) => resolved[k] === v)) return na.reason;
  }
  return true;
}

/** The lifelines of a run: the flow's actors less those its options leave out (DESIGN.md §8.1). */
export function actorsFor(flow: FlowId, options: FlowOptions = {}): readonly ActorInfo[] {
  const info = flowInfo(flow);
  const resolved = resolveOptions(flow, options) as Record<string, unknown>;
  const absent = new Set((info.actorsWhen ?? []).filter((w) => !Object.entries(w.options).every(([k, v]) => resolved[k] === v)).map((w) => w.actor));
  return absent.size ? info.actors.filter((a) => !absent.has(a.id)) : info.actors;
}
