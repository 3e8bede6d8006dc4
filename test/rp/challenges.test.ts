import { describe, expect, it } from 'vitest';
import { createChallengeStore } from '../../core/rp/challenges.js';
import { createRandom } from '../../core/crypto/random.js';

describe('challenge store', () => {
  const setup = () => {
    let t = 1_000;
    const store = createChallengeStore({ random: createRandom('challenges'), now: () => t, ttlMs: 60_000 });
    return { store, advance: (ms: number) => (t += ms) };
  };

  it('issues 32 random bytes, deterministic for a seed, as unpadded base64url', () => {
    const a = setup().store.issue();
    const b = setup().store.issue();
    expect(a.bytes).toHaveLength(32);
    expect(a.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).toBe(b.challenge);
    expect(a.expiresAt).toBe(61_000);
    const { store } = setup();
    expect(store.issue().challenge).not.toBe(store.issue().challenge);
  });

  it('consumes a challenge once', () => {
    const { store } = setup();
    const c = store.issue();
    expect(store.consume(c.challenge)).toMatchObject({ ok: true });
    expect(store.consume(c.challenge)).toMatchObject({ ok: false, reason: 'used' });
    expect(store.consume(c.bytes)).toMatchObject({ ok: false, reason: 'used' });
  });

  it('refuses an expired or unknown challenge', () => {
    const { store, advance } = setup();
    const c = store.issue();
    advance(60_000);
    expect(store.consume(c.bytes)).toMatchObject({ ok: false, reason: 'expired' });
    expect(store.consume('bm90LWlzc3VlZA')).toMatchObject({ ok: false, reason: 'unknown' });
    expect(() => createChallengeStore({ random: createRandom(1), now: () => 0, ttlMs: 0 })).toThrow(RangeError);
  });
});
