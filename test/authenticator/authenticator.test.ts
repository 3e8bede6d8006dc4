import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { cloneCredential, createAuthenticator, decideUserVerification, syncToNewDevice } from '../../core/authenticator/index.js';
import type { Authenticator, PersonAtDevice, UserVerificationRequirement } from '../../core/authenticator/index.js';
import { createRandom } from '../../core/crypto/random.js';
import { verifySignature } from '../../core/crypto/verify.js';
import { parseAttestationObject } from '../../core/codec/attestationObject.js';
import { parseAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '../../core/codec/bytes.js';
import { COSE_ALG, decodeCoseKey } from '../../core/codec/cose.js';

const CDH = sha256(utf8ToBytes('client data'));
const USER = { id: new Uint8Array([7, 7, 7]), name: 'alice' };

function enrol(authn: Authenticator, rpId = 'example.com') {
  const r = authn.makeCredential({ clientDataHash: CDH, rpId, user: USER });
  if (r.status !== 'ok') throw new Error(r.reason);
  return r;
}

describe('UP/UV decision table (CTAP2.1, WebAuthn L3 §6.3.2-3)', () => {
  // [policy, uvAvailable, person] → [allowed, up, uv]
  const table: [UserVerificationRequirement, boolean, PersonAtDevice, boolean, boolean, boolean][] = [
    ['required', true, 'enrolled-user', true, true, true],
    ['required', true, 'someone-else', false, false, false],
    ['required', true, 'nobody', false, false, false],
    ['required', false, 'enrolled-user', false, false, false],
    ['required', false, 'someone-else', false, false, false],
    ['required', false, 'nobody', false, false, false],
    ['preferred', true, 'enrolled-user', true, true, true],
    ['preferred', true, 'someone-else', false, false, false],
    ['preferred', true, 'nobody', false, false, false],
    ['preferred', false, 'enrolled-user', true, true, false],
    ['preferred', false, 'someone-else', true, true, false],
    ['preferred', false, 'nobody', false, false, false],
    ['discouraged', true, 'enrolled-user', true, true, false],
    ['discouraged', true, 'someone-else', true, true, false],
    ['discouraged', true, 'nobody', false, false, false],
    ['discouraged', false, 'enrolled-user', true, true, false],
    ['discouraged', false, 'someone-else', true, true, false],
    ['discouraged', false, 'nobody', false, false, false],
  ];
  it.each(table)('%s, uvAvailable=%s, %s → allowed=%s UP=%s UV=%s', (requirement, uvAvailable, person, allowed, up, uv) => {
    const d = decideUserVerification({ requirement, uvAvailable, person });
    expect({ allowed: d.allowed, up: d.up, uv: d.uv }).toEqual({ allowed, up, uv });
    // The same decision comes out of a real getAssertion, flags included.
    const authn = createAuthenticator({ rng: createRandom('table'), uvAvailable: true });
    enrol(authn);
    const device = createAuthenticator({ rng: createRandom('table2'), uvAvailable, store: authn.store });
    const r = device.getAssertion({ clientDataHash: CDH, rpId: 'example.com', userVerification: requirement, person });
    if (allowed) {
      expect(r.status).toBe('ok');
      if (r.status === 'ok') {
        const ad = parseAuthenticatorData(r.authenticatorData);
        expect({ up: ad.flags.up, uv: ad.flags.uv }).toEqual({ up, uv });
      }
    } else {
      expect(r).toMatchObject({ status: 'not-allowed', errorName: 'NotAllowedError' });
      expect(r.checks.some((c) => c.status === 'fail' && (c.id === 'authn.uv' || c.id === 'authn.up'))).toBe(true);
    }
  });

  it('a stolen unlocked device fails at authn.uv with the default policy', () => {
    const authn = createAuthenticator({ rng: createRandom(1) });
    enrol(authn);
    const r = authn.getAssertion({ clientDataHash: CDH, rpId: 'example.com', person: 'someone-else' });
    expect(r.status).toBe('not-allowed');
    expect(r.checks.find((c) => c.status === 'fail')?.id).toBe('authn.uv');
  });

  it('rejects an unknown policy as API misuse', () => {
    expect(() => decideUserVerification({ requirement: 'sometimes' as UserVerificationRequirement, uvAvailable: true, person: 'nobody' })).toThrow(TypeError);
  });
});

describe('makeCredential', () => {
  it('creates an ES256 credential with none attestation by default', async () => {
    const authn = createAuthenticator({ rng: createRandom(1) });
    const r = enrol(authn);
    expect(r.alg).toBe('ES256');
    const ao = parseAttestationObject(r.attestationObject);
    expect(ao.fmt).toBe('none');
    expect(ao.attStmt.size).toBe(0);
    const acd = ao.authData.attestedCredentialData!;
    expect(bytesToHex(acd.credentialId)).toBe(bytesToHex(r.credentialId));
    expect(decodeCoseKey(acd.credentialPublicKeyBytes)).toEqual(r.publicKey);
    expect(ao.authData.signCount).toBe(0);
    expect(bytesToHex(ao.authData.rpIdHash)).toBe(bytesToHex(sha256(utf8ToBytes('example.com'))));
    expect(r.knows.neverSees).toContain('amount');
    expect(r.knows.clientDataHash).toEqual(CDH);
  });

  it('packed self attestation verifies with the credential key', async () => {
    const authn = createAuthenticator({ rng: createRandom(2) });
    const r = authn.makeCredential({ clientDataHash: CDH, rpId: 'example.com', user: USER, attestation: 'packed', algorithms: [COSE_ALG.EdDSA] });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.alg).toBe('EdDSA');
    const ao = parseAttestationObject(r.attestationObject);
    expect(ao.fmt).toBe('packed');
    expect(ao.attStmt.get('alg')).toBe(COSE_ALG.EdDSA);
    const v = await verifySignature(r.publicKey, concatBytes(r.authenticatorData, CDH), ao.attStmt.get('sig') as Uint8Array);
    expect(v.valid).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = enrol(createAuthenticator({ rng: createRandom('s') }));
    const b = enrol(createAuthenticator({ rng: createRandom('s') }));
    expect(a.attestationObject).toEqual(b.attestationObject);
    const c = enrol(createAuthenticator({ rng: createRandom('t') }));
    expect(c.credentialId).not.toEqual(a.credentialId);
  });

  it('refuses unsupported algorithms and excluded credentials without throwing', () => {
    const authn = createAuthenticator({ rng: createRandom(3) });
    expect(authn.makeCredential({ clientDataHash: CDH, rpId: 'example.com', user: USER, algorithms: [COSE_ALG.RS256] }).status).toBe('not-supported');
    const first = enrol(authn);
    const again = authn.makeCredential({ clientDataHash: CDH, rpId: 'example.com', user: USER, excludeCredentials: [first.credentialId] });
    expect(again).toMatchObject({ status: 'excluded', errorName: 'InvalidStateError' });
  });

  it('throws on API misuse', () => {
    const authn = createAuthenticator({ rng: createRandom(4) });
    expect(() => authn.makeCredential({ clientDataHash: new Uint8Array(31), rpId: 'example.com', user: USER })).toThrow(RangeError);
    expect(() => authn.makeCredential({ clientDataHash: CDH, rpId: 'example.com', user: { id: new Uint8Array(65), name: 'x' } })).toThrow(RangeError);
  });
});

