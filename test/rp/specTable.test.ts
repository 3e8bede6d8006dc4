// The one table of WebAuthn clauses (core/rp/specTable.ts) against the step lists it quotes, the
// checks the ceremonies report, the docs and the rest of the source.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHENTICATION_STEPS, CHECK_STEPS, REGISTRATION_STEPS, SPEC_TEXT, shortRef, specRef, stepsOf, type StepKey } from '../../core/rp/specTable.js';
import { verifyBundle } from '../../core/bundle/index.js';
import type { Ceremony } from '../../core/rp/types.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');

/** What each check verifies, as the step text words it (per ceremony where the wording differs). */
const SUBJECT: Record<StepKey, string | Partial<Record<Ceremony, string>>> = {
  'rp.shape': { registration: 'AuthenticatorAttestationResponse', authentication: 'AuthenticatorAssertionResponse' },
  'rp.allowCredential': 'allowCredentials',
  'rp.authenticatorData': 'authData',
  'rp.clientDataJSON': 'JSON',
  'rp.type': 'C.type',
  'rp.challenge': 'C.challenge',
  'rp.origin': 'C.origin',
  'rp.crossOrigin': 'C.crossOrigin',
  'rp.topOrigin': 'C.topOrigin',
  'rp.clientDataHash': 'SHA-256',
  'rp.attestationObject': 'CBOR decoding on the attestationObject',
  'rp.rpIdHash': 'rpIdHash',
  'rp.userPresent': 'UP bit',
  'rp.userVerified': 'UV bit',
  'rp.backupFlags': 'BS bit',
  'rp.algorithm': '"alg"',
  'rp.attestation': 'attestation statement',
  'rp.attestationTrust': 'trust',
  'rp.credentialKey': { registration: 'credentialId', authentication: 'credentialRecord' },
  'rp.signature': 'sig is a valid signature',
  'rp.signCount': 'signCount',
};

function stepList(s: number | readonly [number, number]): number[] {
  if (typeof s === 'number') return [s];
  return Array.from({ length: s[1] - s[0] + 1 }, (_, i) => s[0] + i);
}

it('names the text it numbers', () => {
  expect(SPEC_TEXT).toMatchObject({ status: 'W3C Recommendation', date: '2026-08-25' });
  expect(SPEC_TEXT.from).toContain('2026-05-15');
  expect(SPEC_TEXT.from).toContain('L3-CR');
});

describe('every check against the step list', () => {
  for (const key of Object.keys(CHECK_STEPS) as StepKey[]) {
    it(key, () => {
      const subject = SUBJECT[key];
      let ran = 0;
      for (const ceremony of ['registration', 'authentication'] as const) {
        const steps = stepsOf(key, ceremony);
        if (steps === undefined) continue;
        ran++;
        const list = ceremony === 'registration' ? REGISTRATION_STEPS : AUTHENTICATION_STEPS;
        const words = typeof subject === 'string' ? subject : subject[ceremony]!;
        const texts = stepList(steps).map((n) => list[n]);
        expect(texts.every((t) => t !== undefined), `${key} ${ceremony}: step ${String(steps)} is in the list`).toBe(true);
        expect(texts.join(' | '), `${key} ${ceremony}`).toContain(words);
      }
      expect(ran).toBeGreaterThan(0);
    });
  }
});

