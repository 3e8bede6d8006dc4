/**
 * `tpm` (WebAuthn L3 §8.3, core/rp/attestation/verifyTpm.ts and tpmStructures.ts), one requirement
 * at a time: a statement built in the test (attestationCerts.ts) that passes, then each field
 * changed so that exactly the requirement reading it fails, with the sentence a person reads.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../core/codec/bytes.js';
import { COSE_ALG, type CosePublicKey } from '../../core/codec/cose.js';
import { ProoflineError } from '../../core/errors.js';
import { parseCertInfo, parsePubArea, pubAreaIsKey, tpmName } from '../../core/rp/attestation/tpmStructures.js';
import { verifyTpm } from '../../core/rp/attestation/verifyTpm.js';
import { checkAttestation } from '../../core/rp/attestation/verifyAttestation.js';
import type { AttestationOutcome } from '../../core/rp/attestation/types.js';
import { baseInput, certInfo, eccPubArea, makeCert, rsaPubArea, sanDirectoryName, sanDns, signWith, u16, type CertOptions, type Made } from './attestationCerts.js';

const AIK_EKU = '2.23.133.8.3';
const TPM = { manufacturer: '2.23.133.2.1', model: '2.23.133.2.2', version: '2.23.133.2.3' };
const SAN = sanDirectoryName([[TPM.manufacturer, 'id:FFFFF1D0'], [TPM.model, 'Proofline vTPM'], [TPM.version, 'id:00020000']]);
const AIK: CertOptions = { subject: '', eku: [AIK_EKU], san: SAN };

const base = baseInput();
const KEY = base.credentialKey as Extract<CosePublicKey, { kty: 'EC2' }>;
const PUB_AREA = eccPubArea({ x: KEY.x, y: KEY.y });
const nameOf = (pubArea: Uint8Array, hash: (m: Uint8Array) => Uint8Array = sha256, alg = 0x000b) => concatBytes(u16(alg), hash(pubArea));

interface Tpm {
  aik?: Made;
  aikOptions?: CertOptions;
  ver?: unknown;
  alg?: number;
  pubArea?: Uint8Array;
  certInfo?: Uint8Array;
  /** Sign these bytes instead of certInfo. */
  signOver?: Uint8Array;
  noX5c?: boolean;
  drop?: string[];
  credentialKey?: CosePublicKey | undefined;
  clientDataHash?: Uint8Array;
  aaguid?: Uint8Array;
}

async function run(t: Tpm = {}): Promise<AttestationOutcome> {
  const aik = t.aik ?? (await makeCert(t.aikOptions ?? AIK));
  const input = baseInput(new Map(), t.aaguid);
  const pubArea = t.pubArea ?? PUB_AREA;
  const info = t.certInfo ?? certInfo({ extraData: sha256(input.signed), name: nameOf(pubArea) });
  const attStmt = new Map<unknown, unknown>([
    ['ver', 'ver' in t ? t.ver : '2.0'],
    ['alg', t.alg ?? COSE_ALG.ES256],
    ['x5c', [aik.der]],
    ['sig', await signWith(aik.keys, t.signOver ?? info)],
    ['certInfo', info],
    ['pubArea', pubArea],
  ]);
  if (t.noX5c) attStmt.delete('x5c');
  for (const k of t.drop ?? []) attStmt.delete(k);
  return verifyTpm({ ...input, fmt: 'tpm', attStmt, ...('credentialKey' in t ? { credentialKey: t.credentialKey } : {}), ...(t.clientDataHash ? { clientDataHash: t.clientDataHash } : {}) });
}

