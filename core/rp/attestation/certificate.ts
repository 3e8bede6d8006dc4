import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, id_ce_basicConstraints } from '@peculiar/asn1-x509';
import { ECParameters } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { COSE_ALG, type CosePublicKey } from '../../codec/cose.js';
import { equalBytes } from '../../codec/bytes.js';
import { ProoflineError, errorMessage } from '../../errors.js';

/** id-fido-gen-ce-aaguid (WebAuthn L3 §8.2.1): the AAGUID an attestation certificate vouches for. */
export const OID_FIDO_AAGUID = '1.3.6.1.4.1.45724.1.1.4';

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
} as const;
const CURVES: Record<string, { crv: 'P-256' | 'P-384' | 'P-521'; len: number }> = {
  '1.2.840.10045.3.1.7': { crv: 'P-256', len: 32 },
  '1.3.132.0.34': { crv: 'P-384', len: 48 },
  '1.3.132.0.35': { crv: 'P-521', len: 66 },
};

/** The parts of an X.509 attestation certificate that verification reads. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** X.509 version as written (v3 = 3). */
  readonly version: number;
  readonly subject: string;
  readonly spkiAlgorithm: string;
  readonly spkiParameters?: Uint8Array;
  readonly subjectPublicKey: Uint8Array;
  /** Extension values (the DER inside extnValue), by OID. */
  readonly extensions: ReadonlyMap<string, Uint8Array>;
  /** basicConstraints cA, or undefined when the extension is absent. */
  readonly isCA: boolean | undefined;
}

function u8(b: ArrayBuffer | ArrayBufferView): Uint8Array {
  return b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
}

/** Parse a DER certificate; malformed input is ERR_DER naming `where`. */
export function parseCertificate(der: Uint8Array, where = 'x5c[0]'): ParsedCertificate {
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(der, Certificate);
  } catch (e) {
    throw new ProoflineError('ERR_DER', `is not an X.509 certificate (${errorMessage(e)})`, where);
  }
  const tbs = cert.tbsCertificate;
  const extensions = new Map<string, Uint8Array>();
  for (const ext of tbs.extensions ?? []) extensions.set(ext.extnID, u8(ext.extnValue.buffer).slice(ext.extnValue.byteOffset, ext.extnValue.byteOffset + ext.extnValue.byteLength));
  let isCA: boolean | undefined;
  const bc = extensions.get(id_ce_basicConstraints);
  if (bc) {
    try {
      isCA = AsnConvert.parse(bc, BasicConstraints).cA;
    } catch (e) {
      throw new ProoflineError('ERR_DER', `basicConstraints is malformed (${errorMessage(e)})`, where);
    }
  }
  const subject = tbs.subject.map((rdn) => rdn.map((a) => `${a.type}=${a.value.toString()}`).join('+')).join(', ');
  const params = tbs.subjectPublicKeyInfo.algorithm.parameters;
  return {
    der,
    version: tbs.version + 1,
    subject,
    spkiAlgorithm: tbs.subjectPublicKeyInfo.algorithm.algorithm,
    ...(params ? { spkiParameters: u8(params) } : {}),
    subjectPublicKey: u8(tbs.subjectPublicKeyInfo.subjectPublicKey),
    extensions,
    isCA,
  };
}

function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.slice(i);
}

/**
 * Convert a certificate's SubjectPublicKeyInfo to a COSE-shaped key for `verifySignature`, with
 * the signature algorithm `alg` the attestation statement names. Unsupported keys are ERR_DER.
 */
export function spkiToCoseKey(cert: ParsedCertificate, alg: number): CosePublicKey {
  const pk = cert.subjectPublicKey;
  switch (cert.spkiAlgorithm) {
    case OID.ecPublicKey: {
      if (!cert.spkiParameters) throw new ProoflineError('ERR_DER', 'EC key without curve parameters', 'x5c[0]');
      const curveOid = AsnConvert.parse(cert.spkiParameters, ECParameters).namedCurve;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      if (!curve) throw new ProoflineError('ERR_DER', `EC curve ${curveOid ?? '(explicit)'} is not P-256, P-384 or P-521`, 'x5c[0]');
      if (pk.length !== 1 + 2 * curve.len || pk[0] !== 4) throw new ProoflineError('ERR_DER', `EC point is not an uncompressed ${curve.crv} point (${pk.length} bytes)`, 'x5c[0]');
      return { kty: 'EC2', alg, crv: curve.crv, x: pk.slice(1, 1 + curve.len), y: pk.slice(1 + curve.len) };
    }
    case OID.rsaEncryption:
    case OID.rsaPss: {
      const rsa = AsnConvert.parse(pk, RSAPublicKey);
      return { kty: 'RSA', alg, n: stripLeadingZeros(u8(rsa.modulus)), e: stripLeadingZeros(u8(rsa.publicExponent)) };
    }
    case OID.ed25519:
      return { kty: 'OKP', alg: alg === COSE_ALG.Ed25519 ? alg : COSE_ALG.EdDSA, crv: 'Ed25519', x: pk };
    case OID.ed448:
      return { kty: 'OKP', alg: alg === COSE_ALG.Ed448 ? alg : COSE_ALG.EdDSA, crv: 'Ed448', x: pk };
    default:
      throw new ProoflineError('ERR_DER', `public key algorithm ${cert.spkiAlgorithm} is not supported`, 'x5c[0]');
  }
}

/** The AAGUID in the id-fido-gen-ce-aaguid extension (an OCTET STRING of 16 bytes), if present. */
export function certificateAaguid(cert: ParsedCertificate): Uint8Array | undefined {
  const v = cert.extensions.get(OID_FIDO_AAGUID);
  if (!v) return undefined;
  if (v.length === 18 && v[0] === 0x04 && v[1] === 16) return v.slice(2);
  return v;
}

/** Whether two COSE public keys are the same key (ignoring alg). */
export function sameKey(a: CosePublicKey, b: CosePublicKey): boolean {
  if (a.kty === 'EC2' && b.kty === 'EC2') return a.crv === b.crv && equalBytes(a.x, b.x) && equalBytes(a.y, b.y);
  if (a.kty === 'OKP' && b.kty === 'OKP') return a.crv === b.crv && equalBytes(a.x, b.x);
  if (a.kty === 'RSA' && b.kty === 'RSA') return equalBytes(stripLeadingZeros(a.n), stripLeadingZeros(b.n)) && equalBytes(stripLeadingZeros(a.e), stripLeadingZeros(b.e));
  if (a.kty === 'AKP' && b.kty === 'AKP') return equalBytes(a.pub, b.pub);
  return false;
}

/** One DER TLV: tag byte, contents, and the offset after it. */
export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
  readonly end: number;
}

/** Read one DER TLV at `at` (short tags only); malformed input is ERR_DER. */
export function readTlv(bytes: Uint8Array, at = 0): Tlv {
  if (at + 2 > bytes.length) throw new ProoflineError('ERR_DER', `truncated TLV at byte ${at}`);
  const tag = bytes[at]!;
  let len = bytes[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > bytes.length) throw new ProoflineError('ERR_DER', `bad length at byte ${at}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p + i]!;
    p += n;
  }
  if (p + len > bytes.length) throw new ProoflineError('ERR_DER', `TLV at byte ${at} declares ${len} bytes, only ${bytes.length - p} remain`);
  return { tag, value: bytes.subarray(p, p + len), end: p + len };
}

/** The child TLVs of a constructed value. */
export function readChildren(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < value.length) {
    const t = readTlv(value, at);
    out.push(t);
    at = t.end;
  }
  return out;
}
