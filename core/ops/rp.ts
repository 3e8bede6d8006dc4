import type { UserVerificationRequirement } from '../authenticator/decideUserVerification.js';
import { check, type ActorId, type CheckResult } from '../check.js';
import { actionHash, describeAction, parseAction, type Action } from '../codec/action.js';
import { fromBase64url, toBase64url } from '../codec/base64url.js';
import { bytesToHex, concatBytes, equalBytes } from '../codec/bytes.js';
import { applyRpFlaw, FLAWED_CHECK, RP_FLAWS, type RpFlaw } from '../rp/flaws.js';
import { parseClientDataJSON } from '../codec/clientData.js';
import { verifyAssertion } from '../rp/verifyAssertion.js';
import { verifyRegistration } from '../rp/verifyRegistration.js';
import type { ExpectedPayment, RpExpected, TrustInfo } from '../rp/types.js';
import { sectionRef } from '../rp/specTable.js';
import { authenticatorModelLine } from '../rp/modelLine.js';
import { readTraceTrust } from '../rp/attestation/trustInputs.js';
import { errorMessage } from '../errors.js';
import { defineOp, payload, type EvalState, type StepView } from './evaluate.js';
import { readJson, strOf } from './payloads.js';
import type { KnowledgeItem } from './types.js';
import canonicalize from 'canonicalize';

/**
 * The relying party's evaluators (WebAuthn L3 §7.1, §7.2): its policy, the challenges it issues, the
 * responses it receives and verifies, and what it executes. Its expectations come from its own earlier
 * messages (the challenge it issued, the credential it stored), never from the submission.
 */

/** The RP's memory. */
export interface RpMemory {
  policy?: { rpId: string; origin: string; userVerification: UserVerificationRequirement; binding: 'none' | 'challenge' | 'spc'; rpFlaw: RpFlaw };
  regChallenge?: string;
  credential?: { id: Uint8Array; publicKey: Uint8Array; signCount: number };
  txs: Map<string, { action: Action; challenge: Uint8Array; byAttacker: boolean; status: 'pending' | 'executed' }>;
  pendingCreate?: { action: Action | string; attacker: boolean };
  registration?: { clientDataJSON: Uint8Array; attestationObject: Uint8Array; credentialId?: Uint8Array };
  assertion?: { txId?: string; action: Action | string; clientDataJSON: Uint8Array; authenticatorData: Uint8Array; signature: Uint8Array; credentialId?: Uint8Array; userHandle?: Uint8Array; attacker: boolean };
  verdict?: { ok: boolean; txId?: string; action?: Action; submittedByAttacker: boolean; newSignCount?: number };
  /** What the last registration said about the authenticator: who vouches (rp.attestationTrust) and its AAGUID. */
  model?: { trust?: TrustInfo; aaguid?: Uint8Array };
}

/** The RP's memory in an evaluation state. */
export function rpMemory(state: EvalState): RpMemory {
  let m = state.memory.get('rp') as RpMemory | undefined;
  if (!m) {
    m = { txs: new Map() };
    state.memory.set('rp', m);
  }
  return m;
}

/** The policy's rpFlaw (absent: none); an unknown value is read as none and the strict checks run. */
function readFlaw(v: string | undefined): RpFlaw {
  return (RP_FLAWS as readonly string[]).includes(v ?? '') ? (v as RpFlaw) : 'none';
}

const SPEC_DL = 'Dynamic linking: challenge = nonce ‖ SHA-256(canonical action) (PSD2 RTS Art. 5; RFC 8785)';

// The RP's policy, recorded so re-verification applies the same one.
defineOp('rp.policy', (step, state) => {
  const p = readJson(step, 'policy');
  const rp = rpMemory(state);
  if (typeof p !== 'string') {
    rp.policy = { rpId: strOf(p, 'rpId') ?? '', origin: strOf(p, 'origin') ?? '', userVerification: (strOf(p, 'userVerification') ?? 'preferred') as UserVerificationRequirement, binding: (strOf(p, 'binding') ?? 'none') as 'none', rpFlaw: readFlaw(strOf(p, 'rpFlaw')) };
  }
  const flaw = rp.policy && rp.policy.rpFlaw !== 'none' ? `; misconfigured: rpFlaw “${rp.policy.rpFlaw}” (${FLAWED_CHECK[rp.policy.rpFlaw]} weakened)` : '';
  return { checks: [], knowledge: { rp: [{ key: 'policy', text: typeof p === 'string' ? p : `RP ${String(p.rpId)} at ${String(p.origin)}; userVerification “${String(p.userVerification)}”; binding “${String(p.binding)}”${flaw}` }] } };
});

