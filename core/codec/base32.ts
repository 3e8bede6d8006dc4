import { base32nopad } from '@scure/base';
import { ProoflineError } from '../errors.js';

/** Encode bytes as RFC 4648 base32 without padding (the `secret` of an otpauth:// URI). */
export function toBase32(bytes: Uint8Array): string {
  return base32nopad.encode(bytes);
}

/**
 * Decode RFC 4648 base32 as otpauth:// URIs carry it: letters in either case, padding tolerated;
 * anything else is an ERR_BASE32 naming `where`.
 */
export function fromBase32(text: string, where = 'secret'): Uint8Array {
  try {
    return base32nopad.decode(text.toUpperCase().replace(/=+$/, ''));
  } catch {
    throw new ProoflineError('ERR_BASE32', 'is not valid base32', where);
  }
}
