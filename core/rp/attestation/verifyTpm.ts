import { bytesToHex, concatBytes, equalBytes } from '../../codec/bytes.js';
import { coseAlgName } from '../../codec/cose.js';
import { verifySignature } from '../../crypto/verify.js';
import { certificateEku, certificateSan, certificateSignature, nameAttributes, type ParsedCertificate } from './certificate.js';
import { hashForAlg } from './hashForAlg.js';
import { certificateAaguidRequirement } from './verifyPacked.js';
import { NAME_HASHES, TPM_GENERATED_VALUE, TPM_MANUFACTURERS, TPM_ST_ATTEST_CERTIFY, parseCertInfo, parsePubArea, pubAreaIsKey, tpmName } from './tpmStructures.js';
import { Requirements, stmtAlg, stmtBytes, stmtX5c, type AttestationInput, type AttestationOutcome } from './types.js';

/** tcg-kp-AIKCertificate: the extended key usage of an attestation identity key certificate. */
const OID_TCG_KP_AIK_CERTIFICATE = '2.23.133.8.3';
/** tcg-at-tpmManufacturer, tcg-at-tpmModel, tcg-at-tpmVersion (TPMv2-EK-Profile §3.2.9). */
const OID_TPM = { manufacturer: '2.23.133.2.1', model: '2.23.133.2.2', version: '2.23.133.2.3' } as const;

/**
 * The AIK certificate requirements of WebAuthn L3 §8.3.1, one check each: version 3, empty
 * subject, a subject alternative name with the TPM manufacturer, model and version
 * (TPMv2-EK-Profile §3.2.9), the EKU tcg-kp-AIKCertificate, basic constraints CA false; and the
 * AAGUID extension, if present, equal to authData's AAGUID. Returns what the SAN says.
 */
function aikCertificateRequirements(r: Requirements, cert: ParsedCertificate, aaguid: Uint8Array | undefined): string[] {
  const facts: string[] = [];
  r.need('certVersion', 'version 3', cert.version === 3, 'the AIK certificate is X.509 version 3', `expected an X.509 version 3 AIK certificate, got version ${cert.version}`, 'tpmCertificate');
  r.need('certSubject', 'subject empty', cert.subject === '', 'the AIK certificate subject is empty', `expected an empty subject on the AIK certificate, got ${JSON.stringify(cert.subject)}`, 'tpmCertificate');
  try {
    const san = certificateSan(cert);
    const dir = san?.find((g) => g.directoryName)?.directoryName;
    const attrs = dir ? nameAttributes(dir) : undefined;
    const manufacturer = attrs?.get(OID_TPM.manufacturer)?.[0];
    const model = attrs?.get(OID_TPM.model)?.[0];
    const version = attrs?.get(OID_TPM.version)?.[0];
    const id = manufacturer && /^id:[0-9A-Fa-f]{8}$/.test(manufacturer) ? manufacturer.slice(3).toUpperCase() : undefined;
    const vendor = id ? TPM_MANUFACTURERS[id] : undefined;
    if (id) facts.push(`TPM ${vendor ?? `vendor id ${id}`}${model ? `, model ${model}` : ''}${version ? `, firmware ${version}` : ''}`);
    r.need(
      'certSan',
      'subject alternative name: TPM manufacturer, model, version',
      !!(id && model && version),
      `SAN names the TPM: manufacturer ${manufacturer} (${vendor ?? 'not in the TCG vendor registry'}), model ${JSON.stringify(model)}, version ${JSON.stringify(version)}`,
      !san
        ? 'expected a subject alternative name with the TPM manufacturer, model and version, got no subjectAltName extension'
        : `expected a SAN directoryName with tcg-at-tpmManufacturer ("id:" and 8 hex digits), tcg-at-tpmModel and tcg-at-tpmVersion, got manufacturer ${JSON.stringify(manufacturer ?? null)}, model ${JSON.stringify(model ?? null)}, version ${JSON.stringify(version ?? null)}`,
      'tpmCertificate',
    );
  } catch (e) {
    r.malformed('certSan', 'subject alternative name: TPM manufacturer, model, version', e, 'tpmCertificate');
  }
  try {
    const eku = certificateEku(cert);
    r.need(
      'certEku',
      'extended key usage 2.23.133.8.3',
      !!eku?.includes(OID_TCG_KP_AIK_CERTIFICATE),
      'extended key usage tcg-kp-AIKCertificate (2.23.133.8.3)',
      `expected the extended key usage tcg-kp-AIKCertificate (2.23.133.8.3), got ${eku ? eku.join(', ') || 'an empty list' : 'no extKeyUsage extension'}`,
      'tpmCertificate',
    );
  } catch (e) {
    r.malformed('certEku', 'extended key usage 2.23.133.8.3', e, 'tpmCertificate');
  }
  r.need('certCA', 'basic constraints CA false', cert.isCA !== true, `basic constraints CA ${cert.isCA === undefined ? 'absent (false)' : 'false'}`, 'expected basic constraints CA false on the AIK certificate, got CA true', 'tpmCertificate');
  certificateAaguidRequirement(r, cert, aaguid, 'tpmCertificate');
  return facts;
}

/**
 * `tpm` (WebAuthn L3 §8.3), in full: ver "2.0"; pubArea's key is the credential public key;
 * certInfo has magic TPM_GENERATED_VALUE, type TPM_ST_ATTEST_CERTIFY, extraData =
 * hash_alg(authData ‖ clientDataHash) and attested.name = pubArea's Name under its nameAlg; sig over
 * certInfo verifies with the AIK certificate, which meets §8.3.1 (AttCA, trust path x5c).
 */
