/**
 * The ledger's authenticator-model ("which authenticator is this, and does anyone vouch for it?"),
 * from the real checks: rp.attestation and rp.attestationTrust with the model line for WebAuthn
 * registrations (real responses from ../shared/vectors/more-suites and chains made here), and
 * missing — said truthfully — in every flow without WebAuthn attestation. Its deciding step and
 * the bytes behind it (the attStmt, x5c and AAGUID).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decidedAt, propertyEvidence, recordRun, type FlowId, type FlowOptions } from '../../core/index.js';
import { parseBundle, verifyBundle } from '../../core/bundle/index.js';
import { authenticatorModelLevel } from '../../core/ledger/authenticatorModel.js';
import { encodeAttestationObject, parseAttestationObject } from '../../core/codec/attestationObject.js';
import { verifyRegistration } from '../../core/rp/verifyRegistration.js';
import { EXPECTED, craftRegistration } from '../rp/craft.js';
import { issue, makeChain, packedX5cRegistration } from '../rp/pki.js';
import { findMoreSuites } from '../vectors/sharedVectors.js';

const PROPERTY = 'authenticator-model' as const;
const yubico = Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex'));

/** The level a registration result gives (the same call every flow's ledger and the response ledger make). */
function levelOf(r: Awaited<ReturnType<typeof verifyRegistration>>) {
  const trust = r.checks.find((c) => c.id === 'rp.attestationTrust');
  const attestation = r.checks.find((c) => c.id === 'rp.attestation');
  return authenticatorModelLevel({ ...(trust ? { trust } : {}), ...(attestation ? { attestation } : {}), ...(r.info.trust ? { info: r.info.trust } : {}), ...(r.info.aaguid ? { aaguid: r.info.aaguid } : {}) });
}

async function moreSuites(file: string) {
  const result = await verifyBundle(parseBundle(JSON.parse(readFileSync(join(findMoreSuites(), file), 'utf8')) as unknown));
  if (result.ceremony !== 'registration') throw new Error('a registration expected');
  return result;
}

describe('authenticator-model from real registrations', () => {
  it('a real packed x5c registration (a Yubico key) without a trust anchor: claimed by its AAGUID, the chain unanchored', async () => {
    const m = levelOf(await moreSuites('webauthn-ruby__security_key_packed_x5c.json'));
    expect(m).toEqual({ level: 'asserted', check: 'rp.attestationTrust', why: expect.stringMatching(/^claims to be Security Key by Yubico \(AAGUID; its certificate chain is not checked against a root\): the authenticator’s word/) });
  });

  it('the same with its attestation certificate’s OU altered: failed at rp.attestation', async () => {
    const m = levelOf(await moreSuites('webauthn-ruby__security_key_packed_x5c__packed-cert-OU-altered.json'));
    expect(m).toMatchObject({ level: 'failed', check: 'rp.attestation', why: expect.stringMatching(/^the attestation statement failed its check/) });
  });

  it('self attestation with a named AAGUID is claimed; with an all-zero AAGUID it is missing', async () => {
    expect(levelOf(await moreSuites('fido2-lib__registration__packed-self.json'))).toMatchObject({ level: 'asserted', why: expect.stringMatching(/^claims to be Chrome on Mac \(AAGUID, self attestation\): only the authenticator’s word/) });
    expect(levelOf(await moreSuites('webauthn-ruby__security_key_packed_self.json'))).toMatchObject({ level: 'absent', why: 'self attestation (the key signs for itself) and an all-zero AAGUID: nothing tells the relying party which authenticator this is' });
  });

  it('an AAGUID no list names is still the authenticator’s claim', async () => {
    const named = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    // fmt "none" signs nothing, so the AAGUID can be written into authData as is.
    const reg = craftRegistration({ fmt: 'none' });
    const authData = parseAttestationObject(reg.attestationObject).authDataBytes.slice();
    authData.set(named, 37);
    const m = levelOf(await verifyRegistration({ ...reg, attestationObject: encodeAttestationObject('none', new Map(), authData) }, EXPECTED));
    expect(m).toEqual({ level: 'asserted', check: 'rp.attestationTrust', why: 'AAGUID 01020304-0506-0708-090a-0b0c0d0e0f10, in no list, and no attestation: the authenticator names its model and nobody vouches for it' });
  });

  it('a chain to a root you trust is attested even with an all-zero AAGUID', async () => {
    const { leaf, inter, root } = await makeChain();
    const zero = await verifyRegistration(await packedX5cRegistration(leaf, [inter]), EXPECTED, { trust: { roots: [root.der], at: Date.now(), atSource: 'now' } });
    // A zero AAGUID does not stop a chain from being vouched for: the chain, not the AAGUID, is what is attested.
    expect(levelOf(zero)).toMatchObject({ level: 'attested' });
  });

  it('a chain verified to a root you trust is attested; to another root it is failed', async () => {
    const { leaf, inter, root } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter], yubico);
    const ok = levelOf(await verifyRegistration(reg, EXPECTED, { trust: { roots: [root.der], at: Date.now(), atSource: 'now' } }));
    expect(ok).toEqual({ level: 'attested', check: 'rp.attestationTrust', why: expect.stringMatching(/^claims to be YubiKey 5 Series; chain verified to Proofline Test Root at .* \(now\), a root you trust: someone you trust vouches for the model$/) });
    const other = await issue('CN=Someone Else Root', { ca: true });
    expect(levelOf(await verifyRegistration(reg, EXPECTED, { trust: { roots: [other.der], at: Date.now(), atSource: 'now' } }))).toMatchObject({ level: 'failed', check: 'rp.attestationTrust' });
    expect(levelOf(await verifyRegistration(reg, EXPECTED))).toMatchObject({ level: 'asserted' });
  });
});

