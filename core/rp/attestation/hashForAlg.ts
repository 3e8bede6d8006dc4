import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { COSE_ALG } from '../../codec/cose.js';

/** The hash a COSE signature algorithm uses (TPM extraData and similar bindings hash with it). */
export function hashForAlg(alg: number): ((m: Uint8Array) => Uint8Array) | undefined {
  switch (alg) {
    case COSE_ALG.RS1: return sha1;
    case COSE_ALG.ES256: case COSE_ALG.RS256: case COSE_ALG.PS256: return sha256;
    case COSE_ALG.ES384: case COSE_ALG.RS384: case COSE_ALG.PS384: return sha384;
    case COSE_ALG.ES512: case COSE_ALG.RS512: case COSE_ALG.PS512: return sha512;
    default: return undefined;
  }
}
