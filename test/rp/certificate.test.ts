/**
 * The X.509 reader every certificate-carrying attestation format and the trust check use
 * (core/rp/attestation/certificate.ts): what it reads from a certificate, how a subject public key
 * becomes the key a signature is verified with, when two keys are the same, and the error a
 * malformed certificate or extension gives (its code and where).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { COSE_ALG, type CosePublicKey } from '../../core/codec/cose.js';
import { ProoflineError } from '../../core/errors.js';
import { certificateAaguid, certificateEku, certificateSan, keyKind, nameAttributes, parseCertificate, sameKey, spkiToCoseKey, type ParsedCertificate } from '../../core/rp/attestation/certificate.js';
import { issuedBy } from '../../core/rp/attestation/chain.js';
import { makeCert, sanDirectoryName, sanDns } from './attestationCerts.js';

const thrown = (f: () => unknown): [string, string] => {
  try {
    f();
  } catch (e) {
    return e instanceof ProoflineError ? [e.code, e.message] : ['other', String(e)];
  }
  return ['nothing', ''];
};

describe('parseCertificate', () => {
  it('reads version, names, validity, key, extensions and the signed part', async () => {
    const made = await makeCert({ subject: 'C=SE, O=Vendor, OU=Authenticator Attestation, CN=Key+SN=7', eku: ['1.3.6.1.5.5.7.3.2'] });
    const c = parseCertificate(made.der, 'x5c[1]');
    expect(c.where).toBe('x5c[1]');
    expect(c.der).toBe(made.der);
    expect(c.version).toBe(3);
    expect(c.subject).toBe('C=SE, O=Vendor, OU=Authenticator Attestation, CN=Key+2.5.4.4=7');
    expect(c.issuer).toBe('CN=Test Attestation CA');
    expect([...c.subjectAttributes]).toEqual([['2.5.4.6', ['SE']], ['2.5.4.10', ['Vendor']], ['2.5.4.11', ['Authenticator Attestation']], ['2.5.4.3', ['Key']], ['2.5.4.4', ['7']]]);
    expect(c.notBefore).toBeInstanceOf(Date);
    expect(c.notAfter.getTime()).toBeGreaterThan(c.notBefore.getTime());
    expect(c.spkiAlgorithm).toBe('1.2.840.10045.2.1');
    expect(c.spkiParameters).toEqual(new Uint8Array([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]));
    expect(c.subjectPublicKey).toHaveLength(65);
    expect(c.isCA).toBe(false);
    expect(c.extensions.get('2.5.29.19')?.critical).toBe(true);
    expect(c.extensions.get('2.5.29.37')?.critical).toBe(false);
    expect(c.signatureAlgorithm).toBe('1.2.840.10045.4.3.2');
    expect(c.signatureAlgorithmParameters).toBeUndefined();
    // The signed part is the certificate's own tbsCertificate bytes, which its signature covers
    // (the test certificates sign themselves).
    expect(await issuedBy(c, c)).toEqual({ ok: true, why: 'ecdsa-with-SHA256' });
    expect(Buffer.from(made.der).indexOf(Buffer.from(c.tbs))).toBe(4);
    expect(parseCertificate(made.der).where).toBe('x5c[0]');
    // Same names, same DER.
    expect(parseCertificate((await makeCert({ subject: 'CN=Test Attestation CA' })).der).subjectDer).toEqual(c.issuerDer);
  });

  it('basic constraints: CA true, false, or absent', async () => {
    expect(parseCertificate((await makeCert({ ca: true })).der).isCA).toBe(true);
    expect(parseCertificate((await makeCert({ noBasicConstraints: true })).der).isCA).toBeUndefined();
  });

  it('RSA keys have no parameters to keep (their NULL reads as none); a certificate that is not one is ERR_DER where it came from', async () => {
    const rsa = parseCertificate((await makeCert({ kind: 'RSA' })).der);
    expect(rsa.spkiAlgorithm).toBe('1.2.840.113549.1.1.1');
    expect(rsa.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    expect('spkiParameters' in rsa || 'signatureAlgorithmParameters' in rsa).toBe(false);
    const [code, message] = thrown(() => parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), 'trust root 2'));
    expect(code).toBe('ERR_DER');
    expect(message).toMatch(/^trust root 2: is not an X\.509 certificate \(.+\)$/);
    const bc = await makeCert({ noBasicConstraints: true, extensions: [new x509.Extension('2.5.29.19', true, new Uint8Array([0x04, 0x00]))] });
    expect(thrown(() => parseCertificate(bc.der))).toEqual(['ERR_DER', expect.stringMatching(/^x5c\[0\]: basicConstraints is malformed \(.+\)$/)]);
  });
});

describe('extensions', () => {
  it('extended key usage and subject alternative names: absent, present, malformed', async () => {
    const plain = parseCertificate((await makeCert()).der, 'leaf');
    expect(certificateEku(plain)).toBeUndefined();
    expect(certificateSan(plain)).toBeUndefined();
    expect(certificateAaguid(plain)).toBeUndefined();
    const full = parseCertificate((await makeCert({ eku: ['2.23.133.8.3', '1.3.6.1.5.5.7.3.1'], san: sanDns(['a.example', 'b.example']) })).der);
    expect(certificateEku(full)).toEqual(['2.23.133.8.3', '1.3.6.1.5.5.7.3.1']);
    expect(certificateSan(full)!.map((g) => g.dNSName)).toEqual(['a.example', 'b.example']);
    const broken = parseCertificate(
      (await makeCert({ extensions: [new x509.Extension('2.5.29.37', false, new Uint8Array([0x02, 0x01, 0x01])), new x509.Extension('2.5.29.17', false, new Uint8Array([0x02, 0x01, 0x01]))] })).der,
      'aik',
    );
    expect(thrown(() => certificateEku(broken))).toEqual(['ERR_DER', expect.stringMatching(/^aik: extKeyUsage is malformed \(.+\)$/)]);
    expect(thrown(() => certificateSan(broken))).toEqual(['ERR_DER', expect.stringMatching(/^aik: subjectAltName is malformed \(.+\)$/)]);
  });

  it('the AAGUID extension: its 16 bytes and criticality, or ERR_DER when it is not an OCTET STRING', async () => {
    const aaguid = new Uint8Array(16).map((_, i) => i);
    expect(certificateAaguid(parseCertificate((await makeCert({ aaguid: { value: aaguid, critical: true } })).der))).toEqual({ aaguid, critical: true });
    const bad = parseCertificate((await makeCert({ aaguid: { value: new Uint8Array([0x02, 0x01, 0x00]), raw: true } })).der, 'x5c[0]');
    expect(thrown(() => certificateAaguid(bad))).toEqual(['ERR_DER', expect.stringMatching(/^x5c\[0\]: id-fido-gen-ce-aaguid is not an OCTET STRING \(.+\)$/)]);
  });

  it('nameAttributes lists every value of a directory name by type', () => {
    const san = certificateSan({ extensions: new Map([['2.5.29.17', { value: sanDirectoryName([['2.5.4.3', 'A'], ['2.5.4.3', 'B'], ['2.5.4.10', 'O']]), critical: false }]]) } as unknown as ParsedCertificate)!;
    expect([...nameAttributes(san[0]!.directoryName!)]).toEqual([['2.5.4.3', ['A', 'B']], ['2.5.4.10', ['O']]]);
  });
});

describe('spkiToCoseKey', () => {
  let ec: ParsedCertificate;
  const with_ = (over: Partial<ParsedCertificate>) => ({ ...ec, ...over });

  it('EC P-256, P-384 and P-521 points become EC2 keys with the alg the statement names', async () => {
    ec = parseCertificate((await makeCert()).der, 'x5c[0]');
    const k = spkiToCoseKey(ec, COSE_ALG.ES256);
    expect(k).toEqual({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: ec.subjectPublicKey.slice(1, 33), y: ec.subjectPublicKey.slice(33) });
    const p384 = parseCertificate((await makeCert({ kind: 'P-384' })).der);
    expect(spkiToCoseKey(p384, COSE_ALG.ES384)).toMatchObject({ kty: 'EC2', alg: COSE_ALG.ES384, crv: 'P-384', x: p384.subjectPublicKey.slice(1, 49), y: p384.subjectPublicKey.slice(49) });
    const p521 = with_({ spkiParameters: new Uint8Array([0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23]), subjectPublicKey: new Uint8Array([4, ...new Uint8Array(132).fill(1)]) });
    expect(spkiToCoseKey(p521, COSE_ALG.ES512)).toMatchObject({ crv: 'P-521', x: new Uint8Array(66).fill(1) });
  });

  it('refuses an EC key without curve, on another curve, or not an uncompressed point of its size', async () => {
    ec = parseCertificate((await makeCert()).der, 'x5c[0]');
    expect(thrown(() => spkiToCoseKey(with_({ spkiParameters: undefined }), -7))).toEqual(['ERR_DER', 'x5c[0]: EC key without curve parameters']);
    const secp256k1 = new Uint8Array([0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a]);
    expect(thrown(() => spkiToCoseKey(with_({ spkiParameters: secp256k1 }), -7))).toEqual(['ERR_DER', 'x5c[0]: EC curve 1.3.132.0.10 is not P-256, P-384 or P-521']);
    const compressed = ec.subjectPublicKey.slice(0, 33);
    compressed[0] = 2;
    expect(thrown(() => spkiToCoseKey(with_({ subjectPublicKey: compressed }), -7))).toEqual(['ERR_DER', 'x5c[0]: EC point is not an uncompressed P-256 point (33 bytes)']);
    const prefixed = ec.subjectPublicKey.slice();
    prefixed[0] = 3;
    expect(thrown(() => spkiToCoseKey(with_({ subjectPublicKey: prefixed }), -7))).toEqual(['ERR_DER', 'x5c[0]: EC point is not an uncompressed P-256 point (65 bytes)']);
    expect(thrown(() => spkiToCoseKey(with_({ subjectPublicKey: ec.subjectPublicKey.slice(0, 64) }), -7))[1]).toBe('x5c[0]: EC point is not an uncompressed P-256 point (64 bytes)');
    expect(thrown(() => spkiToCoseKey(with_({ spkiAlgorithm: '1.2.840.10040.4.1' }), -7))).toEqual(['ERR_DER', 'x5c[0]: public key algorithm 1.2.840.10040.4.1 is not supported']);
  });

  it('RSA (PKCS #1 or PSS) gives n and e without the sign byte; Ed25519 and Ed448 keep their own alg or EdDSA', async () => {
    const rsa = parseCertificate((await makeCert({ kind: 'RSA' })).der);
    const k = spkiToCoseKey(rsa, COSE_ALG.RS256) as Extract<CosePublicKey, { kty: 'RSA' }>;
    expect([k.kty, k.alg, k.n.length, k.n[0]! >= 0x80, [...k.e]]).toEqual(['RSA', COSE_ALG.RS256, 256, true, [1, 0, 1]]);
    expect(spkiToCoseKey({ ...rsa, spkiAlgorithm: '1.2.840.113549.1.1.10' }, COSE_ALG.PS256)).toEqual({ ...k, alg: COSE_ALG.PS256 });
    ec = parseCertificate((await makeCert()).der);
    const x = new Uint8Array(32).fill(7);
    expect(spkiToCoseKey(with_({ spkiAlgorithm: '1.3.101.112', subjectPublicKey: x }), COSE_ALG.Ed25519)).toEqual({ kty: 'OKP', alg: COSE_ALG.Ed25519, crv: 'Ed25519', x });
    expect(spkiToCoseKey(with_({ spkiAlgorithm: '1.3.101.112', subjectPublicKey: x }), COSE_ALG.ES256)).toEqual({ kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x });
    expect(spkiToCoseKey(with_({ spkiAlgorithm: '1.3.101.113', subjectPublicKey: x }), COSE_ALG.Ed448)).toEqual({ kty: 'OKP', alg: COSE_ALG.Ed448, crv: 'Ed448', x });
    expect(spkiToCoseKey(with_({ spkiAlgorithm: '1.3.101.113', subjectPublicKey: x }), COSE_ALG.EdDSA)).toEqual({ kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed448', x });
    expect(spkiToCoseKey(with_({ spkiAlgorithm: '1.3.101.113', subjectPublicKey: x }), COSE_ALG.Ed25519)).toEqual({ kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed448', x });
  });
});

describe('sameKey and keyKind', () => {
  const b = (...v: number[]) => new Uint8Array(v);
  const ec = (crv: 'P-256' | 'P-384', x: Uint8Array, y: Uint8Array): CosePublicKey => ({ kty: 'EC2', alg: -7, crv, x, y });
  const okp = (crv: 'Ed25519' | 'Ed448', x: Uint8Array): CosePublicKey => ({ kty: 'OKP', alg: -8, crv, x });
  const rsa = (n: Uint8Array, e: Uint8Array): CosePublicKey => ({ kty: 'RSA', alg: -257, n, e });
  const akp = (pub: Uint8Array): CosePublicKey => ({ kty: 'AKP', alg: -48, pub });

  it('compares curve and coordinates, RSA numbers without leading zeros, ML-DSA keys byte for byte, never across types; alg is ignored', () => {
    expect(sameKey(ec('P-256', b(1), b(2)), { ...ec('P-256', b(1), b(2)), alg: -36 })).toBe(true);
    expect(sameKey(ec('P-256', b(1), b(2)), ec('P-384', b(1), b(2)))).toBe(false);
    expect(sameKey(ec('P-256', b(1), b(2)), ec('P-256', b(3), b(2)))).toBe(false);
    expect(sameKey(ec('P-256', b(1), b(2)), ec('P-256', b(1), b(3)))).toBe(false);
    expect(sameKey(okp('Ed25519', b(1)), okp('Ed25519', b(1)))).toBe(true);
    expect(sameKey(okp('Ed25519', b(1)), okp('Ed448', b(1)))).toBe(false);
    expect(sameKey(okp('Ed25519', b(1)), okp('Ed25519', b(2)))).toBe(false);
    expect(sameKey(rsa(b(0, 0xc1), b(0, 1, 0, 1)), rsa(b(0xc1), b(1, 0, 1)))).toBe(true);
    expect(sameKey(rsa(b(0xc1), b(1, 0, 1)), rsa(b(0xc2), b(1, 0, 1)))).toBe(false);
    expect(sameKey(rsa(b(0xc1), b(1, 0, 1)), rsa(b(0xc1), b(3)))).toBe(false);
    expect(sameKey(akp(b(1, 2)), akp(b(1, 2)))).toBe(true);
    expect(sameKey(akp(b(1, 2)), akp(b(1, 3)))).toBe(false);
    expect(sameKey(ec('P-256', b(1), b(2)), okp('Ed25519', b(1)))).toBe(false);
    expect(sameKey(okp('Ed25519', b(1)), akp(b(1)))).toBe(false);
    expect(sameKey(rsa(b(1), b(1)), akp(b(1)))).toBe(false);
    expect(sameKey(akp(b(1)), rsa(b(1), b(1)))).toBe(false);
    // A lone zero stays a zero: 0 and 00 are the same number, 0 and 1 are not.
    expect(sameKey(rsa(b(0), b(1)), rsa(b(0, 0), b(1)))).toBe(true);
    expect(sameKey(rsa(b(0), b(1)), rsa(b(1), b(1)))).toBe(false);
  });

  it('names a key for messages', () => {
    expect(keyKind(ec('P-384', b(1), b(2)))).toBe('EC2 P-384');
    expect(keyKind(okp('Ed448', b(1)))).toBe('OKP Ed448');
    expect(keyKind(rsa(new Uint8Array(384), b(1)))).toBe('RSA-3072');
    expect(keyKind(akp(b(1)))).toBe('AKP');
  });
});
