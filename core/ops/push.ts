import { sha256 } from '@noble/hashes/sha2.js';
import { check, type ActorId, type CheckResult } from '../check.js';
import { canonicalAction, describeAction } from '../codec/action.js';
import { fromBase64url } from '../codec/base64url.js';
import { concatBytes } from '../codec/bytes.js';
import { decodeCoseKey } from '../codec/cose.js';
import { verifySignature } from '../crypto/verify.js';
import { errorMessage } from '../errors.js';
import { bank, challengeCheck, readSignedApproval, server, txCheck, type Bank } from './bank.js';
import { defineOp, payload, type EvalState, type Evaluation, type StepView } from './evaluate.js';
import { readJson, strOf } from './payloads.js';

/**
 * Push approval (DESIGN.md §8.2): the bank's activation and approval endpoints, the push service and
 * the authenticator app, as evaluators over the recorded bytes. The approval is a tap: with
 * `approvalKey=none` an unsigned call with a bearer device token, with `signed` a P-256 signature
 * over the bank's own challenge ‖ SHA-256(the action it stored).
 */

const SPEC_DEVICE = 'RFC 6750 §2.1 (bearer device token)';
const SPEC_NUMBER = 'CISA, “Implementing Number Matching in MFA Applications” (2022)';
const SPEC_SIG = 'ECDSA P-256 (FIPS 186-5) over challenge ‖ SHA-256(stored action)';
const SPEC_CLAIM = 'NIST SP 800-63B §5.1.3 (out-of-band: an unsigned approval over the device channel)';
const SPEC_KEYSTORE = 'Android Keystore setUserAuthenticationRequired(false) / iOS SecAccessControl without .userPresence';

/** Read `{method, path, authorization: "Device …", body?}`. */
function deviceRequest(step: StepView): { device: string | undefined; body: Record<string, unknown> | string; path: string } {
  const req = readJson(step, 'request');
  if (typeof req === 'string') return { device: undefined, body: req, path: '' };
  const auth = strOf(req, 'authorization');
  const body = req.body;
  return {
    device: auth?.startsWith('Device ') ? auth.slice(7) : undefined,
    path: strOf(req, 'path') ?? '',
    body: body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : 'the request has no JSON body',
  };
}

function deviceCheck(b: Bank, token: string | undefined): CheckResult {
  if (!token) return check('server.device', 'server', SPEC_DEVICE, 'fail', 'expected an Authorization: Device token, found none');
  return b.devices?.has(token)
    ? check('server.device', 'server', SPEC_DEVICE, 'pass', 'the device token is one the bank issued at activation (whoever holds it)')
    : check('server.device', 'server', SPEC_DEVICE, 'fail', 'the device token is not one the bank issued');
}

// The bank's push policy, recorded so re-verification applies the same one.
defineOp('bank.pushPolicy', (step, state) => {
  const p = readJson(step, 'policy');
  const numberMatching = typeof p !== 'string' && p.numberMatching === 'code' ? 'code' : 'none';
  const approvalKey = typeof p !== 'string' && p.approvalKey === 'signed' ? 'signed' : 'none';
  bank(state).pushPolicy = { numberMatching, approvalKey };
  return { checks: [], knowledge: server([{ key: 'policy', text: `push approval: number matching “${numberMatching}”, approval key “${approvalKey}”` }]) };
});

// A single-use activation code for the authenticator app, shown as a QR code on the signed-in page.
defineOp('bank.activationCode', (step, state) => {
  const p = readJson(step, 'activation');
  const code = typeof p === 'string' ? '' : strOf(p, 'activationCode') ?? '';
  bank(state).activation = { code, used: false };
  return { checks: [], knowledge: { server: [{ key: 'activation', text: 'the activation code it issued (single use, 10 minutes)' }], ua: [{ key: 'activation', text: 'an activation QR code' }] } };
});

