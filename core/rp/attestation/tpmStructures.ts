import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CosePublicKey } from '../../codec/cose.js';
import { ProoflineError } from '../../errors.js';

// TPM 2.0 structures are the TPM's own big-endian marshalling (TPM 2.0 Part 2), not ASN.1: a
// small reader over the bytes, every length checked against what remains.

/** TPM_GENERATED_VALUE: certInfo.magic of a structure the TPM itself produced. */
export const TPM_GENERATED_VALUE = 0xff544347;
/** TPM_ST_ATTEST_CERTIFY: certInfo.type of a TPM2_Certify result. */
export const TPM_ST_ATTEST_CERTIFY = 0x8017;

const TPM_ALG = { RSA: 0x0001, SHA1: 0x0004, SHA256: 0x000b, SHA384: 0x000c, SHA512: 0x000d, NULL: 0x0010, ECC: 0x0023 } as const;
const ECC_CURVES: Record<number, 'P-256' | 'P-384' | 'P-521'> = { 0x0003: 'P-256', 0x0004: 'P-384', 0x0005: 'P-521' };
/** nameAlg → its hash and name (TPM 2.0 Part 2 TPM_ALG_ID). */
export const NAME_HASHES: Record<number, { name: string; hash: (m: Uint8Array) => Uint8Array }> = {
  [TPM_ALG.SHA1]: { name: 'SHA-1', hash: sha1 },
  [TPM_ALG.SHA256]: { name: 'SHA-256', hash: sha256 },
  [TPM_ALG.SHA384]: { name: 'SHA-384', hash: sha384 },
  [TPM_ALG.SHA512]: { name: 'SHA-512', hash: sha512 },
};

class Reader {
  at = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly what: string,
  ) {}
  private need(n: number, field: string): void {
    if (this.at + n > this.b.length) throw new ProoflineError('ERR_ATTESTATION', `${field} needs ${n} bytes at byte ${this.at}, only ${this.b.length - this.at} remain`, this.what);
  }
  u16(field: string): number {
    this.need(2, field);
    const v = (this.b[this.at]! << 8) | this.b[this.at + 1]!;
    this.at += 2;
    return v;
  }
  u32(field: string): number {
    this.need(4, field);
    const v = ((this.b[this.at]! << 24) | (this.b[this.at + 1]! << 16) | (this.b[this.at + 2]! << 8) | this.b[this.at + 3]!) >>> 0;
    this.at += 4;
    return v;
  }
  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const v = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  /** A TPM2B: a 16-bit size, then that many bytes. */
  sized(field: string): Uint8Array {
    return this.bytes(this.u16(`${field} size`), field);
  }
  end(): void {
    if (this.at !== this.b.length) throw new ProoflineError('ERR_ATTESTATION', `${this.b.length - this.at} bytes follow the structure`, this.what);
  }
}

/** TPMS_ATTEST (TPM 2.0 Part 2 §10.12.12) with its TPMS_CERTIFY_INFO. */
export interface CertInfo {
  readonly magic: number;
  readonly type: number;
  readonly extraData: Uint8Array;
  /** attested.name (TPMS_CERTIFY_INFO), when type is TPM_ST_ATTEST_CERTIFY. */
  readonly attestedName?: Uint8Array;
}

/** Parse certInfo; malformed bytes are ERR_ATTESTATION. */
export function parseCertInfo(bytes: Uint8Array): CertInfo {
  const r = new Reader(bytes, 'attStmt.certInfo');
  const magic = r.u32('magic');
  const type = r.u16('type');
  r.sized('qualifiedSigner');
  const extraData = r.sized('extraData');
  r.bytes(17, 'clockInfo');
  r.bytes(8, 'firmwareVersion');
  if (type !== TPM_ST_ATTEST_CERTIFY) return { magic, type, extraData };
  const attestedName = r.sized('attested.name');
  r.sized('attested.qualifiedName');
  r.end();
  return { magic, type, extraData, attestedName };
}

/** TPMT_PUBLIC (TPM 2.0 Part 2 §12.2.4): the key the TPM certified. */
export interface PubArea {
  readonly nameAlg: number;
  readonly key: { kty: 'RSA'; n: Uint8Array; e: Uint8Array } | { kty: 'EC2'; crv: 'P-256' | 'P-384' | 'P-521' | `curve ${number}`; x: Uint8Array; y: Uint8Array };
}

