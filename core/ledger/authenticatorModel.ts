import type { CheckResult } from '../check.js';
import type { Level } from '../flows/types.js';
import { aaguidString } from '../rp/attestation/aaguid.js';
import { authenticatorModelLine } from '../rp/modelLine.js';
import type { TrustInfo } from '../rp/types.js';

/**
 * The ledger's `authenticator-model` ("which authenticator is this, and does anyone vouch for
 * it?") from a registration's real checks — `rp.attestation` (the statement, WebAuthn L3 §7.1
 * steps 21–22) and `rp.attestationTrust` (who vouches, steps 23–24) — and the model line
 * (core/rp/modelLine.ts) the RP derived with them. Never a table of devices:
 * - failed: the attestation statement or its trust path was checked and failed (a REVOKED
 *   metadata status included);
 * - attested: the x5c chain verified to a root the user trusts, or to the roots of the AAGUID's
 *   FIDO metadata entry;
 * - asserted (people read "claimed"): a model named only by the authenticator — its AAGUID (a
 *   community-list name, or an id no list names), or a certificate chain nobody anchored;
 * - absent: no attestation and an all-zero AAGUID, so nothing names the model.
 */
export interface ModelFacts {
  /** The `rp.attestation` check of the registration, when it ran. */
  readonly attestation?: CheckResult;
  /** The `rp.attestationTrust` check of the registration, when it ran. */
  readonly trust?: CheckResult;
  /** What the RP derived from them (RegistrationInfo.trust). */
  readonly info?: TrustInfo;
  /** The AAGUID of the attested credential data, when it was read. */
  readonly aaguid?: Uint8Array;
}

/** A level, why, and the check it rests on (null where nothing was checked). */
export interface ModelLevel {
  readonly level: Level;
  readonly why: string;
  readonly check: 'rp.attestation' | 'rp.attestationTrust' | null;
}

/** The level of `authenticator-model` from a registration's checks (see {@link ModelFacts}). */
export function authenticatorModelLevel(f: ModelFacts): ModelLevel {
  if (!f.trust) return { level: 'absent', why: 'no registration was verified: nothing tells the relying party which authenticator made the key', check: null };
  if (f.attestation?.status === 'fail') return { level: 'failed', why: `the attestation statement failed its check, so it says nothing about the model: ${f.attestation.detail}`, check: 'rp.attestation' };
  if (f.trust.status === 'fail') return { level: 'failed', why: `the check of who vouches for the authenticator failed: ${f.trust.detail}`, check: 'rp.attestationTrust' };
  const line = authenticatorModelLine(f.info);
  if (f.trust.status === 'pass') return { level: 'attested', why: `${line}: someone you trust vouches for the model`, check: 'rp.attestationTrust' };
  const named = f.aaguid !== undefined && f.aaguid.some((b) => b !== 0);
  if (f.info?.level === 'unverified-chain') return { level: 'asserted', why: `${line}: the authenticator’s word, since no trust anchor was given`, check: 'rp.attestationTrust' };
  if (named && f.info?.model) return { level: 'asserted', why: `${line}: only the authenticator’s word, which nobody vouches for`, check: 'rp.attestationTrust' };
  const statement = f.info?.level === 'self' ? 'self attestation (the key signs for itself)' : 'no attestation';
  if (named) return { level: 'asserted', why: `AAGUID ${aaguidString(f.aaguid!)}, in no list, and ${statement}: the authenticator names its model and nobody vouches for it`, check: 'rp.attestationTrust' };
  return { level: 'absent', why: `${statement} and an all-zero AAGUID: nothing tells the relying party which authenticator this is`, check: 'rp.attestationTrust' };
}