it('has the Recommendation numbers (crossOrigin its own step; the steps after it one higher up to the attestation steps)', () => {
  const reg = Object.fromEntries((Object.keys(CHECK_STEPS) as StepKey[]).map((k) => [k, shortRef(k, 'registration')]));
  const auth = Object.fromEntries((Object.keys(CHECK_STEPS) as StepKey[]).map((k) => [k, shortRef(k, 'authentication')]));
  expect(reg).toMatchObject({
    'rp.clientDataJSON': '§7.1 steps 5–6', 'rp.type': '§7.1 step 7', 'rp.challenge': '§7.1 step 8', 'rp.origin': '§7.1 step 9',
    'rp.crossOrigin': '§7.1 step 10', 'rp.topOrigin': '§7.1 step 11', 'rp.clientDataHash': '§7.1 step 12', 'rp.attestationObject': '§7.1 step 13',
    'rp.rpIdHash': '§7.1 step 14', 'rp.userPresent': '§7.1 step 15', 'rp.userVerified': '§7.1 step 16', 'rp.backupFlags': '§7.1 step 17',
    'rp.algorithm': '§7.1 step 20', 'rp.attestation': '§7.1 steps 21–22', 'rp.credentialKey': '§7.1 step 25',
  });
  expect(auth).toMatchObject({
    'rp.allowCredential': '§7.2 step 5', 'rp.credentialKey': '§7.2 step 6', 'rp.clientDataJSON': '§7.2 steps 8–9', 'rp.type': '§7.2 step 10',
    'rp.challenge': '§7.2 step 11', 'rp.origin': '§7.2 step 12', 'rp.crossOrigin': '§7.2 step 13', 'rp.topOrigin': '§7.2 step 14',
    'rp.rpIdHash': '§7.2 step 15', 'rp.userPresent': '§7.2 step 16', 'rp.userVerified': '§7.2 step 17', 'rp.backupFlags': '§7.2 step 18',
    'rp.clientDataHash': '§7.2 step 20', 'rp.signature': '§7.2 step 21', 'rp.signCount': '§7.2 step 22',
  });
});

describe('the checks a ceremony reports', () => {
  const vectors = JSON.parse(readFileSync(join(ROOT, 'test/vectors/w3c-webauthn-l3.json'), 'utf8')) as { ceremony: Ceremony; verdict: string }[];
  for (const ceremony of ['registration', 'authentication'] as const) {
    it(`${ceremony}: every §7 clause is the table's`, async () => {
      const c = vectors.find((v) => v.ceremony === ceremony && v.verdict === 'valid')!;
      const r = await verifyBundle(c);
      const section = ceremony === 'registration' ? '§7.1' : '§7.2';
      let seen = 0;
      for (const x of r.checks) {
        if (!x.spec.includes(`${section} step`)) continue;
        seen++;
        expect(x.spec, x.id).toBe(specRef(x.id as StepKey, ceremony));
      }
      expect(seen).toBeGreaterThan(10);
    });
  }
});

it('docs/cli.md cites each check as the table does', () => {
  const md = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
  const rows = md.split('\n').filter((l) => /^\| `rp\.[A-Za-z]+` \| §7/.test(l));
  expect(rows.length).toBeGreaterThan(15);
  for (const row of rows) {
    const id = /`(rp\.[A-Za-z]+)`/.exec(row)![1] as StepKey;
    const cell = row.split('|')[2]!.trim();
    const want = (['registration', 'authentication'] as const).map((c) => shortRef(id, c)).filter((x) => x !== undefined);
    expect(cell, id).toBe(want.join(', '));
  }
});

it('no file but the table writes a §7.1/§7.2 step number into a check', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f) && !p.endsWith('specTable.ts')) {
        for (const [i, line] of readFileSync(p, 'utf8').split('\n').entries()) {
          if (/(spec\s*=|check\().*['`"]WebAuthn L3 §7\.[12] step/.test(line)) offenders.push(`${p}:${i + 1}`);
        }
      }
    }
  };
  for (const d of ['core', 'cli', 'renderer/src']) walk(join(ROOT, d));
  expect(offenders).toEqual([]);
});

it('refuses to cite a check outside its ceremony', () => {
  expect(() => specRef('rp.signature', 'registration')).toThrow('rp.signature has no step in registration');
  expect(() => specRef('rp.attestation', 'authentication')).toThrow('rp.attestation has no step in authentication');
  expect(shortRef('rp.signature', 'registration')).toBeUndefined();
});
