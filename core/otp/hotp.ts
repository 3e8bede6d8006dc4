import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

/** The HMAC hash an OTP algorithm uses (RFC 4226 uses SHA-1; RFC 6238 and RFC 6287 allow SHA-256/512). */
export type OtpHash = 'SHA1' | 'SHA256' | 'SHA512';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** HMAC-`hash`(key, message). */
export function otpHmac(hash: OtpHash, key: Uint8Array, message: Uint8Array): Uint8Array {
  const h = HASHES[hash];
  if (!h) throw new RangeError(`"hash" expected SHA1, SHA256 or SHA512, got ${String(hash)}`);
  return hmac(h, key, message);
}

/** The 8-byte big-endian counter of RFC 4226 §5.1 (C) and RFC 6238 §4.2 (T). */
export function counterBytes(counter: number | bigint): Uint8Array {
  const c = BigInt(counter);
  if (c < 0n || c >= 1n << 64n) throw new RangeError(`"counter" expected an unsigned 64-bit integer, got ${String(counter)}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, c);
  return out;
}

/** What dynamic truncation read, for the inspector: the offset nibble, the 31-bit value and the code. */
export interface Truncation {
  /** The low nibble of the last HMAC byte (RFC 4226 §5.3). */
  readonly offset: number;
  /** The 4 bytes at the offset with the top bit masked: a 31-bit integer. */
  readonly binary: number;
  /** binary mod 10^digits, zero-padded. */
  readonly code: string;
}

/** Dynamic truncation of an HMAC into a `digits`-digit code (RFC 4226 §5.3, §5.4). */
export function truncate(mac: Uint8Array, digits: number): Truncation {
  if (!Number.isInteger(digits) || digits < 4 || digits > 10) throw new RangeError(`"digits" expected 4..10, got ${String(digits)}`);
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  const code = (BigInt(binary) % 10n ** BigInt(digits)).toString().padStart(digits, '0');
  return { offset, binary, code };
}

/** HOTP (RFC 4226 §5.3): truncate(HMAC-hash(key, C)) to `digits` digits. */
export function hotp(key: Uint8Array, counter: number | bigint, digits = 6, hash: OtpHash = 'SHA1'): string {
  return truncate(otpHmac(hash, key, counterBytes(counter)), digits).code;
}
