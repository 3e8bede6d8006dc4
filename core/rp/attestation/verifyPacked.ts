import { coseAlgName } from '../../codec/cose.js';
import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { verifySignature } from '../../crypto/verify.js';
import { OID_NAME, certificateAaguid, certificateSignature, type ParsedCertificate } from './certificate.js';
import { Requirements, stmtAlg, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/** ISO 3166 alpha-2: two capital letters (the certificate requirements ask for the vendor's country code). */
const COUNTRY = /^[A-Z]{2}$/;

/**
 * The attestation certificate requirements of WebAuthn L3 §8.2.1, one check each: version 3;
 * subject C (ISO 3166 code), O (the vendor), OU the literal "Authenticator Attestation", CN set;
 * the AAGUID extension, if present, not critical and equal to authData's AAGUID; basic
 * constraints CA false. Shared by every format that refers to §8.2.1.
 */
export function packedCertificateRequirements(r: Requirements, cert: ParsedCertificate, aaguid: Uint8Array | undefined): void {
  const attr = (oid: string): string[] => [...(cert.subjectAttributes.get(oid) ?? [])];
  r.need('certVersion', 'version 3', cert.version === 3, 'the attestation certificate is X.509 version 3', `expected an X.509 version 3 attestation certificate, got version ${cert.version}`, 'packedCertificate');
  const c = attr(OID_NAME.C);
  const o = attr(OID_NAME.O);
  const ou = attr(OID_NAME.OU);
  const cn = attr(OID_NAME.CN);
  const problems: string[] = [];
  if (c.length !== 1 || !COUNTRY.test(c[0]!)) problems.push(`C ${c.length ? JSON.stringify(c.join(',')) : 'missing'} (an ISO 3166 code)`);
  if (o.length !== 1 || o[0]!.trim() === '') problems.push(`O ${o.length ? JSON.stringify(o.join(',')) : 'missing'} (the vendor's legal name)`);
  if (ou.length !== 1 || ou[0] !== 'Authenticator Attestation') problems.push(`OU ${ou.length ? JSON.stringify(ou.join(',')) : 'missing'} (the literal "Authenticator Attestation")`);
  if (cn.length !== 1 || cn[0]!.trim() === '') problems.push(`CN ${cn.length ? JSON.stringify(cn.join(',')) : 'missing'}`);
  r.need(
    'certSubject',
    'subject C, O, OU = "Authenticator Attestation", CN',
    problems.length === 0,
    `subject C=${c[0]}, O=${JSON.stringify(o[0])}, OU="Authenticator Attestation", CN=${JSON.stringify(cn[0])}`,
    `expected the subject fields of §8.2.1, got ${problems.join('; ')}`,
    'packedCertificate',
  );
  certificateAaguidRequirement(r, cert, aaguid, 'packedCertificate');
  r.need('certCA', 'basic constraints CA false', cert.isCA !== true, `basic constraints CA ${cert.isCA === undefined ? 'absent (false)' : 'false'}`, 'expected basic constraints CA false on the attestation certificate, got CA true', 'packedCertificate');
}

/**
 * If the certificate carries id-fido-gen-ce-aaguid, it must not be critical and must equal
 * authData's AAGUID (§8.2.1, and §8.2 / §8.3 "verify that the value of this extension matches").
 */
export function certificateAaguidRequirement(r: Requirements, cert: ParsedCertificate, aaguid: Uint8Array | undefined, section: 'packedCertificate' | 'tpmCertificate'): void {
  let ext: ReturnType<typeof certificateAaguid>;
  try {
    ext = certificateAaguid(cert);
  } catch (e) {
    r.malformed('certAaguid', 'id-fido-gen-ce-aaguid', e, section);
    return;
  }
  if (!ext) {
    r.need('certAaguid', 'id-fido-gen-ce-aaguid', true, 'no id-fido-gen-ce-aaguid extension (optional)', '', section);
    return;
  }
  const problems: string[] = [];
  if (ext.critical) problems.push('the extension is marked critical');
  if (!aaguid || !equalBytes(ext.aaguid, aaguid)) problems.push(`its AAGUID ${bytesToHex(ext.aaguid)} is not authData's ${aaguid ? bytesToHex(aaguid) : '(none)'}`);
  r.need('certAaguid', 'id-fido-gen-ce-aaguid', problems.length === 0, `id-fido-gen-ce-aaguid ${bytesToHex(ext.aaguid)} (not critical) equals authData's AAGUID`, `expected a non-critical id-fido-gen-ce-aaguid equal to authData's AAGUID, but ${problems.join(' and ')}`, section);
}

/**
 * `packed` (WebAuthn L3 §8.2). With x5c: sig over authData ‖ clientDataHash verifies with the
 * attestation certificate's key, the certificate meets §8.2.1 and its AAGUID extension matches
 * (Basic or AttCA, trust path x5c). Without x5c (self attestation): alg is the credential key's
 * and sig verifies with the credential key.
 */
export async function verifyPacked(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: check the statement's signature and every certificate claim that needs no trust root.
  const r = new Requirements('rp.packed', 'packed');
  const stmt = r.read('syntax', 'attStmt syntax: alg, sig, x5c', () => ({ alg: stmtAlg(input.attStmt), sig: stmtBytes(input.attStmt, 'sig'), x5c: stmtX5c(input.attStmt) }));
  if (!stmt) return { checks: r.checks, type: 'not-verified' };
  const { alg, sig, x5c } = stmt;
  const signed = concatBytes(input.authData.raw, input.clientDataHash);
  if (!x5c) {
    const key = input.credentialKey;
    if (!key) {
      r.skip('alg', 'self attestation: alg is the credential key\'s', 'cannot run: the credential public key is unusable (see rp.credentialKey)');
      r.skip('sig', 'self attestation: sig verifies with the credential key', 'cannot run: the credential public key is unusable');
      return { checks: r.checks, type: 'self' };
    }
    r.need('alg', 'self attestation: alg is the credential key\'s', key.alg === alg, `attStmt.alg ${coseAlgName(alg)} is the credential key's`, `expected attStmt.alg to be the credential key's ${coseAlgName(key.alg)}, got ${coseAlgName(alg)}`);
    const v = await verifySignature(key, signed, sig);
    r.need('sig', 'self attestation: sig verifies with the credential key', v.valid, `the ${v.algorithm} signature over authData ‖ clientDataHash verifies with the credential key (the authenticator vouches only for itself)`, `expected the self-attestation signature to verify with the credential key, but ${v.valid ? '' : v.reason}`);
    return { checks: r.checks, type: 'self' };
  }
  const { cert: leaf } = await certificateSignature(r, 'sig', 'x5c: sig verifies with attestnCert', x5c[0]!, alg, signed, sig, { signed: 'authData ‖ clientDataHash', key: "the attestation certificate's (x5c[0]) key" });
  if (!leaf) return { checks: r.checks, type: 'basic-or-attca', x5c };
  packedCertificateRequirements(r, leaf, input.authData.attestedCredentialData?.aaguid);
  return { checks: r.checks, type: 'basic-or-attca', x5c };
}
