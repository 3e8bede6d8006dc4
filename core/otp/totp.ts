import { hotp, type OtpHash } from './hotp.js';

/** TOTP parameters (RFC 6238 §4.1): time step X (seconds) and start T0. */
export interface TotpParams {
  readonly period?: number;
  readonly t0?: number;
  readonly digits?: number;
  readonly hash?: OtpHash;
}

/** The time step T = ⌊(unix − T0) / X⌋ (RFC 6238 §4.2). */
export function totpStep(unix: number, params: TotpParams = {}): number {
  const period = params.period ?? 30;
  if (!Number.isSafeInteger(unix) || unix < 0) throw new RangeError(`"unix" expected a non-negative integer, got ${String(unix)}`);
  return Math.floor((unix - (params.t0 ?? 0)) / period);
}

/** TOTP (RFC 6238 §4.2): HOTP over the time step. */
export function totp(key: Uint8Array, unix: number, params: TotpParams = {}): string {
  return hotp(key, totpStep(unix, params), params.digits ?? 6, params.hash ?? 'SHA1');
}

/**
 * The step among T−1, T, T+1 (RFC 6238 §5.2's recommended window of one step each way) whose code
 * equals `code`, or undefined. The caller must also refuse a step it accepted before (§5.2).
 */
export function totpMatch(key: Uint8Array, code: string, unix: number, params: TotpParams = {}): number | undefined {
  const t = totpStep(unix, params);
  for (const step of [t, t - 1, t + 1]) {
    if (step >= 0 && hotp(key, step, params.digits ?? 6, params.hash ?? 'SHA1') === code) return step;
  }
  return undefined;
}
