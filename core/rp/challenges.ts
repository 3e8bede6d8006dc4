import { toBase64url } from '../codec/base64url.js';
import type { Random } from '../crypto/random.js';

/** Challenge length in bytes (WebAuthn L3 §13.5.3 asks for at least 16). */
export const CHALLENGE_BYTES = 32;

/** A challenge the RP issued: the bytes, the string clientDataJSON will carry, and its expiry. */
export interface IssuedChallenge {
  readonly bytes: Uint8Array;
  /** base64url without padding, as it appears in clientData.challenge. */
  readonly challenge: string;
  /** Milliseconds on the store's clock. */
  readonly expiresAt: number;
}

/** Why a challenge cannot be consumed. */
export type ChallengeRefusal = 'unknown' | 'used' | 'expired';

/** The result of consuming a challenge. */
export type ConsumeResult = { ok: true; issued: IssuedChallenge } | { ok: false; reason: ChallengeRefusal; detail: string };

/** Single-use challenges with an expiry (WebAuthn L3 §13.5.3). */
export interface ChallengeStore {
  /** Issue a fresh random challenge. */
  issue(): IssuedChallenge;
  /** Consume a challenge (base64url string or bytes): succeeds once, before expiry. */
  consume(challenge: string | Uint8Array): ConsumeResult;
}

/** Dependencies of a challenge store: randomness and a clock are passed in, never patched. */
export interface ChallengeStoreDeps {
  readonly random: Random;
  /** Current time in milliseconds. */
  readonly now: () => number;
  /** Lifetime of a challenge in milliseconds (default 5 minutes). */
  readonly ttlMs?: number;
}

/** Create a challenge store drawing 32-byte challenges from `random` and expiring them by `now()`. */
export function createChallengeStore(deps: ChallengeStoreDeps): ChallengeStore {
  const ttl = deps.ttlMs ?? 5 * 60_000;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new RangeError(`"ttlMs" expected a positive number, got ${ttl}`);
  const pending = new Map<string, IssuedChallenge>();
  const spent = new Set<string>();
  return {
    issue() {
      const bytes = deps.random.bytes(CHALLENGE_BYTES);
      const issued = { bytes, challenge: toBase64url(bytes), expiresAt: deps.now() + ttl };
      pending.set(issued.challenge, issued);
      return issued;
    },
    consume(challenge) {
      const key = typeof challenge === 'string' ? challenge : toBase64url(challenge);
      const issued = pending.get(key);
      if (!issued) {
        return spent.has(key)
          ? { ok: false, reason: 'used', detail: 'the challenge was already used: challenges are single-use' }
          : { ok: false, reason: 'unknown', detail: 'the RP never issued this challenge' };
      }
      pending.delete(key);
      spent.add(key);
      const now = deps.now();
      if (now >= issued.expiresAt) return { ok: false, reason: 'expired', detail: `the challenge expired ${now - issued.expiresAt} ms ago` };
      return { ok: true, issued };
    },
  };
}
