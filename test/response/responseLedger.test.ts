import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yubicoVectors from '../vectors/yubico-java-webauthn-server.json';
import { findMoreSuites } from '../vectors/sharedVectors.js';
import { carriageTag, stepCarries } from '../../core/ledger/carriage.js';
import { actorName } from '../../core/flows/outcome.js';
import { describe, expect, it } from 'vitest';
import { parseBundle, verifyBundle } from '../../core/bundle/index.js';
import type { CheckResult } from '../../core/check.js';
import { ledgerFromResponse } from '../../core/response/responseLedger.js';
import { RESPONSE_STEPS, responseRun, statedTime } from '../../core/response/responseRun.js';

type Case = { id: string; ceremony: string; verdict: string };
const yubico = yubicoVectors as unknown as Case[];

const check = (id: string, status: CheckResult['status']): CheckResult => ({ id, actor: 'rp', spec: 'WebAuthn L3 §7.2', status, detail: `${id} ${status}` });
const levels = (entries: readonly { property: string; level: string }[]) => Object.fromEntries(entries.map((e) => [e.property, e.level]));

const ALL_PASS = ['rp.challenge', 'rp.origin', 'rp.rpIdHash', 'rp.userPresent', 'rp.userVerified', 'rp.signCount', 'rp.signature'].map((id) => check(id, 'pass'));

describe('ledgerFromResponse (the bundle → ledger mapping)', () => {
  it('a valid device-bound assertion with UV and an increasing counter', () => {
    const l = levels(ledgerFromResponse({ checks: ALL_PASS, flags: { up: true, uv: true, be: false, bs: false }, signCount: 5, storedSignCount: 2, step: 2 }));
    expect(l).toEqual({
      'user-presence': 'attested',
      'user-verification': 'attested',
      'key-possession': 'proven',
      'device-binding': 'attested',
      'origin-binding': 'proven',
      freshness: 'proven',
      'action-binding': 'absent',
      'clone-detection': 'attested',
      // An assertion carries no attestation: its registration would tell the model.
      'authenticator-model': 'absent',
    });
  });

  it('a registration: authenticator-model from rp.attestation and rp.attestationTrust, as every flow’s ledger', () => {
    const reg = (trust: CheckResult, extra: CheckResult[] = []) => ledgerFromResponse({ checks: [...ALL_PASS, ...extra, trust], registration: { trust: { level: 'unverified-chain', model: { name: 'Security Key by Yubico', source: 'aaguid-list' } }, aaguid: new Uint8Array(16).fill(1) }, step: 2 }).find((e) => e.property === 'authenticator-model')!;
    expect(reg(check('rp.attestationTrust', 'skip'))).toMatchObject({ level: 'asserted', evidence: [{ step: 2, check: 'rp.attestationTrust' }], why: expect.stringMatching(/^claims to be Security Key by Yubico/) });
    expect(reg(check('rp.attestationTrust', 'pass'))).toMatchObject({ level: 'attested' });
    expect(reg(check('rp.attestationTrust', 'fail'))).toMatchObject({ level: 'failed', evidence: [{ step: 2, check: 'rp.attestationTrust' }] });
    expect(reg(check('rp.attestationTrust', 'skip'), [check('rp.attestation', 'fail')])).toMatchObject({ level: 'failed', evidence: [{ step: 2, check: 'rp.attestation' }] });
  });

  it('flags prove nothing without a valid signature; a failed signature fails key possession', () => {
    const checks = ALL_PASS.map((c) => (c.id === 'rp.signature' ? check('rp.signature', 'fail') : c));
    const entries = ledgerFromResponse({ checks, flags: { up: true, uv: true, be: false, bs: false }, signCount: 5, storedSignCount: 2, step: 2 });
    const l = levels(entries);
    expect(l['key-possession']).toBe('failed');
    expect(l['user-presence']).toBe('absent');
    expect(l['user-verification']).toBe('absent');
    expect(l['device-binding']).toBe('absent');
    expect(l['clone-detection']).toBe('absent');
    expect(entries.find((e) => e.property === 'user-presence')!.why).toMatch(/signature over the flags failed/);
    // origin and challenge are compared by the RP itself, signature or not.
    expect(l['origin-binding']).toBe('proven');
  });

  it('action binding is proven only by rp.payment; BE=1 and a zero counter leave device binding and clone detection absent', () => {
    const l = levels(ledgerFromResponse({ checks: [...ALL_PASS, check('rp.payment', 'pass')], flags: { up: true, uv: false, be: true, bs: true }, signCount: 0, storedSignCount: 0, step: 2 }));
    expect(l['action-binding']).toBe('proven');
    expect(l['device-binding']).toBe('absent');
    expect(l['clone-detection']).toBe('absent');
    expect(l['user-verification']).toBe('absent');
    const skipped = levels(ledgerFromResponse({ checks: [...ALL_PASS, check('rp.payment', 'skip')], step: 2 }));
    expect(skipped['action-binding']).toBe('absent');
  });

  it('failed checks fail their property; evidence points at the checks and the step', () => {
    const checks = ALL_PASS.map((c) => (c.id === 'rp.challenge' || c.id === 'rp.origin' || c.id === 'rp.signCount' ? check(c.id, 'fail') : c));
    const entries = ledgerFromResponse({ checks, flags: { up: true, uv: true, be: false, bs: false }, signCount: 1, storedSignCount: 9, step: 2 });
    const l = levels(entries);
    expect([l.freshness, l['origin-binding'], l['clone-detection']]).toEqual(['failed', 'failed', 'failed']);
    expect(entries.find((e) => e.property === 'freshness')!.evidence).toEqual([{ step: 2, check: 'rp.challenge' }]);
  });
});

