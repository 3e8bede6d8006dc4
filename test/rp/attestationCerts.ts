// Attestation statements built in the test, one field at a time: certificates with the extensions
// §8.2.1, §8.3.1 and §8.4.1 read (or lack), TPM 2.0 structures (TPMS_ATTEST, TPMT_PUBLIC) and the
// inputs the format verifiers receive. Each test varies one thing and reads which requirement
// notices it.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AttributeTypeAndValue, AttributeValue, GeneralName, Name, RelativeDistinguishedName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { p256, p384 as p384Curve } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { parseAttestationObject } from '../../core/codec/attestationObject.js';
import { concatBytes } from '../../core/codec/bytes.js';
import type { AttestationInput } from '../../core/rp/attestation/types.js';
import { SK, craftRegistration } from './craft.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
let serial = 0x100;

/** A key pair and a certificate for it; the certificate's own signature is by a throwaway issuer key. */
export interface Made {
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
}

export interface CertOptions {
  subject?: string;
  ca?: boolean;
  /** Leave basic constraints out. */
  noBasicConstraints?: boolean;
  eku?: string[];
  /** DER of a subjectAltName value. */
  san?: Uint8Array;
  /** The AAGUID extension: its 16 bytes, critical or not, or a value that is not an OCTET STRING. */
  aaguid?: { value: Uint8Array; critical?: boolean; raw?: boolean };
  /** More extensions, as they are. */
  extensions?: x509.Extension[];
  /** Certify this public key (the certificate is still signed by a fresh key). */
  publicKey?: CryptoKey;
  /** The key made: P-256 (default), P-384, or RSA 2048 (RSASSA-PKCS1-v1_5, SHA-256). */
  kind?: 'P-256' | 'P-384' | 'RSA';
  /** The certificate's key pair instead of the shared one of its kind. */
  keys?: CryptoKeyPair;
  /** Who signs the certificate (default: its own key) and the issuer name written in it. */
  signer?: { keys: CryptoKeyPair; kind?: NonNullable<CertOptions['kind']>; name?: string };
}

const KINDS = {
  'P-256': ALG,
  'P-384': { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  RSA: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
} as const;

// Key pairs are made once per kind and serial: a test that needs another key asks for a new
// serial (otherKey), the rest share, so the suite stays fast (an RSA key costs a good part of a second).
const made = new Map<string, Promise<CryptoKeyPair>>();
let fresh = 0;
function keysOf(kind: NonNullable<CertOptions['kind']>, serial = 0): Promise<CryptoKeyPair> {
  const key = `${kind} ${serial}`;
  if (!made.has(key)) made.set(key, webcrypto.subtle.generateKey(KINDS[kind], true, ['sign', 'verify']) as Promise<CryptoKeyPair>);
  return made.get(key)!;
}

/** A key pair no other certificate of the test has. */
export function freshKeys(kind: NonNullable<CertOptions['kind']> = 'P-256'): Promise<CryptoKeyPair> {
  return keysOf(kind, ++fresh);
}

/** A certificate with exactly the fields named, for the key of its kind (or `keys`). */
export async function makeCert(o: CertOptions = {}): Promise<Made> {
  const alg = KINDS[o.kind ?? 'P-256'];
  const keys = o.keys ?? (await keysOf(o.kind ?? 'P-256'));
  const extensions: x509.Extension[] = [];
  if (!o.noBasicConstraints) extensions.push(new x509.BasicConstraintsExtension(o.ca ?? false, undefined, true));
  if (o.eku) extensions.push(new x509.ExtendedKeyUsageExtension(o.eku));
  if (o.san) extensions.push(new x509.Extension('2.5.29.17', false, new Uint8Array(o.san)));
  if (o.aaguid) extensions.push(new x509.Extension('1.3.6.1.4.1.45724.1.1.4', o.aaguid.critical ?? false, o.aaguid.raw ? new Uint8Array(o.aaguid.value) : new Uint8Array(AsnConvert.serialize(new OctetString(o.aaguid.value)))));
  extensions.push(...(o.extensions ?? []));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject: o.subject ?? '',
    issuer: o.signer?.name ?? 'CN=Test Attestation CA',
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    signingAlgorithm: o.signer ? KINDS[o.signer.kind ?? 'P-256'] : alg,
    publicKey: o.publicKey ?? keys.publicKey,
    signingKey: o.signer?.keys.privateKey ?? keys.privateKey,
    extensions,
  });
  return { der: new Uint8Array(cert.rawData), keys };
}

/** A subjectAltName with one directoryName of `attrs` (OID → text). */
export function sanDirectoryName(attrs: [string, string][]): Uint8Array {
  const name = new Name(attrs.map(([type, value]) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) })])));
  return new Uint8Array(AsnConvert.serialize(new SubjectAlternativeName([new GeneralName({ directoryName: name })])));
}

/** A subjectAltName with DNS names. */
export function sanDns(names: string[]): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(new SubjectAlternativeName(names.map((dNSName) => new GeneralName({ dNSName })))));
}

