// One crafted response per WebAuthn L3 §7.1 / §7.2 step: it fails exactly that step, the others pass or skip.
import { describe, expect, it } from 'vitest';
import { verifyAssertion } from '../../core/rp/verifyAssertion.js';
import { verifyRegistration, type RegistrationOptions } from '../../core/rp/verifyRegistration.js';
import type { RpExpected } from '../../core/rp/types.js';
import { specRef } from '../../core/rp/specTable.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { COSE_ALG, encodeCoseKey } from '../../core/codec/cose.js';
import { COSE_KEY, CRED_ID, EXPECTED, craftAssertion, craftRegistration, type Variant } from './craft.js';

const flip = (b: Uint8Array, at = -1) => {
  const c = b.slice();
  const i = at < 0 ? c.length + at : at;
  c[i]! ^= 0x01;
  return c;
};
const failed = (checks: { id: string; status: string }[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);

const PAYMENT = { rpId: 'example.org', topOrigin: 'https://merchant.example', payeeName: 'Alice', total: { currency: 'EUR', value: '10.00' }, instrument: { displayName: 'Card ••1234', icon: 'https://bank.example/icon.png' } };

describe('verifyAssertion (§7.2)', () => {
  it('accepts the honest response, with every check passing or skipping for a stated reason', async () => {
    const r = await verifyAssertion(craftAssertion(), EXPECTED, { publicKey: COSE_KEY });
    expect(failed(r.checks)).toEqual([]);
    expect(r.verdict).toBe('accepted');
    expect(r.checks.map((c) => c.id)).toEqual([
      'rp.shape', 'rp.allowCredential', 'rp.credentialKey', 'rp.clientDataJSON', 'rp.type', 'rp.challenge', 'rp.origin', 'rp.crossOrigin', 'rp.topOrigin', 'rp.payment',
      'rp.authenticatorData', 'rp.rpIdHash', 'rp.userPresent', 'rp.userVerified', 'rp.backupFlags', 'rp.signCount', 'rp.signature',
    ]);
    expect(r.checks.find((c) => c.id === 'rp.signature')!.spec).toBe(specRef('rp.signature', 'authentication'));
    expect(r.info.newSignCount).toBe(0);
  });

  const cases: [string, Variant, Partial<RpExpected>, { publicKey?: Uint8Array; allowCredentials?: Uint8Array[] }?][] = [
    ['rp.shape', { mutateSignature: () => new Uint8Array(0) }, {}],
    ['rp.allowCredential', {}, {}, { allowCredentials: [new Uint8Array(32).fill(9)] }],
    ['rp.credentialKey', {}, {}, { publicKey: utf8ToBytes('not a COSE key') }],
    ['rp.clientDataJSON', { rawClientData: utf8ToBytes('{"type":"webauthn.get",') }, {}],
    ['rp.type', { clientData: { type: 'webauthn.create' } }, {}],
    ['rp.challenge', { clientData: { challenge: 'c3RhbGUtY2hhbGxlbmdl' } }, {}],
    ['rp.origin', { clientData: { origin: 'https://examp1e.org' } }, {}],
    ['rp.crossOrigin', { clientData: { crossOrigin: true } }, {}],
    ['rp.topOrigin', { clientData: { crossOrigin: true, topOrigin: 'https://evil.example' } }, { allowCrossOrigin: true, topOrigin: 'https://partner.example' }],
    ['rp.payment', { clientData: { type: 'payment.get', payment: { ...PAYMENT, payeeName: 'Mallory', total: { currency: 'EUR', value: '5000.00' } } } }, { type: 'payment.get', payment: PAYMENT }],
    ['rp.authenticatorData', { mutateAuthData: (ad) => ad.slice(0, 36) }, {}],
    ['rp.rpIdHash', { rpId: 'evil.example' }, {}],
    ['rp.userPresent', { flags: { up: false, uv: true } }, {}],
    ['rp.userVerified', { flags: { up: true, uv: false } }, { userVerification: 'required' }],
    ['rp.backupFlags', { flags: { up: true, uv: true, bs: true } }, {}],
    ['rp.signCount', { signCount: 3 }, { storedSignCount: 5 }],
    ['rp.signature', { mutateSignature: (s) => flip(s, 10) }, {}],
  ];
  for (const [id, variant, expected, credential] of cases) {
    it(`fails exactly ${id}`, async () => {
      const r = await verifyAssertion(craftAssertion(variant), { ...EXPECTED, ...expected }, { publicKey: COSE_KEY, ...credential });
      expect(failed(r.checks)).toEqual([id]);
      expect(r.verdict).toBe('rejected');
      const c = r.checks.find((x) => x.id === id)!;
      expect(c.detail).toMatch(/expected/);
    });
  }

  it('accepts a matching SPC payment', async () => {
    const r = await verifyAssertion(craftAssertion({ clientData: { type: 'payment.get', payment: PAYMENT } }), { ...EXPECTED, type: 'payment.get', payment: PAYMENT }, { publicKey: COSE_KEY });
    expect(failed(r.checks)).toEqual([]);
    expect(r.checks.find((c) => c.id === 'rp.payment')!.status).toBe('pass');
  });

  it('applies the UV policy: preferred and discouraged accept UV = 0, required does not', async () => {
    const resp = craftAssertion({ flags: { up: true, uv: false } });
    for (const uv of ['preferred', 'discouraged'] as const) expect((await verifyAssertion(resp, { ...EXPECTED, userVerification: uv }, { publicKey: COSE_KEY })).verdict).toBe('accepted');
    expect((await verifyAssertion(resp, { ...EXPECTED, userVerification: 'required' }, { publicKey: COSE_KEY })).verdict).toBe('rejected');
  });

  it('applies the counter rule: 0/0 passes, an equal non-zero counter is a possible clone', async () => {
    expect((await verifyAssertion(craftAssertion({ signCount: 0 }), { ...EXPECTED, storedSignCount: 0 }, { publicKey: COSE_KEY })).verdict).toBe('accepted');
    expect((await verifyAssertion(craftAssertion({ signCount: 6 }), { ...EXPECTED, storedSignCount: 5 }, { publicKey: COSE_KEY })).info.newSignCount).toBe(6);
    const same = await verifyAssertion(craftAssertion({ signCount: 5 }), { ...EXPECTED, storedSignCount: 5 }, { publicKey: COSE_KEY });
    expect(failed(same.checks)).toEqual(['rp.signCount']);
    const zeroAfter = await verifyAssertion(craftAssertion({ signCount: 0 }), { ...EXPECTED, storedSignCount: 5 }, { publicKey: COSE_KEY });
    expect(failed(zeroAfter.checks)).toEqual(['rp.signCount']);
  });

  it('skips UP when the RP switched it off', async () => {
    const r = await verifyAssertion(craftAssertion({ flags: { up: false } }), { ...EXPECTED, requireUserPresence: false }, { publicKey: COSE_KEY });
    expect(r.verdict).toBe('accepted');
    expect(r.checks.find((c) => c.id === 'rp.userPresent')!.status).toBe('skip');
  });

  it('accepts the allowed credential', async () => {
    const r = await verifyAssertion(craftAssertion(), EXPECTED, { publicKey: COSE_KEY, allowCredentials: [CRED_ID] });
    expect(r.checks.find((c) => c.id === 'rp.allowCredential')!.status).toBe('pass');
  });
});

describe('verifyRegistration (§7.1)', () => {
  it('accepts the honest packed self-attested registration', async () => {
    const r = await verifyRegistration(craftRegistration(), EXPECTED);
    expect(failed(r.checks)).toEqual([]);
    expect(r.info.attestationType).toBe('self');
    expect(r.info.credentialPublicKey).toEqual(COSE_KEY);
    expect(r.checks.map((c) => c.id)).toEqual([
      'rp.shape', 'rp.clientDataJSON', 'rp.type', 'rp.challenge', 'rp.origin', 'rp.crossOrigin', 'rp.topOrigin', 'rp.attestationObject',
      'rp.rpIdHash', 'rp.userPresent', 'rp.userVerified', 'rp.backupFlags', 'rp.credentialKey', 'rp.algorithm', 'rp.attestation',
      'rp.packed.alg', 'rp.packed.sig', 'rp.attestationTrust',
    ]);
  });

  const badKey = encodeCoseKey({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: new Uint8Array(31), y: new Uint8Array(32) });
  const cases: [string, Parameters<typeof craftRegistration>[0], Partial<RpExpected>, RegistrationOptions?, string[]?][] = [
    ['rp.shape', { rawClientData: new Uint8Array(0) }, {}],
    ['rp.clientDataJSON', { rawClientData: utf8ToBytes('\u00ff not json') }, {}],
    ['rp.type', { clientData: { type: 'webauthn.get' } }, {}],
    ['rp.challenge', { clientData: { challenge: 'b3RoZXI' } }, {}],
    ['rp.origin', { clientData: { origin: 'https://evil.example' } }, {}],
    ['rp.crossOrigin', { clientData: { crossOrigin: true } }, {}],
    ['rp.topOrigin', { clientData: { crossOrigin: true, topOrigin: 'https://evil.example' } }, { allowCrossOrigin: true, topOrigin: ['https://partner.example'] }],
    ['rp.rpIdHash', { rpId: 'evil.example' }, {}],
    ['rp.userPresent', { flags: { up: false, uv: false } }, {}],
    ['rp.userVerified', { flags: { up: true, uv: false } }, { userVerification: 'required' }],
    ['rp.backupFlags', { flags: { up: true, bs: true } }, {}],
    ['rp.credentialKey', { fmt: 'none', coseKey: badKey }, {}],
    ['rp.algorithm', {}, {}, { allowedAlgorithms: [COSE_ALG.EdDSA] }],
    ['rp.attestation', { mutateSignature: (s) => flip(s, 12) }, {}, undefined, ['rp.packed.sig']],
  ];
  for (const [id, variant, expected, options, requirements] of cases) {
    it(`fails exactly ${id}${requirements ? ` (${requirements.join(', ')})` : ''}`, async () => {
      const r = await verifyRegistration(craftRegistration(variant), { ...EXPECTED, ...expected }, options);
      expect(failed(r.checks)).toEqual([id, ...(requirements ?? [])]);
      expect(r.verdict).toBe('rejected');
    });
  }

  it('fails exactly rp.attestationObject on bytes that are not CBOR', async () => {
    const reg = craftRegistration();
    const r = await verifyRegistration({ ...reg, attestationObject: utf8ToBytes('not cbor at all') }, EXPECTED);
    expect(failed(r.checks)).toEqual(['rp.attestationObject']);
    for (const id of ['rp.rpIdHash', 'rp.userPresent', 'rp.credentialKey', 'rp.attestation']) expect(r.checks.find((c) => c.id === id)!.status).toBe('skip');
  });

  it('rejects self attestation whose alg is not the credential key alg', async () => {
    const r = await verifyRegistration(craftRegistration({ attAlg: COSE_ALG.ES384 }), EXPECTED);
    expect(failed(r.checks)).toEqual(['rp.attestation', 'rp.packed.alg']);
    expect(r.checks.find((c) => c.id === 'rp.packed.alg')!.spec).toBe('WebAuthn L3 §8.2 (self attestation: alg is the credential key\'s)');
  });

  it('rejects a fmt it cannot verify (§7.1 step 21 matches case-sensitively), whatever the policy', async () => {
    const none = craftRegistration({ fmt: 'none' });
    expect((await verifyRegistration(none, EXPECTED, { attestation: { require: true } })).verdict).toBe('accepted');
    const { encodeAttestationObject, parseAttestationObject } = await import('../../core/codec/attestationObject.js');
    const ao = parseAttestationObject(none.attestationObject);
    for (const fmt of ['example-fmt', 'None', 'constructor', '__proto__']) {
      const odd = { ...none, attestationObject: encodeAttestationObject(fmt, new Map(), ao.authDataBytes) };
      const r = await verifyRegistration(odd, EXPECTED);
      expect(failed(r.checks), fmt).toEqual(['rp.attestation']);
      expect(r.checks.find((c) => c.id === 'rp.attestation')!.detail).toMatch(/step 21 matches fmt case-sensitively/);
    }
  });
});
