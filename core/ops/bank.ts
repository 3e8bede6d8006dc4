import { sha256 } from '@noble/hashes/sha2.js';
import { check, type ActorId, type CheckResult } from '../check.js';
import { canonicalAction, describeAction, parseAction, type Action } from '../codec/action.js';
import { fromBase64url } from '../codec/base64url.js';
import { concatBytes, equalBytes } from '../codec/bytes.js';
import { decodeCoseKey, type CosePublicKey } from '../codec/cose.js';
import { verifySignature } from '../crypto/verify.js';
import { errorMessage } from '../errors.js';
import { passwordMatches, type PasswordRecord } from '../otp/password.js';
import { defineOp, type EvalState, type Evaluation, type StepView } from './evaluate.js';
import { readJson, strOf } from './payloads.js';
import type { KnowledgeItem } from './types.js';

/**
 * The bank server of the mobile flows (DESIGN.md §1, §6): sessions, pending transactions, and two
 * ways to approve one: an unsigned `{"txId","approved","biometricVerified"}` call (biometric-only)
 * or a device-key signature over `challenge ‖ SHA-256(canonical action)` (device-key).
 * Every decision is taken from the bytes of the requests it received.
 */

/** A pending transaction as the bank remembers it. */
export interface Tx {
  readonly txId: string;
  readonly action: Action;
  challenge?: Uint8Array;
  /** Number matching: the 2-digit number the initiating page was shown. */
  number?: string;
  /** The transaction was started by an attacker step. */
  readonly byAttacker: boolean;
  status: 'pending' | 'approved' | 'executed';
}

/** The bank server's memory. */
export interface Bank {
  sessions: Set<string>;
  password?: PasswordRecord;
  /** Push approval: the activation code issued, its devices by bearer device token, and the policy. */
  activation?: { code: string; used: boolean };
  devices?: Map<string, { deviceId: string; pushToken: string; publicKey?: CosePublicKey }>;
  pushPolicy?: { numberMatching: 'none' | 'code'; approvalKey: 'none' | 'signed' };
  pushApproval?: { body: Record<string, unknown> | string; device: string | undefined; attacker: boolean };
  txs: Map<string, Tx>;
  deviceKey?: CosePublicKey;
  /** The approval request being judged, then the verdict of the verify step. */
  approval?: { body: Record<string, unknown> | string; bearer: string | undefined; attacker: boolean; step: number; kind: 'boolean' | 'signed' };
  verdict?: { ok: boolean; txId?: string; action?: Action; submittedByAttacker: boolean };
  /** A transaction request waiting for the response that names it. */
  pendingCreate?: { action: Action | string; attacker: boolean; bearerOk: boolean };
}

const SPEC_BEARER = 'RFC 6750 §2.1 (bearer token)';
const SPEC_800_63B = 'NIST SP 800-63B §5.2.3 (biometrics only unlock a physical authenticator)';

/** The bank's memory in an evaluation state. */
export function bank(state: EvalState): Bank {
  let b = state.memory.get('bank') as Bank | undefined;
  if (!b) {
    b = { sessions: new Set(), txs: new Map() };
    state.memory.set('bank', b);
  }
  return b;
}

/** Knowledge of the bank server. */
export function server(items: KnowledgeItem[]): Evaluation['knowledge'] {
  return { server: items };
}

/** Read `{method, path, authorization, body}` request JSON (the bearer token, and the body or why not). */
export function request(step: StepView): { bearer: string | undefined; body: Record<string, unknown> | string } {
  const req = readJson(step, 'request');
  if (typeof req === 'string') return { bearer: undefined, body: req };
  const auth = strOf(req, 'authorization');
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { bearer, body: 'the request has no JSON body' };
  return { bearer, body: body as Record<string, unknown> };
}

/** `server.session`: the bearer token is a session the bank issued. */
export function sessionCheck(b: Bank, bearer: string | undefined): CheckResult {
  if (!bearer) return check('server.session', 'server', SPEC_BEARER, 'fail', 'expected an Authorization: Bearer session token, found none');
  return b.sessions.has(bearer)
    ? check('server.session', 'server', SPEC_BEARER, 'pass', 'the bearer token is a session the bank issued (whoever presents it)')
    : check('server.session', 'server', SPEC_BEARER, 'fail', 'the bearer token is not a session the bank issued');
}

