import type { Action } from '../codec/action.js';

/**
 * The bank's SMS texts (GSM-7, at most 160 characters) and the fixed template the user reads them
 * with: with dynamic linking the text states amount and payee (PSD2 RTS Art. 5(1)(a)), and the user
 * reads them from the text, not from the page.
 */

/** What an SMS says: the code, and (dynamic linking) what it approves. */
export interface SmsContent {
  readonly code: string;
  /** Absent for a bare code; a sign-in or a payment with dynamic linking. */
  readonly action?: { kind: 'sign-in' } | { kind: 'payment'; value: string; currency: string; payeeName: string; iban: string };
}

/** IBAN in groups of four, as printed. */
function groups(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The text of a code SMS; `action` only with dynamic linking. */
export function smsText(code: string, action?: Action): string {
  if (!action) return `Example Bank: your code is ${code}. Valid 5 minutes. Never share it.`;
  if (action.kind === 'sign-in') return `Example Bank: code ${code} to sign in. Never share it.`;
  return `Example Bank: code ${code} to pay ${action.amount.value} ${action.amount.currency} to ${action.payee.name} (${groups(action.payee.iban)}). Never share it.`;
}

const BARE = /^Example Bank: your code is (\d{6,8})\. Valid 5 minutes\. Never share it\.$/;
const SIGN_IN = /^Example Bank: code (\d{6,8}) to sign in\. Never share it\.$/;
const PAYMENT = /^Example Bank: code (\d{6,8}) to pay (\d+\.\d\d) ([A-Z]{3}) to (.+) \(([A-Z0-9 ]+)\)\. Never share it\.$/;

/** Read an SMS with the bank's fixed template; undefined when the text does not follow it. */
export function parseSmsText(text: string): SmsContent | undefined {
  let m = BARE.exec(text);
  if (m) return { code: m[1]! };
  m = SIGN_IN.exec(text);
  if (m) return { code: m[1]!, action: { kind: 'sign-in' } };
  m = PAYMENT.exec(text);
  if (m) return { code: m[1]!, action: { kind: 'payment', value: m[2]!, currency: m[3]!, payeeName: m[4]!, iban: m[5]!.replace(/ /g, '') } };
  return undefined;
}
