import type { z } from 'zod';
import type { credentialSchema } from '../bundle/schema.js';
import { actionHash, describeAction, type Action } from '../codec/action.js';
import { fromBase64url, toBase64url } from '../codec/base64url.js';
import { parseAttestationObject } from '../codec/attestationObject.js';
import { bytesToHex, concatBytes } from '../codec/bytes.js';
import { errorMessage } from '../errors.js';
import { aaguidString } from '../rp/attestation/mds.js';
import { communityName } from '../rp/attestation/trust.js';
import type { TrustTexts } from '../rp/attestation/trustInputs.js';
import { flowInfo } from '../flows/catalog.js';
import { Recorder, type StepInit } from '../flows/record.js';
import { judgeSteps, INTENDED_ACTION } from '../flows/runs.js';
import type { ActorInfo, CapturedDevice, CaptureInfo, FlowOptions, Run, ScenarioId, Step } from '../flows/types.js';
import { originsFor } from './contract.js';
import { CAPTURE_RP_ID, DERIVED, recordApproval, recordLookAlike, recordRegistration } from './script.js';
import { jsonBytes } from '../ops/payloads.js';

/**
 * A capture session: Proofline's relying party (rpId `localhost`) and trace recorder on one side,
 * a real browser and a real authenticator on the other. The page asks for options, calls
 * navigator.credentials.create/get, and posts the browser's answer; each answer is recorded as
 * the steps of a WebAuthn run through the same ops and checks as a simulated run. A ceremony's
 * steps are recorded when its answer arrives, so a cancelled browser prompt (the page simply asks
 * again, with a fresh challenge) leaves nothing half-written, and the run so far is never lost.
 *
 * Plain functions over a state machine: the HTTP wrapper passes bodies the contract accepted and
 * writes back the reply. Randomness and the clock are passed in.
 */

export { CAPTURE_RP_ID } from './script.js';

/** What the session needs from its host. */
export interface CaptureDeps {
  /** Cryptographically random bytes (challenges, transaction ids, user id). */
  readonly random: (n: number) => Uint8Array;
  readonly now: () => Date;
  /**
   * What the RP trusts (`proofline capture --trust/--mds/--mds-root/--at`), recorded as the
   * registration's `trust` payload: the chain is judged at the capture time unless `at` states one.
   */
  readonly trust?: TrustTexts;
}

/** Where a session is. */
export type CapturePhase = 'register' | 'approve' | 'approved' | 'failed' | 'done';

/** The user's choices on the page. */
export interface CaptureChoice {
  readonly userVerification: 'required' | 'preferred' | 'discouraged';
  readonly binding: 'none' | 'challenge';
  /** The key algorithm the RP lists first (default ES256); the others follow, and the device picks. */
  readonly algorithm?: 'ES256' | 'EdDSA' | 'RS256';
}

/** COSE algorithm ids the RP accepts (RFC 9053, RFC 8812), in its default order of preference. */
const ALGORITHMS = { ES256: -7, EdDSA: -8, RS256: -257 } as const;

/** What a route answers: an HTTP status and a JSON body. */
export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A PublicKeyCredential in its JSON form, as the contract accepted it. */
export type CredentialJSON = z.infer<typeof credentialSchema>;

interface PendingRegistration {
  choice: CaptureChoice;
  options: Record<string, unknown>;
}

interface PendingTx {
  txId: string;
  challenge: Uint8Array;
  options: Record<string, unknown>;
}

const ok = (body: Record<string, unknown>): Reply => ({ status: 200, body });
const conflict = (error: string): Reply => ({ status: 409, body: { error } });
const bad = (error: string): Reply => ({ status: 400, body: { error } });

/** The browser named in a user agent string, for the lane's label. */
export function browserName(userAgent: string): string {
  const m = /(Edg|OPR|Firefox|Chromium|Chrome|HeadlessChrome|Version)\/(\d+)/.exec(userAgent);
  if (!m) return 'Your browser';
  const names: Record<string, string> = { Edg: 'Edge', OPR: 'Opera', Version: /Safari/.test(userAgent) ? 'Safari' : 'Browser', HeadlessChrome: 'Chromium (headless)' };
  return `${names[m[1]!] ?? m[1]} ${m[2]}`;
}

