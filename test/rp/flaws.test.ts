/**
 * The misconfigured-RP flaws (core/rp/flaws.ts), each on its own: which check it replaces, the
 * status it reports and the detail sentence a trainer reads in the check list, for every branch
 * of the weakened rules. Written against Stryker's survivors (`npm run mutate`).
 */
import { describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../../core/check.js';
import { applyRpFlaw, FLAWED_CHECK, RP_FLAWS, isDisabledByConfiguration, type FlawContext } from '../../core/rp/flaws.js';

const SPEC = 'WebAuthn L3 §7.2 step X';
const pass = (id: string, detail = 'fine') => check(id, 'rp', SPEC, 'pass', detail);
const fail = (id: string, detail = 'wrong') => check(id, 'rp', SPEC, 'fail', detail);
const skip = (id: string, detail = 'nothing to read') => check(id, 'rp', SPEC, 'skip', detail);
const IDS = ['rp.shape', 'rp.challenge', 'rp.origin', 'rp.userPresent', 'rp.userVerified', 'rp.signCount', 'rp.signature'];
const strict = (over: Record<string, CheckResult> = {}) => IDS.map((id) => over[id] ?? pass(id));
const CTX: FlawContext = { origin: 'https://example.org', challenge: 'c1', rpId: 'example.org', expectedOrigin: 'https://example.org', issuedChallenges: ['c0', 'c1'] };
const only = (rs: CheckResult[], id: string) => rs.find((c) => c.id === id)!;
const pick = (c: CheckResult) => [c.status, c.detail];

describe('applyRpFlaw', () => {
  it('none returns the strict result unchanged (a copy); an unknown flaw is refused by name', () => {
    const checks = strict({ 'rp.signature': fail('rp.signature', 'bad signature') });
    const out = applyRpFlaw('none', checks, CTX);
    expect(out).toEqual(checks);
    expect(out).not.toBe(checks);
    expect(() => applyRpFlaw('trust-everyone' as never, checks, CTX)).toThrow('"rpFlaw" expected one of none, skip-signature, accept-related-origin, reuse-challenge, accept-up0, ignore-uv, ignore-counter, got trust-everyone');
    expect(RP_FLAWS[0]).toBe('none');
  });

  it('each flaw replaces exactly its one check and keeps id, actor and spec', () => {
    for (const flaw of RP_FLAWS.filter((f) => f !== 'none')) {
      const checks = strict();
      const out = applyRpFlaw(flaw, checks, CTX);
      const id = FLAWED_CHECK[flaw];
      for (const [i, c] of out.entries()) {
        if (c.id === id) {
          expect(c.status, flaw).toBe('skip');
          expect(isDisabledByConfiguration(c), flaw).toBe(true);
          expect([c.actor, c.spec]).toEqual(['rp', SPEC]);
        } else expect(c, `${flaw} leaves ${c.id}`).toBe(checks[i]);
      }
    }
  });

  it('says what the RP did instead and what the strict check found (passed, failed, could not run)', () => {
    expect(pick(only(applyRpFlaw('skip-signature', strict({ 'rp.signature': fail('rp.signature', 'the signature does not verify') }), CTX), 'rp.signature'))).toEqual([
      'skip',
      'disabled by configuration (rpFlaw=skip-signature): the RP does not verify the assertion signature; the strict check would have failed: the signature does not verify',
    ]);
    expect(only(applyRpFlaw('accept-up0', strict({ 'rp.userPresent': pass('rp.userPresent', 'UP = 1') }), CTX), 'rp.userPresent').detail).toBe(
      'disabled by configuration (rpFlaw=accept-up0): the RP does not require UP = 1; the strict check would have passed (UP = 1)',
    );
    expect(only(applyRpFlaw('ignore-uv', strict({ 'rp.userVerified': skip('rp.userVerified', 'no authenticator data') }), CTX), 'rp.userVerified').detail).toBe(
      'disabled by configuration (rpFlaw=ignore-uv): the RP does not look at the UV flag, whatever its policy; the strict check could not run (no authenticator data)',
    );
    expect(only(applyRpFlaw('ignore-counter', strict(), CTX), 'rp.signCount').detail).toBe(
      'disabled by configuration (rpFlaw=ignore-counter): the RP neither compares the signature counter with the stored one nor acts on it; the strict check would have passed (fine)',
    );
  });
});

describe('reuse-challenge', () => {
  it('accepts any challenge the RP ever issued; still rejects one it never issued; leaves the strict check when there is no challenge', () => {
    const used = only(applyRpFlaw('reuse-challenge', strict({ 'rp.challenge': fail('rp.challenge', 'already used') }), { ...CTX, challenge: 'c0' }), 'rp.challenge');
    expect(pick(used)).toEqual(['skip', 'disabled by configuration (rpFlaw=reuse-challenge): the challenge is one the RP issued at some time (any transaction, used or not), which is all it checks; the strict check would have failed: already used']);
    expect(pick(only(applyRpFlaw('reuse-challenge', strict(), { ...CTX, challenge: 'forged' }), 'rp.challenge'))).toEqual([
      'fail',
      'configured (rpFlaw=reuse-challenge) to accept any challenge it ever issued, the RP still rejects this one: it never issued it',
    ]);
    const none = skip('rp.challenge', 'no client data');
    const { challenge: _c, ...noChallenge } = CTX;
    expect(only(applyRpFlaw('reuse-challenge', strict({ 'rp.challenge': none }), noChallenge), 'rp.challenge')).toBe(none);
  });
});

describe('accept-related-origin', () => {
  const origin = (o: string | undefined, expectedOrigin = 'https://login.example.org', rpId = 'example.org') => {
    const ctx: FlawContext = { ...CTX, rpId, expectedOrigin, ...(o === undefined ? {} : { origin: o }) };
    if (o === undefined) delete (ctx as { origin?: string }).origin;
    return only(applyRpFlaw('accept-related-origin', strict({ 'rp.origin': fail('rp.origin', 'origin differs') }), ctx), 'rp.origin');
  };
  it('accepts the RP ID itself and its subdomains over https', () => {
    expect(pick(origin('https://example.org'))).toEqual(['skip', 'disabled by configuration (rpFlaw=accept-related-origin): origin https://example.org accepted as a host under example.org; the strict check would have failed: origin differs']);
    expect(origin('https://evil.example.org').status).toBe('skip');
    expect(origin('https://a.b.example.org').status).toBe('skip');
  });
  it('accepts a parent domain of the expected host unless it is a public suffix', () => {
    // rpId login.shop.example.co.uk: the parent shop.example.co.uk is related, co.uk is a public suffix.
    const parent = (o: string) => origin(o, 'https://login.shop.example.co.uk', 'login.shop.example.co.uk').status;
    expect(parent('https://shop.example.co.uk')).toBe('skip');
    expect(parent('https://example.co.uk')).toBe('skip');
    expect(parent('https://co.uk')).toBe('fail');
    // Not a parent: a sibling, or a host that only ends with the same letters.
    expect(parent('https://other.example.co.uk')).toBe('fail');
    expect(parent('https://xshop.example.co.uk')).toBe('fail');
    // Private suffixes count too: github.io hosts other people's sites.
    const io = (o: string) => origin(o, 'https://login.user.github.io', 'login.user.github.io').status;
    expect(io('https://user.github.io')).toBe('skip');
    expect(io('https://github.io')).toBe('fail');
  });
  it('still rejects other hosts, http, an IP address and a malformed origin, naming the rule', () => {
    const rejected = origin('https://example.org.evil.test');
    expect(pick(rejected)).toEqual([
      'fail',
      'configured (rpFlaw=accept-related-origin) to accept origins under example.org, the RP still rejects "https://example.org.evil.test": its host is neither example.org, a subdomain of it, nor a parent domain of the expected origin\'s host',
    ]);
    expect(origin('https://notexample.org').status).toBe('fail');
    expect(origin('http://example.org').status).toBe('fail');
    expect(origin('https://127.0.0.1', 'https://127.0.0.1', '127.0.0.1').status).toBe('fail');
    expect(origin('not an origin').status).toBe('fail');
    // A malformed expected origin: only the RP ID rule applies.
    expect(origin('https://example.org', 'nonsense').status).toBe('skip');
    expect(origin('https://org', 'nonsense').status).toBe('fail');
  });
  it('leaves the strict check when the client data had no origin', () => {
    const r = origin(undefined);
    expect(pick(r)).toEqual(['fail', 'origin differs']);
  });
});
