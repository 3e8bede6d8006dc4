import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  SubjectAlternativeName,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
  type Name,
} from '@peculiar/asn1-x509';
import { ECParameters } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { COSE_ALG, coseAlgName, type CosePublicKey } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import type { Requirements } from './types.js';
import { equalBytes } from '../../codec/bytes.js';
import { ProoflineError, errorMessage } from '../../errors.js';

/** id-fido-gen-ce-aaguid (WebAuthn L3 §8.2.1): the AAGUID an attestation certificate vouches for. */
export const OID_FIDO_AAGUID = '1.3.6.1.4.1.45724.1.1.4';

/** Attribute types of a distinguished name that the certificate requirements name. */
export const OID_NAME = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;

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

/** One extension: its DER value (inside extnValue) and whether it is marked critical. */
export interface CertExtension {
  readonly value: Uint8Array;
  readonly critical: boolean;
}

/** The parts of an X.509 certificate that attestation verification and chain building read. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** Where the certificate came from, for messages (e.g. `x5c[0]`). */
  readonly where: string;
  /** X.509 version as written (v3 = 3). */
  readonly version: number;
  /** The subject as `OID=value` pairs joined with ", " (for messages). */
  readonly subject: string;
  /** The subject's attributes by type OID (all values, in order). */
  readonly subjectAttributes: ReadonlyMap<string, readonly string[]>;
  readonly issuer: string;
  /** DER of the subject and issuer names (chain building compares them byte for byte). */
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spkiAlgorithm: string;
  readonly spkiParameters?: Uint8Array;
  readonly subjectPublicKey: Uint8Array;
  /** Extensions by OID. */
  readonly extensions: ReadonlyMap<string, CertExtension>;
  /** basicConstraints cA, or undefined when the extension is absent. */
  readonly isCA: boolean | undefined;
  /** The signed part (tbsCertificate) exactly as encoded, its signature algorithm and value. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signatureAlgorithmParameters?: Uint8Array;
  readonly signature: Uint8Array;
}

function u8(b: ArrayBuffer | ArrayBufferView): Uint8Array {
  return b instanceof ArrayBuffer ? new Uint8Array(b.slice(0)) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
}

const SHORT: Record<string, string> = { [OID_NAME.C]: 'C', [OID_NAME.O]: 'O', [OID_NAME.OU]: 'OU', [OID_NAME.CN]: 'CN' };

function nameText(name: Name): string {
  return name.map((rdn) => rdn.map((a) => `${SHORT[a.type] ?? a.type}=${a.value.toString()}`).join('+')).join(', ');
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
  const extensions = new Map<string, CertExtension>();
  for (const ext of tbs.extensions ?? []) extensions.set(ext.extnID, { value: u8(ext.extnValue.buffer), critical: ext.critical });
  let isCA: boolean | undefined;
  const bc = extensions.get(id_ce_basicConstraints);
  if (bc) {
    try {
      isCA = AsnConvert.parse(bc.value, BasicConstraints).cA;
    } catch (e) {
      throw new ProoflineError('ERR_DER', `basicConstraints is malformed (${errorMessage(e)})`, where);
    }
  }
  const subjectAttributes = new Map<string, string[]>();
  for (const rdn of tbs.subject) for (const a of rdn) subjectAttributes.set(a.type, [...(subjectAttributes.get(a.type) ?? []), a.value.toString()]);
  const params = tbs.subjectPublicKeyInfo.algorithm.parameters;
  const sigParams = cert.signatureAlgorithm.parameters;
  if (!cert.tbsCertificateRaw) throw new ProoflineError('ERR_DER', 'the signed part (tbsCertificate) could not be located', where);
  return {
    der,
    where,
    version: tbs.version + 1,
    subject: nameText(tbs.subject),
    subjectAttributes,
    issuer: nameText(tbs.issuer),
    subjectDer: u8(AsnConvert.serialize(tbs.subject)),
    issuerDer: u8(AsnConvert.serialize(tbs.issuer)),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    spkiAlgorithm: tbs.subjectPublicKeyInfo.algorithm.algorithm,
    ...(params ? { spkiParameters: u8(params) } : {}),
    subjectPublicKey: u8(tbs.subjectPublicKeyInfo.subjectPublicKey),
    extensions,
    isCA,
    tbs: u8(cert.tbsCertificateRaw),
    signatureAlgorithm: cert.signatureAlgorithm.algorithm,
    ...(sigParams ? { signatureAlgorithmParameters: u8(sigParams) } : {}),
    signature: u8(cert.signatureValue),
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
      if (!cert.spkiParameters) throw new ProoflineError('ERR_DER', 'EC key without curve parameters', cert.where);
      const curveOid = AsnConvert.parse(cert.spkiParameters, ECParameters).namedCurve;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      if (!curve) throw new ProoflineError('ERR_DER', `EC curve ${curveOid ?? '(explicit)'} is not P-256, P-384 or P-521`, cert.where);
      if (pk.length !== 1 + 2 * curve.len || pk[0] !== 4) throw new ProoflineError('ERR_DER', `EC point is not an uncompressed ${curve.crv} point (${pk.length} bytes)`, cert.where);
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
      throw new ProoflineError('ERR_DER', `public key algorithm ${cert.spkiAlgorithm} is not supported`, cert.where);
  }
}

/** The AAGUID in the id-fido-gen-ce-aaguid extension (an OCTET STRING of 16 bytes), if present. */
export function certificateAaguid(cert: ParsedCertificate): { aaguid: Uint8Array; critical: boolean } | undefined {
  const ext = cert.extensions.get(OID_FIDO_AAGUID);
  if (!ext) return undefined;
  let value: Uint8Array;
  try {
    value = u8(AsnConvert.parse(ext.value, OctetString).buffer);
  } catch (e) {
    throw new ProoflineError('ERR_DER', `id-fido-gen-ce-aaguid is not an OCTET STRING (${errorMessage(e)})`, cert.where);
  }
  return { aaguid: value, critical: ext.critical };
}

