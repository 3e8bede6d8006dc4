import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsService, verifyRegistrationResponse } from '@simplewebauthn/server';
import { parseBundle, type Bundle } from '../../core/bundle/parseBundle.js';
import { verifyBundle } from '../../core/bundle/verifyBundle.js';
import { findMoreSuites } from '../vectors/sharedVectors.js';

/** The formats the bench compares, each with real registrations from ../shared/vectors/more-suites. */
export const BENCH_FORMATS = ['none', 'packed self', 'packed x5c', 'fido-u2f', 'tpm', 'android-key', 'apple'] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

interface RegCase {
  id: string;
  json: { response: unknown; expected: { rpId: string | string[] | null; origin: string | string[]; challenge: string; userVerification?: string } };
  bundle: Bundle;
}

interface ManifestCase {
  id: string;
  file: string;
  ceremony: string;
  fmt: string | null;
  mutation: unknown;
  expected: { verdict: string };
}

/** Registrations both verifiers accept (ours with no trust inputs, SimpleWebAuthn with no trust roots and today's clock), by format. */
export async function registrationCases(): Promise<Map<BenchFormat, RegCase[]>> {
  for (const identifier of ['android-key', 'android-safetynet', 'apple', 'tpm', 'packed', 'fido-u2f', 'mds'] as const) SettingsService.setRootCertificates({ identifier, certificates: [] });
  const dir = findMoreSuites();
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] };
  const out = new Map<BenchFormat, RegCase[]>();
  for (const c of manifest.cases) {
    if (c.ceremony !== 'registration' || c.mutation || c.expected.verdict !== 'valid') continue;
    const json = JSON.parse(readFileSync(join(dir, c.file.replace(/^cases\//, '')), 'utf8'));
    const bundle = parseBundle(json);
    const ours = await verifyBundle(bundle);
    if (ours.verdict !== 'accepted' || ours.ceremony !== 'registration') continue;
    const fmt = c.fmt === 'packed' ? (ours.info.x5c ? 'packed x5c' : 'packed self') : (BENCH_FORMATS as readonly string[]).includes(c.fmt ?? '') ? (c.fmt as BenchFormat) : undefined;
    if (!fmt) continue;
    const rc: RegCase = { id: c.id, json, bundle };
    if (!(await theirs(rc).catch(() => false))) continue;
    out.set(fmt, [...(out.get(fmt) ?? []), rc]);
  }
  return out;
}

async function theirs(c: RegCase): Promise<boolean> {
  const e = c.json.expected;
  const r = await verifyRegistrationResponse({
    response: c.json.response as never,
    expectedChallenge: e.challenge,
    expectedOrigin: e.origin as string | string[],
    ...(e.rpId !== null ? { expectedRPID: e.rpId } : {}),
    requireUserVerification: e.userVerification === 'required',
  });
  return r.verified;
}

/** Registrations per second verified by Proofline (every check, trust step included) over `cases`, repeated to `n`. */
export async function oursRegistrationsPerSecond(cases: RegCase[], n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await verifyBundle(cases[i % cases.length]!.bundle);
    if (r.verdict !== 'accepted') throw new Error(`ours rejected ${cases[i % cases.length]!.id}`);
  }
  return n / ((performance.now() - t) / 1000);
}

/** The same with @simplewebauthn/server (no trust roots). */
export async function theirRegistrationsPerSecond(cases: RegCase[], n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) if (!(await theirs(cases[i % cases.length]!))) throw new Error(`simplewebauthn rejected ${cases[i % cases.length]!.id}`);
  return n / ((performance.now() - t) / 1000);
}