// POST /devices: the app registers its push token (and public key) with the activation code.
defineOp('bank.registerDevice', (step, state) => {
  const b = bank(state);
  const { body } = deviceRequest(step);
  if (typeof body === 'string') return { checks: [check('server.activation', 'server', 'bank API: single-use activation code', 'fail', body)], knowledge: {} };
  const code = strOf(body, 'activationCode');
  const ok = b.activation !== undefined && !b.activation.used && code === b.activation.code;
  const checks: CheckResult[] = [ok
    ? check('server.activation', 'server', 'bank API: single-use activation code', 'pass', 'the activation code was issued to this account’s session and is unused')
    : check('server.activation', 'server', 'bank API: single-use activation code', 'fail', b.activation?.used ? 'the activation code was already used' : 'the activation code is not one the bank issued')];
  if (ok) b.activation!.used = true;
  const pk = strOf(body, 'publicKey');
  let publicKey;
  if (pk !== undefined) {
    try {
      publicKey = decodeCoseKey(fromBase64url(pk, 'publicKey'));
    } catch (e) {
      checks.push(check('server.deviceKey', 'server', 'key registration', 'fail', `the public key cannot be read: ${errorMessage(e)}`));
    }
  }
  state.memory.set('bank.pendingDevice', ok ? { pushToken: strOf(body, 'pushToken') ?? '', ...(publicKey ? { publicKey } : {}) } : undefined);
  return { checks, knowledge: server([{ key: 'device', text: `a device record: push token${publicKey ? ' and a P-256 public key the app says is non-exportable (no key attestation)' : ''}` }]) };
});

// The bank answers with the device id and a bearer device token (app data).
defineOp('bank.deviceIssued', (step, state) => {
  const b = bank(state);
  const p = readJson(step, 'device');
  const pending = state.memory.get('bank.pendingDevice') as { pushToken: string; publicKey?: ReturnType<typeof decodeCoseKey> } | undefined;
  if (typeof p === 'string' || !pending) return { checks: [check('server.activation', 'server', 'bank API: single-use activation code', 'fail', typeof p === 'string' ? p : 'no accepted activation precedes this answer')], knowledge: {} };
  const token = strOf(p, 'deviceToken') ?? '';
  b.devices ??= new Map();
  b.devices.set(token, { deviceId: strOf(p, 'deviceId') ?? '', ...pending });
  return { checks: [], knowledge: { server: [{ key: 'deviceToken', text: `issued device token ${token.slice(0, 8)}…` }], app: [{ key: 'deviceToken', text: `a bearer device token ${token.slice(0, 8)}… in its app data` }] } };
});

// The bank asks the push service to wake the app: a token, an alert and a txId; no amount, no number.
defineOp('push.send', (step) => {
  const p = readJson(step, 'push');
  const alert = typeof p === 'string' ? '?' : strOf(p, 'alert') ?? '?';
  return { checks: [], knowledge: { push: [{ key: `push:${step.index}`, text: `deliver “${alert}” to a push token` }, { key: 'never', text: 'the amount, the payee, the number and the challenge (the app fetches them over TLS)', never: true }] } };
});

// GET /approvals/{txId}: the app fetches the request with its device token.
defineOp('bank.fetchApproval', (step, state) => {
  const b = bank(state);
  const { device } = deviceRequest(step);
  const c = deviceCheck(b, device);
  return { checks: [c], knowledge: server([{ key: `fetch:${step.index}`, text: `a device asked for a pending request${c.status === 'pass' ? '' : ' with an unknown token'}` }]) };
});

// The request as the bank holds it: the action it stored and, with a device key, a fresh challenge.
defineOp('app.approvalRequest', (step, state) => {
  const b = bank(state);
  const p = readJson(step, 'approvalRequest');
  if (typeof p === 'string') return { checks: [], knowledge: {} };
  const tx = b.txs.get(strOf(p, 'txId') ?? '');
  const challenge = strOf(p, 'challenge');
  if (tx && challenge !== undefined && !tx.challenge) {
    try { tx.challenge = fromBase64url(challenge, 'challenge'); } catch { /* an unreadable challenge matches nothing later */ }
  }
  const to = step.to as ActorId;
  return { checks: [], knowledge: { [to]: [{ key: `request:${step.index}`, text: `request ${String(p.txId)}: ${tx ? describeAction(tx.action) : '?'}${challenge ? ', with a challenge' : ''}${p.numberRequired === true ? '; asks for the number' : ''}` }, { key: 'number', text: 'the number the bank expects', never: true }] } };
});

// Bob (or whoever holds the phone) taps Approve, typing a number if asked.
defineOp('app.tap', (step) => {
  const p = readJson(step, 'tap');
  const n = typeof p === 'string' ? undefined : strOf(p, 'number');
  return { checks: [], knowledge: { app: [{ key: `tap:${step.index}`, text: `Approve was tapped${n !== undefined ? `; typed number ${n}` : ''}` }] } };
});

// The key needs no user authentication: a tap, or any code running as the app, can use it.
defineOp('keystore.signOnTap', (step) => {
  const msg = payload(step, 'signedMessage');
  return {
    checks: [check('keystore.unlock', 'keystore', SPEC_KEYSTORE, 'skip', 'the key needs no user authentication: any tap, or any code running as the app, can use it')],
    knowledge: { keystore: [{ key: `signed:${step.index}`, text: `signed ${msg?.length ?? 0} bytes: challenge ‖ SHA-256(action)` }, { key: 'amount', text: 'the amount and payee (only their hash)', never: true }] },
  };
});