describe('authenticator-model in every flow’s ledger', () => {
  it('webauthn (simulated: fmt "none", all-zero AAGUID): missing, decided at the registration check, the bytes are the attStmt and the AAGUID', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 3 });
    const entry = run.ledger.find((l) => l.property === PROPERTY)!;
    expect(entry).toMatchObject({ level: 'absent', why: 'no attestation and an all-zero AAGUID: nothing tells the relying party which authenticator this is' });
    const verify = run.steps.find((s) => s.op === 'rp.verifyRegistration')!;
    expect(entry.evidence).toEqual([{ step: verify.index, check: 'rp.attestationTrust' }]);
    expect(decidedAt(run, verify.index).map((e) => e.property)).toContain(PROPERTY);
    const ev = propertyEvidence(run, PROPERTY);
    expect(ev.step).toBe(verify.index);
    expect(ev.ranges.map((r) => r.label)).toEqual(['attStmt (fmt “none”)', 'AAGUID']);
    const ao = run.steps[ev.ranges[0]!.step]!.payloads.find((p) => p.name === ev.ranges[0]!.payload)!.bytes;
    const [stmt, aaguid] = ev.ranges.map((r) => ao.subarray(r.start, r.end));
    expect([...stmt!]).toEqual([0xa0]); // the empty map of fmt "none"
    expect([...aaguid!]).toEqual(new Array(16).fill(0));
    expect(aaguid).toEqual(parseAttestationObject(ao).authData.attestedCredentialData!.aaguid);
  });

  const cases: [FlowId, FlowOptions, string][] = [
    ['biometric-only', {}, 'bank.issueSession'],
    ['device-key', {}, 'bank.registerDeviceKey'],
    ['push-approval', { approvalKey: 'none' }, 'bank.registerDevice'],
    ['push-approval', { approvalKey: 'signed' }, 'bank.registerDevice'],
    ['otp', { channel: 'sms' }, 'bank.registerPhone'],
    ['otp', { channel: 'totp' }, 'app.scanSecret'],
  ];
  for (const [flow, options, op] of cases) {
    it(`${flow} ${JSON.stringify(options)}: missing, decided at enrolment (${op}), and no bytes name a model`, async () => {
      const run = await recordRun({ flow, scenario: 'honest', options, seed: 3 });
      const entry = run.ledger.find((l) => l.property === PROPERTY)!;
      expect(entry.level).toBe('absent');
      expect(entry.why).toMatch(/^nothing tells the bank which device it is: /);
      const at = run.steps.find((s) => s.op === op)!;
      expect(decidedAt(run, at.index).map((e) => e.property)).toContain(PROPERTY);
      const ev = propertyEvidence(run, PROPERTY);
      expect(ev).toMatchObject({ step: at.index, ranges: [], note: `No attestation reaches the verifier: ${entry.why}` });
    });
  }
});

describe('the bytes behind a real x5c attestation', () => {
  it('outline each x5c certificate, the statement’s signature and the AAGUID, exactly', async () => {
    const { leaf, inter } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter], yubico);
    const run = { ledger: [{ property: PROPERTY, level: 'asserted' as const, evidence: [{ step: 0 }], why: '' }], steps: [{ index: 0, phase: 'enroll' as const, kind: 'message' as const, from: 'ua' as const, to: 'rp' as const, label: 'r', caption: 'c', op: 'rp.receiveRegistration', checks: [], knowledge: {}, payloads: [{ name: 'attestationObject', encoding: 'cbor' as const, bytes: reg.attestationObject }] }] };
    const ev = propertyEvidence(run, PROPERTY);
    expect(ev.ranges.map((r) => r.label)).toEqual(['attStmt x5c[0] (the attestation certificate)', 'attStmt x5c[1] (a chain certificate)', 'attStmt sig', 'AAGUID']);
    const att = parseAttestationObject(reg.attestationObject);
    const slice = (i: number) => reg.attestationObject.subarray(ev.ranges[i]!.start, ev.ranges[i]!.end);
    expect(slice(0)).toEqual(leaf.der);
    expect(slice(1)).toEqual(inter.der);
    expect(slice(2)).toEqual(att.attStmt.get('sig'));
    expect(slice(3)).toEqual(yubico);
  });
});
