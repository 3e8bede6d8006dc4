import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCbor, encodeCbor } from '../../core/codec/cbor.js';
import { parseAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { parseAttestationObject } from '../../core/codec/attestationObject.js';
import { parseClientDataJSON } from '../../core/codec/clientData.js';
import { decodeCoseKey } from '../../core/codec/cose.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { ProoflineError } from '../../core/errors.js';

// fast-check properties (STYLE.md): CBOR decode → encode identity, and the parsers never throw
// anything but ProoflineError on hostile bytes.

/** CBOR values of the kinds WebAuthn uses: integers, text, bytes, booleans, null, arrays, Maps. */
const { value: cborValue } = fc.letrec<{ value: unknown; leaf: unknown; map: Map<unknown, unknown> }>((tie) => ({
  leaf: fc.oneof(
    fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
    fc.string({ maxLength: 12 }),
    fc.uint8Array({ maxLength: 40 }),
    fc.boolean(),
    fc.constant(null),
  ),
  map: fc
    .uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: -70000, max: 70000 }), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 6, selector: ([k]) => k })
    .map((entries) => new Map(entries)),
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), fc.array(tie('value'), { maxLength: 5 }), tie('map')),
}));

function onlyProoflineErrors(parse: (b: Uint8Array) => unknown) {
  return (bytes: Uint8Array) => {
    try {
      parse(bytes);
    } catch (e) {
      if (!(e instanceof ProoflineError)) throw new Error(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  };
}

describe('CBOR', () => {
  it('decode(encode(v)) equals v and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(cborValue, (v) => {
        const bytes = encodeCbor(v);
        const back = decodeCbor(bytes);
        expect(back).toEqual(v);
        expect(encodeCbor(back)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parsers on hostile bytes throw only ProoflineError', () => {
  const randomBytes = fc.uint8Array({ maxLength: 300 });
  // Mostly-valid shapes reach deeper code than uniform noise does.
  const cborish = cborValue.map((v) => encodeCbor(v));
  const authDataish = fc
    .tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ maxLength: 120 }), fc.option(cborish, { nil: undefined }))
    .map(([h, f, c, rest, tail]) => new Uint8Array([...h, f, ...c, ...rest, ...(tail ?? [])]));
  const attObjish = fc
    .tuple(fc.oneof(fc.string(), fc.integer()), fc.oneof(cborValue, fc.constant(new Map())), fc.oneof(authDataish, fc.uint8Array({ maxLength: 40 }), fc.string()))
    .map(([fmt, attStmt, authData]) => encodeCbor(new Map<string, unknown>([['fmt', fmt], ['attStmt', attStmt], ['authData', authData]])));
  const coseish = fc
    .tuple(fc.constantFrom(1, 2, 3, 7, 4, 'x'), fc.oneof(fc.constantFrom(-7, -8, -35, -36, -257, -48, -53), fc.integer()), fc.oneof(fc.integer({ min: -2, max: 8 }), fc.uint8Array({ maxLength: 70 })), fc.uint8Array({ maxLength: 70 }), fc.uint8Array({ maxLength: 70 }))
    .map(([kty, alg, crv, x, y]) => encodeCbor(new Map<number, unknown>([[1, kty], [3, alg], [-1, crv], [-2, x], [-3, y]])));
  const jsonish = fc.oneof(fc.json(), fc.record({ type: fc.oneof(fc.string(), fc.integer()), challenge: fc.string(), origin: fc.oneof(fc.string(), fc.constant(null)), crossOrigin: fc.oneof(fc.boolean(), fc.string()), payment: fc.oneof(fc.object(), fc.string()) }, { requiredKeys: [] }).map((o) => JSON.stringify(o))).map(utf8ToBytes);

  it('decodeCbor', () => fc.assert(fc.property(fc.oneof(randomBytes, cborish), onlyProoflineErrors((b) => decodeCbor(b))), { numRuns: 200 }));
  it('parseAuthenticatorData', () => fc.assert(fc.property(fc.oneof(randomBytes, authDataish), onlyProoflineErrors(parseAuthenticatorData)), { numRuns: 200 }));
  it('parseAttestationObject', () => fc.assert(fc.property(fc.oneof(randomBytes, attObjish), onlyProoflineErrors(parseAttestationObject)), { numRuns: 200 }));
  it('decodeCoseKey', () => fc.assert(fc.property(fc.oneof(randomBytes, coseish, cborish), onlyProoflineErrors(decodeCoseKey)), { numRuns: 200 }));
  it('parseClientDataJSON', () => fc.assert(fc.property(fc.oneof(randomBytes, jsonish), onlyProoflineErrors(parseClientDataJSON)), { numRuns: 200 }));
});