// POST /approvals over the device channel.
defineOp('bank.receivePushApproval', (step, state) => {
  const b = bank(state);
  const { device, body } = deviceRequest(step);
  b.pushApproval = { body, device, attacker: step.attacker };
  return { checks: [], knowledge: server([{ key: `approval:${step.index}`, text: typeof body === 'string' ? 'an unreadable approval' : `an approval for ${String(body.txId)}${body.signature ? ', signed' : ', unsigned'}` }, { key: 'who', text: 'who tapped, and whether the screen that showed the number was the bank’s own', never: true }]) };
});

// Verify a push approval: device token, transaction, number, challenge, signature or claim.
defineOp('bank.verifyPushApproval', async (_step, state): Promise<Evaluation> => {
  const b = bank(state);
  const a = b.pushApproval;
  const policy = b.pushPolicy ?? { numberMatching: 'none', approvalKey: 'none' };
  if (!a || typeof a.body === 'string') {
    b.verdict = { ok: false, submittedByAttacker: false };
    return { checks: [check('server.request', 'server', 'bank API', 'fail', a ? (a.body as string) : 'no approval was received')], knowledge: {} };
  }
  const body = a.body;
  const checks: CheckResult[] = [deviceCheck(b, a.device)];
  const { tx, check: tc } = txCheck(b, body);
  checks.push(tx && tx.status !== 'pending' ? { ...tc, status: 'fail', detail: `${tx.txId} was already ${tx.status}` } : tc);
  if (policy.numberMatching === 'code') {
    const typed = strOf(body, 'number');
    checks.push(!tx?.number ? check('server.numberMatch', 'server', SPEC_NUMBER, 'fail', 'no number was issued with this transaction')
      : typed === tx.number ? check('server.numberMatch', 'server', SPEC_NUMBER, 'pass', `the typed number ${typed} is the one the initiating page showed for ${tx.txId}`)
      : check('server.numberMatch', 'server', SPEC_NUMBER, 'fail', `expected the number ${tx.number} the initiating page showed for ${tx.txId}, got ${JSON.stringify(typed ?? null)}`));
  } else {
    checks.push(check('server.numberMatch', 'server', SPEC_NUMBER, 'skip', 'number matching is off'));
  }
  if (policy.approvalKey === 'signed') {
    const { challenge, signature } = readSignedApproval(body, 'push approval: challenge ‖ SHA-256(action)', checks);
    if (challenge) checks.push(challengeCheck('push approval: challenge ‖ SHA-256(action)', tx, challenge, 'fail', 'no challenge was issued for this transaction'));
    const key = a.device ? b.devices?.get(a.device)?.publicKey : undefined;
    if (!key) checks.push(check('server.signature', 'server', SPEC_SIG, 'fail', 'no device key is registered for this device token'));
    else if (tx?.challenge && signature) {
      // Over the bank's own challenge and stored action: the body carries no action.
      const r = await verifySignature(key, concatBytes(tx.challenge, sha256(canonicalAction(tx.action))), signature);
      checks.push(r.valid
        ? check('server.signature', 'server', SPEC_SIG, 'pass', `the registered key signed ${tx.txId}’s challenge and “${describeAction(tx.action)}”`)
        : check('server.signature', 'server', SPEC_SIG, 'fail', `the signature does not verify over ${tx.txId}’s challenge and “${describeAction(tx.action)}” with the registered key (${r.reason})`));
    } else checks.push(check('server.signature', 'server', SPEC_SIG, 'skip', 'no transaction challenge or signature to verify'));
  } else {
    checks.push(body.approved === true
      ? check('server.approvalClaim', 'server', SPEC_CLAIM, 'pass', 'the body says "approved": true over the device channel — an unsigned claim')
      : check('server.approvalClaim', 'server', SPEC_CLAIM, 'fail', `expected "approved": true, got ${JSON.stringify(body.approved ?? null)}`));
  }
  const ok = checks.every((c) => c.status !== 'fail');
  b.verdict = { ok, ...(tx ? { txId: tx.txId, action: tx.action } : {}), submittedByAttacker: a.attacker };
  return { checks, knowledge: server(ok ? [{ key: 'approved', text: policy.approvalKey === 'signed' ? 'a signature by the registered key over this request' : 'a device-token holder’s word that the request was approved' }] : []) };
});