const status = (o: AttestationOutcome) => Object.fromEntries(o.checks.map((c) => [c.id.replace(/^rp\.tpm\./, ''), c.status]));
const detail = (o: AttestationOutcome, name: string) => o.checks.find((c) => c.id === `rp.tpm.${name}`)?.detail;
/** The requirements that did not pass, by name. */
const notPassed = (o: AttestationOutcome) => o.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id.replace(/^rp\.tpm\./, '')}:${c.status}`);

describe('tpm: a statement that meets every requirement', () => {
  it('passes each requirement, in order, as AttCA with the AIK certificate as trust path, and names the TPM', async () => {
    const o = await run();
    expect(o.checks.map((c) => [c.id, c.status])).toEqual(
      ['ver', 'pubArea', 'magic', 'type', 'extraData', 'name', 'sig', 'certVersion', 'certSubject', 'certSan', 'certEku', 'certCA', 'certAaguid'].map((n) => [`rp.tpm.${n}`, 'pass']),
    );
    expect(o.type).toBe('attca');
    expect(o.x5c).toHaveLength(1);
    expect(o.facts).toEqual(['TPM FIDO Alliance conformance testing, model Proofline vTPM, firmware id:00020000']);
    expect(detail(o, 'name')).toBe("certInfo.attested.name is pubArea's Name (nameAlg SHA-256 ‖ its hash)");
    expect(detail(o, 'certSan')).toBe('SAN names the TPM: manufacturer id:FFFFF1D0 (FIDO Alliance conformance testing), model "Proofline vTPM", version "id:00020000"');
    expect(detail(o, 'certCA')).toBe('basic constraints CA false');
  });

  it('an unlisted vendor id is named by its id; a SAN without model or version names only what it has', async () => {
    const san = sanDirectoryName([[TPM.manufacturer, 'id:1234abcd'], [TPM.model, 'M'], [TPM.version, 'V']]);
    const o = await run({ aikOptions: { ...AIK, san } });
    expect(status(o).certSan).toBe('pass');
    expect(o.facts).toEqual(['TPM vendor id 1234ABCD, model M, firmware V']);
    expect(detail(o, 'certSan')).toContain('(not in the TCG vendor registry)');
    const bare = await run({ aikOptions: { ...AIK, san: sanDirectoryName([[TPM.manufacturer, 'id:49465800']]) } });
    expect(bare.facts).toEqual(['TPM Infineon']);
    expect(status(bare).certSan).toBe('fail');
  });
});

describe('tpm: each requirement fails on its own', () => {
  it('ver must be "2.0"', async () => {
    for (const ver of ['1.2', 2, undefined]) {
      const o = await run({ ver });
      expect(notPassed(o), String(ver)).toEqual(['ver:fail']);
      expect(detail(o, 'ver')).toBe(`expected ver "2.0", got ${JSON.stringify(ver ?? null)}`);
    }
  });

  it('rp.attestation: a statement whose only open requirement could not run is not verified; the TPM is named', async () => {
    const aik = await makeCert(AIK);
    const input = baseInput();
    const info = certInfo({ extraData: sha256(input.signed), name: nameOf(PUB_AREA) });
    const attStmt = new Map<unknown, unknown>([['ver', '2.0'], ['alg', COSE_ALG.ES256], ['x5c', [aik.der]], ['sig', await signWith(aik.keys, info)], ['certInfo', info], ['pubArea', PUB_AREA]]);
    const ok = await checkAttestation({ ...input, fmt: 'tpm', attStmt });
    expect([ok.checks[0]!.status, ok.checks[0]!.detail]).toEqual(['pass', 'fmt "tpm": all 13 requirements of its verification procedure hold; attestation type AttCA, trust path x5c (1 certificate)']);
    expect(ok.facts).toEqual(['TPM FIDO Alliance conformance testing, model Proofline vTPM, firmware id:00020000']);
    const open = await checkAttestation({ ...input, fmt: 'tpm', attStmt, credentialKey: undefined });
    expect([open.checks[0]!.status, open.checks[0]!.detail]).toEqual(['skip', 'not verified (format "tpm"): cannot run: the credential public key is unusable (see rp.credentialKey)']);
  });

  it('pubArea must hold the credential public key', async () => {
    const other = await makeCert();
    const jwk = await crypto.subtle.exportKey('jwk', other.keys.publicKey);
    const b = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
    const o = await run({ pubArea: eccPubArea({ x: b(jwk.x!), y: b(jwk.y!) }) });
    expect(notPassed(o)).toEqual(['pubArea:fail']);
    expect(detail(o, 'pubArea')).toBe("expected pubArea's parameters and unique to be the credential public key, got a different EC2 key: the TPM certified another key");
    const unusable = await run({ credentialKey: undefined });
    expect(notPassed(unusable)).toEqual(['pubArea:skip']);
    expect(detail(unusable, 'pubArea')).toBe('cannot run: the credential public key is unusable (see rp.credentialKey)');
  });

  it('a pubArea that does not parse fails, and the Name cannot be checked', async () => {
    const o = await run({ pubArea: PUB_AREA.slice(0, 20) });
    expect(notPassed(o)).toEqual(['pubArea:fail', 'name:skip']);
    expect(detail(o, 'name')).toBe('cannot run: pubArea did not parse');
  });

  it('certInfo.magic must be TPM_GENERATED_VALUE', async () => {
    const o = await run({ certInfo: certInfo({ magic: 0xff544348, extraData: sha256(base.signed), name: nameOf(PUB_AREA) }) });
    expect(notPassed(o)).toEqual(['magic:fail']);
    expect(detail(o, 'magic')).toBe('expected certInfo.magic TPM_GENERATED_VALUE 0xff544347, got 0xff544348');
  });

  it('certInfo.type must be TPM_ST_ATTEST_CERTIFY; another type certifies no object, so the Name cannot be checked', async () => {
    const o = await run({ certInfo: certInfo({ type: 0x8018, extraData: sha256(base.signed), name: nameOf(PUB_AREA) }) });
    expect(notPassed(o)).toEqual(['type:fail', 'name:skip']);
    expect(detail(o, 'type')).toBe('expected certInfo.type TPM_ST_ATTEST_CERTIFY 0x8017, got 0x8018');
    expect(detail(o, 'name')).toBe('cannot run: certInfo does not certify an object (see rp.tpm.type)');
  });

  it('certInfo.extraData must be the hash of authData ‖ clientDataHash under alg', async () => {
    const o = await run({ clientDataHash: new Uint8Array(32) });
    expect(notPassed(o)).toEqual(['extraData:fail']);
    expect(detail(o, 'extraData')).toMatch(/^expected certInfo\.extraData = hash\(authData ‖ clientDataHash\) [0-9a-f]{16}…, got [0-9a-f]{16}…$/);
    // The hash follows alg: with RS256's hash the same bytes still bind; an alg without a known hash cannot.
    const eddsa = await run({ alg: COSE_ALG.EdDSA });
    expect(status(eddsa).extraData).toBe('fail');
    expect(detail(eddsa, 'extraData')).toBe('expected an alg whose hash is known, got EdDSA');
    const sha384Data = await run({ alg: COSE_ALG.ES384, certInfo: certInfo({ extraData: sha384(base.signed), name: nameOf(PUB_AREA) }) });
    expect(status(sha384Data).extraData).toBe('pass');
  });

  it('attested.name must be the Name of pubArea', async () => {
    const o = await run({ certInfo: certInfo({ extraData: sha256(base.signed), name: nameOf(PUB_AREA, sha1, 0x0004) }) });
    expect(notPassed(o)).toEqual(['name:fail']);
    expect(detail(o, 'name')).toMatch(/^expected certInfo\.attested\.name = pubArea's Name 000b[0-9a-f]{16}…, got 0004[0-9a-f]{16}…: the TPM certified another key$/);
    // pubArea names its own nameAlg; one that is not a hash the Name can be made with fails.
    const odd = eccPubArea({ x: KEY.x, y: KEY.y, nameAlg: 0x0099 });
    const unknown = await run({ pubArea: odd, certInfo: certInfo({ extraData: sha256(base.signed), name: nameOf(odd) }) });
    expect(notPassed(unknown)).toEqual(['name:fail']);
    expect(detail(unknown, 'name')).toBe('expected pubArea.nameAlg to be SHA-1/256/384/512, got 0x99');
    // Every nameAlg the Name may use.
    for (const [alg, hash] of [[0x0004, sha1], [0x000c, sha384], [0x000d, sha512]] as const) {
      const pa = eccPubArea({ x: KEY.x, y: KEY.y, nameAlg: alg });
      const r = await run({ pubArea: pa, certInfo: certInfo({ extraData: sha256(base.signed), name: nameOf(pa, hash, alg) }) });
      expect(notPassed(r), String(alg)).toEqual([]);
    }
  });

  it('sig must verify over certInfo with the AIK certificate', async () => {
    const o = await run({ signOver: new Uint8Array([1, 2, 3]) });
    expect(notPassed(o)).toEqual(['sig:fail']);
    expect(detail(o, 'sig')).toMatch(/^expected the ES256 signature over certInfo to verify with the AIK certificate's key, but /);
  });

  it('without x5c there is nothing to verify sig with (ECDAA is not part of Level 3)', async () => {
    const o = await run({ noX5c: true });
    expect(notPassed(o)).toEqual(['sig:fail']);
    expect(detail(o, 'sig')).toBe('expected x5c with the AIK certificate (ECDAA is not part of Level 3), got none');
    expect(o.type).toBe('attca');
    expect(o.x5c).toBeUndefined();
  });

  it('an AIK certificate that does not parse fails sig and stops there', async () => {
    const aik = await makeCert(AIK);
    const o = await run({ aik: { ...aik, der: aik.der.slice(0, 40) } });
    expect(notPassed(o)).toEqual(['sig:fail']);
    expect(o.checks.at(-1)!.id).toBe('rp.tpm.sig');
    expect(o.x5c).toHaveLength(1);
    expect(o.facts).toBeUndefined();
  });

  it('a statement missing a member fails its syntax and nothing else runs', async () => {
    for (const member of ['alg', 'sig', 'certInfo', 'pubArea']) {
      const o = await run({ drop: [member] });
      expect(o.checks.map((c) => [c.id, c.status]), member).toEqual([['rp.tpm.syntax', 'fail']]);
      expect(o.type).toBe('not-verified');
    }
  });

  it('a certInfo that does not parse fails, and so does its signature only if it is not the signed one', async () => {
    const short = certInfo({ extraData: sha256(base.signed), name: nameOf(PUB_AREA) }).slice(0, 30);
    const o = await run({ certInfo: short });
    expect(notPassed(o)).toEqual(['certInfo:fail']);
    expect(detail(o, 'certInfo')).toMatch(/^expected well-formed data, but attStmt\.certInfo: /);
  });
});

describe('tpm: the AIK certificate requirements (§8.3.1)', () => {
  it('version 3, an empty subject, the TPM in its SAN, the AIK EKU and CA false', async () => {
    const subject = await run({ aikOptions: { ...AIK, subject: 'CN=Not Empty' } });
    expect(notPassed(subject)).toEqual(['certSubject:fail']);
    expect(detail(subject, 'certSubject')).toBe('expected an empty subject on the AIK certificate, got "CN=Not Empty"');
    const noSan = await run({ aikOptions: { subject: '', eku: [AIK_EKU] } });
    expect(notPassed(noSan)).toEqual(['certSan:fail']);
    expect(detail(noSan, 'certSan')).toBe('expected a subject alternative name with the TPM manufacturer, model and version, got no subjectAltName extension');
    expect(noSan.facts).toEqual([]);
    for (const [what, attrs] of [
      ['no manufacturer', [[TPM.model, 'M'], [TPM.version, 'V']]],
      ['no model', [[TPM.manufacturer, 'id:FFFFF1D0'], [TPM.version, 'V']]],
      ['no version', [[TPM.manufacturer, 'id:FFFFF1D0'], [TPM.model, 'M']]],
      ['a manufacturer not "id:" and 8 hex digits', [[TPM.manufacturer, 'FFFFF1D0'], [TPM.model, 'M'], [TPM.version, 'V']]],
      ['a manufacturer with 9 digits', [[TPM.manufacturer, 'id:FFFFF1D00'], [TPM.model, 'M'], [TPM.version, 'V']]],
      ['a manufacturer with text before it', [[TPM.manufacturer, 'xid:FFFFF1D0'], [TPM.model, 'M'], [TPM.version, 'V']]],
    ] as [string, [string, string][]][]) {
      const o = await run({ aikOptions: { ...AIK, san: sanDirectoryName(attrs) } });
      expect(notPassed(o), what).toEqual(['certSan:fail']);
    }
    const partial = await run({ aikOptions: { ...AIK, san: sanDirectoryName([[TPM.manufacturer, 'id:FFFFF1D0'], [TPM.model, 'M']]) } });
    expect(detail(partial, 'certSan')).toBe('expected a SAN directoryName with tcg-at-tpmManufacturer ("id:" and 8 hex digits), tcg-at-tpmModel and tcg-at-tpmVersion, got manufacturer "id:FFFFF1D0", model "M", version null');
    const noEku = await run({ aikOptions: { subject: '', san: SAN } });
    expect(notPassed(noEku)).toEqual(['certEku:fail']);
    expect(detail(noEku, 'certEku')).toBe('expected the extended key usage tcg-kp-AIKCertificate (2.23.133.8.3), got no extKeyUsage extension');
    const otherEku = await run({ aikOptions: { ...AIK, eku: ['1.3.6.1.5.5.7.3.2'] } });
    expect(detail(otherEku, 'certEku')).toBe('expected the extended key usage tcg-kp-AIKCertificate (2.23.133.8.3), got 1.3.6.1.5.5.7.3.2');
    const ca = await run({ aikOptions: { ...AIK, ca: true } });
    expect(notPassed(ca)).toEqual(['certCA:fail']);
    expect(detail(ca, 'certCA')).toBe('expected basic constraints CA false on the AIK certificate, got CA true');
    const noBc = await run({ aikOptions: { ...AIK, noBasicConstraints: true } });
    expect(notPassed(noBc)).toEqual([]);
    expect(detail(noBc, 'certCA')).toBe('basic constraints CA absent (false)');
  });

  it('a version other than 3, or a SAN or EKU extension that does not parse, fails its requirement', async () => {
    const aik = await makeCert(AIK);
    // The version is the first field of tbsCertificate: [0] { INTEGER 2 } (v3); made 1 (v2) here.
    const der = aik.der.slice();
    const at = Buffer.from(der).indexOf(Buffer.from([0xa0, 0x03, 0x02, 0x01, 0x02]));
    der[at + 4] = 0x01;
    const v2 = await run({ aik: { ...aik, der } });
    expect(notPassed(v2)).toEqual(['certVersion:fail']);
    expect(detail(v2, 'certVersion')).toBe('expected an X.509 version 3 AIK certificate, got version 2');
    const broken = new Uint8Array([0x02, 0x01, 0x01]);
    const san = await run({ aikOptions: { subject: '', eku: [AIK_EKU], extensions: [new x509.Extension('2.5.29.17', false, broken)] } });
    expect(notPassed(san)).toEqual(['certSan:fail']);
    expect(detail(san, 'certSan')).toMatch(/^expected well-formed data, but x5c\[0\]: subjectAltName is malformed/);
    const eku = await run({ aikOptions: { subject: '', san: SAN, extensions: [new x509.Extension('2.5.29.37', false, broken)] } });
    expect(notPassed(eku)).toEqual(['certEku:fail']);
    expect(detail(eku, 'certEku')).toMatch(/^expected well-formed data, but x5c\[0\]: extKeyUsage is malformed/);
  });

  it('a SAN without a directoryName, or without a manufacturer, says what it found', async () => {
    const dns = await run({ aikOptions: { ...AIK, san: sanDns(['tpm.example']) } });
    expect(notPassed(dns)).toEqual(['certSan:fail']);
    expect(detail(dns, 'certSan')).toBe('expected a SAN directoryName with tcg-at-tpmManufacturer ("id:" and 8 hex digits), tcg-at-tpmModel and tcg-at-tpmVersion, got manufacturer null, model null, version null');
    const noMaker = await run({ aikOptions: { ...AIK, san: sanDirectoryName([[TPM.model, 'M'], [TPM.version, 'V']]) } });
    expect(detail(noMaker, 'certSan')).toBe('expected a SAN directoryName with tcg-at-tpmManufacturer ("id:" and 8 hex digits), tcg-at-tpmModel and tcg-at-tpmVersion, got manufacturer null, model "M", version "V"');
  });

  it('an authData without attested credential data is read, not thrown on: no AAGUID to compare', async () => {
    const input = baseInput();
    const { attestedCredentialData: _acd, ...authData } = input.authData;
    const aik = await makeCert(AIK);
    const info = certInfo({ extraData: sha256(input.signed), name: nameOf(PUB_AREA) });
    const attStmt = new Map<unknown, unknown>([['ver', '2.0'], ['alg', COSE_ALG.ES256], ['x5c', [aik.der]], ['sig', await signWith(aik.keys, info)], ['certInfo', info], ['pubArea', PUB_AREA]]);
    const o = await verifyTpm({ ...input, authData, fmt: 'tpm', attStmt });
    expect(notPassed(o)).toEqual([]);
    const withExt = await makeCert({ ...AIK, aaguid: { value: new Uint8Array(16) } });
    const attStmt2 = new Map(attStmt).set('x5c', [withExt.der]).set('sig', await signWith(withExt.keys, info));
    expect(notPassed(await verifyTpm({ ...input, authData, fmt: 'tpm', attStmt: attStmt2 }))).toEqual(['certAaguid:fail']);
  });

  it('the AAGUID extension, when present, must equal authData\'s AAGUID and not be critical', async () => {
    const aaguid = new Uint8Array(16).fill(0xab);
    const same = await run({ aaguid, aikOptions: { ...AIK, aaguid: { value: aaguid } } });
    expect(notPassed(same)).toEqual([]);
    const other = await run({ aaguid, aikOptions: { ...AIK, aaguid: { value: new Uint8Array(16).fill(0xcd) } } });
    expect(notPassed(other)).toEqual(['certAaguid:fail']);
    expect(detail(other, 'certAaguid')).toBe(`expected a non-critical id-fido-gen-ce-aaguid equal to authData's AAGUID, but its AAGUID ${'cd'.repeat(16)} is not authData's ${'ab'.repeat(16)}`);
  });
});

describe('TPM structures', () => {
  const ecKey = (over: Partial<Extract<CosePublicKey, { kty: 'EC2' }>> = {}): CosePublicKey => ({ ...KEY, ...over });

  it('parses certInfo; another type stops after firmwareVersion; trailing bytes or a short field are refused by name', () => {
    const extraData = new Uint8Array(32).fill(5);
    const name = nameOf(PUB_AREA);
    expect(parseCertInfo(certInfo({ extraData, name }))).toEqual({ magic: 0xff544347, type: 0x8017, extraData, attestedName: name });
    expect(parseCertInfo(certInfo({ type: 0x8014, extraData, name }))).toEqual({ magic: 0xff544347, type: 0x8014, extraData });
    expect(() => parseCertInfo(certInfo({ extraData, name, tail: new Uint8Array(3) }))).toThrow(new ProoflineError('ERR_ATTESTATION', '3 bytes follow the structure', 'attStmt.certInfo'));
    expect(() => parseCertInfo(new Uint8Array([0xff, 0x54, 0x43]))).toThrow('attStmt.certInfo: magic needs 4 bytes at byte 0, only 3 remain');
    expect(() => parseCertInfo(certInfo({ extraData, name }).slice(0, 5))).toThrow('attStmt.certInfo: type needs 2 bytes at byte 4, only 1 remain');
    // A size that runs past the end.
    const full = certInfo({ extraData, name });
    expect(() => parseCertInfo(full.slice(0, full.length - 1))).toThrow(/attStmt\.certInfo: attested\.qualifiedName needs 34 bytes at byte \d+, only 33 remain/);
  });

  it('parses an ECC pubArea with its optional scheme and KDF hashes, and names an unknown curve', () => {
    expect(parsePubArea(PUB_AREA)).toEqual({ nameAlg: 0x000b, key: { kty: 'EC2', crv: 'P-256', x: KEY.x, y: KEY.y } });
    expect(parsePubArea(eccPubArea({ x: KEY.x, y: KEY.y, scheme: 0x0018, kdf: 0x0020 })).key).toEqual({ kty: 'EC2', crv: 'P-256', x: KEY.x, y: KEY.y });
    expect(parsePubArea(eccPubArea({ x: KEY.x, y: KEY.y, curve: 0x0004 })).key).toMatchObject({ crv: 'P-384' });
    expect(parsePubArea(eccPubArea({ x: KEY.x, y: KEY.y, curve: 0x0005 })).key).toMatchObject({ crv: 'P-521' });
    expect(parsePubArea(eccPubArea({ x: KEY.x, y: KEY.y, curve: 0x0010 })).key).toMatchObject({ crv: 'curve 16' });
    expect(() => parsePubArea(eccPubArea({ x: KEY.x, y: KEY.y, symmetric: 0x0006 }))).toThrow('attStmt.pubArea: parameters.symmetric is 0x6, not TPM_ALG_NULL (a signing key has none)');
    expect(() => parsePubArea(eccPubArea({ x: KEY.x, y: KEY.y, tail: new Uint8Array(2) }))).toThrow('attStmt.pubArea: 2 bytes follow the structure');
    const keyedHash = PUB_AREA.slice();
    keyedHash[1] = 0x08;
    expect(() => parsePubArea(keyedHash)).toThrow('attStmt.pubArea: type 0x8 is neither TPM_ALG_RSA nor TPM_ALG_ECC');
  });

  it('parses an RSA pubArea: exponent 0 means 65537, others are kept without leading zeros', () => {
    const n = new Uint8Array(256).fill(0xc3);
    expect(parsePubArea(rsaPubArea({ n }))).toEqual({ nameAlg: 0x000b, key: { kty: 'RSA', n, e: new Uint8Array([1, 0, 1]) } });
    expect(parsePubArea(rsaPubArea({ n, exponent: 3, scheme: 0x0014 })).key).toEqual({ kty: 'RSA', n, e: new Uint8Array([3]) });
    expect(parsePubArea(rsaPubArea({ n, exponent: 0x01000001 })).key).toEqual({ kty: 'RSA', n, e: new Uint8Array([1, 0, 0, 1]) });
    expect(parsePubArea(rsaPubArea({ n, exponent: 0x010001 })).key).toEqual({ kty: 'RSA', n, e: new Uint8Array([1, 0, 1]) });
  });

  it('compares pubArea with the credential key: curve, x and y (leading zeros aside), RSA n and e, never across types', () => {
    const pub = parsePubArea(PUB_AREA);
    expect(pubAreaIsKey(pub, ecKey())).toBe(true);
    expect(pubAreaIsKey(pub, ecKey({ crv: 'P-384' }))).toBe(false);
    expect(pubAreaIsKey(pub, ecKey({ x: KEY.y }))).toBe(false);
    expect(pubAreaIsKey(pub, ecKey({ y: KEY.x }))).toBe(false);
    const padded = { ...pub, key: { ...pub.key, x: concatBytes(new Uint8Array([0]), KEY.x) } } as typeof pub;
    expect(pubAreaIsKey(padded, ecKey())).toBe(true);
    const n = new Uint8Array(256).fill(0xc3);
    const rsa = parsePubArea(rsaPubArea({ n }));
    const rsaKey = (nn: Uint8Array, e: Uint8Array): CosePublicKey => ({ kty: 'RSA', alg: COSE_ALG.RS256, n: nn, e });
    expect(pubAreaIsKey(rsa, rsaKey(n, new Uint8Array([1, 0, 1])))).toBe(true);
    expect(pubAreaIsKey(rsa, rsaKey(concatBytes(new Uint8Array([0]), n), new Uint8Array([0, 1, 0, 1])))).toBe(true);
    expect(pubAreaIsKey(rsa, rsaKey(n, new Uint8Array([3])))).toBe(false);
    expect(pubAreaIsKey(rsa, rsaKey(n.slice(1), new Uint8Array([1, 0, 1])))).toBe(false);
    expect(pubAreaIsKey(parsePubArea(rsaPubArea({ n: n.slice(1) })), rsaKey(n, new Uint8Array([1, 0, 1])))).toBe(false);
    const n2 = n.slice();
    n2[255] = 0xc4;
    expect(pubAreaIsKey(rsa, rsaKey(n2, new Uint8Array([1, 0, 1])))).toBe(false);
    expect(pubAreaIsKey(rsa, ecKey())).toBe(false);
    expect(pubAreaIsKey(pub, rsaKey(n, new Uint8Array([1, 0, 1])))).toBe(false);
    expect(pubAreaIsKey(pub, { kty: 'OKP', alg: COSE_ALG.EdDSA, crv: 'Ed25519', x: KEY.x })).toBe(false);
    // A zero-length value and a lone zero byte are the same number.
    const zeroX = { ...pub, key: { ...pub.key, x: new Uint8Array([0]) } } as typeof pub;
    expect(pubAreaIsKey(zeroX, ecKey({ x: new Uint8Array([0, 0]) }))).toBe(true);
    // An empty unique.x is no coordinate at all, not the number zero.
    const emptyX = { ...pub, key: { ...pub.key, x: new Uint8Array(0) } } as typeof pub;
    expect(pubAreaIsKey(emptyX, ecKey({ x: new Uint8Array([0]) }))).toBe(false);
    expect(pubAreaIsKey(zeroX, ecKey({ x: new Uint8Array(0) }))).toBe(false);
  });

  it('the Name is nameAlg ‖ H(pubArea) for SHA-1/256/384/512, nothing for another nameAlg', () => {
    expect(tpmName(PUB_AREA, 0x000b)).toEqual(nameOf(PUB_AREA));
    expect(tpmName(PUB_AREA, 0x0004)).toEqual(nameOf(PUB_AREA, sha1, 0x0004));
    expect(tpmName(PUB_AREA, 0x000c)).toEqual(nameOf(PUB_AREA, sha384, 0x000c));
    expect(tpmName(PUB_AREA, 0x000d)).toEqual(nameOf(PUB_AREA, sha512, 0x000d));
    expect(tpmName(PUB_AREA, 0x0010)).toBeUndefined();
  });
});
