import honest from '../../traces/01-honest.proofline.json';
import forgedApproval from '../../traces/04-forged-approval.proofline.json';
import bindingBeforeDisplay from '../../traces/12-binding-before-display.proofline.json';
import simSwap from '../../traces/15-sim-swap.proofline.json';
import { describe, expect, it } from 'vitest';
import { testsNoPresence } from '../../core/flows/presence.js';
import type { Step } from '../../core/index.js';

type TraceRun = { spec: { flow: string }; steps: Step[] };
const runs = (trace: unknown) => (trace as { runs: TraceRun[] }).runs;

describe('which runs draw "gesture · nothing tests presence" (DESIGN.md §13.4)', () => {
  it('a one-time code run, and a forged biometric approval no gesture preceded', () => {
    for (const r of runs(simSwap).filter((r) => r.spec.flow === 'otp')) expect(testsNoPresence(r.steps)).toBe(true);
    const forged = runs(forgedApproval).find((r) => r.spec.flow === 'biometric-only')!;
    expect(testsNoPresence(forged.steps)).toBe(true);
  });

  it('not a WebAuthn run without a gesture step of its own: its relying party checks user presence', () => {
    const spc = runs(bindingBeforeDisplay).filter((r) => r.spec.flow === 'webauthn' && !r.steps.some((s) => s.phase === 'gesture'));
    expect(spc.length).toBeGreaterThan(0);
    for (const r of spc) expect(testsNoPresence(r.steps)).toBe(false);
    for (const r of runs(honest)) expect(testsNoPresence(r.steps)).toBe(false);
  });
});
