/**
 * What an actor operation reads and writes: a step's phase, its payloads (bytes exactly as sent or
 * stored) and the knowledge items an evaluator returns. The run model (core/flows/types.ts) builds
 * steps from these.
 */

/** Phases, in order; they align runs across flows. */
export const PHASES = ['enroll', 'challenge', 'display', 'gesture', 'proof', 'submit', 'verify', 'decide'] as const;
export type Phase = (typeof PHASES)[number];

/** How a payload's bytes are best shown. */
export type PayloadEncoding = 'json' | 'cbor' | 'text' | 'binary' | 'der' | 'cose';

/** One named byte string carried by a step, exactly as sent or stored. */
export interface Payload {
  readonly name: string;
  readonly encoding: PayloadEncoding;
  readonly bytes: Uint8Array;
}

/** One thing an actor knows, or (with `never`) something it never sees. */
export interface KnowledgeItem {
  /** Stable key, so the UI can tell new items from old ones. */
  readonly key: string;
  readonly text: string;
  readonly never?: boolean;
}
