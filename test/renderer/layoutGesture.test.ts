import { describe, expect, it } from 'vitest';
import { recordRun } from '../../core/index.js';
import { sharedLayout } from '../../renderer/src/model/layout.js';

/** The layout's gesture bands, and whether each lane has a step in them. */
function gestureRows(layout: ReturnType<typeof sharedLayout>): { count: number; used: boolean[] }[] {
  return layout.bands
    .filter((b) => b.phase === 'gesture')
    .map((b) => ({ count: b.count, used: layout.stepRow.map((rows) => rows.some((r) => r >= b.start && r < b.start + b.count)) }));
}

describe('the gesture band where nothing tests presence (DESIGN.md §13.4)', () => {
  it('one-time code against one-time code: one empty gesture row before the proof; every step keeps its order', async () => {
    const sms = await recordRun({ flow: 'otp', scenario: 'honest', options: { channel: 'sms' }, seed: 1 });
    const totp = await recordRun({ flow: 'otp', scenario: 'honest', options: { channel: 'totp' }, seed: 1 });
    const plain = sharedLayout([sms.steps, null]);
    const layout = sharedLayout([sms.steps, totp.steps]);
    expect(gestureRows(layout)).toEqual([{ count: 1, used: [false, false] }]);
    expect(gestureRows(plain)).toEqual([{ count: 1, used: [false, false] }]);
    const i = layout.bands.findIndex((b) => b.phase === 'gesture');
    expect(layout.bands[i - 1]!.start + layout.bands[i - 1]!.count).toBe(layout.bands[i]!.start);
    expect(layout.bands[i + 1]!.start).toBe(layout.bands[i]!.start + 1);
    expect(layout.rows).toBe(layout.bands.reduce((n, b) => n + b.count, 0));
    for (const rows of layout.stepRow) for (let k = 1; k < rows.length; k++) expect(rows[k]!).toBeGreaterThan(rows[k - 1]!);
  });

  it('beside a run that tests presence nothing is added: that lane has the gesture rows, the other draws them empty', async () => {
    const otp = await recordRun({ flow: 'otp', scenario: 'honest', options: { channel: 'sms' }, seed: 1 });
    const web = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const layout = sharedLayout([web.steps, otp.steps]);
    const rows = gestureRows(layout);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.used[0] && !r.used[1])).toBe(true);
    expect(layout.rows).toBe(Math.max(...layout.stepRow.flat()) + 1);
  });
});
