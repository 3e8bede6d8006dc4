/**
 * A bare PublicKeyCredential JSON (what toJSON(), browsers and webauthn.io give) becomes a response
 * bundle once the relying party's side is added: read from the public vectors, re-bundled, and
 * verified with the vector's verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromCredential, parseBundle, readResponseInput, verifyBundle } from '../../core/bundle/index.js';
import { ProoflineError } from '../../core/errors.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
interface Case {
  id: string;
  ceremony: 'registration' | 'authentication';
  expected: { rpId: string; origin: string; challenge: string; userVerification?: 'required' | 'preferred' | 'discouraged'; storedSignCount?: number };
  credentialPublicKey?: string;
  response: unknown;
  verdict: string;
}
const cases = JSON.parse(readFileSync(join(ROOT, 'test/vectors/yubico-java-webauthn-server.json'), 'utf8')) as Case[];

describe('a bare PublicKeyCredential and the RP’s side make a bundle', () => {
  it('tells a credential from a bundle and finds its ceremony and what its clientDataJSON says', () => {
    const auth = cases.find((c) => c.ceremony === 'authentication' && c.verdict === 'valid')!;
    const reg = cases.find((c) => c.ceremony === 'registration' && c.verdict === 'valid')!;
    expect(readResponseInput(auth).kind).toBe('bundle');
    const a = readResponseInput(auth.response);
    expect(a).toMatchObject({ kind: 'credential', ceremony: 'authentication' });
    if (a.kind === 'credential') expect(a.says.challenge).toBe(auth.expected.challenge);
    expect(readResponseInput(reg.response)).toMatchObject({ kind: 'credential', ceremony: 'registration' });
  });

  it('re-bundled real responses verify as their source says', async () => {
    for (const c of cases.filter((x) => typeof x.expected.rpId === 'string' && typeof x.expected.origin === 'string').slice(0, 12)) {
      const input = readResponseInput(c.response);
      if (input.kind !== 'credential') throw new Error('expected a credential');
      const bundle = bundleFromCredential(input, c.expected, c.credentialPublicKey);
      const direct = await verifyBundle(parseBundle(c));
      const rebuilt = await verifyBundle(parseBundle(bundle));
      expect(rebuilt.verdict, c.id).toBe(direct.verdict);
    }
  });

  it('anything else is one ProoflineError with a JSON path', () => {
    for (const bad of [null, 42, {}, { id: 'x', rawId: 'x', type: 'public-key', response: {} }, { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'e30' } }]) {
      try {
        readResponseInput(bad);
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(ProoflineError);
        expect((e as ProoflineError).path).toMatch(/^\$/);
      }
    }
  });
});
