import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, utf8ToBytes } from '../codec/bytes.js';

/**
 * The bank's password record: PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) with a 16-byte salt. The
 * iteration count is kept low so the matrix stays fast; production uses ≥ 600 000 (OWASP).
 */
export const PASSWORD_ITERATIONS = 1000;

/** What the bank stores for a password. */
export interface PasswordRecord {
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
  readonly iterations: number;
}

/** Derive the record the bank stores for `password`. */
export function passwordRecord(password: string, salt: Uint8Array, iterations = PASSWORD_ITERATIONS): PasswordRecord {
  if (salt.length !== 16) throw new RangeError(`"salt" expected 16 bytes, got ${salt.length}`);
  return { salt, iterations, hash: pbkdf2(sha256, utf8ToBytes(password), salt, { c: iterations, dkLen: 32 }) };
}

/** True when `password` derives the stored hash. */
export function passwordMatches(record: PasswordRecord, password: string): boolean {
  return equalBytes(pbkdf2(sha256, utf8ToBytes(password), record.salt, { c: record.iterations, dkLen: record.hash.length }), record.hash);
}