// Session issued at sign-in: the bank remembers the token; whoever receives it can use it.
defineOp('bank.issueSession', (step, state) => {
  const b = bank(state);
  const s = readJson(step, 'session');
  if (typeof s === 'string') return { checks: [check('server.session', 'server', SPEC_BEARER, 'fail', s)], knowledge: {} };
  const token = strOf(s, 'session') ?? '';
  b.sessions.add(token);
  const holder = step.to as ActorId;
  return {
    checks: [],
    knowledge: {
      server: [{ key: 'session', text: `issued session ${token.slice(0, 8)}… for ${strOf(s, 'user') ?? '?'}` }],
      [holder]: [{ key: 'session', text: `bearer session token ${token.slice(0, 8)}…` }],
    },
  };
});

// Device-key enrolment: the bank stores the public key the app registers under the session.
defineOp('bank.registerDeviceKey', (step, state) => {
  const b = bank(state);
  const { bearer, body } = request(step);
  const checks = [sessionCheck(b, bearer)];
  if (typeof body === 'string') return { checks: [...checks, check('server.deviceKey', 'server', 'Android Keystore / Secure Enclave key registration', 'fail', body)], knowledge: {} };
  try {
    const key = decodeCoseKey(fromBase64url(strOf(body, 'publicKey') ?? '', 'publicKey'));
    if (checks[0]!.status === 'pass') b.deviceKey = key;
    checks.push(check('server.deviceKey', 'server', 'Android Keystore / Secure Enclave key registration', checks[0]!.status === 'pass' ? 'pass' : 'skip', `registered a ${key.kty} ${'crv' in key ? key.crv : ''} device public key; the bank cannot check that it is non-exportable (no key attestation)`));
  } catch (e) {
    checks.push(check('server.deviceKey', 'server', 'Android Keystore / Secure Enclave key registration', 'fail', `the public key cannot be read: ${errorMessage(e)}`));
  }
  return { checks, knowledge: server([{ key: 'deviceKey', text: 'the device public key registered for this account' }]) };
});

// A transaction request: the bank parses the action and waits to name it in its response.
defineOp('bank.createTransaction', (step, state) => {
  const b = bank(state);
  const { bearer, body } = request(step);
  const session = sessionCheck(b, bearer);
  const action = typeof body === 'string' ? body : parseAction(body.action);
  b.pendingCreate = { action, attacker: step.attacker, bearerOk: session.status === 'pass' };
  const actionCheck = typeof action === 'string'
    ? check('server.action', 'server', 'RFC 8785 (canonical action)', 'fail', action)
    : check('server.action', 'server', 'RFC 8785 (canonical action)', 'pass', `the request asks for “${describeAction(action)}”`);
  return { checks: [session, actionCheck], knowledge: server(typeof action === 'string' ? [] : [{ key: 'tx.action', text: `a transaction for ${describeAction(action)}` }]) };
});

// The bank's response names the transaction (txId and, for device keys, a fresh challenge).
defineOp('bank.transactionCreated', (step, state) => {
  const b = bank(state);
  const r = readJson(step, 'response');
  const pending = b.pendingCreate;
  b.pendingCreate = undefined;
  if (typeof r === 'string' || !pending || typeof pending.action === 'string' || !pending.bearerOk) {
    return { checks: [check('server.transaction', 'server', 'bank API', 'fail', typeof r === 'string' ? r : 'no valid transaction request precedes this response')], knowledge: {} };
  }
  const txId = strOf(r, 'txId') ?? '';
  const challengeText = strOf(r, 'challenge');
  let challenge: Uint8Array | undefined;
  try {
    challenge = challengeText === undefined ? undefined : fromBase64url(challengeText, 'challenge');
  } catch (e) {
    return { checks: [check('server.transaction', 'server', 'bank API', 'fail', errorMessage(e))], knowledge: {} };
  }
  const number = strOf(r, 'number');
  b.txs.set(txId, { txId, action: pending.action, byAttacker: pending.attacker, status: 'pending', ...(challenge ? { challenge } : {}), ...(number !== undefined ? { number } : {}) });
  const to = step.to as ActorId;
  const items: KnowledgeItem[] = [{ key: 'tx', text: `pending transaction ${txId}: ${describeAction(pending.action)}${challenge ? ', with a fresh challenge' : ''}` }];
  return { checks: [], knowledge: { server: items, [to]: [{ key: 'tx', text: `transaction ${txId}: ${describeAction(pending.action)}${challenge ? ' and its challenge' : ''}` }] } };
});

