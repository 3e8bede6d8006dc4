// Test PKI: roots, intermediates and attestation certificates made in the test (node's WebCrypto
// and @peculiar/x509), and registrations whose packed x5c attestation they sign.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeAttestationObject, parseAttestationObject } from '../../core/codec/attestationObject.js';
import { concatBytes } from '../../core/codec/bytes.js';
import { COSE_ALG } from '../../core/codec/cose.js';
import { craftRegistration } from './craft.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface Issued {
  readonly cert: x509.X509Certificate;
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly pem: string;
}

const DAY = 86_400_000;
let serial = 1;

/** A certificate for `subject`, signed by `issuer` (self-signed without one). */
export async function issue(subject: string, opts: { issuer?: Issued; ca: boolean; notBefore?: Date; notAfter?: Date }): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject,
    issuer: opts.issuer ? opts.issuer.cert.subject : subject,
    notBefore: opts.notBefore ?? new Date(Date.now() - 60 * DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: opts.issuer ? opts.issuer.keys.privateKey : keys.privateKey,
    extensions: [new x509.BasicConstraintsExtension(opts.ca, undefined, true)],
  });
  return { cert, der: new Uint8Array(cert.rawData), keys, pem: cert.toString('pem') };
}

/** A root, an intermediate CA and a §8.2.1 attestation certificate under them. */
export async function makeChain(opts: { leafNotAfter?: Date } = {}) {
  const root = await issue('CN=Proofline Test Root, O=Proofline Test', { ca: true });
  const inter = await issue('CN=Proofline Test Intermediate, O=Proofline Test', { ca: true, issuer: root });
  const leaf = await issue('C=SE, O=Proofline Test Vendor, OU=Authenticator Attestation, CN=Proofline Test Key', {
    ca: false,
    issuer: inter,
    ...(opts.leafNotAfter ? { notAfter: opts.leafNotAfter, notBefore: new Date(opts.leafNotAfter.getTime() - 30 * DAY) } : {}),
  });
  return { root, inter, leaf };
}

/** A packed registration whose x5c = [leaf, intermediate] signs authData ‖ clientDataHash, with `aaguid`. */
export async function packedX5cRegistration(leaf: Issued, chain: Issued[], aaguid?: Uint8Array) {
  const reg = craftRegistration({ fmt: 'none' });
  return { ...reg, attestationObject: await withPackedX5c(reg.attestationObject, reg.clientDataJSON, leaf, chain, aaguid) };
}

/** The same registration with a packed x5c statement by `leaf` (and `aaguid` written into authData when given). */
export async function withPackedX5c(attestationObject: Uint8Array, clientDataJSON: Uint8Array, leaf: Issued, chain: Issued[], aaguid?: Uint8Array): Promise<Uint8Array> {
  const authData = parseAttestationObject(attestationObject).authDataBytes.slice();
  if (aaguid) authData.set(aaguid, 37);
  const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, leaf.keys.privateKey, concatBytes(authData, sha256(clientDataJSON))));
  const sig = p256.Signature.fromBytes(raw, 'compact').toBytes('der');
  const attStmt = new Map<string, unknown>([['alg', COSE_ALG.ES256], ['sig', sig], ['x5c', [leaf.der, ...chain.map((c) => c.der)]]]);
  return encodeAttestationObject('packed', attStmt, authData);
}

/** A FIDO MDS3-shaped BLOB (a JWT, ES256) signed by `signer`, whose x5c is signer and its chain. */
export async function mdsBlob(signer: Issued, chain: Issued[], entries: unknown[], opts: { corrupt?: boolean } = {}): Promise<string> {
  const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  const header = b64u(new TextEncoder().encode(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [signer, ...chain].map((c) => Buffer.from(c.der).toString('base64')) })));
  const payload = b64u(new TextEncoder().encode(JSON.stringify({ legalHeader: 'test', no: 42, nextUpdate: '2030-01-01', entries })));
  const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer.keys.privateKey, new TextEncoder().encode(`${header}.${payload}`)));
  if (opts.corrupt) raw[5] = raw[5]! ^ 1;
  return `${header}.${payload}.${b64u(raw)}`;
}

/** An MDS entry for `aaguid` (dashed hex) whose attestation root is `root`. */
export function mdsEntry(aaguid: string, description: string, root: Issued, statusReports: { status: string; effectiveDate: string }[]) {
  return { aaguid, metadataStatement: { description, attestationRootCertificates: [Buffer.from(root.der).toString('base64')] }, statusReports, timeOfLastStatusChange: '2024-01-01' };
}
