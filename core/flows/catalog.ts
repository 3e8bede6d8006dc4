/**
 * What each flow is, as plain data: id, title, summary, actors and options. No simulation and no
 * imports of the flow modules (nor of the crypto, codecs and RP they use), so a caller that only
 * shows or picks flows — the renderer's first paint — loads this and nothing heavy. Each flow module
 * takes its metadata from here and registers it with its `simulate` and `ledger`.
 */
import type { ActorInfo, FlowId, FlowOptions } from './types.js';

/** One option of a flow and the values it takes; the first value is the default. */
export interface OptionInfo {
  readonly key: keyof FlowOptions;
  readonly values: readonly (string | boolean)[];
  readonly description: string;
}

/** A flow's static metadata (its definition without `simulate` and `ledger`). */
export interface FlowInfo {
  readonly id: FlowId;
  readonly title: string;
  readonly summary: string;
  readonly actors: readonly ActorInfo[];
  readonly options: readonly OptionInfo[];
}

const MOBILE_ACTORS: readonly ActorInfo[] = [
  { id: 'user', name: 'Bob', role: 'User' },
  { id: 'app', name: 'Mobile app', role: 'Bank’s app on the phone' },
];

/** Every flow, in the order core/flows/all.ts registers them. */
const CATALOG: readonly FlowInfo[] = [
  {
    id: 'biometric-only',
    title: 'Biometric-only',
    summary: 'The app asks the OS for a biometric match, gets a boolean, and tells the bank “approved” over its session. Nothing is signed by a device key.',
    actors: [...MOBILE_ACTORS, { id: 'sensor', name: 'OS biometric', role: 'Fingerprint / face match' }, { id: 'server', name: 'Bank server', role: 'Verifier' }],
    options: [{ key: 'replayGuard', values: ['none', 'tx-state'], description: 'The bank accepts one approval per pending transaction (state, not cryptography).' }],
  },
  {
    id: 'device-key',
    title: 'Device key',
    summary: 'A biometric unlocks a non-exportable device key that signs challenge ‖ SHA-256(action). Possession is proven; there is no origin binding.',
    actors: [...MOBILE_ACTORS, { id: 'keystore', name: 'Keystore', role: 'Secure Enclave / Android Keystore' }, { id: 'server', name: 'Bank server', role: 'Verifier' }],
    options: [],
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
