/** Every step of every prepared trace carries a trainer's note: what to point at, what to ask, which seed idea. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../traces', import.meta.url));

describe('speaker notes in the prepared traces', () => {
  for (const name of readdirSync(DIR).filter((n) => n.endsWith('.proofline.json'))) {
    it(name, () => {
      const t = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { runs: { outcome: { outcome: string; step: number | null }; steps: { index: number; label: string; notes?: string }[] }[] };
      for (const run of t.runs) {
        for (const s of run.steps) {
          expect(s.notes, `${name} step ${s.index + 1}`).toMatch(/^(.*)?Point at .*“.+”.* Ask: .+\? Seed idea — /);
          expect(s.notes).toContain(s.label);
        }
        if (run.outcome.outcome === 'breach' && run.outcome.step !== null) expect(run.steps[run.outcome.step]!.notes).toContain('what the attacker gained');
      }
    });
  }
});
