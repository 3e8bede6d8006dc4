import { recordRun } from '../flows/runs.js';
import '../flows/all.js';
import type { Run } from '../flows/types.js';
import { createTrace, type Trace, type TraceGenerator } from '../trace/trace.js';
import { attackCapturedRun, type CaptureAgain } from './attacks.js';
import type { CaptureSession } from './session.js';

/** What a capture session's trace holds besides its runs. */
export interface CapturedTrace {
  readonly trace: Trace;
  /** Scenarios that need the device to sign again, with the reason. */
  readonly captureAgain: readonly CaptureAgain[];
}

/** The seed of the biometric-only run beside the captured one (the prepared traces' seed). */
const SIDE_SEED = 1;

/**
 * The trace of a capture session, laid out as the prepared traces are: the captured run first (the
 * left lane) and the biometric-only flow's honest run second (the right lane); then the attacks
 * built from the captured bytes and, if the user tried it, the look-alike origin attempt. Returns
 * null while nothing is captured.
 */
export async function captureTrace(session: CaptureSession, options: { random: (n: number) => Uint8Array; created: Date | string; generator: TraceGenerator }): Promise<CapturedTrace | null> {
  const captured = session.run();
  if (!captured) return null;
  const side = await recordRun({ flow: 'biometric-only', scenario: 'honest', options: {}, seed: SIDE_SEED });
  const attacks = await attackCapturedRun(captured, options.random);
  const lookAlike = session.lookAlikeRun();
  const runs: Run[] = [captured, side, ...attacks.runs, ...(lookAlike ? [lookAlike] : [])];
  const device = captured.capture?.device;
  const browser = captured.actors.find((a) => a.id === 'ua')?.name ?? 'a browser';
  // Kept short: the app shows the description above the lanes. The reasons are in captureAgain
  // (the CLI prints them); here only the scenarios that need this device to sign again.
  const again = attacks.captureAgain.filter((c) => /capture again/.test(c.reason) && !(c.scenario === 'phishing-relay' && lookAlike));
  const lines = [
    `Captured ${captured.capture!.at.slice(0, 16).replace('T', ' ')} UTC from ${browser}${device ? ` with your authenticator (AAGUID ${device.aaguid.slice(0, 8)}…, ${device.attestationFormat} attestation)` : ''}, beside the biometric-only approval. The other runs attack your own bytes${lookAlike ? ' or record the look-alike origin' : ''}.`,
    ...(again.length ? [`Capture again (your device must sign again) for: ${again.map((c) => c.scenario).join(', ')}.`] : []),
  ];
  const trace = createTrace(runs, { title: 'Your authenticator, captured', description: lines.join('\n'), created: options.created, generator: options.generator });
  return { trace, captureAgain: attacks.captureAgain };
}
