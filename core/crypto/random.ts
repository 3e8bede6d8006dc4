import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes, u32 } from '../codec/bytes.js';

/**
 * The one random source of core: a deterministic stream derived from a seed, so that a run
 * recorded with the same seed is the same to the byte. SHA-256 in counter mode over a
 * domain-separated seed; not for production keys, exactly right for a teaching simulator.
 */
export interface Random {
  /** The next `n` bytes of the stream. */
  bytes(n: number): Uint8Array;
  /** An independent stream for a named purpose (e.g. `authn.keys`), stable whatever else is drawn. */
  fork(label: string): Random;
  /**
   * Set on the source of a replay (core/flows/replay.ts), and on every stream forked from it: keys
   * made from it get a stand-in public key and sign with a stand-in signature, because a replay
   * checks what a run shows, not its cryptography (re-verification checks that from the bytes).
   */
  readonly replay?: true;
}

/** Create the seeded random source. */
export function createRandom(seed: number | string | Uint8Array, options: { replay?: boolean } = {}): Random {
  const seedBytes = typeof seed === 'number' ? utf8ToBytes(`n:${seed}`) : typeof seed === 'string' ? utf8ToBytes(`s:${seed}`) : seed;
  return fromKey(sha256(concatBytes(utf8ToBytes('proofline/rng/v1'), seedBytes)), options.replay === true);
}

function fromKey(key: Uint8Array, replay: boolean): Random {
  let counter = 0;
  let pool = new Uint8Array(0);
  return {
    bytes(n: number): Uint8Array {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`"n" expected a non-negative integer, got ${n}`);
      while (pool.length < n) {
        pool = concatBytes(pool, sha256(concatBytes(key, u32(counter++))));
      }
      const out = pool.slice(0, n);
      pool = pool.slice(n);
      return out;
    },
    fork(label: string): Random {
      return fromKey(sha256(concatBytes(key, utf8ToBytes(`/fork/${label}`))), replay);
    },
    ...(replay ? { replay: true as const } : {}),
  };
}
