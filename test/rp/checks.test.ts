/**
 * Each RP check on its own, every branch: the status and the detail sentence a person reads
 * (the CLI, the app's check list and the exports print it), and the spec clause per ceremony.
 * Written against Stryker's survivors (`npm run mutate`): an inverted condition, `some` turned
 * into `every` or a changed message must fail here.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import type { ClientData } from '../../core/codec/clientData.js';
import type { AuthenticatorData } from '../../core/codec/authenticatorData.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import { COSE_ALG } from '../../core/codec/cose.js';
import { specRef } from '../../core/rp/specTable.js';
import { checkAlgorithm } from '../../core/rp/steps/checkAlgorithm.js';
import { checkAllowCredential } from '../../core/rp/steps/checkAllowCredential.js';
import { checkBackupFlags } from '../../core/rp/steps/checkBackupFlags.js';
import { checkChallenge } from '../../core/rp/steps/checkChallenge.js';
import { checkClientDataJSON } from '../../core/rp/steps/checkClientDataJSON.js';
import { checkStoredCredentialKey, decodeStoredKey } from '../../core/rp/steps/checkCredentialKey.js';
import { checkCrossOrigin } from '../../core/rp/steps/checkCrossOrigin.js';
import { checkOrigin } from '../../core/rp/steps/checkOrigin.js';
import { checkPayment } from '../../core/rp/steps/checkPayment.js';
import { checkRpIdHash } from '../../core/rp/steps/checkRpIdHash.js';
import { checkShape } from '../../core/rp/steps/checkShape.js';
import { checkSignCount } from '../../core/rp/steps/checkSignCount.js';
import { checkTopOrigin } from '../../core/rp/steps/checkTopOrigin.js';
import { checkType } from '../../core/rp/steps/checkType.js';
import { checkUserPresent } from '../../core/rp/steps/checkUserPresent.js';
import { checkUserVerified } from '../../core/rp/steps/checkUserVerified.js';
import { COSE_KEY, craftAssertion, craftRegistration } from './craft.js';

function cd(over: Partial<ClientData> = {}): ClientData {
  const base = { type: 'webauthn.get', challenge: 'Y2hhbGxlbmdl', origin: 'https://example.org', ...over };
  return { ...base, members: { ...base, ...(over.members ?? {}) } } as ClientData;
}

function ad(flags: Partial<AuthenticatorData['flags']> = {}, signCount = 0, rpId = 'example.org'): AuthenticatorData {
  return { raw: new Uint8Array(37), rpIdHash: sha256(utf8ToBytes(rpId)), flags: { up: true, uv: false, be: false, bs: false, at: false, ed: false, ...flags } as AuthenticatorData['flags'], signCount };
}

const pick = (r: { status: string; detail: string }) => [r.status, r.detail];

describe('checkShape', () => {
  it('passes a complete response and lists the sizes; fails naming each missing or empty member', () => {
    const r = checkShape({ clientDataJSON: new Uint8Array(3), signature: new Uint8Array(2) }, 'authentication');
    expect(pick(r)).toEqual(['pass', 'an AuthenticatorAssertionResponse as expected (clientDataJSON 3 B, signature 2 B)']);
    expect(r.spec).toBe(specRef('rp.shape', 'authentication'));
    expect(r.id).toBe('rp.shape');
    expect(pick(checkShape({ clientDataJSON: new Uint8Array(3), attestationObject: undefined }, 'registration'))).toEqual(['fail', 'expected an AuthenticatorAttestationResponse with clientDataJSON, attestationObject, but attestationObject is missing or empty']);
    expect(pick(checkShape({ a: new Uint8Array(0), b: undefined, c: new Uint8Array(1) }, 'authentication'))).toEqual(['fail', 'expected an AuthenticatorAssertionResponse with a, b, c, but a, b are missing or empty']);
    expect(checkShape({}, 'registration').spec).toBe(specRef('rp.shape', 'registration'));
  });
});

describe('checkAllowCredential', () => {
  const A = new Uint8Array([1, 2, 3]);
  const B = new Uint8Array(20).fill(0xab);
  it('skips without a list, fails without an id, passes when the id is any one of the list, else fails', () => {
    expect(pick(checkAllowCredential(A, undefined))).toEqual(['skip', 'no allowCredentials list was given, so any credential of the account may answer']);
    expect(checkAllowCredential(A, []).status).toBe('skip');
    expect(pick(checkAllowCredential(undefined, [A]))).toEqual(['fail', 'expected one of 1 allowed credential ids, but the response carries no credential id']);
    expect(checkAllowCredential(new Uint8Array(0), [A]).status).toBe('fail');
    // One of two: `some`, not `every`.
    expect(pick(checkAllowCredential(A, [B, A]))).toEqual(['pass', 'credential id 010203 is one of the 2 allowed credentials']);
    expect(pick(checkAllowCredential(B, [A]))).toEqual(['fail', `expected one of the 1 allowed credential ids, got ${'ab'.repeat(8)}…`]);
    expect(checkAllowCredential(B, [A]).spec).toBe(specRef('rp.allowCredential', 'authentication'));
    // An id of exactly 8 bytes (16 hex digits) is shown whole.
    expect(checkAllowCredential(new Uint8Array(8).fill(0xcd), [A]).detail).toBe(`expected one of the 1 allowed credential ids, got ${'cd'.repeat(8)}`);
  });
});

describe('checkClientDataJSON', () => {
  it('skips when absent, passes JSON client data (naming ignored members), fails what does not parse', () => {
    expect(pick(checkClientDataJSON(new Uint8Array(0)).check('authentication'))).toEqual(['skip', 'cannot run: the response has no clientDataJSON (see rp.shape)']);
    const good = utf8ToBytes('{"type":"webauthn.get","challenge":"x","origin":"https://a.example","tokenBinding":{},"other":1}');
    const r = checkClientDataJSON(good);
    expect(r.clientData?.origin).toBe('https://a.example');
    expect(pick(r.check('registration'))).toEqual(['pass', `clientDataJSON is a JSON object with type, challenge and origin (${good.length} bytes; other members ignored: tokenBinding, other)`]);
    expect(r.check('registration').spec).toBe(specRef('rp.clientDataJSON', 'registration'));
    const plain = utf8ToBytes('{"type":"webauthn.get","challenge":"x","origin":"o","crossOrigin":false,"topOrigin":"t"}');
    expect(checkClientDataJSON(plain).check('authentication').detail).toBe(`clientDataJSON is a JSON object with type, challenge and origin (${plain.length} bytes)`);
    const bad = checkClientDataJSON(utf8ToBytes('{"type":'));
    expect(bad.clientData).toBeUndefined();
    expect(bad.check('authentication').status).toBe('fail');
    expect(bad.check('authentication').detail).toMatch(/^expected UTF-8 JSON client data, but /);
  });
});

describe('checkType, checkChallenge, checkOrigin', () => {
  it('skip without client data; pass on a match; fail naming expected and got', () => {
    expect(pick(checkType(undefined, ['webauthn.get'], 'authentication'))).toEqual(['skip', 'cannot run: clientDataJSON did not parse']);
    expect(pick(checkType(cd(), ['webauthn.get'], 'authentication'))).toEqual(['pass', 'type is "webauthn.get" as expected']);
    expect(checkType(cd(), ['webauthn.create'], 'registration')).toMatchObject({ status: 'fail', spec: specRef('rp.type', 'registration') });
    expect(checkType(cd(), ['webauthn.create'], 'registration').detail).toMatch(/got "webauthn.get"$/);
    expect(pick(checkChallenge(undefined, 'x', 'authentication'))).toEqual(['skip', 'cannot run: clientDataJSON did not parse']);
    expect(pick(checkChallenge(cd({ challenge: 'abc' }), 'abc', 'authentication'))).toEqual(['pass', 'challenge "abc" is the one the RP issued']);
    expect(pick(checkChallenge(cd({ challenge: 'abc' }), 'abd', 'registration'))).toEqual(['fail', 'expected challenge "abd", got "abc"']);
    const long = 'a'.repeat(60);
    expect(checkChallenge(cd({ challenge: long }), long, 'authentication').detail).toBe(`challenge "${'a'.repeat(45)}…" is the one the RP issued`);
    expect(checkChallenge(cd({ challenge: 'a'.repeat(48) }), 'a'.repeat(48), 'authentication').detail).toBe(`challenge "${'a'.repeat(48)}" is the one the RP issued`);
    expect(checkChallenge(cd(), 'x', 'registration').spec).toBe(specRef('rp.challenge', 'registration'));
    expect(pick(checkOrigin(undefined, ['o'], 'authentication'))).toEqual(['skip', 'cannot run: clientDataJSON did not parse']);
    expect(pick(checkOrigin(cd(), ['https://x.example', 'https://example.org'], 'authentication'))).toEqual(['pass', 'origin "https://example.org" is expected']);
    expect(checkOrigin(cd({ origin: 'https://evil.example' }), ['https://example.org'], 'registration')).toMatchObject({ status: 'fail', spec: specRef('rp.origin', 'registration') });
    expect(checkOrigin(cd({ origin: 'https://evil.example' }), ['https://example.org'], 'registration').detail).toMatch(/got "https:\/\/evil.example"$/);
  });
});

describe('checkCrossOrigin and checkTopOrigin', () => {
  it('crossOrigin: absent or false passes; true passes only when allowed', () => {
    expect(pick(checkCrossOrigin(undefined, false, 'authentication'))).toEqual(['skip', 'cannot run: clientDataJSON did not parse']);
    expect(pick(checkCrossOrigin(cd(), false, 'authentication'))).toEqual(['pass', 'the ceremony ran same-origin (crossOrigin absent)']);
    expect(pick(checkCrossOrigin(cd({ crossOrigin: false }), false, 'authentication'))).toEqual(['pass', 'the ceremony ran same-origin (crossOrigin false)']);
    expect(pick(checkCrossOrigin(cd({ crossOrigin: true }), true, 'authentication'))).toEqual(['pass', 'crossOrigin is true and the RP allows use from a cross-origin iframe']);
    expect(pick(checkCrossOrigin(cd({ crossOrigin: true }), false, 'registration'))).toEqual(['fail', 'expected a same-origin ceremony (the RP does not allow cross-origin iframes), got crossOrigin true']);
    expect(checkCrossOrigin(cd(), false, 'registration').spec).toBe(specRef('rp.crossOrigin', 'registration'));
  });

  it('topOrigin: absent passes; present fails unless framing is allowed, then any when none listed, else the listed ones', () => {
    expect(checkTopOrigin(undefined, true, undefined, 'authentication').status).toBe('skip');
    expect(pick(checkTopOrigin(cd(), false, undefined, 'authentication'))).toEqual(['pass', 'no topOrigin: the ceremony ran in a top-level page']);
    const framed = cd({ topOrigin: 'https://shop.example' });
    expect(pick(checkTopOrigin(framed, false, ['https://shop.example'], 'authentication'))).toEqual(['fail', 'expected no topOrigin (the RP does not allow being framed), got "https://shop.example"']);
    expect(pick(checkTopOrigin(framed, true, undefined, 'authentication'))).toEqual(['pass', 'topOrigin "https://shop.example" accepted: the RP allows framing and lists no top origins']);
    expect(checkTopOrigin(framed, true, [], 'authentication').status).toBe('pass');
    expect(pick(checkTopOrigin(framed, true, ['https://a.example', 'https://shop.example'], 'authentication'))).toEqual(['pass', 'topOrigin "https://shop.example" is expected']);
    expect(checkTopOrigin(framed, true, ['https://a.example'], 'registration')).toMatchObject({ status: 'fail', spec: specRef('rp.topOrigin', 'registration') });
  });
});

describe('checkPayment', () => {
  const expected = { payeeName: 'Alice', payeeOrigin: 'https://alice.example', total: { currency: 'EUR', value: '10.00' }, instrument: { displayName: 'Card', icon: 'https://i.example/c.png' }, rpId: 'bank.example', topOrigin: 'https://shop.example' };
  const payment = { payeeName: 'Alice', payeeOrigin: 'https://alice.example', total: { currency: 'EUR', value: '10.00' }, instrument: { displayName: 'Card', icon: 'https://i.example/c.png' }, rpId: 'bank.example', topOrigin: 'https://shop.example' };
  const spc = (p: unknown) => cd({ type: 'payment.get', members: { payment: p } as never });

  it('skips without a transaction or client data; fails without payment.get or payment data', () => {
    expect(pick(checkPayment(spc(payment), undefined))).toEqual(['skip', 'no payment transaction was given to compare with']);
    expect(pick(checkPayment(undefined, expected))).toEqual(['skip', 'cannot run: clientDataJSON did not parse']);
    expect(pick(checkPayment(cd(), expected))).toEqual(['fail', 'expected a payment.get assertion carrying the payment data, got type "webauthn.get"']);
    expect(pick(checkPayment(spc(undefined), expected))).toEqual(['fail', 'expected clientData.payment with payee, total and instrument, got none']);
    expect(checkPayment(spc('text'), expected).status).toBe('fail');
    expect(checkPayment(spc(null), expected).status).toBe('fail');
  });

  it('passes when every given member matches; fails on the first difference, naming the others', () => {
    expect(pick(checkPayment(spc(payment), expected))).toEqual(['pass', 'the signed payment data is the transaction to execute (10.00 EUR to Alice)']);
    expect(checkPayment(spc(payment), { total: expected.total, payeeOrigin: 'https://alice.example' }).detail).toBe('the signed payment data is the transaction to execute (10.00 EUR to https://alice.example)');
    expect(checkPayment(spc({ total: expected.total }), { total: expected.total }).detail).toBe('the signed payment data is the transaction to execute (10.00 EUR to the payee)');
    expect(pick(checkPayment(spc({ ...payment, total: { currency: 'EUR', value: '5000.00' } }), expected))).toEqual(['fail', 'expected total.value "10.00" (the transaction to execute), but the browser showed and signed "5000.00"']);
    expect(pick(checkPayment(spc({ ...payment, total: { currency: 'USD', value: '1' } }), expected))).toEqual(['fail', 'expected total.currency "EUR" (the transaction to execute), but the browser showed and signed "USD" (and total.value)']);
    for (const [key, value] of [['payeeName', 'Mallory'], ['payeeOrigin', 'https://m.example'], ['rpId', 'evil.example'], ['topOrigin', 'https://evil.example']] as const) {
      expect(checkPayment(spc({ ...payment, [key]: value }), expected).detail, key).toBe(`expected ${key} ${JSON.stringify(expected[key])} (the transaction to execute), but the browser showed and signed ${JSON.stringify(value)}`);
    }
    expect(checkPayment(spc({ ...payment, instrument: { displayName: 'Other', icon: payment.instrument.icon } }), expected).detail).toBe('expected instrument.displayName "Card" (the transaction to execute), but the browser showed and signed "Other"');
    expect(checkPayment(spc({ ...payment, instrument: { displayName: 'Card' } }), expected).detail).toBe('expected instrument.icon "https://i.example/c.png" (the transaction to execute), but the browser showed and signed none');
    // Members the RP did not give are not compared.
    expect(checkPayment(spc({ ...payment, rpId: 'x', topOrigin: 'y', instrument: { displayName: 'Card' } }), { total: expected.total, instrument: { displayName: 'Card' } }).status).toBe('pass');
    // An icon the RP did not ask about is not compared.
    expect(checkPayment(spc({ ...payment, instrument: { displayName: 'Card', icon: 'https://other.example/i.png' } }), { total: expected.total, instrument: { displayName: 'Card' } }).status).toBe('pass');
    expect(checkPayment(spc({ total: 7 }), expected).detail).toMatch(/^expected total.currency "EUR" \(the transaction to execute\), but the browser showed and signed none/);
  });
});

describe('authenticatorData checks', () => {
  it('rpIdHash: skip without data or without an expected RP ID; pass naming the matching ID; fail otherwise', () => {
    expect(checkRpIdHash(undefined, ['example.org'], 'authentication').status).toBe('skip');
    expect(pick(checkRpIdHash(ad(), null, 'authentication'))).toEqual(['skip', 'not checked: the RP gave no expected RP ID (expected.rpId is null)']);
    expect(pick(checkRpIdHash(ad(), ['other.example', 'example.org'], 'authentication'))).toEqual(['pass', 'rpIdHash is SHA-256("example.org")']);
    const r = checkRpIdHash(ad({}, 0, 'evil.example'), ['example.org'], 'registration');
    expect(r).toMatchObject({ status: 'fail', spec: specRef('rp.rpIdHash', 'registration') });
    expect(r.detail).toMatch(/^expected rpIdHash = SHA-256 of "example.org", got [0-9a-f]{16}…, which is none of them$/);
  });

  it('UP, UV, backup flags and the sign counter', () => {
    expect(checkUserPresent(undefined, true, 'authentication').status).toBe('skip');
    expect(pick(checkUserPresent(ad({ up: false }), false, 'authentication'))).toEqual(['skip', 'not required by the RP (requireUserPresence false); UP is not set']);
    expect(checkUserPresent(ad({ up: true }), false, 'authentication').detail).toBe('not required by the RP (requireUserPresence false); UP is set');
    expect(pick(checkUserPresent(ad({ up: true }), true, 'authentication'))).toEqual(['pass', 'the UP flag is set']);
    expect(pick(checkUserPresent(ad({ up: false }), true, 'registration'))).toEqual(['fail', 'expected the UP flag set, got UP = 0']);
    expect(checkUserVerified(undefined, 'required', 'authentication').status).toBe('skip');
    expect(pick(checkUserVerified(ad({ uv: true }), 'required', 'authentication'))).toEqual(['pass', 'UV is set, as the RP requires']);
    expect(pick(checkUserVerified(ad({ uv: false }), 'required', 'authentication'))).toEqual(['fail', 'expected the UV flag set (userVerification required), got UV = 0']);
    expect(pick(checkUserVerified(ad({ uv: false }), 'preferred', 'authentication'))).toEqual(['pass', 'UV is not set; userVerification is preferred, so either is accepted']);
    expect(checkUserVerified(ad({ uv: true }), 'discouraged', 'registration').detail).toBe('UV is set; userVerification is discouraged, so either is accepted');
    expect(checkBackupFlags(undefined, 'authentication').status).toBe('skip');
    expect(pick(checkBackupFlags(ad({ be: false, bs: true }), 'authentication'))).toEqual(['fail', 'expected BS = 0 when BE = 0 (a device-bound credential cannot be backed up), got BE = 0, BS = 1']);
    expect(checkBackupFlags(ad({ be: true, bs: true }), 'authentication').detail).toBe('BE = 1, BS = 1: consistent, a synced (backed-up) multi-device credential');
    expect(checkBackupFlags(ad({ be: true, bs: false }), 'authentication').detail).toBe('BE = 1, BS = 0: consistent, a multi-device credential, not backed up yet');
    expect(checkBackupFlags(ad({ be: false, bs: false }), 'registration').detail).toBe('BE = 0, BS = 0: consistent, a device-bound credential');
    expect(checkSignCount(undefined, 0).status).toBe('skip');
    expect(pick(checkSignCount(ad({}, 0), 0))).toEqual(['pass', 'both counters are 0: this authenticator does not count (e.g. a synced passkey), nothing to compare']);
    expect(pick(checkSignCount(ad({}, 6), 5))).toEqual(['pass', 'signCount 6 is greater than the stored 5']);
    expect(pick(checkSignCount(ad({}, 5), 5))).toEqual(['fail', 'expected signCount greater than the stored 5, got 5: the authenticator may be cloned']);
    expect(checkSignCount(ad({}, 0), 3).status).toBe('fail');
    expect(checkSignCount(ad({}, 1), 0).status).toBe('pass');
  });
});

describe('credential key and algorithm', () => {
  it('a stored key that does not decode fails with the reason; one that does passes naming kty and alg', () => {
    const bad = decodeStoredKey(utf8ToBytes('nope'));
    expect(bad.ok).toBe(false);
    expect(checkStoredCredentialKey(bad).status).toBe('fail');
    expect(checkStoredCredentialKey(bad).detail).toMatch(/^expected the stored credential public key to be a COSE_Key, but /);
    const good = decodeStoredKey(COSE_KEY);
    expect(good.ok).toBe(true);
    expect(pick(checkStoredCredentialKey(good))).toEqual(['pass', 'the stored credential public key is a usable COSE_Key (kty EC2, alg ES256)']);
    if (!good.ok) return;
    expect(pick(checkAlgorithm(undefined, [COSE_ALG.ES256]))).toEqual(['skip', 'cannot run: no usable credential public key']);
    expect(pick(checkAlgorithm(good.key, [COSE_ALG.RS256, COSE_ALG.ES256]))).toEqual(['pass', 'alg ES256 (-7) is one the RP allows']);
    expect(pick(checkAlgorithm(good.key, [COSE_ALG.RS256, COSE_ALG.EdDSA]))).toEqual(['fail', 'expected one of RS256, EdDSA, got ES256 (-7)']);
  });
});

describe('structure and signature checks', () => {
  it('authenticatorData: skip when absent, pass with its size, fail with the reason', async () => {
    const { checkAuthenticatorData } = await import('../../core/rp/steps/checkAuthenticatorData.js');
    expect(pick(checkAuthenticatorData(new Uint8Array(0)).check)).toEqual(['skip', 'cannot run: the response has no authenticatorData (see rp.shape)']);
    const a = craftAssertion();
    const ok = checkAuthenticatorData(a.authenticatorData);
    expect(pick(ok.check)).toEqual(['pass', `authenticatorData is well-formed (${a.authenticatorData.length} bytes)`]);
    expect(ok.authData?.signCount).toBe(0);
    const bad = checkAuthenticatorData(new Uint8Array(10));
    expect(bad.authData).toBeUndefined();
    expect(bad.check.status).toBe('fail');
    expect(bad.check.detail).toMatch(/^expected authenticatorData laid out as in §6\.1, but /);
  });

  it('attestationObject and the attested credential', async () => {
    const { checkAttestationObject } = await import('../../core/rp/steps/checkAttestationObject.js');
    const { checkAttestedCredential } = await import('../../core/rp/steps/checkAttestedCredential.js');
    const reg = craftRegistration();
    const ao = checkAttestationObject(reg.attestationObject);
    expect(ao.check.status).toBe('pass');
    expect(ao.check.detail).toMatch(/^attestationObject decodes: fmt "(packed|none)", authData \d+ bytes$/);
    const bad = checkAttestationObject(new Uint8Array([0xa0]));
    expect(bad.attestationObject).toBeUndefined();
    expect(bad.check.detail).toMatch(/^expected a CBOR map of fmt, attStmt and authData, but /);
    expect(pick(checkAttestedCredential(undefined).check)).toEqual(['skip', 'cannot run: authData did not parse']);
    const acd = checkAttestedCredential(ao.attestationObject!.authData);
    expect(pick(acd.check)).toEqual(['pass', 'credential id of 32 bytes with a EC2 public key for ES256']);
    expect(acd.key?.alg).toBe(COSE_ALG.ES256);
    const noAt = checkAttestedCredential(ad());
    expect(pick(noAt.check)).toEqual(['fail', 'expected attested credential data (AT flag) in a registration, got none']);
    expect(noAt.key).toBeUndefined();
    const broken = checkAttestedCredential({ ...ad(), attestedCredentialData: { aaguid: new Uint8Array(16), credentialId: new Uint8Array(4), credentialPublicKey: { error: 'not a COSE_Key' } } } as never);
    expect(pick(broken.check)).toEqual(['fail', 'expected a usable COSE credential public key, but not a COSE_Key']);
  });

  it('signature: skip for each missing input, pass with the algorithm, fail with the reason', async () => {
    const { checkSignature } = await import('../../core/rp/steps/checkSignature.js');
    const { checkAuthenticatorData } = await import('../../core/rp/steps/checkAuthenticatorData.js');
    const a = craftAssertion();
    const authData = checkAuthenticatorData(a.authenticatorData).authData!;
    const stored = decodeStoredKey(COSE_KEY);
    if (!stored.ok) throw new Error('key');
    expect(pick((await checkSignature(authData, a.clientDataJSON, a.signature, undefined)).check)).toEqual(['skip', 'cannot run: the stored credential public key is unusable']);
    expect(pick((await checkSignature(undefined, a.clientDataJSON, a.signature, stored.key)).check)).toEqual(['skip', 'cannot run: authenticatorData did not parse']);
    expect(pick((await checkSignature(authData, a.clientDataJSON, new Uint8Array(0), stored.key)).check)).toEqual(['skip', 'cannot run: the response has no signature (see rp.shape)']);
    const good = await checkSignature(authData, a.clientDataJSON, a.signature, stored.key);
    expect(pick(good.check)).toEqual(['pass', 'the ES256 signature over authenticatorData ‖ SHA-256(clientDataJSON) verifies with the stored key']);
    expect(good.algorithm).toBe('ES256');
    const other = await checkSignature(authData, utf8ToBytes('{"type":"webauthn.get"}'), a.signature, stored.key);
    expect(other.check.status).toBe('fail');
    expect(other.check.detail).toMatch(/^expected a valid ES256 signature over authenticatorData ‖ SHA-256\(clientDataJSON\), but /);
  });
});
