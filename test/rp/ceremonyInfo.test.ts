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
    expect(Object.keys(r.info)).toEqual(['trust']);
  });

  it('an empty attestationObject fails the shape', async () => {
    const r = await verifyRegistration({ ...craftRegistration(), attestationObject: new Uint8Array(0) }, EXPECTED);
    expect(r.checks[0]).toMatchObject({ id: 'rp.shape', status: 'fail', detail: 'expected an AuthenticatorAttestationResponse with clientDataJSON, attestationObject, but attestationObject is missing or empty' });
  });

  it('rpIdHash against the RP ID or a list of them; UV by the policy given, "preferred" when none is', async () => {
    expect(status(await verifyRegistration(craftRegistration(), EXPECTED), 'rp.rpIdHash')).toBe('pass');
    expect(status(await verifyRegistration(craftRegistration(), { ...EXPECTED, rpId: ['a.example', RP_ID] }), 'rp.rpIdHash')).toBe('pass');
    expect(status(await verifyRegistration(craftRegistration({ rpId: 'other.example' }), EXPECTED), 'rp.rpIdHash')).toBe('fail');
    const noUv = craftRegistration({ flags: { up: true, uv: false } });
    expect(status(await verifyRegistration(noUv, { ...EXPECTED, userVerification: 'required' }), 'rp.userVerified')).toBe('fail');
    const { userVerification: _uv, ...lax } = EXPECTED;
    expect(status(await verifyRegistration(noUv, lax), 'rp.userVerified')).toBe('pass');
    const noUvAssertion = craftAssertion({ flags: { up: true, uv: false } });
    expect(status(await verifyAssertion(noUvAssertion, { ...EXPECTED, userVerification: 'required' }, { publicKey: COSE_KEY }), 'rp.userVerified')).toBe('fail');
    expect(status(await verifyAssertion(noUvAssertion, lax, { publicKey: COSE_KEY }), 'rp.userVerified')).toBe('pass');
  });

  it('an x5c statement: the trust path and type in info, and the trust check told whether the statement verified', async () => {
    const { makeChain, packedX5cRegistration } = await import('./pki.js');
    const { leaf, inter } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter]);
    const r = await verifyRegistration(reg, EXPECTED);
    expect(r.info.attestationType).toBe('basic-or-attca');
    expect(r.info.x5c).toEqual([leaf.der, inter.der]);
    expect(r.info.trust).toEqual({ level: 'unverified-chain' });
    expect(r.checks.at(-1)!.detail).toMatch(/^no trust anchor was given .*the chain of 2 certificates is not checked/);
    // The same statement over other bytes: it did not verify, so nobody is asked to vouch.
    const bad = await verifyRegistration({ ...reg, clientDataJSON: craftRegistration({ clientData: { origin: 'https://example.org:8443' } }).clientDataJSON }, { ...EXPECTED, origin: 'https://example.org:8443' });
    expect(status(bad, 'rp.attestation')).toBe('fail');
    expect(bad.checks.at(-1)!.detail).toMatch(/^cannot run: the attestation statement did not verify \(see rp\.attestation\)/);
    expect(bad.info.trust).toEqual({ level: 'none' });
    const self = await verifyRegistration(craftRegistration(), EXPECTED);
    expect('x5c' in self.info || 'attestationFacts' in self.info).toBe(false);
  });
});

describe('client data an RP did not ask for', () => {
  it('a cross-origin ceremony fails unless the RP allows it; a top origin must be one the RP lists', async () => {
    const framed = craftAssertion({ clientData: { crossOrigin: true, topOrigin: 'https://top.example' } });
    const r = await verifyAssertion(framed, EXPECTED, { publicKey: COSE_KEY });
    expect([status(r, 'rp.crossOrigin'), status(r, 'rp.topOrigin')]).toEqual(['fail', 'fail']);
    const allowed = await verifyAssertion(framed, { ...EXPECTED, allowCrossOrigin: true, topOrigin: 'https://top.example' }, { publicKey: COSE_KEY });
    expect([status(allowed, 'rp.crossOrigin'), status(allowed, 'rp.topOrigin')]).toEqual(['pass', 'pass']);
    const elsewhere = await verifyAssertion(framed, { ...EXPECTED, allowCrossOrigin: true, topOrigin: ['https://a.example', 'https://b.example'] }, { publicKey: COSE_KEY });
    expect(status(elsewhere, 'rp.topOrigin')).toBe('fail');
    const anyTop = await verifyAssertion(framed, { ...EXPECTED, allowCrossOrigin: true }, { publicKey: COSE_KEY });
    expect(status(anyTop, 'rp.topOrigin')).toBe('pass');
  });
});
