/**
 * `apple` (WebAuthn L3 §8.8), `android-key` (§8.4) and `android-safetynet` (§8.5), one requirement
 * at a time on statements built in the test (attestationCerts.ts): each change fails exactly the
 * requirement that reads it, with the sentence a person reads.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AuthorizationList, IntegerSet, KeyDescription, id_ce_keyDescription } from '@peculiar/asn1-android';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { COSE_ALG, type CosePublicKey } from '../../core/codec/cose.js';
import { verifyApple } from '../../core/rp/attestation/verifyApple.js';
import { verifyAndroidKey } from '../../core/rp/attestation/verifyAndroidKey.js';
import { verifyAndroidSafetyNet } from '../../core/rp/attestation/verifyAndroidSafetyNet.js';
import type { AttestationOutcome, AttestationPolicy } from '../../core/rp/attestation/types.js';
import { checkAttestation } from '../../core/rp/attestation/verifyAttestation.js';
import { sign } from './craft.js';
import { baseInput, credentialCryptoKey, makeCert, otherCurve, sanDirectoryName, sanDns, signWith, type CertOptions } from './attestationCerts.js';

const notPassed = (o: AttestationOutcome, prefix: string) => o.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id.slice(prefix.length + 1)}:${c.status}`);
const detail = (o: AttestationOutcome, id: string) => o.checks.find((c) => c.id === id)?.detail;

describe('apple', () => {
  const nonceExt = (nonce: Uint8Array) => new x509.Extension('1.2.840.113635.100.8.2', false, new Uint8Array([0x30, nonce.length + 4, 0xa1, nonce.length + 2, 0x04, nonce.length, ...nonce]));
  const apple = async (o: { nonce?: Uint8Array; ext?: x509.Extension | null; otherKey?: boolean; credentialKey?: CosePublicKey | undefined; x5c?: unknown } = {}) => {
    const input = baseInput();
    const cert = await makeCert({ subject: 'CN=Apple Credential', extensions: o.ext === null ? [] : [o.ext ?? nonceExt(o.nonce ?? sha256(input.signed))], ...(o.otherKey ? {} : { publicKey: await credentialCryptoKey() }) });
    const attStmt = new Map<unknown, unknown>([['x5c', 'x5c' in o ? o.x5c : [cert.der]]]);
    if (o.x5c === undefined && 'x5c' in o) attStmt.delete('x5c');
    return verifyApple({ ...input, fmt: 'apple', attStmt, ...('credentialKey' in o ? { credentialKey: o.credentialKey } : {}) });
  };

  it('the nonce is SHA-256(authData ‖ clientDataHash) and the key is the credential key: AnonCA', async () => {
    const o = await apple();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.apple.nonce', 'pass'], ['rp.apple.key', 'pass']]);
    expect(o.type).toBe('anonca');
    expect(o.x5c).toHaveLength(1);
  });

  it('another nonce, no nonce extension or one of another shape fails the nonce', async () => {
    const other = await apple({ nonce: new Uint8Array(32).fill(1) });
    expect(notPassed(other, 'rp.apple')).toEqual(['nonce:fail']);
    expect(detail(other, 'rp.apple.nonce')).toMatch(/^expected the certificate nonce SHA-256\(authData ‖ clientDataHash\) = [0-9a-f]{16}…, got 0101010101010101…$/);
    const none = await apple({ ext: null });
    expect(notPassed(none, 'rp.apple')).toEqual(['nonce:fail']);
    expect(detail(none, 'rp.apple.nonce')).toBe('expected well-formed data, but x5c[0]: credCert has no nonce extension 1.2.840.113635.100.8.2');
    for (const value of [
      new Uint8Array([0x04, 0x02, 1, 2]), // an OCTET STRING, not a SEQUENCE
      new Uint8Array([0x30, 0x06, 0xa2, 0x04, 0x04, 0x02, 1, 2]), // [2], not [1]
      new Uint8Array([0x30, 0x06, 0x81, 0x04, 0x04, 0x02, 1, 2]), // [1] IMPLICIT
      new Uint8Array([0x30, 0x04, 0xa1, 0x02, 0x05, 0x00]), // [1] NULL
      new Uint8Array([0x30, 0x06, 0x61, 0x04, 0x04, 0x02, 1, 2]), // APPLICATION 1
      new Uint8Array([0x30, 0x09, 0xa1, 0x04, 0x04]), // truncated
      new Uint8Array([0x30, 0x08, 0xa1, 0x04, 0x04, 0x02, 1, 2, 0x04, 0x05]), // a whole [1] OCTET STRING, then a truncated member
    ]) {
      const o = await apple({ ext: new x509.Extension('1.2.840.113635.100.8.2', false, value) });
      expect(notPassed(o, 'rp.apple'), Buffer.from(value).toString('hex')).toEqual(['nonce:fail']);
      expect(detail(o, 'rp.apple.nonce')).toBe('expected well-formed data, but x5c[0]: the nonce extension is not SEQUENCE { [1] OCTET STRING }');
    }
  });

  it('a certificate for another key fails the key; an unusable credential key leaves it unchecked', async () => {
    const other = await apple({ otherKey: true });
    expect(notPassed(other, 'rp.apple')).toEqual(['key:fail']);
    expect(detail(other, 'rp.apple.key')).toBe("expected the credential certificate's public key to be the credential public key, got a different key");
    const none = await apple({ credentialKey: undefined });
    expect(notPassed(none, 'rp.apple')).toEqual(['key:skip']);
    const rsaKey = await apple({ credentialKey: { kty: 'RSA', alg: COSE_ALG.RS256, n: new Uint8Array(256).fill(1), e: new Uint8Array([1, 0, 1]) } });
    expect(notPassed(rsaKey, 'rp.apple')).toEqual(['key:fail']);
  });

  it('a certificate whose key cannot be read fails the key requirement, not the verifier', async () => {
    const input = baseInput();
    const cert = await makeCert({ subject: 'CN=Apple Credential', extensions: [nonceExt(sha256(input.signed))], publicKey: await credentialCryptoKey() });
    const o = await verifyApple({ ...input, fmt: 'apple', attStmt: new Map<unknown, unknown>([['x5c', [otherCurve(cert.der)]]]) });
    expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.apple.nonce', 'pass'], ['rp.apple.key', 'fail']]);
    expect(detail(o, 'rp.apple.key')).toBe('expected well-formed data, but x5c[0]: EC curve 1.2.840.10045.3.1.6 is not P-256, P-384 or P-521');
  });

  it('without x5c, or with a certificate that does not parse, the syntax fails and nothing else runs', async () => {
    for (const x5c of [undefined, [new Uint8Array([1, 2, 3])]]) {
      const o = await apple({ x5c });
      expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.apple.syntax', 'fail']]);
      expect(o.type).toBe('not-verified');
    }
    expect(detail(await apple({ x5c: undefined }), 'rp.apple.syntax')).toBe('expected well-formed data, but attStmt: "x5c" is required (credCert and its chain), got nothing');
  });
});

describe('android-key', () => {
  type Lists = { tee?: Partial<AuthorizationList>; sw?: Partial<AuthorizationList> };
  const description = (challenge: Uint8Array, lists: Lists, level = 1) =>
    new Uint8Array(
      AsnConvert.serialize(
        new KeyDescription({
          attestationVersion: 3,
          attestationSecurityLevel: level,
          keymasterVersion: 4,
          keymasterSecurityLevel: level,
          attestationChallenge: new OctetString(challenge),
          uniqueId: new OctetString(new Uint8Array(0)),
          softwareEnforced: new AuthorizationList(lists.sw ?? {}),
          teeEnforced: new AuthorizationList(lists.tee ?? {}),
        }),
      ),
    );
  const GOOD: Lists = { tee: { purpose: new IntegerSet([2]), origin: 0 } };
  const android = async (o: { lists?: Lists; challenge?: Uint8Array; level?: number; ext?: Uint8Array | null; otherKey?: boolean; policy?: AttestationPolicy; credentialKey?: CosePublicKey | undefined; sig?: Uint8Array; noX5c?: boolean } = {}) => {
    const input = baseInput();
    const value = o.ext === undefined ? description(o.challenge ?? input.clientDataHash, o.lists ?? GOOD, o.level) : o.ext;
    const cert = await makeCert({ subject: 'CN=Android Keystore Key', extensions: value === null ? [] : [new x509.Extension(id_ce_keyDescription, false, new Uint8Array(value))], ...(o.otherKey ? {} : { publicKey: await credentialCryptoKey() }) });
    const attStmt = new Map<unknown, unknown>([['alg', COSE_ALG.ES256], ['sig', o.sig ?? sign(input.signed)], ['x5c', [cert.der]]]);
    if (o.noX5c) attStmt.delete('x5c');
    return verifyAndroidKey({ ...input, fmt: 'android-key', attStmt, ...('credentialKey' in o ? { credentialKey: o.credentialKey } : {}) }, o.policy ?? {});
  };

  it('a key generated in the TEE, for signing, attested for this registration: Basic, with its security level', async () => {
    const o = await android();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual(['sig', 'key', 'challenge', 'allApplications', 'origin', 'purpose'].map((n) => [`rp.androidKey.${n}`, 'pass']));
    expect(o.type).toBe('basic');
    expect(o.facts).toEqual(['Android keystore attestation, security level TrustedEnvironment']);
    expect(detail(o, 'rp.androidKey.origin')).toBe('origin is KM_ORIGIN_GENERATED in teeEnforced: the key was generated inside the keystore');
    expect(detail(o, 'rp.androidKey.purpose')).toBe('purpose includes KM_PURPOSE_SIGN in teeEnforced');
    expect(detail(o, 'rp.androidKey.sig')).toBe("the ES256 signature over authData ‖ clientDataHash verifies with the certificate's (x5c[0]) key");
    expect((await android({ level: 0 })).facts).toEqual(['Android keystore attestation, security level Software']);
    expect((await android({ level: 2 })).facts).toEqual(['Android keystore attestation, security level StrongBox']);
    expect((await android({ level: 7 })).facts).toEqual(['Android keystore attestation, security level level 7']);
  });

  it('a signature by another key fails sig; a certificate for another key fails key', async () => {
    expect(notPassed(await android({ sig: sign(new Uint8Array([9])) }), 'rp.androidKey')).toEqual(['sig:fail']);
    const other = await android({ otherKey: true });
    expect(notPassed(other, 'rp.androidKey')).toEqual(['sig:fail', 'key:fail']);
    expect(detail(other, 'rp.androidKey.key')).toBe("expected the attestation certificate's public key to be the credential public key, got a different key");
    expect(notPassed(await android({ credentialKey: undefined }), 'rp.androidKey')).toEqual(['key:skip']);
  });

  it('the attestation challenge must be clientDataHash', async () => {
    const o = await android({ challenge: new Uint8Array(32).fill(0xee) });
    expect(notPassed(o, 'rp.androidKey')).toEqual(['challenge:fail']);
    expect(detail(o, 'rp.androidKey.challenge')).toMatch(/^expected attestationChallenge = clientDataHash [0-9a-f]{16}…, got eeeeeeeeeeeeeeee…$/);
  });

  it('no key description, or one that does not parse, fails the challenge and stops', async () => {
    const none = await android({ ext: null });
    expect(none.checks.map((c) => [c.id, c.status])).toEqual([['rp.androidKey.sig', 'pass'], ['rp.androidKey.key', 'pass'], ['rp.androidKey.challenge', 'fail']]);
    expect(detail(none, 'rp.androidKey.challenge')).toBe('expected well-formed data, but x5c[0]: the certificate has no key description extension 1.3.6.1.4.1.11129.2.1.17');
    expect(none.facts).toBeUndefined();
    const junk = await android({ ext: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]) });
    expect(junk.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'fail']);
    expect(detail(junk, 'rp.androidKey.challenge')).toMatch(/^expected well-formed data, but x5c\[0\]: the key description does not parse \(/);
  });

  it('allApplications must be on neither list', async () => {
    const tee = await android({ lists: { tee: { ...GOOD.tee, allApplications: null } } });
    expect(notPassed(tee, 'rp.androidKey')).toEqual(['allApplications:fail']);
    expect(detail(tee, 'rp.androidKey.allApplications')).toBe('expected no allApplications field (the credential must be scoped to its RP ID), found it in teeEnforced');
    const both = await android({ lists: { tee: { ...GOOD.tee, allApplications: null }, sw: { allApplications: null } } });
    expect(detail(both, 'rp.androidKey.allApplications')).toBe('expected no allApplications field (the credential must be scoped to its RP ID), found it in teeEnforced and softwareEnforced');
    const sw = await android({ lists: { ...GOOD, sw: { allApplications: null } } });
    expect(notPassed(sw, 'rp.androidKey')).toEqual(['allApplications:fail']);
  });

  it('origin KM_ORIGIN_GENERATED and purpose SIGN: in either list, or in the TEE list when the RP accepts only TEE keys', async () => {
    const inSoftware = { sw: { purpose: new IntegerSet([2]), origin: 0 } };
    const sw = await android({ lists: inSoftware });
    expect(notPassed(sw, 'rp.androidKey')).toEqual([]);
    expect(detail(sw, 'rp.androidKey.origin')).toBe('origin is KM_ORIGIN_GENERATED in softwareEnforced: the key was generated inside the keystore');
    const teeOnly = await android({ lists: inSoftware, policy: { androidKeyTeeOnly: true } });
    expect(notPassed(teeOnly, 'rp.androidKey')).toEqual(['origin:fail', 'purpose:fail']);
    expect(detail(teeOnly, 'rp.androidKey.origin')).toBe('expected origin KM_ORIGIN_GENERATED (0) in the TEE list (the RP accepts only TEE keys), got no origin field');
    expect(detail(teeOnly, 'rp.androidKey.purpose')).toBe('expected purpose KM_PURPOSE_SIGN (2) in the TEE list (the RP accepts only TEE keys), got no purpose field');
    expect(notPassed(await android({ policy: { androidKeyTeeOnly: true } }), 'rp.androidKey')).toEqual([]);
    const imported = await android({ lists: { tee: { purpose: new IntegerSet([2]), origin: 2 }, sw: { origin: 3 } } });
    expect(notPassed(imported, 'rp.androidKey')).toEqual(['origin:fail']);
    expect(detail(imported, 'rp.androidKey.origin')).toBe('expected origin KM_ORIGIN_GENERATED (0) in the TEE and software lists, got 2 in teeEnforced, 3 in softwareEnforced');
    const encrypt = await android({ lists: { tee: { purpose: new IntegerSet([0, 1]), origin: 0 }, sw: { purpose: new IntegerSet([3]) } } });
    expect(notPassed(encrypt, 'rp.androidKey')).toEqual(['purpose:fail']);
    expect(detail(encrypt, 'rp.androidKey.purpose')).toBe('expected purpose KM_PURPOSE_SIGN (2) in the TEE and software lists, got [0, 1] in teeEnforced, [3] in softwareEnforced');
    const none = await android({ lists: {} });
    expect(detail(none, 'rp.androidKey.origin')).toBe('expected origin KM_ORIGIN_GENERATED (0) in the TEE and software lists, got no origin field');
    expect(detail(none, 'rp.androidKey.purpose')).toBe('expected purpose KM_PURPOSE_SIGN (2) in the TEE and software lists, got no purpose field');
    const split = await android({ lists: { tee: { origin: 0, purpose: new IntegerSet([3]) }, sw: { purpose: new IntegerSet([2]) } } });
    expect(detail(split, 'rp.androidKey.purpose')).toBe('purpose includes KM_PURPOSE_SIGN in softwareEnforced');
  });

  it('a certificate whose key cannot be read fails sig and stops', async () => {
    const input = baseInput();
    const cert = await makeCert({ subject: 'CN=Android Keystore Key', extensions: [new x509.Extension(id_ce_keyDescription, false, new Uint8Array(description(input.clientDataHash, GOOD)))], publicKey: await credentialCryptoKey() });
    const o = await verifyAndroidKey({ ...input, fmt: 'android-key', attStmt: new Map<unknown, unknown>([['alg', -7], ['sig', sign(input.signed)], ['x5c', [otherCurve(cert.der)]]]) }, {});
    expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.androidKey.sig', 'fail']]);
    expect(o.type).toBe('basic');
  });

  it('x5c is required; a certificate that does not parse fails sig and stops', async () => {
    const o = await android({ noX5c: true });
    expect(o.checks.map((c) => [c.id, c.status, c.detail])).toEqual([['rp.androidKey.syntax', 'fail', 'expected well-formed data, but attStmt: "x5c" is required (the credential certificate and its chain), got nothing']]);
    expect(o.type).toBe('not-verified');
    const input = baseInput();
    const bad = await verifyAndroidKey({ ...input, fmt: 'android-key', attStmt: new Map<unknown, unknown>([['alg', -7], ['sig', sign(input.signed)], ['x5c', [new Uint8Array([1])]]]) }, {});
    expect(bad.checks.map((c) => [c.id, c.status])).toEqual([['rp.androidKey.sig', 'fail']]);
    expect(bad.type).toBe('basic');
    expect(bad.x5c).toHaveLength(1);
  });
});

describe('android-safetynet', () => {
  const AT = Date.UTC(2026, 5, 1);
  const b64u = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  interface Sn {
    cert?: CertOptions;
    header?: Record<string, unknown>;
    payload?: Record<string, unknown>;
    ver?: unknown;
    jws?: string;
    badSig?: boolean;
    policy?: AttestationPolicy;
  }
  const statement = async (o: Sn = {}) => {
    const cert = await makeCert(o.cert ?? { kind: 'RSA', subject: 'CN=attest.android.com' });
    const input = baseInput();
    const nonce = Buffer.from(sha256(input.signed)).toString('base64');
    const header = b64u({ alg: 'RS256', x5c: [Buffer.from(cert.der).toString('base64')], ...o.header });
    const payload = b64u(JSON.stringify({ nonce, ctsProfileMatch: true, timestampMs: AT - 1000, ...o.payload }).replace('"__INF__"', '1e400'));
    let sig = await signWith(cert.keys, new TextEncoder().encode(`${header}.${payload}`));
    if (o.badSig) sig = sig.map((b, i) => (i === 10 ? b ^ 1 : b));
    const jws = o.jws ?? `${header}.${payload}.${Buffer.from(sig).toString('base64url')}`;
    const attStmt = new Map<unknown, unknown>([['ver', 'ver' in o ? o.ver : '14366018'], ['response', new TextEncoder().encode(jws)]]);
    return { ...input, fmt: 'android-safetynet', attStmt };
  };
  const safetyNet = async (o: Sn = {}) => verifyAndroidSafetyNet(await statement(o), o.policy ?? {}, AT);

  it('rp.attestation judges the timestamp at the RP\'s time (policy.at, else now) and counts what policy left out', async () => {
    const early = await checkAttestation(await statement(), { at: AT - 2000 });
    expect(early.checks.find((c) => c.id === 'rp.safetyNet.timestamp')!.status).toBe('fail');
    expect(early.checks[0]!.status).toBe('fail');
    const now = await checkAttestation(await statement({ payload: { timestampMs: Date.now() - 60_000 } }));
    expect(now.checks[0]!.status).toBe('pass');
    const relaxed = await checkAttestation(await statement({ payload: { ctsProfileMatch: false } }), { at: AT, requireCtsProfileMatch: false });
    expect([relaxed.checks[0]!.status, relaxed.checks[0]!.detail]).toEqual(['pass', 'fmt "android-safetynet": all 4 requirements of its verification procedure hold (1 left to RP policy); attestation type Basic, trust path x5c (1 certificate)']);
  });

  it('a JWS from attest.android.com with this registration\'s nonce, a passing device and a past timestamp: Basic', async () => {
    const o = await safetyNet();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual(['jws', 'host', 'nonce', 'ctsProfileMatch', 'timestamp'].map((n) => [`rp.safetyNet.${n}`, 'pass']));
    expect(o.type).toBe('basic');
    expect(o.x5c).toHaveLength(1);
    expect(detail(o, 'rp.safetyNet.timestamp')).toBe('timestampMs 2026-05-31T23:59:59.000Z is not later than the verification time 2026-06-01T00:00:00.000Z');
    const san = await safetyNet({ cert: { kind: 'RSA', subject: 'CN=Google', san: sanDns(['attest.android.com']) } });
    expect(notPassed(san, 'rp.safetyNet')).toEqual([]);
  });

  it('the certificate must be issued to attest.android.com, by its CN or a DNS name', async () => {
    const o = await safetyNet({ cert: { kind: 'RSA', subject: 'CN=attest.example.com', san: sanDns(['other.example.com']) } });
    expect(notPassed(o, 'rp.safetyNet')).toEqual(['host:fail']);
    expect(detail(o, 'rp.safetyNet.host')).toBe('expected the JWS certificate to be issued to attest.android.com, got "attest.example.com", "other.example.com"');
    const nameless = await safetyNet({ cert: { kind: 'RSA', subject: 'O=Nobody' } });
    expect(detail(nameless, 'rp.safetyNet.host')).toBe('expected the JWS certificate to be issued to attest.android.com, got no host name');
    const dirOnly = await safetyNet({ cert: { kind: 'RSA', subject: 'CN=google.com', san: sanDirectoryName([['2.5.4.3', 'attest.android.com']]) } });
    expect(detail(dirOnly, 'rp.safetyNet.host')).toBe('expected the JWS certificate to be issued to attest.android.com, got "google.com"');
    // A SAN that does not parse leaves the CN to decide.
    const brokenSan = await safetyNet({ cert: { kind: 'RSA', subject: 'CN=attest.android.com', extensions: [new x509.Extension('2.5.29.17', false, new Uint8Array([0x30, 0x05, 0x82]))] } });
    expect(notPassed(brokenSan, 'rp.safetyNet')).toEqual([]);
  });

  it('the JWS must be RS256 and verify with its certificate', async () => {
    const bad = await safetyNet({ badSig: true });
    expect(notPassed(bad, 'rp.safetyNet')).toEqual(['jws:fail']);
    expect(detail(bad, 'rp.safetyNet.jws')).toMatch(/^expected the SafetyNet JWS signature to verify with its certificate, but ./);
    const es = await safetyNet({ header: { alg: 'ES256' } });
    expect(notPassed(es, 'rp.safetyNet')).toEqual(['jws:fail']);
    expect(detail(es, 'rp.safetyNet.jws')).toBe('expected well-formed data, but attStmt.response header: the JWS alg is "ES256", not RS256');
  });

  it('the nonce must be base64(SHA-256(authData ‖ clientDataHash))', async () => {
    const o = await safetyNet({ payload: { nonce: 'AAAA' } });
    expect(notPassed(o, 'rp.safetyNet')).toEqual(['nonce:fail']);
    expect(detail(o, 'rp.safetyNet.nonce')).toMatch(/^expected nonce [A-Za-z0-9+/]{43}=, got "AAAA"$/);
  });

  it('ctsProfileMatch must be true unless the RP does not require it', async () => {
    const o = await safetyNet({ payload: { ctsProfileMatch: false } });
    expect(notPassed(o, 'rp.safetyNet')).toEqual(['ctsProfileMatch:fail']);
    expect(detail(o, 'rp.safetyNet.ctsProfileMatch')).toBe('expected ctsProfileMatch true (the RP requires a device that passed Android compatibility checks), got false');
    expect(notPassed(await safetyNet({ payload: { ctsProfileMatch: 'true' } }), 'rp.safetyNet')).toEqual(['ctsProfileMatch:fail']);
    const relaxed = await safetyNet({ payload: { ctsProfileMatch: false }, policy: { requireCtsProfileMatch: false } });
    expect(notPassed(relaxed, 'rp.safetyNet')).toEqual(['ctsProfileMatch:skip']);
    expect(detail(relaxed, 'rp.safetyNet.ctsProfileMatch')).toBe("not required by the RP's policy (requireCtsProfileMatch false); the payload says false");
    expect(notPassed(await safetyNet({ policy: { requireCtsProfileMatch: true } }), 'rp.safetyNet')).toEqual([]);
  });

  it('timestampMs must be a number not later than the verification time', async () => {
    expect(notPassed(await safetyNet({ payload: { timestampMs: AT } }), 'rp.safetyNet')).toEqual([]);
    const late = await safetyNet({ payload: { timestampMs: AT + 1 } });
    expect(notPassed(late, 'rp.safetyNet')).toEqual(['timestamp:fail']);
    expect(detail(late, 'rp.safetyNet.timestamp')).toBe('expected timestampMs not later than the verification time 2026-06-01T00:00:00.000Z, got 2026-06-01T00:00:00.001Z');
    // 1e400 reads as Infinity: a number, but no time.
    const infinite = await safetyNet({ payload: { timestampMs: '__INF__' } });
    expect(notPassed(infinite, 'rp.safetyNet')).toEqual(['timestamp:fail']);
    expect(detail(infinite, 'rp.safetyNet.timestamp')).toBe('expected a numeric timestampMs, got null');
    for (const timestampMs of ['1', null]) {
      const o = await safetyNet({ payload: { timestampMs } });
      expect(notPassed(o, 'rp.safetyNet')).toEqual(['timestamp:fail']);
      expect(detail(o, 'rp.safetyNet.timestamp')).toBe(`expected a numeric timestampMs, got ${JSON.stringify(timestampMs)}`);
    }
  });

  it('a statement that is not a SafetyNet JWS fails its syntax and nothing else runs', async () => {
    const cases: [Sn, string][] = [
      [{ ver: '' }, 'attStmt: "ver" expected the Google Play Services version string, got ""'],
      [{ ver: undefined }, 'attStmt: "ver" expected the Google Play Services version string, got null'],
      [{ ver: 5 }, 'attStmt: "ver" expected the Google Play Services version string, got 5'],
      [{ jws: 'a.b' }, 'attStmt.response: expected a compact JWS of 3 parts, got 2'],
      [{ jws: `${b64u('not json')}.${b64u({})}.AA` }, 'attStmt.response header: is not base64url JSON'],
      [{ jws: `e3!0.${b64u({})}.AA` }, 'attStmt.response header: is not valid base64url'],
      [{ jws: `${b64u({ alg: 'RS256', x5c: ['AA'] })}.${b64u('1')}.AA` }, 'attStmt.response payload: is not a JSON object'],
      [{ jws: `${b64u({ alg: 'RS256', x5c: ['AA'] })}.${b64u('null')}.AA` }, 'attStmt.response payload: is not a JSON object'],
      [{ header: { x5c: [] } }, 'attStmt.response header: the JWS header has no x5c certificates'],
      [{ header: { x5c: 'AA' } }, 'attStmt.response header: the JWS header has no x5c certificates'],
      [{ header: { x5c: [5] } }, 'attStmt.response header: the JWS header has no x5c certificates'],
    ];
    for (const [sn, why] of cases) {
      const o = await safetyNet(sn);
      expect(o.checks.map((c) => [c.id, c.status, c.detail]), why).toEqual([['rp.safetyNet.syntax', 'fail', `expected well-formed data, but ${why}`]]);
      expect(o.type).toBe('not-verified');
    }
    const notUtf8 = await verifyAndroidSafetyNet({ ...baseInput(), fmt: 'android-safetynet', attStmt: new Map<unknown, unknown>([['ver', '1'], ['response', new Uint8Array([0xff, 0xfe])]]) }, {}, AT);
    expect(notUtf8.checks.map((c) => [c.id, c.status])).toEqual([['rp.safetyNet.syntax', 'fail']]);
  });

  it('a certificate in x5c that does not parse fails the JWS requirement; host cannot be named', async () => {
    const o = await safetyNet({ header: { x5c: ['AQID'] } });
    expect(notPassed(o, 'rp.safetyNet')).toEqual(['jws:fail']);
    expect(o.checks.map((c) => c.id)).toEqual(['rp.safetyNet.jws', 'rp.safetyNet.nonce', 'rp.safetyNet.ctsProfileMatch', 'rp.safetyNet.timestamp']);
  });
});