// An approval call: a boolean over an authenticated session (biometric-only) or a signature (device-key).
function receiveApproval(kind: 'boolean' | 'signed') {
  return (step: StepView, state: EvalState): Evaluation => {
    const b = bank(state);
    const { bearer, body } = request(step);
    b.approval = { body, bearer, attacker: step.attacker, step: step.index, kind };
    const items: KnowledgeItem[] = kind === 'boolean'
      ? [{ key: 'approval', text: typeof body === 'string' ? 'an unreadable approval' : `an API call saying approved=${String(body.approved)}, biometricVerified=${String(body.biometricVerified)} for ${String(body.txId)} — unsigned` },
         { key: 'which-device', text: 'which device sent it, or whether a biometric really ran', never: true }]
      : [{ key: 'approval', text: typeof body === 'string' ? 'an unreadable approval' : `a signature over the challenge and the action for ${String(body.txId)}` }];
    return { checks: [], knowledge: server(items) };
  };
}
defineOp('bank.receiveApproval', receiveApproval('boolean'));
defineOp('bank.receiveSignedApproval', receiveApproval('signed'));

/** `server.transaction`: the body names a transaction the bank created. */
export function txCheck(b: Bank, body: Record<string, unknown>): { tx?: Tx; check: CheckResult } {
  const txId = strOf(body, 'txId');
  const tx = txId === undefined ? undefined : b.txs.get(txId);
  if (!tx) return { check: check('server.transaction', 'server', 'bank API', 'fail', `expected the id of a pending transaction, got ${JSON.stringify(txId)}`) };
  return { tx, check: check('server.transaction', 'server', 'bank API', 'pass', `${tx.txId} is a transaction the bank created (${describeAction(tx.action)})`) };
}

/** The common start of both verifications: a readable approval, the session, the transaction. */
function verifyStart(b: Bank): { refused: Evaluation } | { a: NonNullable<Bank['approval']>; body: Record<string, unknown>; tx: Tx | undefined; checks: CheckResult[] } {
  const a = b.approval;
  if (!a || typeof a.body === 'string') {
    b.verdict = { ok: false, submittedByAttacker: false };
    return { refused: { checks: [check('server.request', 'server', 'bank API', 'fail', a ? (a.body as string) : 'no approval was received')], knowledge: {} } };
  }
  const { tx, check: tc } = txCheck(b, a.body);
  return { a, body: a.body, tx, checks: [sessionCheck(b, a.bearer), tc] };
}

// Verify a biometric-only approval: session, transaction, replay guard, and two unsigned booleans.
defineOp('bank.verifyApproval', (_step, state) => {
  const b = bank(state);
  const start = verifyStart(b);
  if ('refused' in start) return start.refused;
  const { a, body, tx, checks } = start;
  const guard = state.memory.get('bank.replayGuard') as string | undefined;
  if (guard === 'tx-state') {
    checks.push(!tx ? check('server.replayGuard', 'server', 'bank policy: one approval per pending transaction', 'skip', 'no transaction to look up')
      : tx.status === 'pending' ? check('server.replayGuard', 'server', 'bank policy: one approval per pending transaction', 'pass', `${tx.txId} is still pending (state, not cryptography: any caller with the session can approve it once)`)
      : check('server.replayGuard', 'server', 'bank policy: one approval per pending transaction', 'fail', `${tx.txId} was already ${tx.status}; a second approval is refused`));
  } else {
    checks.push(check('server.replayGuard', 'server', 'bank policy: one approval per pending transaction', 'skip', 'no replay guard: the bank keeps no per-transaction approval state'));
  }
  checks.push(body.approved === true
    ? check('server.approved', 'server', 'bank API', 'pass', 'the body says "approved": true')
    : check('server.approved', 'server', 'bank API', 'fail', `expected "approved": true, got ${JSON.stringify(body.approved)}`));
  checks.push(body.biometricVerified === true
    ? check('server.biometricClaim', 'server', SPEC_800_63B, 'pass', 'the body says "biometricVerified": true — an unsigned claim the bank cannot check')
    : check('server.biometricClaim', 'server', SPEC_800_63B, 'fail', `expected "biometricVerified": true, got ${JSON.stringify(body.biometricVerified)}`));
  const ok = checks.every((c) => c.status !== 'fail');
  b.verdict = { ok, ...(tx ? { txId: tx.txId, action: tx.action } : {}), submittedByAttacker: a.attacker };
  return { checks, knowledge: {} };
});

