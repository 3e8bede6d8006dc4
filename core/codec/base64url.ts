import { base64urlnopad } from '@scure/base';
import { ProoflineError } from '../errors.js';

/** Encode bytes as unpadded base64url (the WebAuthn JSON encoding). */
export function toBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/**
 * Decode base64url. Trailing padding is tolerated because some servers emit it; any other
 * character outside the URL-safe alphabet is an ERR_BASE64URL naming `where`.
 */
export function fromBase64url(text: string, where = 'value'): Uint8Array {
  if (typeof text !== 'string') throw new ProoflineError('ERR_BASE64URL', `expected a base64url string, got ${typeof text}`, where);
  const trimmed = text.replace(/={1,2}$/, '');
  try {
    return base64urlnopad.decode(trimmed);
  } catch {
    throw new ProoflineError('ERR_BASE64URL', 'is not valid base64url', where);
  }
}
