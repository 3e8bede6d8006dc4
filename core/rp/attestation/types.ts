import { check, type CheckResult } from '../../check.js';
import type { AuthenticatorData } from '../../codec/authenticatorData.js';
import type { CosePublicKey } from '../../codec/cose.js';
import { ProoflineError, errorMessage } from '../../errors.js';
import { sectionRef, type SectionKey } from '../specTable.js';
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
 * A format's verdict on its statement: one check per requirement of its verification procedure
 * (and certificate requirements), the attestation type it returns and the trust path (x5c).
 */
export interface AttestationOutcome {
  readonly checks: CheckResult[];
  readonly type: AttestationType;
  readonly x5c?: Uint8Array[];
  /** What the statement itself says about the authenticator (e.g. a TPM manufacturer), for the UI. */
  readonly facts?: string[];
}

/** RP attestation policy: the choices WebAuthn L3 leaves to the relying party. */
export interface AttestationPolicy {
  /** Reject registrations whose attestation could not be verified (default false: not required). */
  readonly require?: boolean;
  /** android-safetynet: require ctsProfileMatch (default true, as SimpleWebAuthn does). */
  readonly requireCtsProfileMatch?: boolean;
  /** android-key: read origin and purpose only from the TEE list (default false: TEE or software, §8.4). */
  readonly androidKeyTeeOnly?: boolean;
  /** The time (ms since the epoch) attestation data is judged at: SafetyNet's timestamp must not be later. */
  readonly at?: number;
}

/**
 * The requirements of one format's verification procedure, each its own check: `rp.<format>.<name>`
 * with the clause of §8 it comes from, e.g. `rp.tpm.pubArea` — WebAuthn L3 §8.3 (pubArea …).
 */
export class Requirements {
  readonly checks: CheckResult[] = [];
  constructor(
    private readonly prefix: string,
    private readonly section: SectionKey,
  ) {}

  /** Record a requirement that held or not; returns whether it held. */
  need(name: string, clause: string, ok: boolean, pass: string, fail: string, section: SectionKey = this.section): boolean {
    this.checks.push(check(`${this.prefix}.${name}`, 'rp', sectionRef(section, clause), ok ? 'pass' : 'fail', ok ? pass : fail));
    return ok;
  }

  /** Record a requirement that could not be checked, with the reason. */
  skip(name: string, clause: string, why: string, section: SectionKey = this.section): void {
    this.checks.push(check(`${this.prefix}.${name}`, 'rp', sectionRef(section, clause), 'skip', why));
  }

  /** Record a requirement whose input is malformed (a failed check, never an exception). */
  malformed(name: string, clause: string, e: unknown, section: SectionKey = this.section): false {
    this.checks.push(check(`${this.prefix}.${name}`, 'rp', sectionRef(section, clause), 'fail', `expected well-formed data, but ${errorMessage(e)}`));
    return false;
  }

  /** Run `read` (parsing part of the statement); a malformed part records the failed requirement `name` and gives undefined. */
  read<T>(name: string, clause: string, read: () => T, section: SectionKey = this.section): T | undefined {
    try {
      return read();
    } catch (e) {
      this.malformed(name, clause, e, section);
      return undefined;
    }
  }

  /** Whether every requirement recorded so far held. */
  get ok(): boolean {
    return this.checks.every((c) => c.status === 'pass');
  }
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
