import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import { specRef } from '../specTable.js';
import { coseAlgName, type CosePublicKey } from '../../codec/cose.js';

/**
 * Verify authData carries attested credential data with a usable credential public key
 * (WebAuthn L3 §6.5.1; §7.1 step 25 bounds the credentialId at 1023 bytes, which the parser enforces).
 */
export function checkAttestedCredential(authData: AuthenticatorData | undefined): { check: CheckResult; key?: CosePublicKey } {
  // Intent: registration exists to deliver this key; without it there is nothing to store.
  const spec = specRef('rp.credentialKey', 'registration');
  if (!authData) return { check: check('rp.credentialKey', 'rp', spec, 'skip', 'cannot run: authData did not parse') };
  const acd = authData.attestedCredentialData;
  if (!acd) return { check: check('rp.credentialKey', 'rp', spec, 'fail', 'expected attested credential data (AT flag) in a registration, got none') };
  if ('error' in acd.credentialPublicKey) return { check: check('rp.credentialKey', 'rp', spec, 'fail', `expected a usable COSE credential public key, but ${acd.credentialPublicKey.error}`) };
  const key = acd.credentialPublicKey;
  return { key, check: check('rp.credentialKey', 'rp', spec, 'pass', `credential id of ${acd.credentialId.length} bytes with a ${key.kty} public key for ${coseAlgName(key.alg)}`) };
}