describe('getAssertion: scoping and counters', () => {
  it('has no credential for another rpId (a result, not an exception)', () => {
    const authn = createAuthenticator({ rng: createRandom(5), name: "Alice's phone" });
    enrol(authn, 'example.com');
    const r = authn.getAssertion({ clientDataHash: CDH, rpId: 'examp1e-bank.com' });
    expect(r).toMatchObject({ status: 'no-credential', errorName: 'NotAllowedError' });
    expect(r.checks[0]).toMatchObject({ id: 'authn.credential', actor: 'authn', status: 'fail' });
    expect(r.checks[0]!.detail).toContain('examp1e-bank.com');
    expect(r.knows.rpId).toBe('examp1e-bank.com');
  });

  it('honours allowCredentials', () => {
    const authn = createAuthenticator({ rng: createRandom(6) });
    const c = enrol(authn);
    expect(authn.getAssertion({ clientDataHash: CDH, rpId: 'example.com', allowCredentials: [new Uint8Array(16)] }).status).toBe('no-credential');
    expect(authn.getAssertion({ clientDataHash: CDH, rpId: 'example.com', allowCredentials: [c.credentialId] }).status).toBe('ok');
  });

  it('signs authenticatorData ‖ clientDataHash; device-bound counter increments', async () => {
    const authn = createAuthenticator({ rng: createRandom(7) });
    const c = enrol(authn);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = authn.getAssertion({ clientDataHash: CDH, rpId: 'example.com' });
      if (r.status !== 'ok') throw new Error(r.reason);
      const ad = parseAuthenticatorData(r.authenticatorData);
      expect(ad.flags.be).toBe(false);
      expect(ad.flags.bs).toBe(false);
      expect(ad.flags.at).toBe(false);
      counts.push(ad.signCount);
      expect((await verifySignature(c.publicKey, concatBytes(r.authenticatorData, CDH), r.signature)).valid).toBe(true);
      expect(r.signedBytes).toEqual(concatBytes(r.authenticatorData, CDH));
      expect(r.userHandle).toEqual(USER.id);
    }
    expect(counts).toEqual([1, 2, 3]);
  });

  it('synced passkeys report BE=1 BS=1 and a counter of 0', () => {
    const authn = createAuthenticator({ rng: createRandom(8), credentialKind: 'synced' });
    const c = enrol(authn);
    expect(parseAuthenticatorData(c.authenticatorData).flags).toMatchObject({ be: true, bs: true });
    for (let i = 0; i < 2; i++) {
      const r = authn.getAssertion({ clientDataHash: CDH, rpId: 'example.com' });
      if (r.status !== 'ok') throw new Error(r.reason);
      const ad = parseAuthenticatorData(r.authenticatorData);
      expect(ad.flags).toMatchObject({ be: true, bs: true });
      expect(ad.signCount).toBe(0);
    }
  });
});

