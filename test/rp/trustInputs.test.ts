/**
 * The trust inputs that travel with a response bundle or a trace (core/rp/attestation/trustInputs.ts):
 * PEM roots decoded where they sit, an MDS BLOB only with its FIDO root, the time they are judged
 * at, and a trace's `trust` payload read into what rp.attestationTrust judges with — every refusal
 * a reason that says where, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { ProoflineError } from '../../core/errors.js';
import { bundleTrustSchema, carriedTrustInputs, decodeTrust, readTraceTrust, traceTrustSchema, TRUST_INPUT_LIMITS } from '../../core/rp/attestation/trustInputs.js';
import { makeChain, mdsBlob, mdsEntry } from './pki.js';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const AT = '2026-06-01T00:00:00Z';

describe('decodeTrust', () => {
  it('decodes every PEM text of roots and mdsRoots to DER, keeps the BLOB and the time', async () => {
    const { root, inter } = await makeChain();
    const t = decodeTrust({ roots: [root.pem + inter.pem], mdsRoots: [root.pem], mds: 'a.b.c', at: 'now' }, '$.trust');
    expect(t).toEqual({ roots: [root.der, inter.der], mdsRoots: [root.der], mds: 'a.b.c', at: 'now' });
    expect(decodeTrust({}, '$.trust')).toStrictEqual({ roots: [], mdsRoots: [] });
  });

  it('names the member that holds no certificate, and a BLOB without its FIDO root', async () => {
    const { root } = await makeChain();
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ProoflineError ? [e.code, e.message] : ['other', String(e)];
      }
      return ['nothing'];
    };
    expect(err(() => decodeTrust({ roots: [root.pem, 'no pem here'] }, '$.trust'))).toEqual(['ERR_BUNDLE', '$.trust.roots[1]: has no PEM certificate (-----BEGIN CERTIFICATE-----)']);
    expect(err(() => decodeTrust({ mdsRoots: ['x'] }, 'trust'))).toEqual(['ERR_BUNDLE', 'trust.mdsRoots[0]: has no PEM certificate (-----BEGIN CERTIFICATE-----)']);
    expect(err(() => decodeTrust({ mds: 'a.b.c' }, '$.trust'))).toEqual(['ERR_BUNDLE', "$.trust.mds: needs mdsRoots: the FIDO root the BLOB's chain is verified to"]);
    expect(err(() => decodeTrust({ mds: '', mdsRoots: [] }, '$.trust'))[0]).toBe('ERR_BUNDLE');
  });
});

describe('carriedTrustInputs', () => {
  it('states the time ("now" is the clock), verifies the BLOB at it, and gives only what was carried', async () => {
    const { root } = await makeChain();
    const NOW = Date.now();
    expect(await carriedTrustInputs({ roots: [], mdsRoots: [] }, NOW)).toStrictEqual({});
    expect(await carriedTrustInputs({ roots: [root.der], mdsRoots: [], at: 'now' }, NOW)).toEqual({ roots: [root.der], at: NOW });
    expect(await carriedTrustInputs({ roots: [], mdsRoots: [], at: AT }, NOW)).toEqual({ at: Date.parse(AT) });
    const signer = await makeChain();
    const blob = await mdsBlob(signer.leaf, [signer.inter], [mdsEntry('11111111-1111-1111-1111-111111111111', 'Key', root, [])]);
    const ok = await carriedTrustInputs({ roots: [], mdsRoots: [signer.root.der], mds: blob }, NOW);
    expect(ok.mds).toMatchObject({ ok: true, blob: { no: 42 } });
    expect(ok.at).toBeUndefined();
    // Judged at the stated time: the chain is not valid in 1990.
    const early = await carriedTrustInputs({ roots: [], mdsRoots: [signer.root.der], mds: blob, at: '1990-01-01T00:00:00Z' }, NOW);
    expect(early.mds).toMatchObject({ ok: false, reason: expect.stringContaining('is not valid at 1990-01-01T00:00:00Z') });
    expect(early.at).toBe(Date.parse('1990-01-01T00:00:00Z'));
  });
});

describe('readTraceTrust', () => {
  it('reads roots and the stated time; atSource says capture or stated (the default)', async () => {
    const { root } = await makeChain();
    expect(await readTraceTrust(enc({ roots: [root.pem], at: AT, atSource: 'capture' }))).toEqual({ ok: true, inputs: { roots: [root.der], at: Date.parse(AT), atSource: 'capture' } });
    expect(await readTraceTrust(enc({ at: AT }))).toEqual({ ok: true, inputs: { at: Date.parse(AT), atSource: 'stated' } });
  });

  it('refuses what is not strict JSON, has an unknown or mistyped member, or holds no certificate, saying where', async () => {
    expect(await readTraceTrust(enc('{"at": '))).toEqual({ ok: false, reason: expect.stringMatching(/^the trust payload is not usable JSON \(.+\)$/) });
    expect(await readTraceTrust(enc({ at: AT, extra: 1 }))).toEqual({ ok: false, reason: 'the trust payload\'s top level has an unknown member "extra"' });
    const noTime = await readTraceTrust(enc({ roots: [] }));
    expect(noTime.ok).toBe(false);
    expect(!noTime.ok && noTime.reason).toMatch(/^the trust payload's at /);
    const badRoot = await readTraceTrust(enc({ roots: [5], at: AT }));
    expect(!badRoot.ok && badRoot.reason).toMatch(/^the trust payload's roots\.0 /);
    expect(await readTraceTrust(enc({ roots: ['not pem'], at: AT }))).toEqual({ ok: false, reason: 'the trust payload trust.roots[0]: has no PEM certificate (-----BEGIN CERTIFICATE-----)' });
    expect(await readTraceTrust(enc({ at: 'now' }))).toMatchObject({ ok: false });
    expect(await readTraceTrust(enc({ at: AT, atSource: 'now' }))).toMatchObject({ ok: false });
    // Deeper than a trust payload can be.
    expect(await readTraceTrust(enc({ at: AT, roots: [[[[['x']]]]] }))).toEqual({ ok: false, reason: expect.stringMatching(/^the trust payload is not usable JSON/) });
  });
});

describe('the carriers\' shapes', () => {
  it('a bundle may say "now" or a date-time with offset; a trace always states a date-time; caps hold', () => {
    expect(bundleTrustSchema.safeParse({ at: 'now' }).success).toBe(true);
    expect(bundleTrustSchema.safeParse({ at: '2026-06-01T02:00:00+02:00' }).success).toBe(true);
    expect(bundleTrustSchema.safeParse({ at: 'tomorrow' }).success).toBe(false);
    expect(bundleTrustSchema.safeParse({}).success).toBe(true);
    expect(traceTrustSchema.safeParse({}).success).toBe(false);
    expect(traceTrustSchema.safeParse({ at: 'now' }).success).toBe(false);
    expect(traceTrustSchema.safeParse({ at: '2026-06-01T02:00:00+02:00' }).success).toBe(true);
    expect(bundleTrustSchema.safeParse({ roots: Array(TRUST_INPUT_LIMITS.pemTexts + 1).fill('x') }).success).toBe(false);
    expect(bundleTrustSchema.safeParse({ roots: Array(TRUST_INPUT_LIMITS.pemTexts).fill('x') }).success).toBe(true);
    expect(bundleTrustSchema.safeParse({ mdsRoots: ['x'.repeat(TRUST_INPUT_LIMITS.pemChars + 1)] }).success).toBe(false);
    expect(bundleTrustSchema.safeParse({ mds: 'x'.repeat(TRUST_INPUT_LIMITS.mdsChars + 1) }).success).toBe(false);
    expect(bundleTrustSchema.safeParse({ root: [] }).success).toBe(false);
  });
});
