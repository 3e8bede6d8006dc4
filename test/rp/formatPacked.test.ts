/**
 * `packed` (WebAuthn L3 §8.2) and its certificate requirements (§8.2.1), and `fido-u2f` (§8.6),
 * one requirement at a time on statements built in the test (attestationCerts.ts): each change
 * fails exactly the requirement that reads it, with the sentence a person reads.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../core/codec/bytes.js';
import { COSE_ALG, type CosePublicKey } from '../../core/codec/cose.js';
import { OID_NAME, parseCertificate, type ParsedCertificate } from '../../core/rp/attestation/certificate.js';
import { certificateAaguidRequirement, packedCertificateRequirements, verifyPacked } from '../../core/rp/attestation/verifyPacked.js';
import { verifyFidoU2F } from '../../core/rp/attestation/verifyFidoU2F.js';
import { Requirements, type AttestationOutcome } from '../../core/rp/attestation/types.js';
import { sign } from './craft.js';
import { baseInput, makeCert, signWith, type CertOptions } from './attestationCerts.js';

const SUBJECT = 'C=SE, O=Proofline Test Vendor, OU=Authenticator Attestation, CN=Proofline Test Key';
const notPassed = (o: { checks: { id: string; status: string }[] }, prefix: string) => o.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id.slice(prefix.length + 1)}:${c.status}`);
const detail = (o: { checks: { id: string; detail: string }[] }, id: string) => o.checks.find((c) => c.id === id)?.detail;

describe('packed: self attestation', () => {
  const self = (over: { alg?: number; sig?: Uint8Array; credentialKey?: CosePublicKey | undefined } = {}) => {
    const input = baseInput();
    const attStmt = new Map<unknown, unknown>([['alg', over.alg ?? COSE_ALG.ES256], ['sig', over.sig ?? sign(input.signed)]]);
    return verifyPacked({ ...input, fmt: 'packed', attStmt, ...('credentialKey' in over ? { credentialKey: over.credentialKey } : {}) });
  };

  it('alg is the credential key\'s and sig verifies with it: Self', async () => {
    const o = await self();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.packed.alg', 'pass'], ['rp.packed.sig', 'pass']]);
    expect(o.type).toBe('self');
    expect(o.x5c).toBeUndefined();
  });

  it('another alg, or a signature by another key, fails its requirement', async () => {
    const alg = await self({ alg: COSE_ALG.RS256 });
    expect(notPassed(alg, 'rp.packed')).toEqual(['alg:fail']);
    expect(detail(alg, 'rp.packed.alg')).toBe("expected attStmt.alg to be the credential key's ES256, got RS256");
    const sig = await self({ sig: sign(new Uint8Array([1])) });
    expect(notPassed(sig, 'rp.packed')).toEqual(['sig:fail']);
    expect(detail(sig, 'rp.packed.sig')).toMatch(/^expected the self-attestation signature to verify with the credential key, but ./);
  });

  it('an unusable credential key leaves both requirements unchecked, still Self', async () => {
    const o = await self({ credentialKey: undefined });
    expect(o.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['rp.packed.alg', 'skip', 'cannot run: the credential public key is unusable (see rp.credentialKey)'],
      ['rp.packed.sig', 'skip', 'cannot run: the credential public key is unusable'],
    ]);
    expect(o.type).toBe('self');
  });

  it('a statement without alg or sig fails its syntax only', async () => {
    const o = await verifyPacked({ ...baseInput(), fmt: 'packed', attStmt: new Map([['alg', -7]]) });
    expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.packed.syntax', 'fail']]);
    expect(o.type).toBe('not-verified');
  });
});

describe('packed: x5c', () => {
  const full = async (opts: CertOptions = { subject: SUBJECT }, aaguid?: Uint8Array, signOver?: Uint8Array) => {
    const cert = await makeCert(opts);
    const input = baseInput(new Map(), aaguid);
    const attStmt = new Map<unknown, unknown>([['alg', COSE_ALG.ES256], ['sig', await signWith(cert.keys, signOver ?? input.signed)], ['x5c', [cert.der]]]);
    return verifyPacked({ ...input, fmt: 'packed', attStmt });
  };

  it('sig verifies with the certificate, which meets §8.2.1: Basic or AttCA with the trust path', async () => {
    const o = await full();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual(['sig', 'certVersion', 'certSubject', 'certAaguid', 'certCA'].map((n) => [`rp.packed.${n}`, 'pass']));
    expect(o.type).toBe('basic-or-attca');
    expect(o.x5c).toHaveLength(1);
    expect(detail(o, 'rp.packed.certSubject')).toBe('subject C=SE, O="Proofline Test Vendor", OU="Authenticator Attestation", CN="Proofline Test Key"');
    expect(detail(o, 'rp.packed.certAaguid')).toBe('no id-fido-gen-ce-aaguid extension (optional)');
    expect(detail(o, 'rp.packed.sig')).toBe("the ES256 signature over authData ‖ clientDataHash verifies with the attestation certificate's (x5c[0]) key");
  });

  it('an authData without attested credential data is read, not thrown on: no AAGUID to compare', async () => {
    const cert = await makeCert({ subject: SUBJECT, aaguid: { value: new Uint8Array(16) } });
    const input = baseInput();
    const { attestedCredentialData: _acd, ...authData } = input.authData;
    const attStmt = new Map<unknown, unknown>([['alg', COSE_ALG.ES256], ['sig', await signWith(cert.keys, input.signed)], ['x5c', [cert.der]]]);
    const o = await verifyPacked({ ...input, authData, fmt: 'packed', attStmt });
    expect(notPassed(o, 'rp.packed')).toEqual(['certAaguid:fail']);
  });

  it('a signature over other bytes fails sig; a CA certificate fails certCA', async () => {
    const o = await full(undefined, undefined, new Uint8Array([1, 2]));
    expect(notPassed(o, 'rp.packed')).toEqual(['sig:fail']);
    const ca = await full({ subject: SUBJECT, ca: true });
    expect(notPassed(ca, 'rp.packed')).toEqual(['certCA:fail']);
    expect(detail(ca, 'rp.packed.certCA')).toBe('expected basic constraints CA false on the attestation certificate, got CA true');
  });

  it('a leaf that does not parse fails sig and stops', async () => {
    const input = baseInput();
    const o = await verifyPacked({ ...input, fmt: 'packed', attStmt: new Map<unknown, unknown>([['alg', -7], ['sig', new Uint8Array(70)], ['x5c', [new Uint8Array([0x30, 0x03, 1, 2, 3])]]]) });
    expect(o.checks.map((c) => [c.id, c.status])).toEqual([['rp.packed.sig', 'fail']]);
    expect(detail(o, 'rp.packed.sig')).toMatch(/^expected well-formed data, but x5c\[0\]: is not an X\.509 certificate/);
    expect(o.type).toBe('basic-or-attca');
    expect(o.x5c).toHaveLength(1);
  });

  it('the AAGUID extension must match authData and not be critical', async () => {
    const aaguid = new Uint8Array(16).fill(0x42);
    expect(notPassed(await full({ subject: SUBJECT, aaguid: { value: aaguid } }, aaguid), 'rp.packed')).toEqual([]);
    const critical = await full({ subject: SUBJECT, aaguid: { value: aaguid, critical: true } }, aaguid);
    expect(notPassed(critical, 'rp.packed')).toEqual(['certAaguid:fail']);
    expect(detail(critical, 'rp.packed.certAaguid')).toBe("expected a non-critical id-fido-gen-ce-aaguid equal to authData's AAGUID, but the extension is marked critical");
    const both = await full({ subject: SUBJECT, aaguid: { value: new Uint8Array(16).fill(1), critical: true } }, aaguid);
    expect(detail(both, 'rp.packed.certAaguid')).toBe(`expected a non-critical id-fido-gen-ce-aaguid equal to authData's AAGUID, but the extension is marked critical and its AAGUID ${'01'.repeat(16)} is not authData's ${'42'.repeat(16)}`);
    const malformed = await full({ subject: SUBJECT, aaguid: { value: new Uint8Array([5, 0]), raw: true } }, aaguid);
    expect(notPassed(malformed, 'rp.packed')).toEqual(['certAaguid:fail']);
    expect(detail(malformed, 'rp.packed.certAaguid')).toMatch(/^expected well-formed data, but x5c\[0\]: id-fido-gen-ce-aaguid is not an OCTET STRING/);
  });
});

describe('§8.2.1 certificate requirements on their own', () => {
  let leaf: ParsedCertificate;
  const run = (over: Partial<ParsedCertificate> = {}, attrs?: Record<string, string[]>, aaguid?: Uint8Array) => {
    const r = new Requirements('rp.packed', 'packed');
    const subjectAttributes = new Map(leaf.subjectAttributes);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v.length) subjectAttributes.set(k, v);
      else subjectAttributes.delete(k);
    }
    packedCertificateRequirements(r, { ...leaf, subjectAttributes, ...over }, aaguid);
    return r;
  };
  const subjectDetail = (attrs: Record<string, string[]>) => {
    const r = run({}, attrs);
    return [r.checks.find((c) => c.id === 'rp.packed.certSubject')!.status, r.checks.find((c) => c.id === 'rp.packed.certSubject')!.detail];
  };

  it('version 3', async () => {
    leaf = parseCertificate((await makeCert({ subject: SUBJECT })).der);
    expect(notPassed(run(), 'rp.packed')).toEqual([]);
    const v1 = run({ version: 1 });
    expect(notPassed(v1, 'rp.packed')).toEqual(['certVersion:fail']);
    expect(detail(v1, 'rp.packed.certVersion')).toBe('expected an X.509 version 3 attestation certificate, got version 1');
  });

  it('C is one ISO 3166 code, O and CN one non-blank value each, OU exactly "Authenticator Attestation"', async () => {
    leaf = parseCertificate((await makeCert({ subject: SUBJECT })).der);
    const { C, O, OU, CN } = OID_NAME;
    expect(subjectDetail({ [C]: [] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got C missing (an ISO 3166 code)']);
    for (const c of ['se', 'SWE', 'S', ' SE']) expect(subjectDetail({ [C]: [c] })[0], c).toBe('fail');
    expect(subjectDetail({ [C]: ['SE', 'US'] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got C "SE,US" (an ISO 3166 code)']);
    expect(subjectDetail({ [O]: [] })).toEqual(['fail', "expected the subject fields of §8.2.1, got O missing (the vendor's legal name)"]);
    expect(subjectDetail({ [O]: ['  '] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got O "  " (the vendor\'s legal name)']);
    expect(subjectDetail({ [O]: ['A', 'B'] })[0]).toBe('fail');
    expect(subjectDetail({ [OU]: [] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got OU missing (the literal "Authenticator Attestation")']);
    expect(subjectDetail({ [OU]: ['Authenticator attestation'] })[0]).toBe('fail');
    expect(subjectDetail({ [OU]: ['Authenticator Attestation', 'Authenticator Attestation'] })[0]).toBe('fail');
    expect(subjectDetail({ [CN]: [] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got CN missing']);
    expect(subjectDetail({ [CN]: [' '] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got CN " "']);
    expect(subjectDetail({ [CN]: ['a', 'b'] })[0]).toBe('fail');
    expect(subjectDetail({ [C]: [], [CN]: [] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got C missing (an ISO 3166 code); CN missing']);
    expect(subjectDetail({ [C]: [], [O]: [], [OU]: [], [CN]: [] })).toEqual(['fail', 'expected the subject fields of §8.2.1, got C missing (an ISO 3166 code); O missing (the vendor\'s legal name); OU missing (the literal "Authenticator Attestation"); CN missing']);
  });

  it('basic constraints: CA true fails, absent passes as false', async () => {
    leaf = parseCertificate((await makeCert({ subject: SUBJECT })).der);
    expect(detail(run({ isCA: undefined }), 'rp.packed.certCA')).toBe('basic constraints CA absent (false)');
    expect(detail(run({ isCA: false }), 'rp.packed.certCA')).toBe('basic constraints CA false');
    expect(notPassed(run({ isCA: true }), 'rp.packed')).toEqual(['certCA:fail']);
  });

  it('the AAGUID extension against an authData without AAGUID', async () => {
    const cert = parseCertificate((await makeCert({ subject: SUBJECT, aaguid: { value: new Uint8Array(16).fill(3) } })).der);
    const r = new Requirements('rp.tpm', 'tpm');
    certificateAaguidRequirement(r, cert, undefined, 'tpmCertificate');
    expect(r.checks.map((c) => [c.id, c.status, c.spec, c.detail])).toEqual([
      ['rp.tpm.certAaguid', 'fail', 'WebAuthn L3 §8.3.1 (id-fido-gen-ce-aaguid)', `expected a non-critical id-fido-gen-ce-aaguid equal to authData's AAGUID, but its AAGUID ${'03'.repeat(16)} is not authData's (none)`],
    ]);
    const ok = new Requirements('rp.tpm', 'tpm');
    certificateAaguidRequirement(ok, cert, new Uint8Array(16).fill(3), 'tpmCertificate');
    expect(ok.checks[0]).toMatchObject({ status: 'pass', detail: `id-fido-gen-ce-aaguid ${'03'.repeat(16)} (not critical) equals authData's AAGUID` });
  });
});

describe('fido-u2f', () => {
  const u2f = async (o: { cert?: CertOptions; certs?: number; signOver?: Uint8Array; credentialKey?: CosePublicKey | undefined; drop?: string } = {}) => {
    const cert = await makeCert(o.cert ?? {});
    const input = baseInput();
    const key = input.credentialKey as Extract<CosePublicKey, { kty: 'EC2' }>;
    const acd = input.authData.attestedCredentialData!;
    const message = concatBytes(new Uint8Array([0]), input.authData.rpIdHash, input.clientDataHash, acd.credentialId, new Uint8Array([4]), key.x, key.y);
    const attStmt = new Map<unknown, unknown>([['sig', await signWith(cert.keys, o.signOver ?? message)], ['x5c', Array.from({ length: o.certs ?? 1 }, () => cert.der)]]);
    if (o.drop) attStmt.delete(o.drop);
    return verifyFidoU2F({ ...input, fmt: 'fido-u2f', attStmt, ...('credentialKey' in o ? { credentialKey: o.credentialKey } : {}) });
  };

  it('one P-256 certificate, a P-256 credential key and the U2F registration message signed', async () => {
    const o = await u2f();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual(['x5c', 'certKey', 'credentialKey', 'sig'].map((n) => [`rp.u2f.${n}`, 'pass']));
    expect(o.type).toBe('basic-or-attca');
    expect(o.x5c).toHaveLength(1);
  });

  it('a signature over anything else fails sig', async () => {
    const o = await u2f({ signOver: new Uint8Array([0, 1]) });
    expect(notPassed(o, 'rp.u2f')).toEqual(['sig:fail']);
  });

  it('x5c must hold exactly one certificate; nothing else is checked otherwise', async () => {
    const two = await u2f({ certs: 2 });
    expect(two.checks.map((c) => [c.id, c.status, c.detail])).toEqual([['rp.u2f.x5c', 'fail', 'expected x5c with exactly one certificate, got 2']]);
    expect(two.x5c).toHaveLength(2);
    const none = await u2f({ drop: 'x5c' });
    expect(none.checks.map((c) => [c.id, c.status, c.detail])).toEqual([['rp.u2f.x5c', 'fail', 'expected x5c with exactly one certificate, got none']]);
    expect('x5c' in none).toBe(false);
    expect(none.type).toBe('basic-or-attca');
  });

  it('a certificate key that is not P-256, or no usable credential key, leaves sig unchecked', async () => {
    const p384 = await u2f({ cert: { kind: 'P-384' } });
    expect(notPassed(p384, 'rp.u2f')).toEqual(['certKey:fail', 'sig:skip']);
    expect(detail(p384, 'rp.u2f.certKey')).toBe('expected an EC P-256 attestation certificate key, got EC2 P-384');
    expect(detail(p384, 'rp.u2f.sig')).toBe('cannot run: needs a P-256 certificate key and a P-256 credential key');
    const rsa = await u2f({ cert: { kind: 'RSA' } });
    expect(notPassed(rsa, 'rp.u2f')).toEqual(['certKey:fail', 'sig:skip']);
    expect(detail(rsa, 'rp.u2f.certKey')).toBe('expected an EC P-256 attestation certificate key, got RSA-2048');
    const noKey = await u2f({ credentialKey: undefined });
    expect(notPassed(noKey, 'rp.u2f')).toEqual(['credentialKey:fail', 'sig:skip']);
    expect(detail(noKey, 'rp.u2f.credentialKey')).toBe('expected an EC2 P-256 credential public key for fido-u2f, got none');
    const okp = await u2f({ credentialKey: { kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x: new Uint8Array(32) } });
    expect(notPassed(okp, 'rp.u2f')).toEqual(['credentialKey:fail', 'sig:skip']);
    expect(detail(okp, 'rp.u2f.credentialKey')).toBe('expected an EC2 P-256 credential public key for fido-u2f, got OKP Ed25519');
    const p384Key = await u2f({ credentialKey: { kty: 'EC2', alg: COSE_ALG.ES384, crv: 'P-384', x: new Uint8Array(48), y: new Uint8Array(48) } });
    expect(notPassed(p384Key, 'rp.u2f')).toEqual(['credentialKey:fail', 'sig:skip']);
    // A P-256 key with no credential in authData: nothing for the U2F message to name.
    const input = baseInput();
    const { attestedCredentialData: _acd, ...authData } = input.authData;
    const cert = await makeCert();
    const noCredential = await verifyFidoU2F({ ...input, authData, fmt: 'fido-u2f', attStmt: new Map<unknown, unknown>([['sig', new Uint8Array(70)], ['x5c', [cert.der]]]) });
    expect(notPassed(noCredential, 'rp.u2f')).toEqual(['credentialKey:fail', 'sig:skip']);
  });

  it('a certificate that does not parse, or a statement without sig, fails and stops', async () => {
    const input = baseInput();
    const bad = await verifyFidoU2F({ ...input, fmt: 'fido-u2f', attStmt: new Map<unknown, unknown>([['sig', new Uint8Array(8)], ['x5c', [new Uint8Array([1, 2])]]]) });
    expect(bad.checks.map((c) => [c.id, c.status])).toEqual([['rp.u2f.x5c', 'pass'], ['rp.u2f.certKey', 'fail']]);
    expect(bad.x5c).toHaveLength(1);
    const noSig = await u2f({ drop: 'sig' });
    expect(noSig.checks.map((c) => [c.id, c.status])).toEqual([['rp.u2f.syntax', 'fail']]);
    expect(noSig.type).toBe('not-verified');
  });
});
