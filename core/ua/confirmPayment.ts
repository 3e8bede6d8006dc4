import { sha256 } from '@noble/hashes/sha2.js';
import type { PersonAtDevice, UserVerificationRequirement } from '../authenticator/decideUserVerification.js';
import type { Authenticator, GetAssertionSuccess } from '../authenticator/types.js';
import { check, type CheckResult } from '../check.js';
import { toBase64url } from '../codec/base64url.js';
import { buildClientDataJSON, type PaymentClientData } from '../codec/clientData.js';
import { checkRpId, isSecureOrigin, isValidDomain, parseOrigin } from './checkRpId.js';
import { crossOriginMembers } from './createCredential.js';
import type { AssertionCredential, UaFailure, UaSuccess } from './types.js';

/**
 * Secure Payment Confirmation (W3C SPC, https://w3c.github.io/secure-payment-confirmation/):
 * `new PaymentRequest([{ supportedMethods: "secure-payment-confirmation", data }], { total }).show()`.
 * The browser shows payee, amount and instrument on its own dialog, the user confirms or declines
 * what they see, and the assertion's clientDataJSON (`type: "payment.get"`) carries exactly what
 * was shown in its `payment` member. Unlike get(), any origin may call it for another site's rpId;
 * the RP must check clientDataJSON.origin itself (SPC §8.1).
 */

const SPC_REQUEST = 'SPC §4.1.5 steps to validate payment method data (#sctn-steps-to-validate-payment-method-data)';
const SPC_DIALOG = 'SPC §4.1.7 displaying a transaction confirmation UX (#sctn-transaction-confirmation-ux)';
const SPC_SKIP_RPID = 'SPC §5 "payment" extension, client extension processing (authentication) step 2.1: skip the rpId vs effectiveDomain step (#sctn-payment-extension-registration)';
const SPC_CLIENT_DATA = 'SPC §5 client extension processing (authentication) step 2.2; §5.2 CollectedClientAdditionalPaymentData';

/** SecurePaymentConfirmationRequest (SPC §4.1.3), the payment method data a caller passes. */
export interface SecurePaymentConfirmationRequest {
  readonly challenge: Uint8Array;
  readonly rpId: string;
  readonly credentialIds: readonly Uint8Array[];
  readonly instrument: { readonly displayName: string; readonly icon: string };
  readonly payeeName?: string;
  readonly payeeOrigin?: string;
  readonly timeout?: number;
}

/** What the browser displayed on its own surface: the UI renders this as the SPC dialog. */
export interface SpcDialog {
  /** Drawn by the browser, outside the page: the page's script cannot change what it shows. */
  readonly surface: 'browser';
  readonly payeeName?: string;
  readonly payeeOrigin?: string;
  readonly total: { readonly currency: string; readonly value: string };
  readonly instrument: { readonly displayName: string; readonly icon: string };
  /** Whose credential will sign (the bank). */
  readonly rpId: string;
  /** The page that called SPC (a merchant, or an attacker's look-alike). */
  readonly callerOrigin: string;
  readonly topOrigin: string;
  readonly spec: string;
}

/** The user's answer on the browser's dialog. */
export type SpcUserResponse = 'confirm' | 'decline';

/** An SPC call as the page makes it, plus the person at the device. */
export interface ConfirmPaymentRequest {
  /** The calling frame's real origin. */
  readonly origin: string;
  /** The top-level origin; default `origin`. */
  readonly topOrigin?: string;
  readonly data: SecurePaymentConfirmationRequest;
  /** PaymentRequest details.total.amount. */
  readonly total: { readonly currency: string; readonly value: string };
  /** The user reading the browser's dialog: confirm or decline what it shows. */
  readonly decide: (dialog: SpcDialog) => SpcUserResponse;
  /** Default `enrolled-user`. */
  readonly person?: PersonAtDevice;
  /** SPC §4.1.8 hard-codes `required`; override only to explore. */
  readonly userVerification?: UserVerificationRequirement;
}