/** The lane's actors, labelled with what is known of the real browser and device. */
export function capturedActors(capture: CaptureInfo): ActorInfo[] {
  return flowInfo('webauthn').actors.map((a) => {
    switch (a.id) {
      case 'user': return { ...a, name: 'You' };
      case 'ua': return { id: 'ua', name: browserName(capture.userAgent), role: 'Your browser (captured)' };
      case 'authn': return { id: 'authn', name: 'Your authenticator', role: capture.device ? `${capture.device.model ? `“${capture.device.model}” (its AAGUID’s claim)` : `AAGUID ${capture.device.aaguid.slice(0, 8)}…`} · ${capture.device.attestationFormat} attestation` : 'Device details redacted (captured)' };
      case 'rp': return { id: 'rp', name: 'Proofline’s RP', role: `Relying party for ${CAPTURE_RP_ID}, in Proofline` };
      default: return a;
    }
  });
}

/** What a registration's attestation shows of the device: AAGUID, format and evidence. */
export async function deviceOf(attestationObject: Uint8Array, report: { readonly transports?: unknown; readonly authenticatorAttachment?: unknown }): Promise<CapturedDevice> {
  // `report` is what the browser said beside the attestation (the `response` payload it is recorded as).
  const transports = Array.isArray(report.transports) ? report.transports.filter((t): t is string => typeof t === 'string') : [];
  const attachment = typeof report.authenticatorAttachment === 'string' ? report.authenticatorAttachment : null;
  try {
    const att = parseAttestationObject(attestationObject);
    const aaguid = att.authData.attestedCredentialData?.aaguid ?? new Uint8Array(16);
    const x5c = att.attStmt.get('x5c');
    const evidence = att.fmt === 'none'
      ? 'none: the browser or the device gave no evidence of the model'
      : Array.isArray(x5c)
        ? `a ${att.fmt} statement with a certificate chain of ${x5c.length}, naming the model’s attestation key`
        : `a ${att.fmt} statement signed by the credential key itself (self attestation: no evidence of the model)`;
    const id = aaguidString(aaguid);
    const model = aaguid.some((b) => b !== 0) ? await communityName(id).catch(() => undefined) : undefined;
    return { aaguid: id, ...(model ? { model } : {}), attestationFormat: att.fmt, evidence, transports, attachment };
  } catch (e) {
    return { aaguid: aaguidString(new Uint8Array(16)), attestationFormat: 'unreadable', evidence: `the attestationObject cannot be read: ${errorMessage(e)}`, transports, attachment };
  }
}

/** Turn a recorded Step back into what a Recorder takes, to record the same bytes into another run. */
export function stepInit(step: Step): StepInit {
  return {
    phase: step.phase,
    from: step.from,
    ...(step.to !== step.from ? { to: step.to } : {}),
    label: step.label,
    caption: step.caption,
    op: step.op,
    payloads: step.payloads.map((p) => ({ name: p.name, encoding: p.encoding, bytes: p.bytes })),
    ...(step.attacker ? { attacker: true } : {}),
  };
}

/** Build a run (ledger and outcome from its checks) from a recorder's steps. */
export function runFrom(rec: Recorder, scenario: ScenarioId, options: FlowOptions, capture: CaptureInfo, intended: Action = INTENDED_ACTION): Run {
  const { ledger, outcome } = judgeSteps({ flow: 'webauthn', scenario, options }, rec.steps, rec.state);
  return { flow: 'webauthn', scenario, options, seed: 0, intended, actors: capturedActors(capture), steps: rec.steps, outcome, ledger, secrets: [], capture };
}

/** The payloads of a credential's assertion, decoded, for recording. */
function assertionBytes(c: CredentialJSON): { clientDataJSON: Uint8Array; authenticatorData: Uint8Array; signature: Uint8Array; credentialId: Uint8Array; userHandle?: Uint8Array } | string {
  try {
    if (c.response.authenticatorData === undefined || c.response.signature === undefined) return 'response: authenticatorData and signature are required for an assertion';
    return {
      clientDataJSON: fromBase64url(c.response.clientDataJSON, 'response.clientDataJSON'),
      authenticatorData: fromBase64url(c.response.authenticatorData, 'response.authenticatorData'),
      signature: fromBase64url(c.response.signature, 'response.signature'),
      credentialId: fromBase64url(c.rawId, 'rawId'),
      ...(c.response.userHandle ? { userHandle: fromBase64url(c.response.userHandle, 'response.userHandle') } : {}),
    };
  } catch (e) {
    return errorMessage(e);
  }
}