// Registration options: the RP issues a single-use challenge.
defineOp('rp.registrationOptions', (step, state) => {
  const o = readJson(step, 'options');
  const rp = rpMemory(state);
  if (typeof o !== 'string') rp.regChallenge = strOf(o, 'challenge');
  return { checks: [], knowledge: { rp: [{ key: 'regChallenge', text: 'the registration challenge it issued' }], ua: [{ key: 'regOptions', text: 'PublicKeyCredentialCreationOptions for the site' }] } };
});
// The registration response reaches the RP.
defineOp('rp.receiveRegistration', (step, state) => {
  const rp = rpMemory(state);
  const cdj = payload(step, 'clientDataJSON') ?? new Uint8Array();
  const ao = payload(step, 'attestationObject') ?? new Uint8Array();
  const id = payload(step, 'credentialId');
  rp.registration = { clientDataJSON: cdj, attestationObject: ao, ...(id ? { credentialId: id } : {}) };
  return { checks: [], knowledge: { rp: [{ key: 'registration', text: 'a registration response (clientDataJSON and attestationObject)' }] } };
});

function expectedFor(rp: RpMemory, challenge: string, payment?: ExpectedPayment): RpExpected {
  const p = rp.policy!;
  return {
    rpId: p.rpId,
    origin: p.origin,
    challenge,
    userVerification: p.userVerification,
    storedSignCount: rp.credential?.signCount ?? 0,
    ...(payment ? { type: 'payment.get', payment } : {}),
  };
}

/** The RP's inputs must be written out as it holds them; an edited copy is a failed check. */
function stateCheck(step: StepView, expected: RpExpected, publicKey?: Uint8Array): CheckResult | undefined {
  const recorded = readJson(step, 'expected');
  if (typeof recorded === 'string') return undefined;
  const same = canonicalize(recorded) === canonicalize(expected);
  const key = payload(step, 'credentialPublicKey');
  const keySame = !publicKey || !key || equalBytes(key, publicKey);
  if (same && keySame) return undefined;
  return check('rp.state', 'rp', 'Proofline trace: the RP’s recorded inputs', 'fail', 'the expectations recorded at this step differ from what the RP issued and stored in earlier steps');
}

// Verify the registration (WebAuthn L3 §7.1) against the challenge the RP issued.
defineOp('rp.verifyRegistration', async (step, state) => {
  const rp = rpMemory(state);
  if (!rp.policy || !rp.registration || rp.regChallenge === undefined) {
    return { checks: [check('rp.request', 'rp', sectionRef('registration'), 'fail', 'no registration (or no policy and challenge) precedes this step')], knowledge: {} };
  }
  const expected = expectedFor(rp, rp.regChallenge);
  const { storedSignCount: _unused, ...regExpected } = expected;
  // The trust inputs the RP chose (roots, an MDS BLOB, the time), carried as payload `trust` so re-verification judges the chain the same way.
  const carried = payload(step, 'trust');
  const trust = carried ? await readTraceTrust(carried) : undefined;
  const result = await verifyRegistration(rp.registration, regExpected, trust?.ok ? { trust: trust.inputs } : {});
  const checks = [...result.checks];
  const st = stateCheck(step, regExpected);
  if (st) checks.unshift(st);
  if (trust && !trust.ok) checks.unshift(check('rp.trustInputs', 'rp', 'Proofline trace: the RP’s trust inputs (payload “trust”)', 'fail', `expected roots, an MDS BLOB with its FIDO root and a stated time, but ${trust.reason}`));
  const ok = checks.every((c) => c.status !== 'fail');
  if (ok && result.info.credentialPublicKey && result.info.credentialId) {
    rp.credential = { id: result.info.credentialId, publicKey: result.info.credentialPublicKey, signCount: result.info.signCount ?? 0 };
  } else if (!ok) {
    state.halted ??= { step: step.index, actor: 'rp', check: checks.find((c) => c.status === 'fail')!.id };
  }
  rp.regChallenge = undefined;
  rp.model = { ...(result.info.trust ? { trust: result.info.trust } : {}), ...(result.info.aaguid ? { aaguid: result.info.aaguid } : {}) };
  const model: KnowledgeItem = { key: 'authenticator', text: `authenticator: ${authenticatorModelLine(result.info.trust)}` };
  return { checks, knowledge: { rp: ok ? [{ key: 'credential', text: `stores credential ${bytesToHex(result.info.credentialId ?? new Uint8Array()).slice(0, 12)}… with its public key (${result.info.algorithm ?? '?'}) and counter ${result.info.signCount ?? 0}` }, { key: 'backup', text: result.info.flags?.be ? 'BE=1: a synced passkey, usable from other devices' : 'BE=0: a device-bound credential' }, model] : [] } };
});

