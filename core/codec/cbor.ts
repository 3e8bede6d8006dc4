import { Decoder, Encoder } from 'cbor-x';
import { toU8 } from './bytes.js';
import { ProoflineError, errorMessage } from '../errors.js';

/**
 * The one CBOR wrapper in core. Options matter:
 * - `mapsAsObjects: false` keeps CBOR maps as `Map`s, so COSE integer keys stay integers;
 * - `tagUint8Array: false` stops cbor-x from tagging byte strings with tag 64 where Buffer exists;
 * - `useRecords: false` / `variableMapSize: true` give plain RFC 8949 output with minimal lengths,
 *   so a canonical input decodes and re-encodes byte for byte (CTAP2 canonical form).
 */
const encoder = new Encoder({
  mapsAsObjects: false,
  useRecords: false,
  tagUint8Array: false,
  variableMapSize: true,
  pack: false,
  structuredClone: false,
});
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false, structuredClone: false });

/** Largest CBOR input core decodes; WebAuthn objects are a few KB (attestation chains included). */
export const MAX_CBOR_BYTES = 1 << 20;

/** Deepest nesting of arrays and maps accepted (a packed attestation nests four levels). */
export const MAX_CBOR_DEPTH = 16;

/**
 * Check the CTAP2 canonical subset (CTAP 2.1 §8 "Message encoding") of the one CBOR item at
 * `start`, before cbor-x builds anything, and return where it ends. Refused, each as ERR_CBOR
 * with its byte offset: tags of any kind (tags 2 and 3, bignums, cost a decoder quadratic time),
 * indefinite lengths, integers or lengths not in their shortest form, reserved or unassigned
 * simple values, a map key that appears twice, nesting deeper than {@link MAX_CBOR_DEPTH}, and a
 * length beyond the input. One pass, no allocation but the keys of each map. Map key order is not
 * checked: some authenticators do not sort, and the order carries no meaning.
 */
export function scanCanonicalCbor(bytes: Uint8Array, start: number, where: string): number {
  const fail = (at: number, why: string): never => {
    throw new ProoflineError('ERR_CBOR', `${why} at byte ${at} (WebAuthn data is CTAP2 canonical CBOR)`, where);
  };
  const item = (at: number, depth: number): number => {
    if (at >= bytes.length) fail(at, 'ends in the middle of an item');
    const initial = bytes[at]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    let next = at + 1;
    let value = info;
    if (info === 31) fail(at, major === 7 ? 'has a "break" outside an indefinite-length item' : 'has an indefinite length, which is not allowed');
    if (info >= 28) fail(at, `has a reserved additional-information value ${info}`);
    if (info >= 24) {
      const size = 1 << (info - 24);
      if (next + size > bytes.length) fail(at, 'ends in the middle of an item');
      value = 0;
      for (let k = 0; k < size; k++) value = value * 256 + bytes[next + k]!;
      next += size;
      if (major !== 7 && value < (info === 24 ? 24 : 2 ** (8 * (size >> 1)))) fail(at, 'has an integer or length not in its shortest form');
    }
    switch (major) {
      case 0:
      case 1:
        return next;
      case 2:
      case 3:
        if (value > bytes.length - next) fail(at, `has a ${value}-byte string but only ${bytes.length - next} bytes follow`);
        return next + value;
      case 4:
      case 5: {
        if (depth >= MAX_CBOR_DEPTH) fail(at, `nests deeper than ${MAX_CBOR_DEPTH} levels`);
        // Each member is at least one byte: a count beyond what is left is refused before the loop.
        if (value * (major === 5 ? 2 : 1) > bytes.length - next) fail(at, `claims ${value} members but only ${bytes.length - next} bytes follow`);
        const keys = major === 5 ? new Set<string>() : undefined;
        for (let n = 0; n < value; n++) {
          if (keys) {
            const keyStart = next;
            next = item(next, depth + 1);
            let key = '';
            for (let k = keyStart; k < next; k++) key += String.fromCharCode(bytes[k]!);
            if (keys.has(key)) fail(keyStart, 'has a map key that appears twice');
            keys.add(key);
          }
          next = item(next, depth + 1);
        }
        return next;
      }
      case 6:
        return fail(at, value === 2 || value === 3 ? `has a tag ${value} (bignum), which is not allowed` : `has a tag ${value}, which is not allowed`);
      default:
        // Simple values: false, true, null, undefined, and half, single and double floats.
        if (info < 20 || info === 24) fail(at, `has an unassigned simple value ${value}`);
        return next;
    }
  };
  return item(start, 0);
}

