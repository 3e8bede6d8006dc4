import type { CheckResult } from '../check.js';
import type { AuthenticatorFlags } from '../codec/authenticatorData.js';
import { PROPERTIES, type LedgerEntry, type Level, type Property } from '../flows/types.js';
import { authenticatorModelLevel } from '../ledger/authenticatorModel.js';
import type { AttestationType, TrustInfo } from '../rp/types.js';

/** What the ledger of a real response is derived from: the RP's checks and the parsed facts. */
export interface ResponseFacts {
  readonly checks: readonly CheckResult[];
  readonly flags?: Pick<AuthenticatorFlags, 'up' | 'uv' | 'be' | 'bs'>;
  readonly signCount?: number;
  readonly storedSignCount?: number;
  /** A registration: who vouches for the authenticator (rp.attestationTrust), its AAGUID, and the attestation type its statement verified as. */
  readonly registration?: { readonly trust?: TrustInfo; readonly aaguid?: Uint8Array; readonly attestationType?: AttestationType };
  /** The step of the pseudo-run the checks ran at (the evidence points there). */
  readonly step: number;
}

type Entry = { level: Level; why: string; checks: string[] };

/**
 * The ledger of a real WebAuthn response (DESIGN.md §3), from its checks alone. The signature that
 * covers the flags is an assertion's rp.signature, or a registration's attestation statement
 * (rp.attestation passed, signed: self, basic, AttCA or AnonCA — not `none`), WebAuthn L3 §6.5:
 * - key-possession proven iff rp.signature passed, or a self attestation (signed with the
 *   credential's own private key) verified;
 * - user-presence / user-verification attested iff the UP / UV flag is set, its check passed and
 *   the signature that covers the flags is valid;
 * - origin-binding proven iff rp.origin passed; freshness proven iff rp.challenge passed;
 * - action-binding proven only iff rp.payment passed (SPC) — a plain assertion binds no action;
 * - device-binding attested iff BE=0 under a valid signature (a backup-eligible key may be synced);
 * - clone-detection attested iff the signature counter is above 0 and increased, under a valid signature;
 * - authenticator-model from a registration's rp.attestation and rp.attestationTrust, as every
 *   flow's ledger (core/ledger/authenticatorModel.ts); an assertion carries no attestation.
 * A check for the property that failed makes it `failed`; nothing establishing it makes it `absent`.
 */