describe('a real response as a read-only run (yubico-java-webauthn-server vectors)', () => {
  const auth = yubico.find((c) => c.id === 'yubico/real/YubiKey5/authentication')!;

  it('a YubiKey 5 assertion is accepted, with its checks at the verify step and a derived ledger', async () => {
    const bundle = parseBundle(auth);
    const result = await verifyBundle(bundle);
    expect(result.verdict).toBe('accepted');
    const run = responseRun(bundle, result, 'YubiKey5.json');
    expect(run.steps).toHaveLength(4);
    expect(run.outcome.outcome).toBe('ok');
    expect(run.steps[RESPONSE_STEPS.verify]!.checks).toBe(result.checks);
    expect(run.steps[RESPONSE_STEPS.response]!.payloads.map((p) => p.name)).toEqual(expect.arrayContaining(['clientDataJSON', 'authenticatorData', 'signature']));
    const l = levels(run.ledger);
    expect(l['key-possession']).toBe('proven');
    expect(l['user-presence']).toBe('attested');
    expect(l.freshness).toBe('proven');
    expect(l['action-binding']).toBe('absent');
  });

  it('a tampered signature is rejected at rp.signature and the ledger says key possession failed', async () => {
    const bad = structuredClone(auth) as unknown as { response: { response: { signature: string } } };
    const sig = bad.response.response.signature;
    bad.response.response.signature = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    const bundle = parseBundle(bad);
    const run = responseRun(bundle, await verifyBundle(bundle), 'tampered.json');
    expect(run.outcome.outcome).toBe('blocked');
    expect(run.outcome.check).toBe('rp.signature');
    expect(levels(run.ledger)['key-possession']).toBe('failed');
  });

  it('a registration response shows its attestationObject', async () => {
    const reg = yubico.find((c) => c.id === 'yubico/real/YubiKey5/registration')!;
    // A registration's run states the time its attestation was judged at (here a fixed one).
    const bundle = statedTime(parseBundle(reg), Date.parse('2026-12-01T10:00:00Z'));
    const result = await verifyBundle(bundle);
    const run = responseRun(bundle, result, 'reg.json');
    expect(result.verdict).toBe('accepted');
    expect(run.steps[RESPONSE_STEPS.response]!.payloads.map((p) => p.name)).toContain('attestationObject');
    expect(run.outcome.outcome).toBe('ok');
  });
});

describe('a real registration: the attestation statement is the signature over its flags', () => {
  const NOW = Date.parse('2026-12-02T06:00:00Z');
  const open = async (file: string) => {
    const bundle = statedTime(parseBundle(JSON.parse(readFileSync(join(findMoreSuites(), file), 'utf8'))), NOW);
    const result = await verifyBundle(bundle);
    expect(result.verdict).toBe('accepted');
    return Object.fromEntries(responseRun(bundle, result, file).ledger.map((e) => [e.property, e]));
  };

  it('packed x5c (basic): UP attested under the verified attestation signature, possession of the new key not yet proven', async () => {
    const l = await open('webauthn-ruby__security_key_packed_x5c.json');
    expect(l['user-presence']).toMatchObject({ level: 'attested', why: expect.stringMatching(/^UP=1 under the verified attestation signature/), evidence: [{ step: 2, check: 'rp.userPresent' }, { step: 2, check: 'rp.attestation' }] });
    expect(l['device-binding']!.level).toBe('attested');
    expect(l['key-possession']).toMatchObject({ level: 'absent', why: expect.stringMatching(/only by self attestation/) });
  });

  it('packed self attestation: the credential key signed, so possession is proven', async () => {
    const l = await open('duo-labs-webauthn__registration__packed-self-macos.json');
    expect(l['key-possession']).toMatchObject({ level: 'proven', evidence: [{ step: 2, check: 'rp.attestation' }] });
    expect(l['user-presence']!.level).toBe('attested');
  });

  it("the diagram says the authenticator signed the response, not the browser that handed it over", async () => {
    const bundle = parseBundle(yubico.find((c) => c.id === 'yubico/real/YubiKey5/authentication'));
    const run = responseRun(bundle, await verifyBundle(bundle), 'YubiKey5.json');
    const c = stepCarries(run.steps, RESPONSE_STEPS.response);
    expect(c).toMatchObject({ kind: 'signed', signer: 'authn', key: 'the authenticator’s credential key' });
    expect(carriageTag(c!, actorName)).toBe('signed · authenticator');
  });

  it('attestation none: nothing signs the flags', async () => {
    const l = await open('duo-labs-webauthn__registration__none-titan.json');
    expect(l['user-presence']).toMatchObject({ level: 'absent', why: expect.stringMatching(/no verified attestation signature covers the flags/) });
    expect(l['key-possession']!.level).toBe('absent');
  });
});
