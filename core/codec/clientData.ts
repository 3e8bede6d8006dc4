import { bytesToUtf8, utf8ToBytes } from './bytes.js';
import { ProoflineError } from '../errors.js';

/** The `payment` member of Secure Payment Confirmation clientData (SPC §4.1.x, CollectedClientAdditionalPaymentData). */
export interface PaymentClientData {
  rpId: string;
  topOrigin: string;
  payeeName?: string;
  payeeOrigin?: string;
  total: { currency: string; value: string };
  instrument: { displayName: string; icon: string };
}

/** CollectedClientData (WebAuthn L3 §5.8.1) as Proofline reads it. */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
  topOrigin?: string;
  payment?: PaymentClientData;
  /** Every member as parsed, for display (legacy members such as tokenBinding included). */
  members: Record<string, unknown>;
  /** The exact bytes the authenticator's signature covers (through their hash). */
  raw: Uint8Array;
}

/** What a user agent puts into clientDataJSON. */
export interface ClientDataInit {
  type: 'webauthn.create' | 'webauthn.get' | 'payment.get';
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
  topOrigin?: string;
  payment?: PaymentClientData;
}

/**
 * Serialise clientDataJSON the way browsers do (WebAuthn L3 §5.8.1.1): type, challenge, origin,
 * crossOrigin, then topOrigin when cross-origin, then further members (SPC's `payment`).
 */
export function buildClientDataJSON(init: ClientDataInit): Uint8Array {
  let s = `{"type":${JSON.stringify(init.type)},"challenge":${JSON.stringify(init.challenge)},"origin":${JSON.stringify(init.origin)},"crossOrigin":${init.crossOrigin ? 'true' : 'false'}`;
  if (init.crossOrigin && init.topOrigin !== undefined) s += `,"topOrigin":${JSON.stringify(init.topOrigin)}`;
  if (init.payment) s += `,"payment":${JSON.stringify(init.payment)}`;
  return utf8ToBytes(s + '}');
}

function str(members: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const v = members[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') throw new ProoflineError('ERR_CLIENT_DATA', `"${key}" expected a string, got ${v === undefined ? 'nothing' : typeof v}`, 'clientDataJSON');
  return v;
}

/**
 * Parse clientDataJSON as JSON (never against a template: real responses carry legacy members,
 * escaped slashes, whitespace). Missing or mistyped required members are ERR_CLIENT_DATA.
 */
export function parseClientDataJSON(raw: Uint8Array): ClientData {
  let text: string;
  try {
    text = bytesToUtf8(raw);
  } catch {
    throw new ProoflineError('ERR_CLIENT_DATA', 'is not valid UTF-8', 'clientDataJSON');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProoflineError('ERR_CLIENT_DATA', 'is not valid JSON', 'clientDataJSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ProoflineError('ERR_CLIENT_DATA', 'is not a JSON object', 'clientDataJSON');
  const members = parsed as Record<string, unknown>;
  const cd: ClientData = {
    type: str(members, 'type', true)!,
    challenge: str(members, 'challenge', true)!,
    origin: str(members, 'origin', true)!,
    members,
    raw,
  };
  if (members.crossOrigin !== undefined) {
    if (typeof members.crossOrigin !== 'boolean') throw new ProoflineError('ERR_CLIENT_DATA', `"crossOrigin" expected a boolean, got ${typeof members.crossOrigin}`, 'clientDataJSON');
    cd.crossOrigin = members.crossOrigin;
  }
  const top = str(members, 'topOrigin', false);
  if (top !== undefined) cd.topOrigin = top;
  if (members.payment !== undefined) {
    const p = members.payment;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new ProoflineError('ERR_CLIENT_DATA', '"payment" expected an object', 'clientDataJSON');
    cd.payment = p as PaymentClientData;
  }
  return cd;
}
