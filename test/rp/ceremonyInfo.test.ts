/**
 * What verifyAssertion and verifyRegistration report besides the checks (`info`, which the app's
 * inspector and `check-response` show), and the defaults an RP leaves out of `expected`: each
 * field present exactly when the response carries it, the counter to store only on acceptance.
 */
import { describe, expect, it } from 'vitest';
import { verifyAssertion } from '../../core/rp/verifyAssertion.js';
import { verifyRegistration } from '../../core/rp/verifyRegistration.js';
import { COSE_ALG } from '../../core/codec/cose.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { COSE_KEY, CRED_ID, EXPECTED, RP_ID, craftAssertion, craftRegistration } from './craft.js';

const status = (r: { checks: { id: string; status: string }[] }, id: string) => r.checks.find((c) => c.id === id)!.status;

describe('verifyAssertion info', () => {
  it('carries the credential id, user handle, client data summary, flags and counters', async () => {
    const a = craftAssertion({ signCount: 9, clientData: { crossOrigin: true, topOrigin: 'https://top.example' } });
    const r = await verifyAssertion({ ...a, userHandle: new Uint8Array([1, 2]) }, { ...EXPECTED, storedSignCount: 4, allowCrossOrigin: true }, { publicKey: COSE_KEY });
    expect(r.verdict).toBe('accepted');
    expect(r.info).toMatchObject({ credentialId: CRED_ID, userHandle: new Uint8Array([1, 2]), storedSignCount: 4, signCount: 9, newSignCount: 9, algorithm: 'ES256' });
    expect(r.info.clientData).toEqual({ type: 'webauthn.get', challenge: EXPECTED.challenge, origin: EXPECTED.origin, crossOrigin: true, topOrigin: 'https://top.example' });
    expect(r.info.flags).toMatchObject({ up: true, uv: true });
  });

  it('leaves out what the response lacks, and stores no counter for a rejected assertion', async () => {
    const raw = utf8ToBytes(`{"type":"webauthn.get","challenge":"${EXPECTED.challenge}","origin":"${EXPECTED.origin}"}`);
    const { credentialId: _id, ...bare } = craftAssertion({ signCount: 2, rawClientData: raw });
    const r = await verifyAssertion(bare, { ...EXPECTED, challenge: 'b3RoZXI' }, { publicKey: COSE_KEY });
    expect(r.verdict).toBe('rejected');
    expect(r.info.signCount).toBe(2);
    expect('newSignCount' in r.info).toBe(false);
    expect('credentialId' in r.info).toBe(false);
    expect('userHandle' in r.info).toBe(false);
    expect(r.info.clientData).toStrictEqual({ type: 'webauthn.get', challenge: EXPECTED.challenge, origin: EXPECTED.origin });
    const broken = await verifyAssertion({ ...craftAssertion(), authenticatorData: new Uint8Array(3), clientDataJSON: new Uint8Array([1]) }, EXPECTED, { publicKey: COSE_KEY });
    expect(Object.keys(broken.info)).toEqual(['storedSignCount', 'credentialId']);
    expect(broken.info.storedSignCount).toBe(0);
  });

  it('defaults: stored counter 0, UP required, UV preferred; rpId null skips the hash; expected.type overrides', async () => {
    const noUp = await verifyAssertion(craftAssertion({ flags: { up: false, uv: false } }), { rpId: RP_ID, origin: EXPECTED.origin, challenge: EXPECTED.challenge }, { publicKey: COSE_KEY });
    expect([status(noUp, 'rp.userPresent'), status(noUp, 'rp.userVerified')]).toEqual(['fail', 'pass']);
    const other = await verifyAssertion(craftAssertion({ rpId: 'other.example' }), { ...EXPECTED, rpId: null }, { publicKey: COSE_KEY });
    expect(status(other, 'rp.rpIdHash')).toBe('skip');
    expect(other.verdict).toBe('accepted');
    const typed = await verifyAssertion(craftAssertion({ clientData: { type: 'webauthn.create' } }), { ...EXPECTED, type: ['webauthn.create'] }, { publicKey: COSE_KEY });
    expect(status(typed, 'rp.type')).toBe('pass');
    const listed = await verifyAssertion(craftAssertion(), { ...EXPECTED, rpId: ['a.example', RP_ID] }, { publicKey: COSE_KEY });
    expect(status(listed, 'rp.rpIdHash')).toBe('pass');
  });
});

describe('verifyRegistration info', () => {
  it('carries format, AAGUID, credential id and key, algorithm, flags and counter', async () => {
    const r = await verifyRegistration(craftRegistration({ signCount: 3 }), EXPECTED);
    expect(r.verdict).toBe('accepted');
    expect(r.info).toMatchObject({ fmt: 'packed', aaguid: new Uint8Array(16), credentialId: CRED_ID, credentialPublicKey: COSE_KEY, algorithm: 'ES256', signCount: 3, attestationType: 'self' });
    expect(r.info.clientData).toStrictEqual({ type: 'webauthn.create', challenge: EXPECTED.challenge, origin: EXPECTED.origin, crossOrigin: false });
    expect(r.info.trust?.level).toBe('self');
    const none = await verifyRegistration(craftRegistration({ fmt: 'none' }), EXPECTED);
    expect(none.info.fmt).toBe('none');
    expect(none.info.trust?.level).toBe('none');
  });

  it('defaults: UP required, UV preferred, every algorithm Proofline verifies; rpId null skips the hash', async () => {
    const noUp = await verifyRegistration(craftRegistration({ flags: { up: false, uv: false } }), EXPECTED);
    expect([status(noUp, 'rp.userPresent'), status(noUp, 'rp.userVerified')]).toEqual(['fail', 'pass']);
    expect(noUp.verdict).toBe('rejected');
    const other = await verifyRegistration(craftRegistration({ rpId: 'other.example' }), { ...EXPECTED, rpId: null });
    expect(status(other, 'rp.rpIdHash')).toBe('skip');
    expect(other.verdict).toBe('accepted');
    expect(status(await verifyRegistration(craftRegistration(), EXPECTED, { allowedAlgorithms: [COSE_ALG.EdDSA] }), 'rp.algorithm')).toBe('fail');
    expect(status(await verifyRegistration(craftRegistration(), EXPECTED), 'rp.algorithm')).toBe('pass');
  });

  it('a response that does not decode reports no format, key or trust level beyond failed', async () => {
    const r = await verifyRegistration({ clientDataJSON: new Uint8Array([1]), attestationObject: new Uint8Array([0xa0]) }, EXPECTED);
    expect(r.verdict).toBe('rejected');
    expect(r.info.fmt).toBeUndefined();
    expect(r.info.credentialId).toBeUndefined();
    expect(r.info.clientData).toBeUndefined();
    expect(r.info.algorithm).toBeUndefined();
    expect(r.info.trust).toBeDefined();
  });
});