export async function verifyTpm(input: AttestationInput): Promise<AttestationOutcome> {
  // Intent: the TPM certified exactly this credential key, for exactly this registration.
  const r = new Requirements('rp.tpm', 'tpm');
  const stmt = r.read('syntax', 'attStmt syntax: ver, alg, x5c, sig, certInfo, pubArea', () => ({
    alg: stmtAlg(input.attStmt),
    sig: stmtBytes(input.attStmt, 'sig'),
    certInfoBytes: stmtBytes(input.attStmt, 'certInfo'),
    pubAreaBytes: stmtBytes(input.attStmt, 'pubArea'),
    x5c: stmtX5c(input.attStmt),
  }));
  if (!stmt) return { checks: r.checks, type: 'not-verified' };
  const { alg, sig, certInfoBytes, pubAreaBytes, x5c } = stmt;
  const ver = input.attStmt.get('ver');
  r.need('ver', 'ver is "2.0"', ver === '2.0', 'ver "2.0"', `expected ver "2.0", got ${JSON.stringify(ver ?? null)}`);

  const pubArea = r.read('pubArea', "pubArea's key is the credential public key", () => parsePubArea(pubAreaBytes));
  if (pubArea) {
    const key = input.credentialKey;
    if (!key) r.skip('pubArea', 'pubArea\'s key is the credential public key', 'cannot run: the credential public key is unusable (see rp.credentialKey)');
    else r.need('pubArea', 'pubArea\'s key is the credential public key', pubAreaIsKey(pubArea, key), `pubArea's ${pubArea.key.kty} key (parameters and unique) is the credential public key`, `expected pubArea's parameters and unique to be the credential public key, got a different ${pubArea.key.kty} key: the TPM certified another key`);
  }

  const certInfo = r.read('certInfo', 'certInfo is a TPMS_ATTEST', () => parseCertInfo(certInfoBytes));
  if (certInfo) {
    r.need('magic', 'certInfo.magic is TPM_GENERATED_VALUE', certInfo.magic === TPM_GENERATED_VALUE, 'certInfo.magic is TPM_GENERATED_VALUE (0xff544347): the TPM made this structure', `expected certInfo.magic TPM_GENERATED_VALUE 0xff544347, got 0x${certInfo.magic.toString(16)}`);
    r.need('type', 'certInfo.type is TPM_ST_ATTEST_CERTIFY', certInfo.type === TPM_ST_ATTEST_CERTIFY, 'certInfo.type is TPM_ST_ATTEST_CERTIFY (0x8017)', `expected certInfo.type TPM_ST_ATTEST_CERTIFY 0x8017, got 0x${certInfo.type.toString(16)}`);
    const hash = hashForAlg(alg);
    if (!hash) r.need('extraData', 'certInfo.extraData is the hash of attToBeSigned', false, '', `expected an alg whose hash is known, got ${coseAlgName(alg)}`);
    else {
      const want = hash(concatBytes(input.authData.raw, input.clientDataHash));
      r.need('extraData', 'certInfo.extraData is the hash of attToBeSigned', equalBytes(certInfo.extraData, want), `certInfo.extraData is the ${coseAlgName(alg)} hash of authData ‖ clientDataHash: bound to this registration`, `expected certInfo.extraData = hash(authData ‖ clientDataHash) ${bytesToHex(want).slice(0, 16)}…, got ${bytesToHex(certInfo.extraData).slice(0, 16)}…`);
    }
    if (!pubArea) r.skip('name', 'attested.name is a valid Name for pubArea', 'cannot run: pubArea did not parse');
    else if (!certInfo.attestedName) r.skip('name', 'attested.name is a valid Name for pubArea', 'cannot run: certInfo does not certify an object (see rp.tpm.type)');
    else {
      const name = tpmName(pubAreaBytes, pubArea.nameAlg);
      r.need(
        'name',
        'attested.name is a valid Name for pubArea',
        !!name && equalBytes(name, certInfo.attestedName),
        `certInfo.attested.name is pubArea's Name (nameAlg ${NAME_HASHES[pubArea.nameAlg]?.name} ‖ its hash)`,
        name ? `expected certInfo.attested.name = pubArea's Name ${bytesToHex(name).slice(0, 20)}…, got ${bytesToHex(certInfo.attestedName).slice(0, 20)}…: the TPM certified another key` : `expected pubArea.nameAlg to be SHA-1/256/384/512, got 0x${pubArea.nameAlg.toString(16)}`,
      );
    }
  }

  if (!x5c) {
    r.need('sig', 'sig verifies with aikCert', false, '', 'expected x5c with the AIK certificate (ECDAA is not part of Level 3), got none');
    return { checks: r.checks, type: 'attca' };
  }
  const { cert: aik } = await certificateSignature(r, 'sig', 'sig verifies with aikCert', x5c[0]!, alg, certInfoBytes, sig, { signed: 'certInfo', key: "the AIK certificate's key" });
  if (!aik) return { checks: r.checks, type: 'attca', x5c };
  const facts = aikCertificateRequirements(r, aik, input.authData.attestedCredentialData?.aaguid);
  return { checks: r.checks, type: 'attca', x5c, facts };
}
