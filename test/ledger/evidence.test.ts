import { describe, expect, it } from 'vitest';
import { bytesToUtf8, PROPERTIES, recordRun, type FlowId, type FlowOptions, type Run, type ScenarioId } from '../../core/index.js';
import { actorName } from '../../core/flows/outcome.js';
import { carriageSentence, carriageTag, stepCarries } from '../../core/ledger/carriage.js';
import { propertyEvidence } from '../../core/ledger/evidenceBytes.js';
import { decidedAt, decidingStep, ledgerAt } from '../../core/ledger/timeline.js';

const runs = new Map<string, Promise<Run>>();
function run(flow: FlowId, scenario: ScenarioId = 'honest', options: FlowOptions = {}): Promise<Run> {
  const key = JSON.stringify([flow, scenario, options]);
  if (!runs.has(key)) runs.set(key, recordRun({ flow, scenario, options, seed: 1 }));
  return runs.get(key)!;
}

const stepOf = (r: Run, op: string, from?: string) => r.steps.filter((s) => s.op === op && (from === undefined || s.from === from)).at(-1)!;

describe('ledgerAt: the ledger as it grows step by step', () => {
  it('reads "not yet" everywhere before the first step and the run’s own ledger at the end', async () => {
    const r = await run('webauthn');
    expect(ledgerAt(r, 0).every((c) => c.level === null && c.step === null)).toBe(true);
    const end = ledgerAt(r, r.steps.length);
    expect(end.map((c) => [c.property, c.level])).toEqual(PROPERTIES.map((p) => [p, r.ledger.find((l) => l.property === p)!.level]));
  });

  it('decides key-possession at the step whose signature check ran, not before', async () => {
    const r = await run('webauthn');
    const verify = stepOf(r, 'rp.verifyAssertion').index;
    const kp = (pos: number) => ledgerAt(r, pos).find((c) => c.property === 'key-possession')!;
    expect(kp(verify).level).toBeNull();
    expect(kp(verify + 1)).toMatchObject({ level: 'proven', step: verify, check: 'rp.signature', changed: true });
    expect(kp(verify + 2).changed).toBe(false);
    expect(decidedAt(r, verify).map((e) => e.property)).toContain('key-possession');
  });

  it('decides a property nothing establishes at the run’s last step', async () => {
    const r = await run('biometric-only');
    const entry = r.ledger.find((l) => l.property === 'key-possession')!;
    expect(entry.level).toBe('absent');
    expect(decidingStep(entry, r.steps)).toBe(r.steps.length - 1);
    expect(ledgerAt(r, r.steps.length - 1).find((c) => c.property === 'key-possession')!.level).toBeNull();
    // Once the run is over it reads its level, with no step to point at, and no step lists it.
    expect(ledgerAt(r, r.steps.length).find((c) => c.property === 'key-possession')).toMatchObject({ level: 'absent', byEnd: true });
    expect(decidedAt(r, r.steps.length - 1).map((e) => e.property)).not.toContain('key-possession');
  });

  it('points a WebAuthn run blocked before its assertion at no registration step (03-phishing-relay)', async () => {
    const r = await run('webauthn', 'phishing-relay');
    // The browser refuses the look-alike origin: no assertion is made, so no RP check of one ran.
    expect(r.steps.some((s) => s.op === 'rp.verifyAssertion')).toBe(false);
    const registration = stepOf(r, 'rp.verifyRegistration').index;
    for (const property of ['user-presence', 'user-verification', 'freshness', 'key-possession'] as const) {
      const entry = r.ledger.find((l) => l.property === property)!;
      // Not the registration's check of the same id (rp.userPresent, rp.challenge at step 7): nothing decides it.
      expect(entry.evidence.map((e) => e.step)).not.toContain(registration);
      expect(entry).toMatchObject({ level: 'absent', evidence: [] });
      expect(entry.why).toMatch(/the run stopped before/);
      expect(decidingStep(entry, r.steps)).toBe(r.steps.length - 1);
      const cell = ledgerAt(r, r.steps.length).find((c) => c.property === property)!;
      expect(cell).toMatchObject({ level: 'absent', byEnd: true });
      expect(ledgerAt(r, r.steps.length - 1).find((c) => c.property === property)!.level).toBeNull();
    }
    // What the refusing step did decide: origin binding failed there, and only that is listed at it.
    const refused = r.steps.length - 1;
    expect(r.steps[refused]!.checks.find((c) => c.id === 'ua.rpId')?.status).toBe('fail');
    expect(ledgerAt(r, r.steps.length).find((c) => c.property === 'origin-binding')).toMatchObject({ level: 'failed', step: refused, byEnd: false });
    expect(decidedAt(r, refused).map((e) => e.property)).toEqual(['origin-binding']);
    // The registration decides only what it is about: which authenticator made the key.
    expect(decidedAt(r, registration).map((e) => e.property)).toEqual(['authenticator-model']);
  });

  it('still decides a completed assertion’s properties at its verification step', async () => {
    const r = await run('webauthn');
    const verify = stepOf(r, 'rp.verifyAssertion').index;
    for (const property of ['user-presence', 'user-verification', 'freshness', 'origin-binding'] as const) {
      expect(ledgerAt(r, r.steps.length).find((c) => c.property === property)).toMatchObject({ step: verify, byEnd: false });
    }
  });

  it('shows a failed check as failed at its step', async () => {
    const r = await run('webauthn', 'byte-tamper');
    const cell = ledgerAt(r, r.steps.length).find((c) => c.property === 'key-possession')!;
    expect(cell.level).toBe('failed');
    expect(r.steps[cell.step!]!.checks.find((c) => c.id === 'rp.signature')?.status).toBe('fail');
  });
});