const SPEC_DEVICE_CHALLENGE = 'device key: challenge ‖ SHA-256(action)';

/**
 * The challenge and signature a signed approval's body carries (base64url), read in that order. The
 * first field that does not decode fails `server.challenge` (added to `checks`); what decoded before it comes back.
 */
export function readSignedApproval(body: Record<string, unknown>, spec: string, checks: CheckResult[]): { challenge?: Uint8Array; signature?: Uint8Array } {
  const out: { challenge?: Uint8Array; signature?: Uint8Array } = {};
  try {
    out.challenge = fromBase64url(strOf(body, 'challenge') ?? '', 'challenge');
    out.signature = fromBase64url(strOf(body, 'signature') ?? '', 'signature');
  } catch (e) {
    checks.push(check('server.challenge', 'server', spec, 'fail', errorMessage(e)));
  }
  return out;
}

/**
 * `server.challenge`: the approval's challenge is the one the bank issued for the transaction (a
 * replayed or foreign proof carries another). Without an issued challenge: `missing` with `why`.
 */
export function challengeCheck(spec: string, tx: Tx | undefined, challenge: Uint8Array, missing: 'skip' | 'fail', why: string): CheckResult {
  if (!tx?.challenge) return check('server.challenge', 'server', spec, missing, why);
  return equalBytes(tx.challenge, challenge)
    ? check('server.challenge', 'server', spec, 'pass', `the challenge is the one issued for ${tx.txId}`)
    : check('server.challenge', 'server', spec, 'fail', `expected the challenge issued for ${tx.txId}, got another one (a replayed or foreign proof)`);
}

// Verify a device-key approval: session, transaction, challenge, and the signature over the submitted action.
defineOp('bank.verifySignedApproval', async (_step, state) => {
  const b = bank(state);
  const start = verifyStart(b);
  if ('refused' in start) return start.refused;
  const { a, body, tx, checks } = start;
  const { challenge, signature } = readSignedApproval(body, SPEC_DEVICE_CHALLENGE, checks);
  if (tx && tx.status !== 'pending') checks.push(check('server.challenge', 'server', SPEC_DEVICE_CHALLENGE, 'fail', `${tx.txId} was already ${tx.status}: its challenge is single-use`));
  else if (challenge) checks.push(challengeCheck(SPEC_DEVICE_CHALLENGE, tx, challenge, 'skip', 'no pending transaction to compare with'));
  const action = parseAction(body.action);
  if (typeof action === 'string') checks.push(check('server.action', 'server', 'RFC 8785 (canonical action)', 'fail', action));
  if (!b.deviceKey) {
    checks.push(check('server.signature', 'server', 'device key: ECDSA P-256 over challenge ‖ SHA-256(action)', 'fail', 'no device key is registered for this account'));
  } else if (challenge && signature && typeof action !== 'string') {
    const message = concatBytes(challenge, sha256(canonicalAction(action)));
    const r = await verifySignature(b.deviceKey, message, signature);
    checks.push(r.valid
      ? check('server.signature', 'server', 'device key: ECDSA P-256 over challenge ‖ SHA-256(action)', 'pass', `the registered device key signed this challenge and “${describeAction(action)}”`)
      : check('server.signature', 'server', 'device key: ECDSA P-256 over challenge ‖ SHA-256(action)', 'fail', `the signature does not verify over the challenge and “${describeAction(action)}” with the registered device key (${r.reason})`));
  } else {
    checks.push(check('server.signature', 'server', 'device key: ECDSA P-256 over challenge ‖ SHA-256(action)', 'skip', 'the request lacks a readable challenge, signature or action'));
  }
  const ok = checks.every((c) => c.status !== 'fail');
  b.verdict = { ok, ...(tx ? { txId: tx.txId } : {}), ...(typeof action !== 'string' ? { action } : {}), submittedByAttacker: a.attacker };
  return { checks, knowledge: server(ok ? [{ key: 'possession', text: 'proof that the registered device key signed this exact challenge and action' }] : []) };
});