/** A capture session: one registration, one approval, optionally the look-alike attempt. */
export class CaptureSession {
  readonly origin: string;
  readonly lookAlikeOrigin: string;
  /** The action the page shows and the user approves. */
  readonly action: Action = INTENDED_ACTION;
  phase: CapturePhase = 'register';
  private readonly deps: CaptureDeps;
  private readonly rec = new Recorder();
  private readonly userId: Uint8Array;
  private choice: CaptureChoice | undefined;
  private capture: CaptureInfo | undefined;
  private credentialId: Uint8Array | undefined;
  private pendingRegistration: PendingRegistration | undefined;
  private pendingTx: PendingTx | undefined;
  private pendingLookAlike: PendingTx | undefined;
  private lookAlike: Run | undefined;
  /** Steps of the registration (policy to verification), the prefix of the look-alike run. */
  private registrationSteps = 0;

  constructor(port: number, deps: CaptureDeps) {
    const o = originsFor(port);
    this.origin = o.page;
    this.lookAlikeOrigin = o.lookalike;
    this.deps = deps;
    this.userId = deps.random(16);
  }

  /** The captured run so far (null before the registration's answer arrived). */
  run(): Run | null {
    if (!this.capture || !this.choice || this.rec.steps.length === 0) return null;
    return runFrom(this.rec, 'honest', this.options(), this.capture);
  }

  /** The look-alike attempt, once the browser answered it. */
  lookAlikeRun(): Run | null {
    return this.lookAlike ?? null;
  }

  private options(): FlowOptions {
    return { userVerification: this.choice!.userVerification, binding: this.choice!.binding };
  }

  /** What the page shows: where the session is, the action, and how the run stands. */
  state(): Reply {
    const run = this.run();
    return ok({
      phase: this.phase,
      action: { amount: this.action.kind === 'payment' ? this.action.amount : null, payee: this.action.kind === 'payment' ? this.action.payee.name : null, text: describeAction(this.action) },
      choice: this.choice ?? null,
      steps: run?.steps.length ?? 0,
      outcome: run ? run.outcome.sentence : null,
      lookAlike: { url: this.lookAlikeUrlPath(), done: this.lookAlike !== undefined, outcome: this.lookAlike?.outcome.sentence ?? null },
    });
  }

  private lookAlikeUrlPath(): string {
    return `${this.lookAlikeOrigin}`;
  }

