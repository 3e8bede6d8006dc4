import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, utf8ToBytes } from '../codec/bytes.js';
import { platformSubtle } from '../crypto/webcrypto.js';

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

/**
 * PBKDF2-HMAC-SHA256 of `password`: WebCrypto's native one (Node ≥ 20, Chromium, Electron), about
 * twenty times faster than hashing in JS; noble where a platform has no WebCrypto or refuses the
 * input (some refuse an empty password). Same bytes either way.
 */
async function derive(password: string, salt: Uint8Array, iterations: number, dkLen: number): Promise<Uint8Array> {
  const bytes = utf8ToBytes(password);
  const subtle = platformSubtle();
  if (subtle) {
    try {
      const key = await subtle.importKey('raw', bytes, 'PBKDF2', false, ['deriveBits']);
      return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, dkLen * 8));
    } catch {
      // fall through to noble
    }
  }
  return pbkdf2(sha256, bytes, salt, { c: iterations, dkLen });
}

/** Derive the record the bank stores for `password`. */
export async function passwordRecord(password: string, salt: Uint8Array, iterations = PASSWORD_ITERATIONS): Promise<PasswordRecord> {
  if (salt.length !== 16) throw new RangeError(`"salt" expected 16 bytes, got ${salt.length}`);
  return { salt, iterations, hash: await derive(password, salt, iterations, 32) };
}

/** True when `password` derives the stored hash. */
export async function passwordMatches(record: PasswordRecord, password: string): Promise<boolean> {
  return equalBytes(await derive(password, record.salt, record.iterations, record.hash.length), record.hash);
}
