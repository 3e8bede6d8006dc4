import { bytesToHex } from '../codec/bytes.js';
import type { KeyPair } from '../crypto/sign.js';

/**
 * The authenticator's credential store: public key credential sources (WebAuthn L3 §4
 * "public key credential source"), scoped by rpId, each with its own signature counter.
 */

/**
 * `device-bound`: the key never leaves this authenticator (BE=0, BS=0) and the signature counter
 * counts; `synced`: a passkey in the user's sync account (BE=1, BS=1), usable from every device of
 * that account, whose counter stays 0 (WebAuthn L3 §6.1.3 backup flags, §6.1.1 counter).
 */
export type CredentialKind = 'device-bound' | 'synced';

/** One credential as the authenticator holds it. The private key never leaves core's authenticator. */
export interface StoredCredential {
  readonly credentialId: Uint8Array;
  readonly rpId: string;
  /** user.id from registration, returned as userHandle in assertions. */
  readonly userHandle: Uint8Array;
  readonly userName: string;
  readonly key: KeyPair;
  readonly kind: CredentialKind;
  /** This authenticator's copy of the signature counter (per credential, WebAuthn L3 §6.1.1). */
  signCount: number;
}

/** What moves through a sync account to a new device: the key and metadata, never a counter. */
export interface SyncedCredentialExport {
  readonly credentialId: Uint8Array;
  readonly rpId: string;
  readonly userHandle: Uint8Array;
  readonly userName: string;
  readonly key: KeyPair;
}

/** A credential store; one per authenticator instance. */
export interface CredentialStore {
  /** Add a credential (replacing one with the same id). */
  add(credential: StoredCredential): void;
  /** The credential with this id, if held. */
  get(credentialId: Uint8Array): StoredCredential | undefined;
  /** Credentials for `rpId`, in creation order; with `allow`, only those whose id is listed, in the order listed. */
  findForRp(rpId: string, allow?: readonly Uint8Array[]): StoredCredential[];
  /** Every credential held, in creation order. */
  list(): StoredCredential[];
  /** The synced passkeys, as the sync account would carry them to a new device. */
  exportSynced(): SyncedCredentialExport[];
  /** Receive synced passkeys from the account (BE=1, BS=1, counter 0 on this device too). */
  importSynced(credentials: readonly SyncedCredentialExport[]): void;
}

/** Create an empty credential store. */
export function createCredentialStore(): CredentialStore {
  const byId = new Map<string, StoredCredential>();
  const store: CredentialStore = {
    add(credential) {
      byId.set(bytesToHex(credential.credentialId), credential);
    },
    get(credentialId) {
      return byId.get(bytesToHex(credentialId));
    },
    findForRp(rpId, allow) {
      // WebAuthn L3 §6.3.3 steps 3-5: only credentials whose rpId equals the request's rpId are candidates.
      if (allow && allow.length > 0) {
        return allow.map((id) => byId.get(bytesToHex(id))).filter((c): c is StoredCredential => c !== undefined && c.rpId === rpId);
      }
      return [...byId.values()].filter((c) => c.rpId === rpId);
    },
    list() {
      return [...byId.values()];
    },
    exportSynced() {
      return [...byId.values()]
        .filter((c) => c.kind === 'synced')
        .map((c) => ({ credentialId: c.credentialId.slice(), rpId: c.rpId, userHandle: c.userHandle.slice(), userName: c.userName, key: c.key }));
    },
    importSynced(credentials) {
      for (const c of credentials) {
        store.add({ credentialId: c.credentialId.slice(), rpId: c.rpId, userHandle: c.userHandle.slice(), userName: c.userName, key: c.key, kind: 'synced', signCount: 0 });
      }
    },
  };
  return store;
}
