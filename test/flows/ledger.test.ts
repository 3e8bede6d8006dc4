import { describe, expect, it } from 'vitest';
import { allFlows, recordRun, type FlowOptions, type Level, type Property } from '../../core/index.js';

/** Every option combination of a flow. */
function optionSets(options: { key: string; values: readonly (string | boolean)[]; omitWhen?: string | boolean }[]): FlowOptions[] {
  // rpFlaw (an option with an omitted default) stays at its default here; test/flows/matrix.test.ts covers the flaws.
  return options.reduce<FlowOptions[]>((sets, o) => sets.flatMap((s) => (o.omitWhen !== undefined ? [o.omitWhen] : o.values).map((v) => ({ ...s, [o.key]: v }))), [{}]);
}

function levels(ledger: readonly { property: Property; level: Level }[]): Record<string, Level> {
  return Object.fromEntries(ledger.map((l) => [l.property, l.level]));
}

describe('the ledger of honest runs (DESIGN.md §3)', () => {
  it('webauthn, default options: possession, origin and freshness proven; flags attested; no action binding', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    expect(levels(run.ledger)).toEqual({
      'user-presence': 'attested', 'user-verification': 'attested', 'key-possession': 'proven', 'device-binding': 'attested',
      'origin-binding': 'proven', freshness: 'proven', 'action-binding': 'absent', 'clone-detection': 'attested',
      // The simulated authenticator sends fmt "none" and an all-zero AAGUID: nothing names its model.
      'authenticator-model': 'absent',
    });
  });

  it('webauthn: binding challenge or spc proves action binding', async () => {
    for (const binding of ['challenge', 'spc'] as const) {
      const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: { binding }, seed: 1 });
      expect(levels(run.ledger)['action-binding']).toBe('proven');
    }
  });

  it('webauthn: a synced passkey has no device binding and no clone detection', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: { credential: 'synced' }, seed: 1 });
    expect(levels(run.ledger)).toMatchObject({ 'device-binding': 'absent', 'clone-detection': 'absent', 'key-possession': 'proven' });
  });

  it('webauthn: UV discouraged leaves user verification absent, presence attested', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: { userVerification: 'discouraged' }, seed: 1 });
    expect(levels(run.ledger)).toMatchObject({ 'user-verification': 'absent', 'user-presence': 'attested' });
  });

  it('biometric-only: presence and verification only asserted, possession absent', async () => {
    for (const replayGuard of ['none', 'tx-state'] as const) {
      const run = await recordRun({ flow: 'biometric-only', scenario: 'honest', options: { replayGuard }, seed: 1 });
      expect(levels(run.ledger)).toEqual({
        'user-presence': 'asserted', 'user-verification': 'asserted', 'key-possession': 'absent', 'device-binding': 'absent',
        'origin-binding': 'absent', freshness: replayGuard === 'tx-state' ? 'asserted' : 'absent', 'action-binding': 'absent', 'clone-detection': 'absent',
        'authenticator-model': 'absent',
      });
    }
  });

  it('device-key: possession, freshness and action binding proven; no origin binding', async () => {
    const run = await recordRun({ flow: 'device-key', scenario: 'honest', options: {}, seed: 1 });
    expect(levels(run.ledger)).toEqual({
      'user-presence': 'asserted', 'user-verification': 'asserted', 'key-possession': 'proven', 'device-binding': 'asserted',
      'origin-binding': 'absent', freshness: 'proven', 'action-binding': 'proven', 'clone-detection': 'absent',
      'authenticator-model': 'absent',
    });
  });

  it('every honest run of every flow and option set is ok, with all nine properties and evidence for non-absent ones', async () => {
    for (const flow of allFlows()) {
      for (const options of optionSets(flow.options as never)) {
        const run = await recordRun({ flow: flow.id, scenario: 'honest', options, seed: 2 });
        // UV is impossible when the RP requires it, or with SPC (which always requests UV), on a device without UV.
        const uvImpossible = (options.userVerification === 'required' || options.binding === 'spc') && options.uvAvailable === false;
        expect(run.outcome.outcome, `${flow.id} ${JSON.stringify(options)}`).toBe(uvImpossible ? 'false-reject' : 'ok');
        expect(run.ledger.map((l) => l.property).sort()).toEqual(['action-binding', 'authenticator-model', 'clone-detection', 'device-binding', 'freshness', 'key-possession', 'origin-binding', 'user-presence', 'user-verification']);
        for (const entry of run.ledger) {
          expect(entry.why.length).toBeGreaterThan(10);
          if (entry.level === 'proven' || entry.level === 'attested' || entry.level === 'failed') expect(entry.evidence.length, `${flow.id} ${entry.property}`).toBeGreaterThan(0);
          for (const e of entry.evidence) expect(run.steps[e.step]).toBeDefined();
        }
      }
    }
  });
});

describe('runs', () => {
  it('the same seed gives the same bytes; another seed other bytes', async () => {
    const a = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 5 });
    const b = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 5 });
    const c = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 6 });
    const bytes = (r: typeof a) => r.steps.flatMap((s) => s.payloads.map((p) => Buffer.from(p.bytes).toString('hex'))).join('|');
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(a)).not.toBe(bytes(c));
  });

  it('every step has a phase, a caption, and the authenticator never sees the amount', async () => {
    const run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const phases = new Set(run.steps.map((s) => s.phase));
    expect([...phases]).toEqual(expect.arrayContaining(['enroll', 'challenge', 'display', 'gesture', 'proof', 'submit', 'verify', 'decide']));
    for (const s of run.steps) expect(s.caption).toMatch(/\.$/);
    const authnKnows = run.steps.flatMap((s) => s.knowledge.authn ?? []);
    expect(authnKnows.some((k) => k.never && /amount/.test(k.text))).toBe(true);
    expect(authnKnows.some((k) => !k.never && /5000|10\.00|Alice \(/.test(k.text))).toBe(false);
  });

  it('editing a recorded payload byte is reported at that step on re-verification', async () => {
    const { reverifyRun } = await import('../../core/index.js');
    const run = await recordRun({ flow: 'biometric-only', scenario: 'honest', options: {}, seed: 1 });
    const i = run.steps.findIndex((s) => s.op === 'bank.receiveApproval');
    const p = run.steps[i]!.payloads[0]!;
    const bytes = p.bytes.slice();
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    const steps = run.steps.map((s, k) => (k === i ? { ...s, payloads: [{ ...p, bytes }] } : s));
    const r = await reverifyRun({ ...run, steps });
    expect(r.disagreements.some((d) => d.step === i)).toBe(true);
  });
});
