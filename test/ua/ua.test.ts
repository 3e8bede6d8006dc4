import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { createRandom } from '../../core/crypto/random.js';
import { verifySignature } from '../../core/crypto/verify.js';
import { parseClientDataJSON } from '../../core/codec/clientData.js';
import { toBase64url } from '../../core/codec/base64url.js';
import { concatBytes } from '../../core/codec/bytes.js';
import { checkRpId, confirmPayment, createCredential, getCredential, isRegistrableDomainSuffixOfOrEqualTo, parseOrigin } from '../../core/ua/index.js';
import type { SpcDialog } from '../../core/ua/index.js';

describe('checkRpId (WebAuthn L3 §5.1.3/§5.1.4.1, HTML registrable domain suffix)', () => {
  const cases: [string, string, 'pass' | 'fail'][] = [
    ['https://example.com', 'example.com', 'pass'],
    ['https://login.example.com', 'example.com', 'pass'],
    ['https://login.example.com:8443', 'login.example.com', 'pass'],
    ['https://examp1e-bank.com', 'example.com', 'fail'],
    ['https://examp1e-bank.com', 'example-bank.com', 'fail'],
    ['https://example.com', 'com', 'fail'],
    ['https://example.co.uk', 'co.uk', 'fail'],
    ['https://example.com', 'login.example.com', 'fail'],
    ['https://notexample.com', 'example.com', 'fail'],
    ['https://user.github.io', 'github.io', 'fail'], // private-section public suffix
    ['https://www.example.compute.amazonaws.com', 'example.compute.amazonaws.com', 'fail'],
    ['http://example.com', 'example.com', 'fail'],
    ['http://localhost', 'localhost', 'pass'],
    ['http://localhost:3000', 'localhost', 'pass'],
    ['https://127.0.0.1', '127.0.0.1', 'fail'],
    ['http://127.0.0.1:8080', 'localhost', 'fail'], // the capture page's look-alike: a secure context, but an IP has no domain
    ['https://example.com/login', 'example.com', 'fail'],
    ['ftp://example.com', 'example.com', 'fail'],
  ];
  it.each(cases)('%s with rpId %s → %s', (origin, rpId, status) => {
    const c = checkRpId(origin, rpId);
    expect(c).toMatchObject({ id: 'ua.rpId', actor: 'ua', status });
    expect(c.spec).toContain('WebAuthn L3');
  });

  it('treats loopback addresses as secure contexts; an IP still has no rpId (Secure Contexts §3.1)', () => {
    expect(checkRpId('http://127.0.0.1:8080', 'localhost').detail).toContain('is an IP address, not a valid domain');
    expect(checkRpId('http://10.0.0.1:8080', '10.0.0.1').detail).toContain('not a secure context');
  });

  it('explains the phishing failure in one sentence', () => {
    expect(checkRpId('https://examp1e-bank.com', 'example.com').detail).toBe(
      `rpId "example.com" is not a registrable suffix of origin https://examp1e-bank.com's effective domain "examp1e-bank.com"`,
    );
    expect(checkRpId('https://example.co.uk', 'co.uk').detail).toContain('public suffix');
  });

  it('parses origins and normalises default ports and case', () => {
    expect(parseOrigin('HTTPS://Example.COM:443')).toMatchObject({ serialized: 'https://example.com', host: 'example.com', isDomain: true });
    expect(parseOrigin('https://[::1]:8443')).toMatchObject({ isDomain: false, port: 8443 });
    expect('error' in parseOrigin('https://example.com/')).toBe(true);
    expect(isRegistrableDomainSuffixOfOrEqualTo('example.com', 'a.b.example.com')).toEqual({ ok: true, reason: 'registrable-suffix' });
  });
});

function setup(seed = 'ua') {
  const rng = createRandom(seed);
  const authn = createAuthenticator({ rng: rng.fork('authn') });
  const created = createCredential(authn, {
    origin: 'https://example.com',
    publicKey: { challenge: rng.fork('c').bytes(32), rp: { name: 'Example Bank' }, user: { id: new Uint8Array([1]), name: 'alice', displayName: 'Alice' } },
  });
  if (created.status !== 'ok') throw new Error(created.message);
  return { rng, authn, created };
}

