// Hostile bytes never throw out of core: they become failed checks with a clear detail.
import { describe, expect, it } from 'vitest';
import { verifyAssertion } from '../../core/rp/verifyAssertion.js';
import { verifyRegistration } from '../../core/rp/verifyRegistration.js';
import { concatBytes, hexToBytes, utf8ToBytes } from '../../core/codec/bytes.js';
import { COSE_ALG, encodeCoseKey } from '../../core/codec/cose.js';
import { encodeAttestationObject } from '../../core/codec/attestationObject.js';
import { COSE_KEY, EXPECTED, craftAssertion, craftRegistration } from './craft.js';

const failed = (checks: { id: string; status: string }[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);
const detail = (checks: { id: string; detail: string }[], id: string) => checks.find((c) => c.id === id)!.detail;

const deep = (n: number) => concatBytes(new Uint8Array(n).fill(0x81), new Uint8Array([0x00])); // [[[[…0…]]]]
const BOMBS: [string, Uint8Array][] = [
  ['array declaring 2^64-1 items', hexToBytes('9bffffffffffffffff00')],
  ['map declaring 2^32-1 pairs', hexToBytes('baffffffff0000')],
  ['byte string declaring 2^63 bytes', hexToBytes('5b800000000000000000')],
  ['10 000 nested arrays', deep(10_000)],
  ['100 nested arrays (over the depth limit)', deep(100)],
  ['indefinite map never closed', hexToBytes('bf636b6579')],
  ['truncated map', hexToBytes('a363666d74646e6f6e65')],
];

describe('hostile assertions', () => {
  it('truncated authenticatorData: rp.authenticatorData fails, dependent steps skip', async () => {
    for (const len of [0, 1, 32, 36]) {
      const a = craftAssertion();
      const r = await verifyAssertion({ ...a, authenticatorData: a.authenticatorData.slice(0, len) }, EXPECTED, { publicKey: COSE_KEY });
      expect(r.verdict).toBe('rejected');
      if (len > 0) expect(detail(r.checks, 'rp.authenticatorData')).toMatch(/at least 37/);
      for (const id of ['rp.rpIdHash', 'rp.userPresent', 'rp.signCount', 'rp.signature']) expect(r.checks.find((c) => c.id === id)!.status).toBe('skip');
    }
  });

  it('AT flag with a CBOR bomb where the credential key should be', async () => {
    for (const [, bomb] of BOMBS) {
      const a = craftAssertion({ flags: { up: true }, mutateAuthData: (ad) => { const b = concatBytes(ad, new Uint8Array(16), new Uint8Array([0, 1, 7]), bomb); b[32]! |= 0x40; return b; } });
      const r = await verifyAssertion(a, EXPECTED, { publicKey: COSE_KEY });
      expect(failed(r.checks)).toEqual(['rp.authenticatorData']);
    }
  });

  it('wrong-length and malformed stored keys: rp.credentialKey fails, the signature skips', async () => {
    const keys = [
      encodeCoseKey({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: new Uint8Array(31), y: new Uint8Array(32) }),
      encodeCoseKey({ kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x: new Uint8Array(33) }),
      hexToBytes('a0'),
      ...BOMBS.map(([, b]) => b),
    ];
    for (const publicKey of keys) {
      const r = await verifyAssertion(craftAssertion(), EXPECTED, { publicKey });
      expect(failed(r.checks)).toEqual(['rp.credentialKey']);
      expect(r.checks.find((c) => c.id === 'rp.signature')!.status).toBe('skip');
    }
  });

  it('a key that is valid COSE but not a point on the curve fails rp.credentialKey; the signature skips', async () => {
    const publicKey = encodeCoseKey({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: new Uint8Array(32).fill(1), y: new Uint8Array(32).fill(2) });
    const r = await verifyAssertion(craftAssertion(), EXPECTED, { publicKey });
    expect(failed(r.checks)).toEqual(['rp.credentialKey']);
    expect(detail(r.checks, 'rp.credentialKey')).toMatch(/not a point on P-256/);
    expect(r.checks.find((c) => c.id === 'rp.signature')!.status).toBe('skip');
  });

  it('signatures of the wrong shape fail rp.signature with a reason', async () => {
    const shapes = [new Uint8Array(1), new Uint8Array(64).fill(0xff), hexToBytes('3006020101020101'), hexToBytes('30ff'), new Uint8Array(4096).fill(0x30)];
    for (const signature of shapes) {
      const r = await verifyAssertion({ ...craftAssertion(), signature }, EXPECTED, { publicKey: COSE_KEY });
      expect(failed(r.checks)).toEqual(['rp.signature']);
      expect(detail(r.checks, 'rp.signature')).toMatch(/expected a valid ES256 signature/);
    }
  });

  it('clientDataJSON that is not UTF-8, not an object, or mistyped fails rp.clientDataJSON', async () => {
    for (const raw of [hexToBytes('fffe'), utf8ToBytes('[]'), utf8ToBytes('{"type":1,"challenge":"x","origin":"y"}'), utf8ToBytes('{"type":"webauthn.get","challenge":"x","origin":"y","crossOrigin":"yes"}')]) {
      const r = await verifyAssertion(craftAssertion({ rawClientData: raw }), EXPECTED, { publicKey: COSE_KEY });
      expect(failed(r.checks)).toEqual(['rp.clientDataJSON']);
    }
  });
});

describe('hostile registrations', () => {
  it('CBOR bombs as attestationObject fail rp.attestationObject, nothing throws', async () => {
    for (const [name, bomb] of BOMBS) {
      const r = await verifyRegistration({ ...craftRegistration(), attestationObject: bomb }, EXPECTED);
      expect(failed(r.checks), name).toEqual(['rp.attestationObject']);
    }
  });

  it('attStmt of the wrong shape fails rp.attestation and a requirement of its format, nothing throws', async () => {
    const reg = craftRegistration({ fmt: 'none' });
    const { parseAttestationObject } = await import('../../core/codec/attestationObject.js');
    const authData = parseAttestationObject(reg.attestationObject).authDataBytes;
    const stmts: [string, Map<string, unknown>][] = [
      ['packed', new Map<string, unknown>([['alg', 'ES256'], ['sig', new Uint8Array(8)]])],
      ['packed', new Map<string, unknown>([['alg', -7], ['sig', new Uint8Array(8)], ['x5c', [utf8ToBytes('not a certificate')]]])],
      ['packed', new Map<string, unknown>([['alg', -7], ['sig', new Uint8Array(8)], ['x5c', []]])],
      ['fido-u2f', new Map<string, unknown>([['sig', new Uint8Array(8)], ['x5c', [new Uint8Array(3)]]])],
      ['tpm', new Map<string, unknown>([['ver', '2.0'], ['alg', -257], ['sig', new Uint8Array(8)], ['certInfo', new Uint8Array(2)], ['x5c', [new Uint8Array(0)]]])],
      ['apple', new Map<string, unknown>([['x5c', [hexToBytes('3003020100')]]])],
      ['android-safetynet', new Map<string, unknown>([['ver', '1'], ['response', utf8ToBytes('a.b')]])],
      ['none', new Map<string, unknown>([['sig', new Uint8Array(1)]])],
    ];
    for (const [fmt, attStmt] of stmts) {
      const r = await verifyRegistration({ ...reg, attestationObject: encodeAttestationObject(fmt, attStmt, authData) }, EXPECTED);
      const [first, ...rest] = failed(r.checks);
      expect(first, fmt).toBe('rp.attestation');
      expect(rest.length, fmt).toBeGreaterThan(0);
      const prefix = { packed: 'rp.packed.', 'fido-u2f': 'rp.u2f.', tpm: 'rp.tpm.', apple: 'rp.apple.', 'android-safetynet': 'rp.safetyNet.', none: 'rp.none.' }[fmt]!;
      for (const id of rest) expect(id.startsWith(prefix), `${fmt}: ${id}`).toBe(true);
    }
  });
});
