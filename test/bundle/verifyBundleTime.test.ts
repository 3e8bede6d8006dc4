/**
 * One instant for a registration's whole verdict: a bundle's stated `trust.at` is also the time
 * its attestation data is judged at (a SafetyNet timestamp must not be later), not the clock's
 * now — otherwise a saved response judged again later could differ (core/bundle/verifyBundle.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../core/bundle/index.js';
import { findMoreSuites } from '../vectors/sharedVectors.js';

const safetyNet = () => JSON.parse(readFileSync(join(findMoreSuites(), 'webauthn-ruby__android_safetynet_direct.json'), 'utf8')) as Record<string, unknown>;
const timestamp = async (bundle: unknown) => (await verifyBundle(bundle)).checks.find((c) => c.id === 'rp.safetyNet.timestamp')!;

describe('the time a registration bundle is judged at', () => {
  it('a stated trust.at before the SafetyNet timestamp fails rp.safetyNet.timestamp, at that time', async () => {
    const c = await timestamp({ ...safetyNet(), trust: { at: '2019-01-01T00:00:00Z' } });
    expect(c).toMatchObject({ status: 'fail', detail: expect.stringContaining('2019-01-01T00:00:00.000Z') });
  });

  it('a stated trust.at after it passes, naming that time; with none, the clock decides', async () => {
    await expect(timestamp({ ...safetyNet(), trust: { at: '2020-01-01T00:00:00Z' } })).resolves.toMatchObject({ status: 'pass', detail: expect.stringContaining('2020-01-01T00:00:00.000Z') });
    await expect(timestamp(safetyNet())).resolves.toMatchObject({ status: 'pass' });
  });

  it('policy.attestationTime (the capture time) still decides attestation data when both are given', async () => {
    const c = await timestamp({ ...safetyNet(), policy: { attestationTime: '2019-01-01T00:00:00Z' }, trust: { at: '2020-01-01T00:00:00Z' } });
    expect(c).toMatchObject({ status: 'fail', detail: expect.stringContaining('2019-01-01T00:00:00.000Z') });
  });
});