// A transaction request: the page (or someone holding the session) asks the RP to execute an action.
defineOp('rp.createTransaction', (step, state) => {
  const rp = rpMemory(state);
  const r = readJson(step, 'request');
  const action = typeof r === 'string' ? r : parseAction((r.body as Record<string, unknown> | undefined)?.action);
  rp.pendingCreate = { action, attacker: step.attacker };
  return {
    checks: [typeof action === 'string' ? check('rp.action', 'rp', 'RFC 8785 (canonical action)', 'fail', action) : check('rp.action', 'rp', 'RFC 8785 (canonical action)', 'pass', `the request asks for ${describeAction(action)}`)],
    knowledge: { rp: typeof action === 'string' ? [] : [{ key: 'tx.action', text: `a transaction for ${describeAction(action)}` }] },
  };
});

// Request options: the RP opens the transaction with its challenge (for dynamic linking, nonce ‖ SHA-256(action)).
defineOp('rp.transactionCreated', (step, state) => {
  const rp = rpMemory(state);
  const o = readJson(step, 'options');
  const pending = rp.pendingCreate;
  rp.pendingCreate = undefined;
  if (typeof o === 'string' || !pending || typeof pending.action === 'string') {
    return { checks: [check('rp.transaction', 'rp', 'RP API', 'fail', typeof o === 'string' ? o : 'no valid transaction request precedes these options')], knowledge: {} };
  }
  const txId = strOf(o, 'txId') ?? '';
  let challenge: Uint8Array;
  try {
    challenge = fromBase64url(strOf(o, 'challenge') ?? '', 'challenge');
  } catch (e) {
    return { checks: [check('rp.transaction', 'rp', 'RP API', 'fail', errorMessage(e))], knowledge: {} };
  }
  rp.txs.set(txId, { action: pending.action, challenge, byAttacker: pending.attacker, status: 'pending' });
  const checks: CheckResult[] = [];
  if (rp.policy?.binding === 'challenge') {
    const derived = equalBytes(challenge.subarray(16), actionHash(pending.action)) && challenge.length === 48;
    checks.push(derived
      ? check('rp.dynamicLinking', 'rp', SPEC_DL, 'pass', `challenge = nonce ${bytesToHex(challenge.subarray(0, 16))} ‖ SHA-256(${describeAction(pending.action)})`)
      : check('rp.dynamicLinking', 'rp', SPEC_DL, 'fail', 'the issued challenge is not nonce ‖ SHA-256(canonical action)'));
  }
  const to = step.to as ActorId;
  return { checks, knowledge: { rp: [{ key: 'tx', text: `pending ${txId}: ${describeAction(pending.action)}, challenge ${bytesToHex(challenge).slice(0, 12)}…` }], [to]: [{ key: 'tx', text: `options for ${txId} with challenge ${bytesToHex(challenge).slice(0, 12)}…` }] } };
});

// The assertion and the action it should approve reach the RP.
defineOp('rp.receiveAssertion', (step, state) => {
  const rp = rpMemory(state);
  const r = readJson(step, 'request');
  const body = typeof r === 'string' ? undefined : (r.body as Record<string, unknown> | undefined);
  const action = body ? parseAction(body.action) : (r as string);
  const id = payload(step, 'credentialId');
  const uh = payload(step, 'userHandle');
  const txId = body ? strOf(body, 'txId') : undefined;
  rp.assertion = {
    ...(txId !== undefined ? { txId } : {}),
    action,
    clientDataJSON: payload(step, 'clientDataJSON') ?? new Uint8Array(),
    authenticatorData: payload(step, 'authenticatorData') ?? new Uint8Array(),
    signature: payload(step, 'signature') ?? new Uint8Array(),
    ...(id ? { credentialId: id } : {}),
    ...(uh ? { userHandle: uh } : {}),
    attacker: step.attacker,
  };
  return { checks: [], knowledge: { rp: [{ key: 'assertion', text: `an assertion and the action to execute: ${typeof action === 'string' ? action : describeAction(action)}` }] } };
});

/** The RP's expectations for the assertion it holds: challenge per binding, SPC payment from the transaction. */
export function assertionExpectations(rp: RpMemory): { expected: RpExpected; tx?: { txId: string; action: Action; challenge: Uint8Array; byAttacker: boolean; status: 'pending' | 'executed' }; problem?: string } | undefined {
  const a = rp.assertion;
  if (!a || !rp.policy) return undefined;
  const tx = a.txId !== undefined ? rp.txs.get(a.txId) : undefined;
  if (!tx || typeof a.action === 'string') return { expected: expectedFor(rp, ''), problem: typeof a.action === 'string' ? a.action : `expected the id of a pending transaction, got ${JSON.stringify(a.txId)}` };
  let challenge = toBase64url(tx.challenge);
  if (rp.policy.binding === 'challenge') challenge = toBase64url(concatBytes(tx.challenge.subarray(0, 16), actionHash(a.action)));
  const payment: ExpectedPayment | undefined = rp.policy.binding === 'spc' && a.action.kind === 'payment'
    ? { payeeName: a.action.payee.name, total: { currency: a.action.amount.currency, value: a.action.amount.value } }
    : undefined;
  return { expected: expectedFor(rp, challenge, payment), tx: { txId: a.txId!, ...tx } };
}

