/**
 * The challenge store's edges (core/rp/challenges.ts), beyond test/rp/challenges.test.ts: the
 * refusal sentences a person reads, the expiry boundary, the default lifetime and bad lifetimes.
 */
import { describe, expect, it } from 'vitest';
import { CHALLENGE_BYTES, createChallengeStore } from '../../core/rp/challenges.js';
import { createRandom } from '../../core/crypto/random.js';

describe('challenge store edges', () => {
  it('expires exactly at expiresAt, says by how much, and a refused challenge stays spent', () => {
    let t = 500;
    const store = createChallengeStore({ random: createRandom('edges'), now: () => t, ttlMs: 1_000 });
    const a = store.issue();
    expect(a.expiresAt).toBe(1_500);
    t = 1_499;
    expect(store.consume(a.challenge)).toEqual({ ok: true, issued: a });
    const b = store.issue();
    t = b.expiresAt;
    expect(store.consume(b.challenge)).toEqual({ ok: false, reason: 'expired', detail: 'the challenge expired 0 ms ago' });
    const c = store.issue();
    t = c.expiresAt + 42;
    expect(store.consume(c.bytes)).toEqual({ ok: false, reason: 'expired', detail: 'the challenge expired 42 ms ago' });
    expect(store.consume(c.challenge)).toEqual({ ok: false, reason: 'used', detail: 'the challenge was already used: challenges are single-use' });
    expect(store.consume(new Uint8Array(CHALLENGE_BYTES))).toEqual({ ok: false, reason: 'unknown', detail: 'the RP never issued this challenge' });
  });

  it('lives five minutes by default and refuses a lifetime that is not a positive number', () => {
    let t = 0;
    const store = createChallengeStore({ random: createRandom(7), now: () => t });
    const a = store.issue();
    expect(a.expiresAt).toBe(300_000);
    t = 299_999;
    expect(store.consume(a.challenge).ok).toBe(true);
    for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createChallengeStore({ random: createRandom(1), now: () => 0, ttlMs })).toThrow(`"ttlMs" expected a positive number, got ${ttlMs}`);
    }
    expect(createChallengeStore({ random: createRandom(1), now: () => 0, ttlMs: 1 }).issue().expiresAt).toBe(1);
  });
});