/** A decoded CBOR value (maps come back as Map, byte strings as Uint8Array). */
export type CborValue = unknown;

function normalise(value: unknown, depth: number): unknown {
  if (depth > 64) throw new ProoflineError('ERR_CBOR', 'nesting deeper than 64 levels');
  if (value instanceof Uint8Array) return toU8(value);
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(normalise(k, depth + 1), normalise(v, depth + 1));
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, depth + 1));
  return value;
}

/** Encode a value as CBOR. Maps are written in insertion order: build them in canonical order. */
export function encodeCbor(value: CborValue): Uint8Array {
  return toU8(encoder.encode(value));
}

/**
 * cbor-x caches a `dataView` property on the array it decodes; decode a private copy so that
 * callers' byte arrays are never mutated (they stay plain, comparable, structured-cloneable).
 */
function privateCopy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Decode exactly one CBOR item; trailing bytes, truncation or oversize are ERR_CBOR. */
export function decodeCbor(bytes: Uint8Array, where = 'CBOR'): CborValue {
  if (bytes.length === 0) throw new ProoflineError('ERR_CBOR', 'is empty', where);
  if (bytes.length > MAX_CBOR_BYTES) throw new ProoflineError('ERR_CBOR', `is ${bytes.length} bytes, over the ${MAX_CBOR_BYTES}-byte limit`, where);
  const end = scanCanonicalCbor(bytes, 0, where);
  if (end !== bytes.length) throw new ProoflineError('ERR_CBOR', `has ${bytes.length - end} bytes after its one item`, where);
  try {
    return normalise(decoder.decode(privateCopy(bytes)), 0);
  } catch (e) {
    if (e instanceof ProoflineError) throw new ProoflineError('ERR_CBOR', e.message, where);
    throw new ProoflineError('ERR_CBOR', `is not well-formed CBOR (${errorMessage(e)})`, where);
  }
}

/** Decode a sequence of CBOR items laid end to end. */
export function decodeCborSequence(bytes: Uint8Array, where = 'CBOR'): CborValue[] {
  if (bytes.length === 0) return [];
  if (bytes.length > MAX_CBOR_BYTES) throw new ProoflineError('ERR_CBOR', `is ${bytes.length} bytes, over the ${MAX_CBOR_BYTES}-byte limit`, where);
  for (let at = 0; at < bytes.length; ) at = scanCanonicalCbor(bytes, at, where);
  try {
    const items = decoder.decodeMultiple(privateCopy(bytes)) as unknown[] | undefined;
    return (items ?? []).map((v) => normalise(v, 0));
  } catch (e) {
    if (e instanceof ProoflineError) throw new ProoflineError('ERR_CBOR', e.message, where);
    throw new ProoflineError('ERR_CBOR', `is not well-formed CBOR (${errorMessage(e)})`, where);
  }
}

/**
 * Split `bytes` into its first CBOR item and the rest, returning the first item's exact bytes.
 * Used where a CBOR item is followed by more data (the credential public key in authenticatorData);
 * the canonical scan says where the item ends.
 */
export function splitFirstCbor(bytes: Uint8Array, where = 'CBOR'): { value: CborValue; raw: Uint8Array; rest: Uint8Array; rawRest: CborValue[] } {
  if (bytes.length === 0) throw new ProoflineError('ERR_CBOR', 'is empty', where);
  const end = scanCanonicalCbor(bytes, 0, where);
  const raw = bytes.slice(0, end);
  const rest = bytes.slice(end);
  return { value: decodeCbor(raw, where), raw, rest, rawRest: decodeCborSequence(rest, where) };
}
