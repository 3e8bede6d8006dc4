import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import type { CosePublicKey } from '../../codec/cose.js';
import { ProoflineError } from '../../errors.js';
import type { AttestationType } from '../types.js';

/** What every attestation format's verification procedure receives (WebAuthn L3 §8). */
export interface AttestationInput {
  readonly fmt: string;
  readonly attStmt: Map<unknown, unknown>;
  readonly authData: AuthenticatorData;
  readonly clientDataHash: Uint8Array;
  /** The attested credential public key, when it parsed. */
  readonly credentialKey: CosePublicKey | undefined;
}

/**
 * A format's verdict on its statement: `pass` verified (without a trust root), `fail` rejected,
 * `skip` not (fully) verified — the detail says what was and was not checked.
 */
export interface AttestationOutcome {
  readonly status: 'pass' | 'fail' | 'skip';
  readonly detail: string;
  readonly type: AttestationType;
  readonly x5c?: Uint8Array[];
}

/** RP attestation policy. */
export interface AttestationPolicy {
  /** Reject registrations whose attestation could not be verified (default false: not required). */
  readonly require?: boolean;
  /** android-safetynet: require ctsProfileMatch (default true, as SimpleWebAuthn does). */
  readonly requireCtsProfileMatch?: boolean;
}

/** Read a byte-string member of attStmt; wrong shapes are ERR_ATTESTATION. */
export function stmtBytes(attStmt: Map<unknown, unknown>, name: string): Uint8Array {
  const v = attStmt.get(name);
  if (!(v instanceof Uint8Array)) throw new ProoflineError('ERR_ATTESTATION', `"${name}" expected a byte string, got ${v === undefined ? 'nothing' : typeof v}`, 'attStmt');
  return v;
}

/** Read the integer `alg` of attStmt. */
export function stmtAlg(attStmt: Map<unknown, unknown>): number {
  const v = attStmt.get('alg');
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ProoflineError('ERR_ATTESTATION', `"alg" expected a COSE algorithm integer, got ${v === undefined ? 'nothing' : typeof v}`, 'attStmt');
  return v;
}

/** Read the x5c certificate array (undefined when absent). */
export function stmtX5c(attStmt: Map<unknown, unknown>): Uint8Array[] | undefined {
  const v = attStmt.get('x5c');
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || !v.every((c) => c instanceof Uint8Array)) throw new ProoflineError('ERR_ATTESTATION', '"x5c" expected a non-empty array of DER certificates', 'attStmt');
  return v as Uint8Array[];
}