describe('stepCarries: signatures and claims, from the bytes', () => {
  it('finds the authenticator as the signer of an assertion, also where the browser forwards it', async () => {
    const r = await run('webauthn');
    for (const op of ['authn.getAssertion', 'rp.receiveAssertion']) {
      const c = stepCarries(r.steps, stepOf(r, op).index);
      expect(c).toMatchObject({ kind: 'signed', signer: 'authn', key: 'the authenticator’s credential key' });
    }
    const c = stepCarries(r.steps, stepOf(r, 'rp.receiveAssertion').index)!;
    expect(carriageTag(c, actorName)).toBe('signed · authenticator');
    expect(carriageSentence(c, actorName)).toMatch(/^signed by the authenticator’s credential key/);
  });

  it('says what a plain assertion’s signature covers and what it does not', async () => {
    const c = stepCarries((await run('webauthn')).steps, stepOf(await run('webauthn'), 'rp.receiveAssertion').index);
    if (c?.kind !== 'signed') throw new Error('expected a signature');
    expect(c.covers).toEqual(expect.arrayContaining(['rpIdHash (which RP ID)', 'flags (UP, UV, BE, BS)', 'signCount', 'challenge', 'origin']));
    expect(c.notCovered).toEqual(['the amount and payee (the request body)']);
  });

  it('counts the payee and amount as covered where SPC or dynamic linking puts them under the signature', async () => {
    const spc = await run('webauthn', 'honest', { binding: 'spc' });
    const s = stepCarries(spc.steps, stepOf(spc, 'rp.receiveAssertion').index);
    expect(s?.kind === 'signed' && s.covers).toContain('payment (payee and amount the browser displayed)');
    const ch = await run('webauthn', 'honest', { binding: 'challenge' });
    const c = stepCarries(ch.steps, stepOf(ch, 'rp.receiveAssertion').index);
    expect(c?.kind === 'signed' && c.covers).toContain('challenge (nonce ‖ SHA-256 of the action)');
  });

  it('reads the biometric-only approval as an unsigned claim with a bearer token', async () => {
    const r = await run('biometric-only');
    expect(stepCarries(r.steps, stepOf(r, 'bank.receiveApproval').index)).toEqual({ kind: 'claim', claims: ['approved: true', 'biometricVerified: true'], bearer: true });
    expect(stepCarries(r.steps, stepOf(r, 'app.biometricResult').index)).toEqual({ kind: 'claim', claims: ['success: true'], bearer: false });
    expect(carriageTag(stepCarries(r.steps, stepOf(r, 'bank.receiveApproval').index)!, actorName)).toBe('claim + bearer');
  });

  it('reads the device key’s approval as signed by the keystore, and a forged one as signed by the attacker', async () => {
    const dk = await run('device-key');
    expect(stepCarries(dk.steps, stepOf(dk, 'bank.receiveSignedApproval').index)).toMatchObject({ kind: 'signed', signer: 'keystore', bearer: true });
    const forged = await run('webauthn', 'forged-approval');
    expect(stepCarries(forged.steps, stepOf(forged, 'rp.receiveAssertion').index)).toMatchObject({ kind: 'signed', signer: 'attacker' });
  });

  it('finds nothing in options, pages and local steps', async () => {
    const r = await run('webauthn');
    for (const op of ['rp.transactionCreated', 'user.review', 'rp.verifyAssertion', 'rp.policy']) expect(stepCarries(r.steps, stepOf(r, op).index)).toBeNull();
  });
});