/** Parse pubArea (RSA or ECC keys, no symmetric part); malformed bytes are ERR_ATTESTATION. */
export function parsePubArea(bytes: Uint8Array): PubArea {
  const r = new Reader(bytes, 'attStmt.pubArea');
  const type = r.u16('type');
  const nameAlg = r.u16('nameAlg');
  r.u32('objectAttributes');
  r.sized('authPolicy');
  const symmetric = r.u16('parameters.symmetric');
  if (symmetric !== TPM_ALG.NULL) throw new ProoflineError('ERR_ATTESTATION', `parameters.symmetric is 0x${symmetric.toString(16)}, not TPM_ALG_NULL (a signing key has none)`, 'attStmt.pubArea');
  const scheme = r.u16('parameters.scheme');
  if (scheme !== TPM_ALG.NULL) r.u16('parameters.scheme.hashAlg');
  if (type === TPM_ALG.RSA) {
    r.u16('parameters.keyBits');
    const exponent = r.u32('parameters.exponent');
    const n = r.sized('unique');
    r.end();
    // An exponent of 0 means the default, 2^16 + 1.
    const e = exponent === 0 ? 65537 : exponent;
    const eBytes = new Uint8Array(4);
    new DataView(eBytes.buffer).setUint32(0, e);
    return { nameAlg, key: { kty: 'RSA', n, e: stripLeadingZeros(eBytes) } };
  }
  if (type === TPM_ALG.ECC) {
    const curveId = r.u16('parameters.curveID');
    const kdf = r.u16('parameters.kdf');
    if (kdf !== TPM_ALG.NULL) r.u16('parameters.kdf.hashAlg');
    const x = r.sized('unique.x');
    const y = r.sized('unique.y');
    r.end();
    return { nameAlg, key: { kty: 'EC2', crv: ECC_CURVES[curveId] ?? `curve ${curveId}`, x, y } };
  }
  throw new ProoflineError('ERR_ATTESTATION', `type 0x${type.toString(16)} is neither TPM_ALG_RSA nor TPM_ALG_ECC`, 'attStmt.pubArea');
}

function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Whether pubArea's key (parameters and unique) is the credential public key. */
export function pubAreaIsKey(pub: PubArea, key: CosePublicKey): boolean {
  if (pub.key.kty === 'RSA') return key.kty === 'RSA' && same(pub.key.n, key.n) && same(pub.key.e, key.e);
  return key.kty === 'EC2' && same(pub.key.x, key.x) && same(pub.key.y, key.y) && pub.key.crv === key.crv;
}

/** The TPM Name of pubArea: nameAlg ‖ H_nameAlg(pubArea) (TPM 2.0 Part 1 §16), or undefined for an unknown nameAlg. */
export function tpmName(pubAreaBytes: Uint8Array, nameAlg: number): Uint8Array | undefined {
  const h = NAME_HASHES[nameAlg];
  if (!h) return undefined;
  const digest = h.hash(pubAreaBytes);
  const out = new Uint8Array(2 + digest.length);
  new DataView(out.buffer).setUint16(0, nameAlg);
  out.set(digest, 2);
  return out;
}

/**
 * TCG vendor IDs (TCG TPM Vendor ID Registry), as the SAN's tcg-at-tpmManufacturer writes them
 * ("id:" and 8 hex digits), with the FIDO conformance tools' test vendor.
 */
export const TPM_MANUFACTURERS: Readonly<Record<string, string>> = {
  '414D4400': 'AMD',
  '41544D4C': 'Atmel',
  '4252434D': 'Broadcom',
  '4353434F': 'Cisco',
  '464C5953': 'Flyslice Technologies',
  '474F4F47': 'Google',
  '48504500': 'HPE',
  '48495349': 'Huawei',
  '49424D00': 'IBM',
  '49465800': 'Infineon',
  '494E5443': 'Intel',
  '4C454E00': 'Lenovo',
  '4D534654': 'Microsoft',
  '4E534D20': 'National Semiconductor',
  '4E545A00': 'Nationz',
  '4E544300': 'Nuvoton Technology',
  '51434F4D': 'Qualcomm',
  '524F4343': 'Fuzhou Rockchip',
  '534D5343': 'SMSC',
  '534D534E': 'Samsung',
  '534E5300': 'Sinosun',
  '53544D20': 'STMicroelectronics',
  '54584E00': 'Texas Instruments',
  '57454300': 'Winbond',
  FFFFF1D0: 'FIDO Alliance conformance testing',
};