// Decide: execute what was verified, once.
defineOp('bank.execute', (step, state) => {
  const b = bank(state);
  const v = b.verdict;
  if (!v?.ok || !v.action || !v.txId) {
    return { checks: [check('server.execute', 'server', 'bank policy', 'skip', 'nothing verified, nothing executed')], knowledge: {} };
  }
  const tx = b.txs.get(v.txId)!;
  tx.status = 'executed';
  state.executions.push({ action: v.action, step: step.index, by: 'server', tainted: tx.byAttacker ? 'transaction' : v.submittedByAttacker ? 'submission' : false });
  return { checks: [check('server.execute', 'server', 'bank policy', 'pass', `executed ${tx.txId}: ${describeAction(v.action)}`)], knowledge: server([{ key: 'executed', text: `executed ${describeAction(v.action)}` }]) };
});

const SPEC_PASSWORD = 'PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) password record';

// The bank's password record (server-local): salt and PBKDF2 hash, written at enrolment.
defineOp('bank.passwordRecord', (step, state) => {
  const r = readJson(step, 'passwordRecord');
  if (typeof r === 'string') return { checks: [check('server.password', 'server', SPEC_PASSWORD, 'fail', r)], knowledge: {} };
  try {
    const rec: PasswordRecord = { salt: fromBase64url(strOf(r, 'salt') ?? '', 'salt'), hash: fromBase64url(strOf(r, 'hash') ?? '', 'hash'), iterations: typeof r.iterations === 'number' ? r.iterations : 0 };
    if (rec.salt.length !== 16 || rec.hash.length !== 32 || !Number.isSafeInteger(rec.iterations) || rec.iterations < 1 || rec.iterations > 10_000) throw new RangeError('expected a 16-byte salt, a 32-byte hash and 1..10000 iterations');
    bank(state).password = rec;
    return { checks: [], knowledge: server([{ key: 'password', text: `bob’s password record: PBKDF2-HMAC-SHA256, ${rec.iterations} iterations, 16-byte salt` }]) };
  } catch (e) {
    return { checks: [check('server.password', 'server', SPEC_PASSWORD, 'fail', `the password record cannot be read: ${errorMessage(e)}`)], knowledge: {} };
  }
});

// POST /login with a password: a correct one opens a pending sign-in that needs the flow's second step.
defineOp('bank.login', async (step, state) => {
  const b = bank(state);
  const { body } = request(step);
  if (typeof body === 'string') return { checks: [check('server.password', 'server', SPEC_PASSWORD, 'fail', body)], knowledge: {} };
  const password = strOf(body, 'password');
  const ok = b.password !== undefined && password !== undefined && (await passwordMatches(b.password, password));
  b.pendingCreate = { action: { kind: 'sign-in' }, attacker: step.attacker, bearerOk: ok };
  return {
    checks: [ok
      ? check('server.password', 'server', SPEC_PASSWORD, 'pass', `the password derives the stored hash for ${strOf(body, 'user') ?? '?'}: whoever typed it knows it; a second step is needed`)
      : check('server.password', 'server', SPEC_PASSWORD, 'fail', b.password ? 'the password does not derive the stored hash' : 'no password record for this user')],
    knowledge: server([{ key: 'login', text: `a sign-in with ${ok ? 'the right' : 'a wrong'} password` }]),
  };
});