/** A confirmed payment: the assertion, the dialog the user saw, and the payment data that was signed (through its hash). */
export interface ConfirmPaymentSuccess extends UaSuccess<AssertionCredential, GetAssertionSuccess> {
  readonly dialog: SpcDialog;
  readonly userResponse: 'confirm';
  readonly payment: PaymentClientData;
}

/** A refused payment (invalid request, insecure caller, user declined, authenticator refused). */
export interface ConfirmPaymentFailure extends UaFailure {
  readonly dialog?: SpcDialog;
  readonly userResponse?: SpcUserResponse;
}

/** Result of {@link confirmPayment}. */
export type ConfirmPaymentResult = ConfirmPaymentSuccess | ConfirmPaymentFailure;

/** SPC §4.1.5: the request's shape; the first problem found, or undefined. */
function validateRequest(data: SecurePaymentConfirmationRequest): { errorName: 'TypeError' | 'RangeError'; detail: string } | undefined {
  if (!data.credentialIds || data.credentialIds.length === 0) return { errorName: 'RangeError', detail: 'credentialIds is empty' };
  if (data.credentialIds.some((id) => !(id instanceof Uint8Array) || id.length === 0)) return { errorName: 'RangeError', detail: 'a credential id is empty' };
  if (!(data.challenge instanceof Uint8Array) || data.challenge.length === 0) return { errorName: 'TypeError', detail: 'challenge is empty' };
  if (!data.instrument?.displayName) return { errorName: 'TypeError', detail: 'instrument.displayName is empty' };
  if (!data.instrument.icon) return { errorName: 'TypeError', detail: 'instrument.icon is empty' };
  if (typeof data.rpId !== 'string' || !isValidDomain(data.rpId.toLowerCase())) return { errorName: 'TypeError', detail: `rpId ${JSON.stringify(data.rpId)} is not a valid domain` };
  if (data.payeeName === undefined && data.payeeOrigin === undefined) return { errorName: 'TypeError', detail: 'both payeeName and payeeOrigin are omitted' };
  if (data.payeeName === '' || data.payeeOrigin === '') return { errorName: 'TypeError', detail: 'payeeName or payeeOrigin is present but empty' };
  if (data.payeeOrigin !== undefined) {
    const p = parseOrigin(data.payeeOrigin);
    if ('error' in p || p.scheme !== 'https') return { errorName: 'TypeError', detail: `payeeOrigin ${JSON.stringify(data.payeeOrigin)} is not an https origin` };
  }
  return undefined;
}

/**
 * Run an SPC authentication: validate the request, let any secure origin call it (no rpId vs
 * origin check — recorded as a skipped `ua.rpId`), show the browser's dialog, ask the user
 * (`user.spcDialog`), then build `payment.get` clientDataJSON with what was displayed and ask the
 * authenticator (UV required) for an assertion over its hash.
 */
