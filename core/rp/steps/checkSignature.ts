import { sha256 } from '@noble/hashes/sha2.js';
import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import { concatBytes } from '../../codec/bytes.js';
import type { CosePublicKey } from '../../codec/cose.js';
import { specRef } from '../specTable.js';
import { verifySignature } from '../../crypto/verify.js';

/**
 * Verify sig over authData ‖ SHA-256(clientDataJSON) with the credential record's public key
 * (WebAuthn L3 §7.2 steps 20–21: hash, then signature). Never throws.
 */
export async function checkSignature(
  authData: AuthenticatorData | undefined,
  clientDataJSON: Uint8Array,
  signature: Uint8Array,
  key: CosePublicKey | undefined,
): Promise<{ check: CheckResult; algorithm?: string }> {
  // Intent: proof of possession — only the registered private key can produce this signature.
  const spec = specRef('rp.signature', 'authentication');
  if (!key) return { check: check('rp.signature', 'rp', spec, 'skip', 'cannot run: the stored credential public key is unusable') };
  if (!authData) return { check: check('rp.signature', 'rp', spec, 'skip', 'cannot run: authenticatorData did not parse') };
  if (signature.length === 0) return { check: check('rp.signature', 'rp', spec, 'skip', 'cannot run: the response has no signature (see rp.shape)') };
  const message = concatBytes(authData.raw, sha256(clientDataJSON));
  const r = await verifySignature(key, message, signature);
  if (r.valid) return { algorithm: r.algorithm, check: check('rp.signature', 'rp', spec, 'pass', `the ${r.algorithm} signature over authenticatorData ‖ SHA-256(clientDataJSON) verifies with the stored key`) };
  return { algorithm: r.algorithm, check: check('rp.signature', 'rp', spec, 'fail', `expected a valid ${r.algorithm} signature over authenticatorData ‖ SHA-256(clientDataJSON), but ${r.reason}`) };
}