/** The extended key usages (OIDs), or undefined when the extension is absent. */
export function certificateEku(cert: ParsedCertificate): string[] | undefined {
  const ext = cert.extensions.get(id_ce_extKeyUsage);
  if (!ext) return undefined;
  try {
    return [...AsnConvert.parse(ext.value, ExtendedKeyUsage)];
  } catch (e) {
    throw new ProoflineError('ERR_DER', `extKeyUsage is malformed (${errorMessage(e)})`, cert.where);
  }
}

/** The subject alternative names, or undefined when the extension is absent. */
export function certificateSan(cert: ParsedCertificate): SubjectAlternativeName | undefined {
  const ext = cert.extensions.get(id_ce_subjectAltName);
  if (!ext) return undefined;
  try {
    return AsnConvert.parse(ext.value, SubjectAlternativeName);
  } catch (e) {
    throw new ProoflineError('ERR_DER', `subjectAltName is malformed (${errorMessage(e)})`, cert.where);
  }
}

/** Attribute values of a directory name by type OID (for SAN directoryName entries). */
export function nameAttributes(name: Name): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rdn of name) for (const a of rdn) out.set(a.type, [...(out.get(a.type) ?? []), a.value.toString()]);
  return out;
}

/** Whether two COSE public keys are the same key (ignoring alg). */
export function sameKey(a: CosePublicKey, b: CosePublicKey): boolean {
  if (a.kty === 'EC2' && b.kty === 'EC2') return a.crv === b.crv && equalBytes(a.x, b.x) && equalBytes(a.y, b.y);
  if (a.kty === 'OKP' && b.kty === 'OKP') return a.crv === b.crv && equalBytes(a.x, b.x);
  if (a.kty === 'RSA' && b.kty === 'RSA') return equalBytes(stripLeadingZeros(a.n), stripLeadingZeros(b.n)) && equalBytes(stripLeadingZeros(a.e), stripLeadingZeros(b.e));
  if (a.kty === 'AKP' && b.kty === 'AKP') return equalBytes(a.pub, b.pub);
  return false;
}

/** A key's kind in words, for messages. */
export function keyKind(k: CosePublicKey): string {
  if (k.kty === 'EC2' || k.kty === 'OKP') return `${k.kty} ${k.crv}`;
  if (k.kty === 'RSA') return `RSA-${k.n.length * 8}`;
  return k.kty;
}

/**
 * The requirement "sig verifies with the certificate's key": parse `der` (x5c[0]), verify `sig`
 * over `signed` with its public key under `alg`, and record one check `name` on `r` (failed, not
 * thrown, when the certificate or key is unusable). Returns the certificate and its key when they parsed.
 */
export async function certificateSignature(
  r: Requirements,
  name: string,
  clause: string,
  der: Uint8Array,
  alg: number,
  signed: Uint8Array,
  sig: Uint8Array,
  words: { signed: string; key: string },
): Promise<{ cert?: ParsedCertificate; key?: CosePublicKey }> {
  let cert: ParsedCertificate | undefined;
  try {
    cert = parseCertificate(der);
    const key = spkiToCoseKey(cert, alg);
    const v = await verifySignature(key, signed, sig);
    r.need(name, clause, v.valid, `the ${v.algorithm} signature over ${words.signed} verifies with ${words.key}`, `expected the ${coseAlgName(alg)} signature over ${words.signed} to verify with ${words.key}, but ${v.valid ? '' : v.reason}`);
    return { cert, key };
  } catch (e) {
    r.malformed(name, clause, e);
    return cert ? { cert } : {};
  }
}