export function confirmPayment(authn: Authenticator, request: ConfirmPaymentRequest): ConfirmPaymentResult {
  const { origin, data, total } = request;
  const checks: CheckResult[] = [];
  const invalid = validateRequest(data);
  if (invalid) {
    checks.push(check('ua.spcRequest', 'ua', SPC_REQUEST, 'fail', invalid.detail));
    return { status: 'error', errorName: invalid.errorName, message: invalid.detail, checks };
  }
  const payeeOrigin = data.payeeOrigin !== undefined ? (parseOrigin(data.payeeOrigin) as { serialized: string }).serialized : undefined;
  checks.push(check('ua.spcRequest', 'ua', SPC_REQUEST, 'pass', `SPC request for rpId "${data.rpId}" with ${data.credentialIds.length} credential id(s), payee ${[data.payeeName, payeeOrigin].filter(Boolean).join(' / ')}`));

  // PaymentRequest is [SecureContext]: the caller must be https (or localhost).
  const caller = parseOrigin(origin);
  if ('error' in caller || !isSecureOrigin(caller)) {
    const detail = 'error' in caller ? `the caller's origin cannot be used: ${caller.error}` : `origin ${caller.serialized} is not a secure context`;
    checks.push(check('ua.origin', 'ua', 'Payment Request API [SecureContext]; Secure Contexts §3.2', 'fail', detail));
    return { status: 'error', errorName: 'SecurityError', message: detail, rpId: data.rpId, checks };
  }
  const topOrigin = request.topOrigin ?? caller.serialized;

  // SPC lets a third party (the merchant) call for the bank's rpId, so the browser does not compare them.
  const wouldBe = checkRpId(caller.serialized, data.rpId, 'get');
  checks.push(check('ua.rpId', 'ua', SPC_SKIP_RPID, 'skip', `SPC lets ${caller.serialized} use credentials of rpId "${data.rpId}" without the rpId vs origin check (plain get() would ${wouldBe.status === 'pass' ? 'pass' : 'fail'}: ${wouldBe.detail}); the RP must verify clientDataJSON.origin itself (SPC §8.1)`));

  // SPC §4.1.7: the browser itself shows payee, total and instrument, and collects the user's consent.
  const dialog: SpcDialog = {
    surface: 'browser',
    ...(data.payeeName !== undefined ? { payeeName: data.payeeName } : {}),
    ...(payeeOrigin !== undefined ? { payeeOrigin } : {}),
    total: { currency: total.currency, value: total.value },
    instrument: { displayName: data.instrument.displayName, icon: data.instrument.icon },
    rpId: data.rpId,
    callerOrigin: caller.serialized,
    topOrigin,
    spec: SPC_DIALOG,
  };
  const shown = `${total.value} ${total.currency} to ${[data.payeeName, payeeOrigin].filter(Boolean).join(' / ')} with ${data.instrument.displayName}`;
  const userResponse = request.decide(dialog);
  if (userResponse !== 'confirm') {
    checks.push(check('user.spcDialog', 'user', SPC_DIALOG, 'fail', `the user declined on the browser's own dialog, which showed ${shown}`));
    return { status: 'error', errorName: 'NotAllowedError', message: 'the user declined the payment on the browser dialog', rpId: data.rpId, checks, dialog, userResponse: 'decline' };
  }
  checks.push(check('user.spcDialog', 'user', SPC_DIALOG, 'pass', `the user confirmed on the browser's own dialog, which showed ${shown}`));

  // SPC §5 step 2.2: CollectedClientPaymentData — type "payment.get" and the displayed data under "payment".
  const payment: PaymentClientData = {
    rpId: data.rpId,
    topOrigin,
    ...(data.payeeName !== undefined ? { payeeName: data.payeeName } : {}),
    ...(payeeOrigin !== undefined ? { payeeOrigin } : {}),
    total: { currency: total.currency, value: total.value },
    instrument: { displayName: data.instrument.displayName, icon: data.instrument.icon },
  };
  const clientDataJSON = buildClientDataJSON({ type: 'payment.get', challenge: toBase64url(data.challenge), origin: caller.serialized, ...crossOriginMembers(caller.serialized, request.topOrigin), payment });
  const clientDataHash = sha256(clientDataJSON);
  checks.push(check('ua.clientData', 'ua', SPC_CLIENT_DATA, 'pass', `clientDataJSON type "payment.get" from origin ${caller.serialized} carries the displayed payment: ${shown}`));

  // SPC §4.1.8: userVerification "required", allowCredentials = credentialIds (transport internal).
  const result = authn.getAssertion({
    clientDataHash,
    rpId: data.rpId,
    allowCredentials: data.credentialIds,
    userVerification: request.userVerification ?? 'required',
    person: request.person ?? 'enrolled-user',
  });
  checks.push(...result.checks);
  if (result.status !== 'ok') {
    return { status: 'error', errorName: result.errorName, message: result.reason, rpId: data.rpId, checks, authenticator: result, clientDataJSON, clientDataHash, dialog, userResponse: 'confirm' };
  }
  return {
    status: 'ok',
    rpId: data.rpId,
    clientDataJSON,
    clientDataHash,
    checks,
    authenticator: result,
    dialog,
    userResponse: 'confirm',
    payment,
    credential: {
      id: toBase64url(result.credentialId),
      rawId: result.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: { clientDataJSON, authenticatorData: result.authenticatorData, signature: result.signature, userHandle: result.userHandle },
    },
  };
}