describe('createCredential / getCredential', () => {
  it('builds clientDataJSON with the real origin and hands only its hash to the authenticator', async () => {
    const { authn, created } = setup();
    expect(created.rpId).toBe('example.com');
    const cd = parseClientDataJSON(created.clientDataJSON);
    expect(cd).toMatchObject({ type: 'webauthn.create', origin: 'https://example.com', crossOrigin: false });
    expect(created.authenticator.knows.clientDataHash).toEqual(sha256(created.clientDataJSON));
    expect(created.checks.map((c) => c.id)).toEqual(['ua.rpId', 'authn.algorithm', 'authn.up', 'authn.uv', 'authn.attestation']);
    expect(created.credential.id).toBe(toBase64url(created.credential.rawId));

    const challenge = new Uint8Array(32).fill(9);
    const got = getCredential(authn, { origin: 'https://login.example.com', publicKey: { challenge, rpId: 'example.com', allowCredentials: [{ id: created.credential.rawId }] } });
    if (got.status !== 'ok') throw new Error(got.message);
    const gcd = parseClientDataJSON(got.clientDataJSON);
    expect(gcd).toMatchObject({ type: 'webauthn.get', origin: 'https://login.example.com', challenge: toBase64url(challenge) });
    const r = got.credential.response;
    expect((await verifySignature(created.authenticator.publicKey, concatBytes(r.authenticatorData, sha256(r.clientDataJSON)), r.signature)).valid).toBe(true);
    expect(r.userHandle).toEqual(new Uint8Array([1]));
  });

  it('a look-alike origin gets SecurityError from the browser and the authenticator is never asked', () => {
    const { authn } = setup();
    const got = getCredential(authn, { origin: 'https://examp1e-bank.com', publicKey: { challenge: new Uint8Array(32), rpId: 'example.com' } });
    expect(got).toMatchObject({ status: 'error', errorName: 'SecurityError' });
    expect(got.checks).toHaveLength(1);
    expect(got.checks[0]).toMatchObject({ id: 'ua.rpId', status: 'fail' });
    // With its own rpId, the look-alike reaches the authenticator, which has nothing for it.
    const own = getCredential(authn, { origin: 'https://examp1e-bank.com', publicKey: { challenge: new Uint8Array(32) } });
    expect(own).toMatchObject({ status: 'error', errorName: 'NotAllowedError' });
    if (own.status === 'error') expect(own.authenticator?.status).toBe('no-credential');
  });

  it('sets crossOrigin and topOrigin in an iframe', () => {
    const { authn } = setup();
    const got = getCredential(authn, { origin: 'https://example.com', topOrigin: 'https://shop.example', publicKey: { challenge: new Uint8Array(32) } });
    if (got.status !== 'ok') throw new Error(got.message);
    expect(parseClientDataJSON(got.clientDataJSON)).toMatchObject({ crossOrigin: true, topOrigin: 'https://shop.example' });
  });
});

