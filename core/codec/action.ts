import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from './bytes.js';
import { ProoflineError } from '../errors.js';

/** What a user approves (DESIGN.md §6). */
export type Action =
  | { kind: 'sign-in' }
  | {
      kind: 'payment';
      amount: { value: string; currency: string };
      payee: { name: string; iban: string };
      reference: string;
    };

/** RFC 8785 (JSON Canonicalization Scheme) bytes of an action: what every binding hashes. */
export function canonicalAction(action: Action): Uint8Array {
  const text = canonicalize(action);
  if (typeof text !== 'string') throw new ProoflineError('ERR_ACTION', 'cannot be canonicalised', 'action');
  return utf8ToBytes(text);
}

/** SHA-256 of the canonical action. */
export function actionHash(action: Action): Uint8Array {
  return sha256(canonicalAction(action));
}

/** One-line description of an action, e.g. `10.00 EUR to Alice`. */
export function describeAction(action: Action): string {
  return action.kind === 'payment' ? `${action.amount.value} ${action.amount.currency} to ${action.payee.name}` : 'sign in';
}