  /** POST /api/register/options: creation options with a fresh challenge, for the user's choices. */
  registerOptions(choice: CaptureChoice): Reply {
    if (this.phase !== 'register') return conflict(`registration is over (the session is at “${this.phase}”)`);
    const options = {
      challenge: toBase64url(this.deps.random(32)),
      rp: { id: CAPTURE_RP_ID, name: 'Proofline capture' },
      user: { id: toBase64url(this.userId), name: 'proofline-capture', displayName: 'Proofline capture' },
      pubKeyCredParams: (Object.keys(ALGORITHMS) as (keyof typeof ALGORITHMS)[]).sort((a, b) => Number(b === choice.algorithm) - Number(a === choice.algorithm)).map((k) => ({ type: 'public-key', alg: ALGORITHMS[k] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: choice.userVerification },
      attestation: 'direct',
      timeout: 120000,
    };
    this.pendingRegistration = { choice: { userVerification: choice.userVerification, binding: choice.binding }, options };
    return ok({ publicKey: options });
  }

  /** POST /api/register: the browser's registration response, recorded and verified (§7.1). */
  async register(credential: CredentialJSON, userAgent: string): Promise<Reply> {
    const pending = this.pendingRegistration;
    if (this.phase !== 'register' || !pending) return conflict(this.phase !== 'register' ? `registration is over (the session is at “${this.phase}”)` : 'ask for registration options first');
    let clientDataJSON: Uint8Array, attestationObject: Uint8Array, credentialId: Uint8Array;
    try {
      if (credential.response.attestationObject === undefined) return bad('response.attestationObject: required for a registration');
      clientDataJSON = fromBase64url(credential.response.clientDataJSON, 'response.clientDataJSON');
      attestationObject = fromBase64url(credential.response.attestationObject, 'response.attestationObject');
      credentialId = fromBase64url(credential.rawId, 'rawId');
    } catch (e) {
      return bad(errorMessage(e));
    }
    this.pendingRegistration = undefined;
    this.choice = pending.choice;
    this.capture = { at: this.deps.now().toISOString(), userAgent: userAgent.slice(0, 512), origin: this.origin, device: await deviceOf(attestationObject, { transports: credential.response.transports ?? [], authenticatorAttachment: credential.authenticatorAttachment ?? null }) };
    this.credentialId = credentialId;
    const { rec } = this;
    const t = this.deps.trust;
    const trust = t ? jsonBytes({ ...t, ...(t.at === undefined || t.at === 'now' ? { at: this.capture.at, atSource: 'capture' } : { at: t.at, atSource: 'stated' }) }) : undefined;
    await recordRegistration(rec, { origin: this.origin, ...pending.choice, options: pending.options, clientDataJSON, attestationObject, credentialId, response: { transports: credential.response.transports ?? [], authenticatorAttachment: credential.authenticatorAttachment ?? null }, ...(trust ? { trust } : {}) });
    const v = rec.steps.at(-1)!;
    this.registrationSteps = rec.steps.length;
    this.phase = rec.halted ? 'failed' : 'approve';
    return ok({ verdict: rec.halted ? 'rejected' : 'accepted', checks: v.checks, device: this.capture.device, phase: this.phase });
  }

  /** A new transaction for the action: its id, challenge (random, or nonce ‖ SHA-256(action)) and request options. */
  private newTx(action: Action): PendingTx {
    const txId = `tx-${bytesToHex(this.deps.random(4))}`;
    const challenge = this.choice!.binding === 'challenge' ? concatBytes(this.deps.random(16), actionHash(action)) : this.deps.random(32);
    const options = { txId, challenge: toBase64url(challenge), rpId: CAPTURE_RP_ID, allowCredentials: [toBase64url(this.credentialId!)], userVerification: this.choice!.userVerification };
    return { txId, challenge, options };
  }

  /** POST /api/approve/options: the page asks to approve the action; the RP opens a transaction. */
  approveOptions(): Reply {
    if (this.phase !== 'approve') return conflict(this.phase === 'register' ? 'register an authenticator first' : `the approval is over (the session is at “${this.phase}”)`);
    this.pendingTx = this.newTx(this.action);
    return ok({ publicKey: this.pendingTx.options, action: describeAction(this.action) });
  }

  /** POST /api/approve: the browser's assertion, recorded and verified (§7.2); the RP executes if it passes. */
  async approve(credential: CredentialJSON): Promise<Reply> {
    const tx = this.pendingTx;
    if (this.phase !== 'approve' || !tx) return conflict(this.phase !== 'approve' ? `no approval is pending (the session is at “${this.phase}”)` : 'ask for approval options first');
    const a = assertionBytes(credential);
    if (typeof a === 'string') return bad(a);
    this.pendingTx = undefined;
    await recordApproval(this.rec, { origin: this.origin, ...this.choice!, action: this.action, tx: { txId: tx.txId, options: tx.options }, assertion: a }, true);
    this.phase = 'approved';
    const run = this.run()!;
    return ok({ outcome: run.outcome.outcome, sentence: run.outcome.sentence, checks: run.steps.at(-2)?.checks ?? [], phase: this.phase });
  }

  /** POST /api/lookalike/options (from http://127.0.0.1:<port>): request options asking for rpId localhost. */
  lookalikeOptions(): Reply {
    if (this.phase === 'register' || this.phase === 'failed' || !this.credentialId) return conflict('register an authenticator on the capture page first');
    if (this.lookAlike) return conflict('the look-alike attempt is already recorded');
    this.pendingLookAlike = this.newTx(this.action);
    return ok({ publicKey: this.pendingLookAlike.options, action: describeAction(this.action) });
  }

  /** POST /api/lookalike/result: what the browser said when the look-alike page asked for rpId localhost. */
  async lookalikeResult(result: { error: { name: string; message: string } } | { credential: CredentialJSON }): Promise<Reply> {
    const tx = this.pendingLookAlike;
    if (!tx || this.lookAlike || !this.capture) return conflict(this.lookAlike ? 'the look-alike attempt is already recorded' : 'ask for the look-alike options first');
    this.pendingLookAlike = undefined;
    const rec = new Recorder();
    for (const s of this.rec.steps.slice(0, this.registrationSteps)) await rec.step(stepInit(s));
    const observed = 'error' in result ? { error: result.error } : { credential: 'returned' as const };
    await recordLookAlike(rec, { lookAlikeOrigin: this.lookAlikeOrigin, userVerification: this.choice!.userVerification, action: this.action, tx: { txId: tx.txId, options: tx.options }, result: observed });
    this.lookAlike = runFrom(rec, 'phishing-relay', this.options(), { ...this.capture, derived: DERIVED.lookAlike(this.lookAlikeOrigin) });
    return ok({ outcome: this.lookAlike.outcome.outcome, sentence: this.lookAlike.outcome.sentence });
  }

  /** POST /api/finish: the user is done; the host writes the trace. */
  finish(): Reply {
    if (this.phase === 'register' && this.rec.steps.length === 0) return conflict('nothing is captured yet: register an authenticator first');
    this.phase = 'done';
    return ok({ phase: this.phase });
  }
}
