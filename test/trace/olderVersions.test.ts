/**
 * Files written before authenticator-model (versions 1 and 2) still open and re-verify: the
 * property is recomputed and shown, and the missing row is not a disagreement; a version-3 file
 * must carry it. Writing keeps the version a file's runs need.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../core/flows/all.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { ROOT } from '../browser/harness.js';

interface Json { version: number; runs: { ledger: { property: string; level: string; why: string }[] }[] }

/** A prepared trace as an older Proofline wrote it: no authenticator-model rows, at `version`. */
function older(name: string, version: number): string {
  const json = JSON.parse(readFileSync(join(ROOT, 'traces', name), 'utf8')) as Json;
  for (const r of json.runs) r.ledger = r.ledger.filter((l) => l.property !== 'authenticator-model');
  json.version = version;
  return JSON.stringify(json, null, 2);
}

describe('traces of versions 1 and 2 (no authenticator-model)', () => {
  for (const [name, version] of [['01-honest.proofline.json', 1], ['13-mfa-fatigue.proofline.json', 2]] as const) {
    it(`${name} as version ${version}: re-verifies with no disagreement, and the property is recomputed`, async () => {
      const trace = parseTrace(older(name, version));
      expect(trace.version).toBe(version);
      const v = await verifyTrace(trace);
      expect(v.disagreements).toEqual([]);
      for (const r of v.runs) {
        const row = r.run.ledger.find((l) => l.property === 'authenticator-model');
        expect(row, `run ${r.index}`).toMatchObject({ level: 'absent', why: expect.stringMatching(/nothing tells the (relying party|bank) which (authenticator|device)/) });
      }
      // Saved as read, the runs still lack the row: the file keeps its version. Saved re-verified, it is version 3.
      expect((JSON.parse(serializeTrace(trace)) as Json).version).toBe(version);
      const again = createTrace(v.runs.map((r) => ({ ...r.run, seed: r.run.seed ?? 0, secrets: r.run.secrets ?? [] })), { title: trace.title, created: trace.created, generator: trace.generator });
      expect((JSON.parse(serializeTrace(again)) as Json).version).toBe(3);
    }, 60_000);

    it(`${name} as version 3 without the row: each run's missing authenticator-model is a disagreement`, async () => {
      const v = await verifyTrace(parseTrace(older(name, 3)));
      expect(v.disagreements.map((d) => `${d.run} ${d.what}`)).toEqual(v.runs.map((r) => `${r.index} ledger authenticator-model`));
      expect(v.disagreements[0]).toMatchObject({ recorded: 'no row for this property', recomputed: expect.stringMatching(/^absent: /) });
    }, 60_000);
  }

  it('an older file that does carry the row is held to it: a wrong level is a disagreement', async () => {
    const json = JSON.parse(readFileSync(join(ROOT, 'traces', '01-honest.proofline.json'), 'utf8')) as Json;
    json.version = 1;
    json.runs[0]!.ledger.find((l) => l.property === 'authenticator-model')!.level = 'attested';
    const v = await verifyTrace(parseTrace(JSON.stringify(json)));
    expect(v.disagreements.map((d) => `${d.run} ${d.what}`)).toEqual(['0 ledger authenticator-model']);
  }, 60_000);
});
