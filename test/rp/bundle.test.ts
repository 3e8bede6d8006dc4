import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle, verifyBundle } from '../../core/bundle/index.js';
import { ProoflineError } from '../../core/errors.js';

const vectors = JSON.parse(readFileSync(new URL('../vectors/w3c-webauthn-l3.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
const auth = vectors.find((c) => c.id === 'w3c/none-es256/authentication')!;
const reg = vectors.find((c) => c.id === 'w3c/none-es256/registration')!;

function bundleError(json: unknown): ProoflineError {
  try {
    parseBundle(json);
  } catch (e) {
    if (e instanceof ProoflineError) return e;
    throw e;
  }
  throw new Error('parseBundle accepted the input');
}

describe('response bundles', () => {
  it('ignores unknown top-level members and verifies both ceremonies', async () => {
    expect((await verifyBundle({ ...auth, somethingElse: 1 })).verdict).toBe('accepted');
    const r = await verifyBundle(reg);
    expect(r.ceremony).toBe('registration');
    expect(r.verdict).toBe('accepted');
  });

  it('takes the RP policy from the bundle: allowedAlgorithms decides rp.algorithm', async () => {
    const strict = await verifyBundle({ ...reg, policy: { allowedAlgorithms: [-8] } });
    expect(strict.verdict).toBe('rejected');
    expect(strict.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['rp.algorithm']);
    expect((await verifyBundle({ ...reg, policy: { allowedAlgorithms: [-7] } })).verdict).toBe('accepted');
  });

  it('names what is wrong and where, as ERR_BUNDLE', () => {
    const resp = auth.response as { response: Record<string, unknown> };
    const cases: [unknown, string, RegExp][] = [
      [null, '$', /expected object/],
      [{ ...auth, ceremony: 'login' }, '$.ceremony', /./],
      [{ ...auth, expected: { ...(auth.expected as object), origin: 5 } }, '$.expected.origin', /expected string or array, got number/],
      [{ ...auth, expected: { ...(auth.expected as object), userVerification: 'always' } }, '$.expected.userVerification', /./],
      [{ ...auth, credentialPublicKey: undefined }, '$.credentialPublicKey', /missing/],
      [{ ...auth, response: { ...(auth.response as object), type: 'password' } }, '$.response.type', /./],
      [{ ...auth, response: { ...(auth.response as object), response: { ...resp.response, signature: 'not base64url!' } } }, '$.response.response.signature', /base64url/],
      [{ ...reg, response: { ...(reg.response as object), response: { clientDataJSON: 'e30' } } }, '$.response.response.attestationObject', /missing/],
      [{ ...reg, policy: { requireCTSProfileMatch: false } }, '$.policy', /requireCTSProfileMatch/],
      [{ ...reg, policy: { requireCtsProfileMatch: 'no' } }, '$.policy.requireCtsProfileMatch', /expected boolean/],
      [{ ...reg, policy: { attestationTime: 'yesterday' } }, '$.policy.attestationTime', /./],
    ];
    for (const [json, path, message] of cases) {
      const e = bundleError(json);
      expect(e.code).toBe('ERR_BUNDLE');
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
    }
  });
});
