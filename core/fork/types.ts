import type { Action } from '../codec/action.js';
import type { RpFlaw } from '../rp/flawNames.js';
import type { CheckStatus } from '../check.js';
import type { Level, Property, Run } from '../flows/types.js';

/** An authenticatorData flag a fork can set or clear (WebAuthn L3 §6.1). */
export type ForkFlag = 'UV' | 'UP' | 'BE' | 'BS';

/** The flags a fork can change, in the order the UI lists them. */
export const FORK_FLAGS: readonly ForkFlag[] = ['UP', 'UV', 'BE', 'BS'];

/** The kinds of change a what-if fork makes. */
export const FORK_KINDS = ['flag', 'counter', 'origin', 'challenge', 'action', 'rpFlaw', 'number', 'code'] as const;
/** A kind of change. */
export type ForkKind = (typeof FORK_KINDS)[number];

/**
 * One thing a what-if fork changes in the bytes of a recorded run. Nothing is re-signed: the point
 * is to see which check catches the change.
 * - `flag`: set or clear a bit of the flags byte of authenticatorData;
 * - `counter`: the signCount of authenticatorData;
 * - `origin` / `challenge`: a member of clientDataJSON (the JSON is re-serialised);
 * - `action`: the amount and/or payee of the action a request or approval carries (`body.action`);
 * - `rpFlaw`: the WebAuthn RP's configuration (`rpFlaw` in its `rp.policy` payload, DESIGN.md §10):
 *   the same bytes judged by a misconfigured RP;
 * - `number`: the number the user types in push number matching (the tap, and the approval that
 *   forwards it);
 * - `code`: the one-time code the user types (the typed code, and the submission that carries it).
 */
export type ForkChange =
  | { readonly kind: 'flag'; readonly flag: ForkFlag; readonly value: boolean }
  | { readonly kind: 'counter'; readonly value: number }
  | { readonly kind: 'origin'; readonly value: string }
  | { readonly kind: 'challenge'; readonly value: string }
  | {
      readonly kind: 'action';
      readonly amount?: { readonly value: string; readonly currency: string };
      readonly payee?: { readonly name: string; readonly iban: string };
    }
  | { readonly kind: 'rpFlaw'; readonly value: RpFlaw }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'code'; readonly value: string };

/** What a trace stores about a fork: the run it forks (index in the same trace), the step and the change. */
export interface ForkInfo {
  /** Index of the original run in the trace's `runs`. */
  readonly of: number;
  /** The step the change was made at. */
  readonly at: number;
  readonly change: ForkChange;
}

/** A recorded check whose status differs between the original run and the fork. */
export interface ChangedCheck {
  readonly step: number;
  readonly id: string;
  /** Status in the original run; null when the check did not run there. */
  readonly before: CheckStatus | null;
  /** Status in the fork; null when the check did not run (its step was dropped after a halt, or it never ran). */
  readonly after: CheckStatus | null;
  /** The fork's detail of the check, or the original's when the fork has none. */
  readonly detail: string;
}

/** A ledger property whose level differs between the original run and the fork. */
export interface ChangedLedgerEntry {
  readonly property: Property;
  readonly before: Level;
  readonly after: Level;
  /** Why the fork's level is what it is. */
  readonly why: string;
}

/** The result of a what-if fork. */
export interface ForkResult {
  /** The fork: a run whose steps up to the halt carry the changed bytes, re-evaluated. */
  readonly run: Run & { readonly fork: ForkInfo };
  /** Steps whose payloads the change rewrote (the step itself and later identical copies). */
  readonly changedSteps: readonly number[];
  /** Original steps at or after the change that the fork leaves out (an actor halted earlier). */
  readonly droppedSteps: readonly number[];
  readonly changedChecks: readonly ChangedCheck[];
  readonly changedLedger: readonly ChangedLedgerEntry[];
}

/** A change that applies at a step, with the current value the UI can show next to it. */
export type ForkableChange =
  | { readonly kind: 'flag'; readonly payload: string; readonly current: Readonly<Record<ForkFlag, boolean>> }
  | { readonly kind: 'counter'; readonly payload: string; readonly current: number }
  | { readonly kind: 'origin'; readonly payload: string; readonly current: string }
  | { readonly kind: 'challenge'; readonly payload: string; readonly current: string }
  | { readonly kind: 'action'; readonly payload: string; readonly current: Action }
  | { readonly kind: 'rpFlaw'; readonly payload: string; readonly current: RpFlaw }
  | { readonly kind: 'number'; readonly payload: string; readonly current: string }
  | { readonly kind: 'code'; readonly payload: string; readonly current: string };
