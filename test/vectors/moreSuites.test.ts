// Every case of ../shared/vectors/more-suites/ (150 responses from seven other verifiers' test
// suites) through the bundle verifier and through the built `check-response`: each verdict is one
// of the manifest's `expected.acceptable`, and each rejected case fails the check that names the
// requirement its bytes (or the RP's expectation) break.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../core/bundle/index.js';
import { ROOT, findMoreSuites } from './sharedVectors.js';

const run = promisify(execFile);

interface ManifestCase {
  id: string;
  file: string;
  ceremony: string;
  fmt: string | null;
  mutation: { kind: string; specExpectedFailing: string[] } | null;
  expected: { verdict: 'valid' | 'invalid'; acceptable: ('valid' | 'invalid')[]; basis: string };
}

const DIR = findMoreSuites();
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] };
const bundleOf = (c: ManifestCase): unknown => JSON.parse(readFileSync(join(DIR, c.file.replace(/^cases\//, '')), 'utf8'));

/** The manifest's names of L3 checks → Proofline check ids. */
const CHECK_IDS: Record<string, string[]> = {
  type: ['rp.type'], challenge: ['rp.challenge'], origin: ['rp.origin'], crossOrigin: ['rp.crossOrigin'], rpIdHash: ['rp.rpIdHash'],
  userPresent: ['rp.userPresent'], userVerified: ['rp.userVerified'], backupFlags: ['rp.backupFlags'], signCount: ['rp.signCount'],
  signature: ['rp.signature'], authenticatorData: ['rp.authenticatorData'], attestationObject: ['rp.attestationObject'],
  allowCredential: ['rp.allowCredential'],
};

/** Where an altered attestation statement must break: the requirement it alters, per format (§8). */
const ALTERED_REQUIREMENT: Record<string, (fmt: string) => string> = {
  'attestation-signature-flipped': (fmt) => (fmt === 'fido-u2f' ? 'rp.u2f.sig' : 'rp.packed.sig'),
  'clientData-reserialised': (fmt) => ({ apple: 'rp.apple.nonce', tpm: 'rp.tpm.extraData', 'android-key': 'rp.androidKey.challenge', 'android-safetynet': 'rp.safetyNet.nonce', packed: 'rp.packed.sig' })[fmt]!,
  'tpm-pubArea-unique-altered': () => 'rp.tpm.pubArea',
  'tpm-aikCert-eku-altered': () => 'rp.tpm.certEku',
  'packed-cert-OU-altered': () => 'rp.packed.certSubject',
  'apple-credCert-key-altered': () => 'rp.apple.key',
  'fido-u2f-x5c-two-certs': () => 'rp.u2f.x5c',
  'none-with-nonempty-attStmt': () => 'rp.none.attStmt',
  'fmt-case-mismatch': () => 'rp.attestation',
};

/** Unaltered statements the source suites reject, and the requirement they break. */
const SOURCE_REJECTS: Record<string, string> = {
  'webauthn-rs/registration_packed_attestaion_fails_with_invalid_fido_aaguid_extension/registration': 'rp.packed.certAaguid',
  'webauthn-rs/touchid_attest_apple_anonymous_fails_with_invalid_nonce_extension/registration': 'rp.apple.nonce',
};

function wantedFailure(c: ManifestCase): string[] | undefined {
  if (c.mutation) {
    const kind = ALTERED_REQUIREMENT[c.mutation.kind];
    if (kind) return [kind(c.fmt ?? '')];
    return c.mutation.specExpectedFailing.flatMap((n) => CHECK_IDS[n] ?? [`unmapped:${n}`]);
  }
  return SOURCE_REJECTS[c.id] ? [SOURCE_REJECTS[c.id]!] : undefined;
}

it('has the 150 cases of the manifest, every rejection accounted for', () => {
  expect(manifest.cases).toHaveLength(150);
  for (const c of manifest.cases) for (const id of wantedFailure(c) ?? []) expect(id, c.id).not.toMatch(/^unmapped|undefined/);
});

describe('more-suites through verifyBundle', () => {
  for (const c of manifest.cases) {
    it(c.id, async () => {
      const r = await verifyBundle(bundleOf(c));
      const failed = r.checks.filter((x) => x.status === 'fail');
      const verdict = r.verdict === 'accepted' ? 'valid' : 'invalid';
      expect(c.expected.acceptable, `${verdict}; failed ${failed.map((x) => x.id).join(', ')}; basis: ${c.expected.basis}`).toContain(verdict);
      const want = wantedFailure(c);
      if (verdict === 'invalid' && want) expect(failed.map((x) => x.id), `expected one of ${want.join(', ')} to fail`).toEqual(expect.arrayContaining([expect.toBeOneOf(want)]));
      if (c.mutation?.kind === 'fmt-case-mismatch') expect(failed.find((x) => x.id === 'rp.attestation')!.detail).toMatch(/step 21 matches fmt case-sensitively/);
      // Every failed requirement of a format names its clause of §8.
      for (const x of failed.filter((f) => /^rp\.(packed|tpm|androidKey|safetyNet|u2f|none|apple)\./.test(f.id))) expect(x.spec).toMatch(/^WebAuthn L3 §8\.\d(\.1)? \(/);
    });
  }
});

describe('more-suites through the built check-response', () => {
  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
  }, 60_000);

  it('gives every case an acceptable verdict and fails the same requirements as in-process (several FILEs a run, JSON lines)', async () => {
    const paths = manifest.cases.map((c) => join(DIR, c.file.replace(/^cases\//, '')));
    const batches = [0, 1, 2, 3].map((i) => paths.filter((_, j) => j % 4 === i));
    const outputs = await Promise.all(
      batches.map((batch) =>
        run(process.execPath, ['cli/proofline.mjs', 'check-response', ...batch, '--json'], { cwd: ROOT, maxBuffer: 64 << 20 }).then(
          (x) => ({ code: 0, out: x.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
        ),
      ),
    );
    // Every batch has a rejected case, so every run exits 1 (0 only if all were accepted).
    expect(outputs.map((o) => o.code)).toEqual([1, 1, 1, 1]);
    const byFile = new Map<string, { verdict: string; checks: { id: string; status: string }[] }>();
    for (const { out } of outputs) for (const line of out.trim().split('\n')) {
      const j = JSON.parse(line) as { file: string; verdict: string; checks: { id: string; status: string }[] };
      expect(Object.keys(j)).toEqual(['file', 'verdict', 'checks']);
      byFile.set(j.file, j);
    }
    expect(byFile.size).toBe(150);
    for (const [i, c] of manifest.cases.entries()) {
      const j = byFile.get(paths[i]!)!;
      const verdict = j.verdict === 'accepted' ? 'valid' : 'invalid';
      expect(c.expected.acceptable, c.id).toContain(verdict);
      const want = wantedFailure(c);
      if (verdict === 'invalid' && want) expect(j.checks.some((x) => x.status === 'fail' && want.includes(x.id)), `${c.id}: one of ${want.join(', ')} fails`).toBe(true);
    }
  }, 300_000);
});