describe('propertyEvidence: the bytes behind a ledger cell', () => {
  const text = (r: Run, e: { step: number; payload: string; start: number; end: number }) =>
    bytesToUtf8(r.steps[e.step]!.payloads.find((p) => p.name === e.payload)!.bytes.subarray(e.start, e.end));

  it('key-possession: the signature and the bytes it signs', async () => {
    const r = await run('webauthn');
    const ev = propertyEvidence(r, 'key-possession');
    expect(ev.step).toBe(stepOf(r, 'rp.verifyAssertion').index);
    expect(ev.ranges.map((x) => x.payload)).toEqual(['signature', 'authenticatorData', 'clientDataJSON']);
    const dk = await run('device-key');
    expect(propertyEvidence(dk, 'key-possession').ranges.map((x) => text(dk, x).split(':')[0])).toEqual(['"signature"', '"challenge"', '"action"']);
  });

  it('action-binding: the SPC payment member, the challenge, or the words that nothing binds it', async () => {
    const spc = await run('webauthn', 'honest', { binding: 'spc' });
    const p = propertyEvidence(spc, 'action-binding');
    expect(p.ranges).toHaveLength(1);
    expect(text(spc, p.ranges[0]!)).toMatch(/^"payment":\{/);
    const ch = await run('webauthn', 'honest', { binding: 'challenge' });
    expect(text(ch, propertyEvidence(ch, 'action-binding').ranges[0]!)).toMatch(/^"challenge":"/);
    const none = propertyEvidence(await run('webauthn'), 'action-binding');
    expect(none).toMatchObject({ ranges: [], note: 'Nothing signed names the amount or payee.' });
    expect(propertyEvidence(await run('biometric-only'), 'action-binding').note).toBe('Nothing signed names the amount or payee.');
  });

  it('origin-binding: clientDataJSON origin and rpIdHash', async () => {
    const r = await run('webauthn');
    const ev = propertyEvidence(r, 'origin-binding');
    expect(text(r, ev.ranges[0]!)).toBe('"origin":"https://example.com"');
    expect(ev.ranges[1]).toMatchObject({ payload: 'authenticatorData', start: 0, end: 32, label: 'rpIdHash' });
  });

  it('points every property of every flow at bytes or at a sentence', async () => {
    for (const flow of ['webauthn', 'biometric-only', 'device-key'] as const) {
      const r = await run(flow);
      for (const p of PROPERTIES) {
        const ev = propertyEvidence(r, p);
        expect(ev.ranges.length > 0 || (ev.note ?? '').length > 0, `${flow} ${p}`).toBe(true);
        for (const x of ev.ranges) expect(x.end).toBeGreaterThan(x.start);
      }
    }
  });
});