describe('sync and clone', () => {
  it('a new device of the sync account can use synced passkeys, not device-bound ones', async () => {
    const phone = createAuthenticator({ rng: createRandom(9), credentialKind: 'synced' });
    const c = enrol(phone);
    const newPhone = syncToNewDevice(phone, { rng: createRandom(10) });
    const r = newPhone.getAssertion({ clientDataHash: CDH, rpId: 'example.com' });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.credentialId).toEqual(c.credentialId);
    expect((await verifySignature(c.publicKey, r.signedBytes, r.signature)).valid).toBe(true);

    const key = createAuthenticator({ rng: createRandom(11) });
    enrol(key);
    const other = syncToNewDevice(key, { rng: createRandom(12) });
    expect(other.getAssertion({ clientDataHash: CDH, rpId: 'example.com' }).status).toBe('no-credential');
  });

  it('a cloned credential signs validly with its own lagging counter', async () => {
    const device = createAuthenticator({ rng: createRandom(13) });
    const c = enrol(device);
    device.getAssertion({ clientDataHash: CDH, rpId: 'example.com' }); // 1
    const clone = cloneCredential(device, c.credentialId, { rng: createRandom(14) });
    device.getAssertion({ clientDataHash: CDH, rpId: 'example.com' }); // 2
    device.getAssertion({ clientDataHash: CDH, rpId: 'example.com' }); // 3
    const r = clone.getAssertion({ clientDataHash: CDH, rpId: 'example.com' });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.signCount).toBe(2);
    expect((await verifySignature(c.publicKey, r.signedBytes, r.signature)).valid).toBe(true);
    expect(device.store.get(c.credentialId)!.signCount).toBe(3);
    expect(() => cloneCredential(device, new Uint8Array(16), { rng: createRandom(15) })).toThrow(RangeError);
  });
});