export function ledgerFromResponse(facts: ResponseFacts): LedgerEntry[] {
  const status = (id: string) => facts.checks.find((c) => c.id === id)?.status;
  const type = facts.registration?.attestationType;
  // What signs the authenticator data: an assertion's signature, or a registration's attestation statement.
  const signer = facts.registration ? 'rp.attestation' : 'rp.signature';
  const sig = status(signer);
  const signed = sig === 'pass' && (!facts.registration || (type !== undefined && type !== 'none' && type !== 'not-verified'));
  const flags = facts.flags;
  const unsigned = sig === 'fail' ? 'the signature over the flags failed, so they prove nothing' : facts.registration ? 'no verified attestation signature covers the flags (attestation none, or not verified)' : 'no valid signature covers the flags';
  const under = facts.registration ? 'under the verified attestation signature' : 'under a valid signature';

  const proven = (id: string, yes: string, no: string, missing: string): Entry => {
    const s = status(id);
    if (s === 'pass') return { level: 'proven', why: yes, checks: [id] };
    if (s === 'fail') return { level: 'failed', why: no, checks: [id] };
    return { level: 'absent', why: missing, checks: s ? [id] : [] };
  };

  const flag = (id: string, on: boolean | undefined, name: string, yes: string): Entry => {
    const s = status(id);
    if (s === 'fail') return { level: 'failed', why: `${name} was required and the flag is not set`, checks: [id] };
    if (!on) return { level: 'absent', why: `the ${name} flag is not set`, checks: s ? [id] : [] };
    if (!signed) return { level: 'absent', why: `the ${name} flag is set but ${unsigned}`, checks: [signer] };
    return { level: 'attested', why: yes, checks: [...(s ? [id] : []), signer] };
  };

  const device = (): Entry => {
    if (status('rp.backupFlags') === 'fail') return { level: 'failed', why: 'the backup flags are inconsistent (BS set without BE)', checks: ['rp.backupFlags'] };
    if (!flags) return { level: 'absent', why: 'no authenticatorData flags to read', checks: [] };
    if (flags.be) return { level: 'absent', why: 'BE=1: the credential is backup eligible and may be synced to other devices', checks: [] };
    if (!signed) return { level: 'absent', why: `BE=0 but ${unsigned}`, checks: [signer] };
    return { level: 'attested', why: `BE=0 ${under}: the authenticator says this key cannot leave the device`, checks: [signer] };
  };

  const clone = (): Entry => {
    if (status('rp.signCount') === 'fail') return { level: 'failed', why: 'the signature counter did not increase: a possible clone', checks: ['rp.signCount'] };
    const n = facts.signCount;
    const stored = facts.storedSignCount ?? 0;
    if (n === undefined || n === 0) return { level: 'absent', why: 'the signature counter is 0: the authenticator does not count, so clones cannot be told apart', checks: [] };
    if (n <= stored) return { level: 'absent', why: `the counter ${n} did not increase from ${stored}`, checks: [] };
    if (!signed) return { level: 'absent', why: `the counter increased (${stored} → ${n}) but ${unsigned}`, checks: [signer] };
    return { level: 'attested', why: `the counter increased ${under} (${stored} → ${n})`, checks: [signer, ...(status('rp.signCount') ? ['rp.signCount'] : [])] };
  };

  const model = (): Entry => {
    const reg = facts.registration;
    if (!reg) return { level: 'absent', why: 'a sign-in (assertion) carries no attestation: which authenticator made the key is for its registration to tell', checks: [] };
    const found = (id: string) => facts.checks.find((c) => c.id === id);
    const trust = found('rp.attestationTrust');
    const attestation = found('rp.attestation');
    const m = authenticatorModelLevel({ ...(trust ? { trust } : {}), ...(attestation ? { attestation } : {}), ...(reg.trust ? { info: reg.trust } : {}), ...(reg.aaguid ? { aaguid: reg.aaguid } : {}) });
    return { level: m.level, why: m.why, checks: m.check ? [m.check] : [] };
  };

  const entries: Record<Property, Entry> = {
    'user-presence': flag('rp.userPresent', flags?.up, 'user presence (UP)', `UP=1 ${under}: the authenticator says a person touched it`),
    'user-verification': flag('rp.userVerified', flags?.uv, 'user verification (UV)', `UV=1 ${under}: the authenticator says it verified the user (PIN or biometric)`),
    'key-possession':
      facts.registration && type === 'self' && signed
        ? { level: 'proven', why: 'the self-attestation signature verifies with the credential public key: the authenticator holds its private key', checks: ['rp.attestation'] }
        : facts.registration && type === 'self' && sig === 'fail'
          ? { level: 'failed', why: 'the self-attestation signature does not verify with the credential public key', checks: ['rp.attestation'] }
          : proven('rp.signature', 'the signature verifies with the registered public key', 'the signature does not verify with the registered public key', facts.registration ? 'a registration proves possession of the new key only by self attestation, which this one is not: the first assertion will' : 'no assertion signature was checked'),
    'device-binding': device(),
    'origin-binding': proven('rp.origin', 'clientDataJSON.origin is an origin the RP expects, under the signature', 'clientDataJSON.origin is not an origin the RP expects', 'the origin was not checked'),
    freshness: proven('rp.challenge', 'clientDataJSON.challenge is the challenge the RP issued', 'clientDataJSON.challenge is not the challenge the RP issued', 'the challenge was not checked'),
    'action-binding': proven('rp.payment', 'the SPC payment data matches the transaction (Secure Payment Confirmation)', 'the SPC payment data does not match the transaction', 'nothing in the response names the action: a plain assertion binds no amount or payee'),
    'clone-detection': clone(),
    'authenticator-model': model(),
  };
  return PROPERTIES.map((property) => {
    const e = entries[property];
    return { property, level: e.level, why: e.why, evidence: e.checks.length ? e.checks.map((check) => ({ step: facts.step, check })) : [] };
  });
}
