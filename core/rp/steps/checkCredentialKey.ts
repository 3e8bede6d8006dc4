import { check, type CheckResult } from '../../check.js';
import { decodeCoseKey, coseAlgName, type CosePublicKey } from '../../codec/cose.js';
import { specRef } from '../specTable.js';
import { errorMessage } from '../../errors.js';

/** The stored credential public key, parsed, or why it cannot be used. */
export type StoredKey = { ok: true; key: CosePublicKey } | { ok: false; reason: string };

/** Decode the stored COSE_Key; never throws. */
export function decodeStoredKey(bytes: Uint8Array): StoredKey {
  try {
    return { ok: true, key: decodeCoseKey(bytes) };
  } catch (e) {
    return { ok: false, reason: errorMessage(e) };
  }
}

/**
 * Verify the credential record's public key is a usable COSE_Key (WebAuthn L3 §7.2 step 6: the
 * credentialRecord whose publicKey step 21 verifies with).
 */
export function checkStoredCredentialKey(stored: StoredKey): CheckResult {
  // Intent: a stored key that cannot be parsed can verify nothing; say so before the signature step.
  const spec = specRef('rp.credentialKey', 'authentication');
  if (!stored.ok) return check('rp.credentialKey', 'rp', spec, 'fail', `expected the stored credential public key to be a COSE_Key, but ${stored.reason}`);
  return check('rp.credentialKey', 'rp', spec, 'pass', `the stored credential public key is a usable COSE_Key (kty ${stored.key.kty}, alg ${coseAlgName(stored.key.alg)})`);
}