// Verify the assertion (WebAuthn L3 §7.2) and the action binding the policy asks for.
defineOp('rp.verifyAssertion', async (step, state) => {
  const rp = rpMemory(state);
  const a = rp.assertion;
  const ex = assertionExpectations(rp);
  if (!a || !ex || !rp.credential) {
    rp.verdict = { ok: false, submittedByAttacker: false };
    return { checks: [check('rp.request', 'rp', sectionRef('authentication'), 'fail', !rp.credential ? 'no registered credential to verify against' : 'no assertion precedes this step')], knowledge: {} };
  }
  const checks: CheckResult[] = [];
  const st = stateCheck(step, ex.expected, rp.credential.publicKey);
  if (st) checks.push(st);
  if (ex.problem) checks.push(check('rp.transaction', 'rp', 'RP API', 'fail', ex.problem));
  else if (ex.tx!.status !== 'pending') checks.push(check('rp.transaction', 'rp', sectionRef('cryptographicChallenges', 'single-use challenges'), 'fail', `${ex.tx!.txId} was already ${ex.tx!.status}: its challenge is single-use`));
  else checks.push(check('rp.transaction', 'rp', sectionRef('cryptographicChallenges', 'single-use challenges'), 'pass', `${ex.tx!.txId} is a pending transaction (${describeAction(ex.tx!.action)}); its challenge has not been used`));
  const result = await verifyAssertion(
    { clientDataJSON: a.clientDataJSON, authenticatorData: a.authenticatorData, signature: a.signature, ...(a.credentialId ? { credentialId: a.credentialId } : {}), ...(a.userHandle ? { userHandle: a.userHandle } : {}) },
    ex.expected,
    { publicKey: rp.credential.publicKey, allowCredentials: [rp.credential.id] },
  );
  let cd: { origin?: string; challenge?: string } = {};
  try {
    const parsed = parseClientDataJSON(a.clientDataJSON);
    cd = { origin: parsed.origin, challenge: parsed.challenge };
  } catch { /* the strict checks already report an unreadable clientDataJSON */ }
  // A misconfigured RP (DESIGN.md §10) replaces exactly one check of the strict result.
  const flawed = applyRpFlaw(rp.policy!.rpFlaw, result.checks, { ...cd, rpId: rp.policy!.rpId, expectedOrigin: rp.policy!.origin, issuedChallenges: [...rp.txs.values()].map((t) => toBase64url(t.challenge)) });
  for (const c of flawed) {
    if (c.id === 'rp.challenge' && rp.policy?.binding === 'challenge' && c.status === 'fail' && typeof a.action !== 'string') {
      checks.push({ ...c, detail: `challenge ≠ derived: the RP re-derived nonce ‖ SHA-256(submitted action: ${describeAction(a.action)}) and it is not the challenge in clientDataJSON — ${c.detail}` });
    } else checks.push(c);
  }
  const ok = checks.every((c) => c.status !== 'fail');
  rp.verdict = {
    ok,
    ...(ex.tx ? { txId: ex.tx.txId } : {}),
    ...(typeof a.action !== 'string' ? { action: a.action } : {}),
    submittedByAttacker: a.attacker,
    ...(result.info.newSignCount !== undefined ? { newSignCount: result.info.newSignCount } : {}),
  };
  const items: KnowledgeItem[] = [];
  if (ok) {
    items.push({ key: 'possession', text: 'proof that the registered credential key signed this challenge for this origin' });
    if (rp.policy?.binding === 'none') items.push({ key: 'amount', text: 'whether the user approved this amount and payee (the signature does not cover them)', never: true });
  }
  return { checks, knowledge: { rp: items } };
});

// Decide: execute what was verified, once, and store the new counter.
defineOp('rp.execute', (step, state) => {
  const rp = rpMemory(state);
  const v = rp.verdict;
  if (!v?.ok || !v.action || !v.txId) return { checks: [check('rp.execute', 'rp', 'RP policy', 'skip', 'nothing verified, nothing executed')], knowledge: {} };
  const tx = rp.txs.get(v.txId)!;
  tx.status = 'executed';
  if (rp.credential && v.newSignCount !== undefined) rp.credential.signCount = v.newSignCount;
  state.executions.push({ action: v.action, step: step.index, by: 'rp', tainted: tx.byAttacker ? 'transaction' : v.submittedByAttacker ? 'submission' : false });
  return { checks: [check('rp.execute', 'rp', 'RP policy', 'pass', `executed ${v.txId}: ${describeAction(v.action)}`)], knowledge: { rp: [{ key: 'executed', text: `executed ${describeAction(v.action)}` }] } };
});
