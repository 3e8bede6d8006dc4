import { Decoder, Encoder } from 'cbor-x';
import { equalBytes, toU8 } from './bytes.js';
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
 * Used where a CBOR item is followed by more data (the credential public key in authenticatorData).
 * cbor-x does not report item boundaries, so the boundary is found by re-encoding: CTAP2 requires
 * canonical CBOR, and a non-canonical item is located from the re-encoded tail instead.
 */
export function splitFirstCbor(bytes: Uint8Array, where = 'CBOR'): { value: CborValue; raw: Uint8Array; rest: Uint8Array; rawRest: CborValue[] } {
  const items = decodeCborSequence(bytes, where);
  if (items.length === 0) throw new ProoflineError('ERR_CBOR', 'is empty', where);
  const [first, ...rest] = items;
  const firstEnc = encodeCbor(first);
  if (firstEnc.length <= bytes.length && equalBytes(firstEnc, bytes.subarray(0, firstEnc.length))) {
    return { value: first, raw: bytes.slice(0, firstEnc.length), rest: bytes.slice(firstEnc.length), rawRest: rest };
  }
  const restLen = rest.reduce<number>((n, v) => n + encodeCbor(v).length, 0);
  const raw = bytes.slice(0, bytes.length - restLen);
  const check = decodeCborSequence(raw, where);
  if (check.length !== 1) throw new ProoflineError('ERR_CBOR', 'item boundary cannot be found (neither the item nor what follows is canonical CBOR)', where);
  return { value: first, raw, rest: bytes.slice(raw.length), rawRest: rest };
}