/** A signature over `data` with `keys` as WebAuthn writes it: ECDSA in DER (SHA-256, or SHA-384 on P-384), RSA as is. */
export async function signWith(keys: CryptoKeyPair, data: Uint8Array): Promise<Uint8Array> {
  const algorithm = keys.privateKey.algorithm as EcKeyAlgorithm;
  if (algorithm.name !== 'ECDSA') return new Uint8Array(await webcrypto.subtle.sign(algorithm.name, keys.privateKey, data));
  const p384 = algorithm.namedCurve === 'P-384';
  const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: p384 ? 'SHA-384' : 'SHA-256' }, keys.privateKey, data));
  return (p384 ? p384Curve : p256).Signature.fromBytes(raw, 'compact').toBytes('der');
}

/** The craft.ts registration (credential key SK, `none`) as the input of a format's procedure, with attStmt replaced. */
export function baseInput(attStmt: Map<unknown, unknown> = new Map(), aaguid?: Uint8Array): AttestationInput & { signed: Uint8Array } {
  const reg = craftRegistration({ fmt: 'none', ...(aaguid ? { mutateAuthData: (ad: Uint8Array) => { const c = ad.slice(); c.set(aaguid, 37); return c; } } : {}) });
  const ao = parseAttestationObject(reg.attestationObject);
  const key = ao.authData.attestedCredentialData!.credentialPublicKey;
  if ('error' in key) throw new Error(key.error);
  const clientDataHash = sha256(reg.clientDataJSON);
  return { fmt: 'none', attStmt, authData: ao.authData, clientDataHash, credentialKey: key, signed: concatBytes(ao.authDataBytes, clientDataHash) };
}

// TPM 2.0 marshalling (TPM 2.0 Part 2), big-endian.
export const u16 = (v: number) => new Uint8Array([(v >> 8) & 0xff, v & 0xff]);
export const u32 = (v: number) => new Uint8Array([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
export const sized = (b: Uint8Array) => concatBytes(u16(b.length), b);

/** TPMS_ATTEST with TPMS_CERTIFY_INFO. */
export function certInfo(o: { magic?: number; type?: number; extraData: Uint8Array; name?: Uint8Array; qualifiedName?: Uint8Array; tail?: Uint8Array }): Uint8Array {
  return concatBytes(
    u32(o.magic ?? 0xff544347),
    u16(o.type ?? 0x8017),
    sized(new Uint8Array([0, 0x0b, ...new Uint8Array(32).fill(9)])),
    sized(o.extraData),
    new Uint8Array(17),
    new Uint8Array(8),
    sized(o.name ?? new Uint8Array(0)),
    sized(o.qualifiedName ?? new Uint8Array(34)),
    o.tail ?? new Uint8Array(0),
  );
}

/** TPMT_PUBLIC of an ECC key (TPM_ALG_ECC). */
export function eccPubArea(o: { x: Uint8Array; y: Uint8Array; nameAlg?: number; curve?: number; symmetric?: number; scheme?: number; kdf?: number; tail?: Uint8Array }): Uint8Array {
  const scheme = o.scheme ?? 0x0010;
  const kdf = o.kdf ?? 0x0010;
  return concatBytes(
    u16(0x0023),
    u16(o.nameAlg ?? 0x000b),
    u32(0x00060472),
    sized(new Uint8Array(0)),
    u16(o.symmetric ?? 0x0010),
    u16(scheme),
    scheme === 0x0010 ? new Uint8Array(0) : u16(0x000b),
    u16(o.curve ?? 0x0003),
    u16(kdf),
    kdf === 0x0010 ? new Uint8Array(0) : u16(0x000b),
    sized(o.x),
    sized(o.y),
    o.tail ?? new Uint8Array(0),
  );
}

/** TPMT_PUBLIC of an RSA key (TPM_ALG_RSA). */
export function rsaPubArea(o: { n: Uint8Array; exponent?: number; nameAlg?: number; scheme?: number }): Uint8Array {
  const scheme = o.scheme ?? 0x0010;
  return concatBytes(u16(0x0001), u16(o.nameAlg ?? 0x000b), u32(0x00060472), sized(new Uint8Array(0)), u16(0x0010), u16(scheme), scheme === 0x0010 ? new Uint8Array(0) : u16(0x000b), u16(2048), u32(o.exponent ?? 0), sized(o.n));
}

/** The craft.ts credential public key (SK's) as a CryptoKey, for certificates that certify it. */
export async function credentialCryptoKey(): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('raw', p256.getPublicKey(SK, false), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
}

/** The certificate with its P-256 key's curve OID changed to prime239v3 (1.2.840.10045.3.1.6): it parses, its key cannot be used. */
export function otherCurve(der: Uint8Array): Uint8Array {
  const out = der.slice();
  const at = Buffer.from(out).indexOf(Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]));
  if (at < 0) throw new Error('no P-256 curve OID in the certificate');
  out[at + 9] = 0x06;
  return out;
}
