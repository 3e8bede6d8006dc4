/**
 * checkAttestation's summary check `rp.attestation` (core/rp/attestation/verifyAttestation.ts),
 * the line a person reads first about a registration's attestation: which format, how many
 * requirements held, the type and trust path; the first failed requirement with its clause; an
 * unknown or malformed statement; "not verified" turned into a failure when the RP requires it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { parseAttestationObject } from '../../core/codec/attestationObject.js';
import { checkAttestation, attestationTypeWord, once } from '../../core/rp/attestation/verifyAttestation.js';
import type { AttestationInput } from '../../core/rp/attestation/types.js';
import { craftRegistration } from './craft.js';

function input(v: Parameters<typeof craftRegistration>[0] = {}, over: Partial<AttestationInput> = {}): AttestationInput {
  const reg = craftRegistration(v);
  const ao = parseAttestationObject(reg.attestationObject);
  const key = ao.authData.attestedCredentialData?.credentialPublicKey;
  return { fmt: ao.fmt, attStmt: ao.attStmt, authData: ao.authData, clientDataHash: sha256(reg.clientDataJSON), credentialKey: key && !('error' in key) ? key : undefined, ...over };
}
const head = (r: { checks: { id: string; status: string; detail: string }[] }) => [r.checks[0]!.id, r.checks[0]!.status, r.checks[0]!.detail];

describe('rp.attestation', () => {
  it('skips when the attestationObject did not decode', async () => {
    const r = await checkAttestation(undefined);
    expect(r.checks).toHaveLength(1);
    expect(head(r)).toEqual(['rp.attestation', 'skip', 'cannot run: the attestationObject did not decode']);
    expect(r.type).toBeUndefined();
  });

  it('packed self attestation: every requirement holds, counted, with the type; then the requirements themselves', async () => {
    const r = await checkAttestation(input());
    expect(r.checks[0]!.status).toBe('pass');
    const n = r.checks.slice(1).filter((c) => c.status === 'pass').length;
    const left = r.checks.slice(1).filter((c) => c.status === 'skip').length;
    expect(r.checks[0]!.detail).toBe(`fmt "packed": all ${n} requirements of its verification procedure hold${left ? ` (${left} left to RP policy)` : ''}; attestation type Self`);
    expect(r.checks.slice(1).every((c) => c.id.startsWith('rp.packed.'))).toBe(true);
    expect(r.type).toBe('self');
    expect('x5c' in r).toBe(false);
  });

  it('none: passes as "no attestation", and stays a pass when the RP requires attestation only if verified', async () => {
    const r = await checkAttestation(input({ fmt: 'none' }));
    expect(head(r)).toEqual(['rp.attestation', 'pass', 'fmt "none": all 1 requirements of its verification procedure hold; attestation type None']);
    expect(r.checks[1]).toMatchObject({ id: 'rp.none.attStmt', status: 'pass' });
    const extra = await checkAttestation(input({ fmt: 'none' }, { attStmt: new Map<unknown, unknown>([['sig', new Uint8Array(1)], ['alg', -7]]) }));
    expect(head(extra)).toEqual(['rp.attestation', 'fail', 'expected every requirement of the "none" verification procedure to hold, but rp.none.attStmt (§8.7 (attStmt is an empty map)) does not: expected an empty attStmt for fmt "none", got 2 member(s): sig, alg']);
  });

  it('names the first failed requirement with its clause, and the others by id', async () => {
    const bad = input({ mutateSignature: (s) => { const c = s.slice(); c[10]! ^= 1; return c; } });
    const r = await checkAttestation(bad);
    expect(r.checks[0]!.status).toBe('fail');
    const failed = r.checks.slice(1).filter((c) => c.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(r.checks[0]!.detail.startsWith(`expected every requirement of the "packed" verification procedure to hold, but ${failed[0]!.id} (${failed[0]!.spec.replace(/^WebAuthn L3 /, '')}) does not: ${failed[0]!.detail}`)).toBe(true);
    const two = await checkAttestation(input({ attAlg: -257 }, { clientDataHash: new Uint8Array(32) }));
    const f2 = two.checks.slice(1).filter((c) => c.status === 'fail');
    expect(f2.length).toBeGreaterThan(1);
    expect(two.checks[0]!.detail.endsWith(` (and ${f2.slice(1).map((c) => c.id).join(', ')})`)).toBe(true);
  });

  it('an unknown or misspelled format, and a statement that does not parse, fail as not verified', async () => {
    const unknown = await checkAttestation(input({}, { fmt: 'Packed' }));
    expect(head(unknown)).toEqual([
      'rp.attestation',
      'fail',
      'expected a registered attestation statement format (step 21 matches fmt case-sensitively against "packed", "tpm", "android-key", "android-safetynet", "fido-u2f", "none", "apple"), got "Packed": a statement that cannot be verified cannot pass step 22',
    ]);
    expect(unknown.type).toBe('not-verified');
    expect((await checkAttestation(input({}, { fmt: 'toString' }))).checks[0]!.status).toBe('fail');
    const malformed = await checkAttestation(input({}, { fmt: 'fido-u2f', attStmt: new Map([['x5c', 'not an array']]) }));
    expect(malformed.checks[0]!.status).toBe('fail');
    expect(malformed.type).toBe('not-verified');
  });

  it('words the attestation types as §6.5.3 does; loads a module once', async () => {
    expect(['none', 'self', 'basic', 'attca', 'basic-or-attca', 'anonca', 'not-verified'].map((t) => attestationTypeWord(t as never))).toEqual(['None', 'Self', 'Basic', 'AttCA', 'Basic or AttCA', 'AnonCA', 'not verified']);
    let loads = 0;
    const load = once(async () => ++loads);
    expect([await load(), await load()]).toEqual([1, 1]);
    expect(loads).toBe(1);
  });
});

describe('rp.attestation: not verified, the trust path and RP policy', () => {
  it('a statement whose requirements could not run is "not verified" (skip), a failure when the RP requires attestation', async () => {
    const noKey = input({}, { credentialKey: undefined });
    const r = await checkAttestation(noKey);
    expect(head(r)).toEqual(['rp.attestation', 'skip', 'not verified (format "packed"): cannot run: the credential public key is unusable (see rp.credentialKey)']);
    expect(r.type).toBe('self');
    const required = await checkAttestation(noKey, { require: true });
    expect(head(required)).toEqual(['rp.attestation', 'fail', 'not verified (format "packed"): cannot run: the credential public key is unusable (see rp.credentialKey); the RP requires verified attestation']);
    // A statement that verified stays a pass when the RP requires attestation.
    expect((await checkAttestation(input(), { require: true })).checks[0]!.status).toBe('pass');
    expect((await checkAttestation(input({ fmt: 'none' }), { require: true })).checks[0]!.status).toBe('pass');
  });

  it('names the trust path by its number of certificates', async () => {
    const { makeChain, withPackedX5c } = await import('./pki.js');
    const { leaf, inter } = await makeChain();
    const reg = craftRegistration({ fmt: 'none' });
    for (const [chain, words] of [[[], '1 certificate'], [[inter], '2 certificates']] as const) {
      const ao = parseAttestationObject(await withPackedX5c(reg.attestationObject, reg.clientDataJSON, leaf, [...chain]));
      const key = ao.authData.attestedCredentialData!.credentialPublicKey;
      const r = await checkAttestation({ fmt: ao.fmt, attStmt: ao.attStmt, authData: ao.authData, clientDataHash: sha256(reg.clientDataJSON), credentialKey: 'error' in key ? undefined : key });
      expect(r.checks[0]!.status).toBe('pass');
      expect(r.checks[0]!.detail.endsWith(`; attestation type Basic or AttCA, trust path x5c (${words})`)).toBe(true);
      expect(r.x5c).toHaveLength(chain.length + 1);
      expect(r.type).toBe('basic-or-attca');
    }
  });

  it('a statement the procedure cannot even read fails as not verified, naming the format', async () => {
    const r = await checkAttestation(input({ fmt: 'none' }, { attStmt: {} as Map<unknown, unknown> }));
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]!.status).toBe('fail');
    expect(r.checks[0]!.detail).toMatch(/^expected a well-formed "none" attestation statement, but ./);
    expect(r.type).toBe('not-verified');
  });
});
