/**
 * Byte helpers re-exported from noble so that core has one import site for them.
 * Bytes are Uint8Array everywhere inside core; hex and base64url exist only at the edges.
 */
export { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
export { equalBytes } from '@noble/curves/utils.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 strictly; invalid sequences throw a TypeError. */
export function bytesToUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** A plain Uint8Array copy (cbor-x hands out Node Buffers; keep the rest of core uniform). */
export function toU8(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes);
}

/** Big-endian unsigned 32-bit read. */
export function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Big-endian unsigned 32-bit encoding. */
export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`"u32" expected 0..2^32-1, got ${n}`);
  return new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** Big-endian unsigned 16-bit encoding. */
export function u16(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`"u16" expected 0..65535, got ${n}`);
  return new Uint8Array([n >>> 8, n & 0xff]);
}
