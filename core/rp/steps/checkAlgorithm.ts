import { check, type CheckResult } from '../../check.js';
import { specRef } from '../specTable.js';
import { COSE_ALG, coseAlgName, type CosePublicKey } from '../../codec/cose.js';

/** Every COSE algorithm Proofline verifies: the default pubKeyCredParams of this RP. */
export const SUPPORTED_ALGORITHMS: readonly number[] = Object.values(COSE_ALG);

/**
 * Verify the credential public key's alg is one the RP offered in pubKeyCredParams
 * (WebAuthn L3 §7.1 step 20).
 */
export function checkAlgorithm(key: CosePublicKey | undefined, allowed: readonly number[]): CheckResult {
  // Intent: the RP only stores keys it asked for and can verify.
  const spec = specRef('rp.algorithm', 'registration');
  if (!key) return check('rp.algorithm', 'rp', spec, 'skip', 'cannot run: no usable credential public key');
  if (allowed.includes(key.alg)) return check('rp.algorithm', 'rp', spec, 'pass', `alg ${coseAlgName(key.alg)} (${key.alg}) is one the RP allows`);
  return check('rp.algorithm', 'rp', spec, 'fail', `expected one of ${allowed.map(coseAlgName).join(', ')}, got ${coseAlgName(key.alg)} (${key.alg})`);
}