describe('confirmPayment (SPC)', () => {
  const data = (credentialId: Uint8Array) => ({
    challenge: new Uint8Array(32).fill(3),
    rpId: 'example.com',
    credentialIds: [credentialId],
    instrument: { displayName: 'Example Card ****1234', icon: 'https://example.com/card.png' },
    payeeName: 'Alice',
    payeeOrigin: 'https://alice-shop.example',
  });

  it('shows the dialog, and signs payment.get clientData carrying what was displayed', async () => {
    const { authn, created } = setup();
    let seen: SpcDialog | undefined;
    const r = confirmPayment(authn, {
      origin: 'https://merchant.example',
      data: data(created.credential.rawId),
      total: { currency: 'EUR', value: '10.00' },
      decide: (d) => ((seen = d), 'confirm'),
    });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(seen).toMatchObject({ surface: 'browser', payeeName: 'Alice', payeeOrigin: 'https://alice-shop.example', total: { currency: 'EUR', value: '10.00' }, rpId: 'example.com', callerOrigin: 'https://merchant.example' });
    const cd = parseClientDataJSON(r.clientDataJSON);
    expect(cd.type).toBe('payment.get');
    expect(cd.origin).toBe('https://merchant.example');
    expect(cd.payment).toEqual({
      rpId: 'example.com',
      topOrigin: 'https://merchant.example',
      payeeName: 'Alice',
      payeeOrigin: 'https://alice-shop.example',
      total: { currency: 'EUR', value: '10.00' },
      instrument: { displayName: 'Example Card ****1234', icon: 'https://example.com/card.png' },
    });
    // Member order as browsers serialise it (WebAuthn L3 §5.8.1.1, then SPC's payment).
    expect(new TextDecoder().decode(r.clientDataJSON)).toMatch(/^\{"type":"payment\.get","challenge":"[^"]+","origin":"https:\/\/merchant\.example","crossOrigin":false,"payment":\{"rpId":"example\.com","topOrigin":/);
    // SPC skips the rpId vs origin check: recorded, not run.
    expect(r.checks.find((c) => c.id === 'ua.rpId')).toMatchObject({ status: 'skip' });
    expect(r.checks.find((c) => c.id === 'user.spcDialog')).toMatchObject({ actor: 'user', status: 'pass' });
    expect(r.authenticator.flags.uv).toBe(true);
    const resp = r.credential.response;
    expect((await verifySignature(created.authenticator.publicKey, concatBytes(resp.authenticatorData, sha256(resp.clientDataJSON)), resp.signature)).valid).toBe(true);
    expect(r.authenticator.knows.neverSees).toContain('payee');
  });

  it('a user who sees the swapped payee declines; nothing is signed', () => {
    const { authn, created } = setup();
    const r = confirmPayment(authn, {
      origin: 'https://merchant.example',
      data: { ...data(created.credential.rawId), payeeName: 'Mallory', payeeOrigin: undefined },
      total: { currency: 'EUR', value: '5000.00' },
      decide: (d) => (d.payeeName === 'Alice' && d.total.value === '10.00' ? 'confirm' : 'decline'),
    });
    expect(r).toMatchObject({ status: 'error', errorName: 'NotAllowedError', userResponse: 'decline' });
    expect(r.checks.at(-1)).toMatchObject({ id: 'user.spcDialog', actor: 'user', status: 'fail' });
    expect(r.checks.at(-1)!.detail).toContain('5000.00 EUR to Mallory');
    expect(r.authenticator).toBeUndefined();
  });

  it('requires UV (SPC §4.1.8): a thief holding the phone cannot confirm', () => {
    const { authn, created } = setup();
    const r = confirmPayment(authn, { origin: 'https://merchant.example', data: data(created.credential.rawId), total: { currency: 'EUR', value: '10.00' }, decide: () => 'confirm', person: 'someone-else' });
    expect(r).toMatchObject({ status: 'error', errorName: 'NotAllowedError' });
    expect(r.checks.find((c) => c.status === 'fail')?.id).toBe('authn.uv');
  });

  it('validates the request and the caller origin', () => {
    const { authn, created } = setup();
    const base = { origin: 'https://merchant.example', total: { currency: 'EUR', value: '1.00' }, decide: () => 'confirm' as const };
    expect(confirmPayment(authn, { ...base, data: { ...data(created.credential.rawId), credentialIds: [] } })).toMatchObject({ status: 'error', errorName: 'RangeError' });
    expect(confirmPayment(authn, { ...base, data: { ...data(created.credential.rawId), payeeName: undefined, payeeOrigin: undefined } })).toMatchObject({ status: 'error', errorName: 'TypeError' });
    expect(confirmPayment(authn, { ...base, data: { ...data(created.credential.rawId), payeeOrigin: 'http://shop.example' } })).toMatchObject({ status: 'error', errorName: 'TypeError' });
    expect(confirmPayment(authn, { ...base, origin: 'http://merchant.example', data: data(created.credential.rawId) })).toMatchObject({ status: 'error', errorName: 'SecurityError' });
  });
});
