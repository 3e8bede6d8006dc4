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

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of any JSON value: members sorted, no whitespace.
 * Two values are the same JSON when their texts are equal (re-verification compares options,
 * specs and device records this way, and shows the text).
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'undefined';
}

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

/** Read an action from parsed JSON; returns a reason string when the shape is wrong. */
export function parseAction(value: unknown): Action | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'the action is not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.kind === 'sign-in') return { kind: 'sign-in' };
  if (v.kind !== 'payment') return `the action kind ${JSON.stringify(v.kind)} is neither "payment" nor "sign-in"`;
  const amount = v.amount as Record<string, unknown> | undefined;
  const payee = v.payee as Record<string, unknown> | undefined;
  if (!amount || typeof amount.value !== 'string' || typeof amount.currency !== 'string') return 'the payment has no amount {value, currency}';
  if (!payee || typeof payee.name !== 'string' || typeof payee.iban !== 'string') return 'the payment has no payee {name, iban}';
  if (typeof v.reference !== 'string') return 'the payment has no reference';
  return { kind: 'payment', amount: { value: amount.value, currency: amount.currency }, payee: { name: payee.name, iban: payee.iban }, reference: v.reference };
}

/** True when two actions are the same (compared canonically). */
export function sameAction(a: Action, b: Action): boolean {
  return canonicalize(a) === canonicalize(b);
}
