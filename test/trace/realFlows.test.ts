/**
 * The trace format against the real flows (core/index.ts registers them): every flow × scenario
 * with default options round-trips and re-verifies, and a changed byte anywhere is detected.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MUTATING } from '../mutating.js';
import { allFlows, recordRun, SCENARIOS, type Run } from '../../core/index.js';
import { applies } from '../../core/flows/catalog.js';
import { bundleFromRun, createTrace, parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { parseBundle } from '../../core/bundle/parseBundle.js';
import { verifyBundle } from '../../core/bundle/verifyBundle.js';

const META = { title: 'All flows', created: '2026-01-01T00:00:00.000Z', generator: { name: 'proofline', version: 'test' } };

/**
 * Local-step payloads (from = to, so evaluateStep adds no receipt fingerprint) in which some
 * changed bytes alter no recomputed claim. Found by the property below and reported to the flow
 * owners: `bank.policy` defaults the guard to "none" when its JSON does not parse; `stateCheck` in
 * core/ops/rp.ts skips the comparison when `expected` does not parse; `user.intend`
 * does not reflect the action's reference; `authn.sync` does not reflect the device name. A
 * general fix is a receipt for local payloads in evaluateStep. Any other (op, payload) that lets
 * a changed byte through fails the property.
 */
// Every payload byte is covered: receivers (and, for local steps, the writer) hold a fingerprint.
const KNOWN_GAPS = new Set<string>();

let runs: Run[] = [];
let text = '';
beforeAll(async () => {
  runs = [];
  for (const flow of allFlows()) for (const s of SCENARIOS) if (applies(flow.id, s.id) === true) runs.push(await recordRun({ flow: flow.id, scenario: s.id, options: {}, seed: 11 }));
  text = serializeTrace(createTrace(runs, META));
});

describe('real flows in one trace', () => {
  it('every flow × scenario round-trips byte for byte and agrees with its bytes', async () => {
    expect(runs.length).toBe(allFlows().flatMap((f) => SCENARIOS.filter((s) => applies(f.id, s.id) === true)).length);
    const parsed = parseTrace(text);
    expect(serializeTrace(parsed)).toBe(text);
    const v = await verifyTrace(parsed);
    expect(v.disagreements).toEqual([]);
    expect(v.runs.map((r) => r.run.outcome.outcome)).toEqual(runs.map((r) => r.outcome.outcome));
  });

  it('a redacted trace re-verifies the same', async () => {
    const redacted = serializeTrace(createTrace(runs, { ...META, redact: true }));
    expect(redacted).not.toMatch(/"keys"\s*:\s*\[/);
    expect((await verifyTrace(parseTrace(redacted))).agrees).toBe(true);
  });

  it.skipIf(MUTATING)('any single changed byte of any payload is detected at that step or later', async () => {
    const base = parseTrace(text);
    const sites = base.runs.flatMap((run, r) => run.steps.flatMap((step, s) => step.payloads.map((p, k) => ({ r, s, k, n: p.bytes.length, gap: KNOWN_GAPS.has(`${step.op}/${p.name}`) })).filter((x) => x.n > 0 && !x.gap)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sites), fc.nat(), fc.integer({ min: 1, max: 255 }), async (site, at, xor) => {
        const trace = parseTrace(text);
        const bytes = trace.runs[site.r]!.steps[site.s]!.payloads[site.k]!.bytes;
        bytes[at % bytes.length]! ^= xor;
        // Verify only the run that changed: the others are checked by the first test.
        const one = { ...trace, runs: [trace.runs[site.r]!] };
        const v = await verifyTrace(parseTrace(serializeTrace(one)));
        expect(v.disagreements.some((d) => d.step === null || d.step >= site.s), `run ${site.r} (${trace.runs[site.r]!.flow}/${trace.runs[site.r]!.scenario}) step ${site.s} payload ${site.k} byte ${at % bytes.length}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});

describe('bundleFromRun on real webauthn runs', () => {
  it('an honest run gives a bundle check-response accepts; a replay one it rejects; other flows have none', async () => {
    for (const binding of ['none', 'challenge', 'spc'] as const) {
      const honest = await recordRun({ flow: 'webauthn', scenario: 'honest', options: { binding }, seed: 3 });
      expect((await verifyBundle(parseBundle(bundleFromRun(honest)))).verdict).toBe('accepted');
      const replay = await recordRun({ flow: 'webauthn', scenario: 'replay', options: { binding }, seed: 3 });
      expect((await verifyBundle(parseBundle(bundleFromRun(replay)))).verdict).toBe('rejected');
    }
    const dk = await recordRun({ flow: 'device-key', scenario: 'honest', options: {}, seed: 3 });
    expect(() => bundleFromRun(dk)).toThrow(expect.objectContaining({ code: 'ERR_BUNDLE' }));
  });
});
