import { bytesToHex } from '../codec/bytes.js';
import type { Random } from '../crypto/random.js';
import { createCredentialStore, type CredentialKind, type CredentialStore } from './credentialStore.js';
import { getAssertion } from './getAssertion.js';
import { makeCredential } from './makeCredential.js';
import type { Authenticator } from './types.js';

/** Options for {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  /** The seeded source; each credential uses its own fork (`credential/<n>`), so results are stable. */
  readonly rng: Random;
  /** Display name; default `authenticator`. */
  readonly name?: string;
  /** 16-byte AAGUID; default all zeros. */
  readonly aaguid?: Uint8Array;
  /** Can the device perform UV (biometric/PIN)? Default true; false e.g. for a laptop in clamshell mode. */
  readonly uvAvailable?: boolean;
  /** `device-bound` (default; BE=0) or `synced` passkeys (BE=1, BS=1, counter 0). */
  readonly credentialKind?: CredentialKind;
  /** An existing store (default: a new empty one). */
  readonly store?: CredentialStore;
}

/** Create a virtual authenticator. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const aaguid = options.aaguid ?? new Uint8Array(16);
  if (aaguid.length !== 16) throw new RangeError(`"aaguid" expected 16 bytes, got ${aaguid.length}`);
  const credentialKind = options.credentialKind ?? 'device-bound';
  if (credentialKind !== 'device-bound' && credentialKind !== 'synced') throw new TypeError(`"credentialKind" expected device-bound or synced, got ${String(credentialKind)}`);
  let created = 0;
  const authn: Authenticator = {
    name: options.name ?? 'authenticator',
    aaguid: aaguid.slice(),
    uvAvailable: options.uvAvailable ?? true,
    credentialKind,
    store: options.store ?? createCredentialStore(),
    nextCredentialRandom: () => options.rng.fork(`credential/${created++}`),
    makeCredential: (request) => makeCredential(authn, request),
    getAssertion: (request) => getAssertion(authn, request),
  };
  return authn;
}

/** Options for {@link syncToNewDevice}. */
export interface NewDeviceOptions {
  readonly rng: Random;
  /** Default `<source name> (new device)`. */
  readonly name?: string;
  readonly aaguid?: Uint8Array;
  readonly uvAvailable?: boolean;
}

/**
 * The user's new device signing in to the same sync account (iCloud Keychain, Google Password
 * Manager): a new authenticator that receives the account's synced passkeys — same keys and ids,
 * BE=1 BS=1, counter 0. Device-bound credentials do not travel (WebAuthn L3 §6.1.3).
 */
export function syncToNewDevice(source: Authenticator, options: NewDeviceOptions): Authenticator {
  const device = createAuthenticator({
    rng: options.rng,
    name: options.name ?? `${source.name} (new device)`,
    aaguid: options.aaguid ?? source.aaguid,
    uvAvailable: options.uvAvailable ?? true,
    credentialKind: 'synced',
  });
  device.store.importSynced(source.store.exportSynced());
  return device;
}

/** Options for {@link cloneCredential}. */
export interface CloneOptions {
  readonly rng: Random;
  /** Default `clone of <source name>`. */
  readonly name?: string;
  /** The clone's starting counter; default the source's counter at the time of cloning (it then lags). */
  readonly signCount?: number;
  /** The clone's UV capability; default true (the attacker is the "enrolled user" of their own copy). */
  readonly uvAvailable?: boolean;
}

/**
 * A cloned authenticator: the credential's private key extracted and used from another device,
 * which keeps its own signature counter. Once the genuine device signs again, the clone's counter
 * lags, which is what an RP's counter check can catch (WebAuthn L3 §6.1.1, §7.2 step 22) — unless
 * the credential is a synced passkey, whose counter is always 0.
 */
export function cloneCredential(source: Authenticator, credentialId: Uint8Array, options: CloneOptions): Authenticator {
  const original = source.store.get(credentialId);
  if (!original) throw new RangeError(`"credentialId" ${bytesToHex(credentialId)} is not held by ${source.name}`);
  const signCount = options.signCount ?? original.signCount;
  if (!Number.isInteger(signCount) || signCount < 0 || signCount > 0xffffffff) throw new RangeError(`"signCount" expected 0..2^32-1, got ${signCount}`);
  const clone = createAuthenticator({
    rng: options.rng,
    name: options.name ?? `clone of ${source.name}`,
    aaguid: source.aaguid,
    uvAvailable: options.uvAvailable ?? true,
    credentialKind: original.kind,
  });
  clone.store.add({ ...original, credentialId: original.credentialId.slice(), userHandle: original.userHandle.slice(), signCount });
  return clone;
}
