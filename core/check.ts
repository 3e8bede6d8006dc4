import { printable } from './printable.js';

/**
 * A check is one named verification step. Every verifier in core returns these, in the order
 * the spec runs them, so the UI can show a ceremony as the list it is.
 */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** Actor ids across all flows (DESIGN.md §1), plus the person and an attacker. */
export type ActorId =
  | 'rp'
  | 'ua'
  | 'authn'
  | 'server'
  | 'app'
  | 'sensor'
  | 'keystore'
  | 'user'
  | 'attacker'
  | 'push'
  | 'carrier';

/** The result of one named check: what ran, who ran it, which clause, and what it found. */
export interface CheckResult {
  /** Stable id, e.g. `rp.challenge`. */
  readonly id: string;
  readonly actor: ActorId;
  /** Spec clause, e.g. `WebAuthn L3 §7.2 step 11` (from rp/specTable.ts). */
  readonly spec: string;
  readonly status: CheckStatus;
  /** Expected vs actual, in one sentence. */
  readonly detail: string;
}

/** Build a check result; the detail, which may quote protocol data, is made {@link printable}. */
export function check(
  id: string,
  actor: ActorId,
  spec: string,
  status: CheckStatus,
  detail: string,
): CheckResult {
  return { id, actor, spec, status, detail: printable(detail) };
}

/** The first failed check, or undefined when none failed. */
export function firstFailure(checks: readonly CheckResult[]): CheckResult | undefined {
  return checks.find((c) => c.status === 'fail');
}

/** The detail prefix of a check a relying party's configuration switched off (DESIGN.md §10, core/rp/flaws.ts). */
export const DISABLED_PREFIX = 'disabled by configuration';

/** True when a check was skipped because the verifier's configuration switched it off (not because there was nothing to read). */
export function isDisabledByConfiguration(c: Pick<CheckResult, 'status' | 'detail'>): boolean {
  return c.status === 'skip' && c.detail.startsWith(`${DISABLED_PREFIX} (`);
}
