import { toBase64url } from '../codec/base64url.js';
import { actionHash, type Action } from '../codec/action.js';
import { parseAttestationObject } from '../codec/attestationObject.js';
import { parseAuthenticatorData } from '../codec/authenticatorData.js';
import { bytesToHex, bytesToUtf8, concatBytes, utf8ToBytes } from '../codec/bytes.js';
import { forkRun } from '../fork/forkRun.js';
import { Recorder } from '../flows/record.js';
import { ATTACKER_ACTION } from '../flows/runs.js';
import type { Run, ScenarioId, Step } from '../flows/types.js';
import type { Assertion } from '../flows/webauthn.js';
import { rpMemory } from '../ops/rp.js';
import { runFrom, stepInit } from './session.js';
import { CAPTURE_RP_ID, DERIVED, recordReplayAttack, recordSwapAttack, recordTamperAttack, type CaptureTx } from './script.js';

/**
 * Attacks on a captured run that need no private key: the captured bytes are replayed, swapped,
 * tampered with or forked, and the RP's real checks decide. Which of them is blocked or breached is
 * never written here; it comes out of the checks. Scenarios that need the device to sign again are
 * listed with the reason, for the user to capture again.
 */

/** A scenario that cannot be built from the captured bytes, and why. */
export interface CaptureAgain {
  readonly scenario: ScenarioId;
  readonly reason: string;
}

/** What attacking a captured run gives: the runs built, and the scenarios that need another capture. */
export interface CapturedAttacks {
  readonly runs: readonly Run[];
  readonly captureAgain: readonly CaptureAgain[];
}

/** Scenarios whose perturbation needs the device to sign something new (one line each). */
const NEEDS_THE_DEVICE: readonly CaptureAgain[] = [
  { scenario: 'phishing-relay', reason: 'needs your browser to run the ceremony from another origin: use “Try from a look-alike origin” on the capture page' },
  { scenario: 'tx-swap-before-display', reason: 'needs your authenticator to sign a transaction the page did not show you: capture again and approve while the page shows another payee' },
  { scenario: 'stolen-unlocked-device', reason: 'needs someone else at your authenticator: capture again with user verification “required” and let another person try' },
  { scenario: 'synced-new-device', reason: 'needs your passkey used from another device: capture again from your other phone or computer' },
  { scenario: 'forged-approval', reason: 'needs no device at all — the attacker signs with its own key: see the simulated run (proofline record --scenario forged-approval)' },
  { scenario: 'uv-downgrade', reason: 'needs your key to sign with presence only (UV=0): capture again choosing user verification “discouraged” and compare the ledgers' },
  { scenario: 'subdomain-takeover', reason: 'needs your browser on a subdomain of the RP’s site (such as promo.localhost): capture again from such an origin' },
  { scenario: 'silent-assertion', reason: 'needs malware speaking CTAP to your key with up=false, which no browser sends: see the simulated run' },
  { scenario: 'mfa-fatigue', reason: 'needs prompts you did not start, which a passkey cannot push to you: see the simulated run' },
  { scenario: 'sim-swap', reason: 'concerns a phone number, which a passkey does not use: see the simulated run' },
];

/** The assertion the device signed, as the page submitted it (the last rp.receiveAssertion of the run). */
function submitted(run: Run): { at: number; txId: string; assertion: Assertion } | undefined {
  const step = [...run.steps].reverse().find((s) => s.op === 'rp.receiveAssertion');
  if (!step) return undefined;
  const get = (name: string) => step.payloads.find((p) => p.name === name)?.bytes;
  const cdj = get('clientDataJSON');
  const ad = get('authenticatorData');
  const sig = get('signature');
  const id = get('credentialId');
  if (!cdj || !ad || !sig || !id) return undefined;
  let txId = '';
  try {
    const r = JSON.parse(bytesToUtf8(get('request') ?? new Uint8Array())) as { body?: { txId?: unknown } };
    txId = typeof r.body?.txId === 'string' ? r.body.txId : '';
  } catch {
    return undefined;
  }
  const uh = get('userHandle');
  return { at: step.index, txId, assertion: { clientDataJSON: cdj, authenticatorData: ad, signature: sig, credentialId: id, ...(uh ? { userHandle: uh } : {}) } };
}

async function replayInto(steps: readonly Step[]): Promise<Recorder> {
  const rec = new Recorder();
  for (const s of steps) await rec.step(stepInit(s));
  return rec;
}

/** A transaction the attacker opens with the session: a fresh id, and the RP's challenge and options for it. */
function attackerTx(rec: Recorder, action: Action, random: (n: number) => Uint8Array): CaptureTx & { challenge: Uint8Array } {
  const rp = rpMemory(rec.state);
  const txId = `tx-${bytesToHex(random(4))}`;
  const challenge = rp.policy?.binding === 'challenge' ? concatBytes(random(16), actionHash(action)) : random(32);
  const options = { txId, challenge: toBase64url(challenge), rpId: CAPTURE_RP_ID, allowCredentials: rp.credential ? [toBase64url(rp.credential.id)] : [], userVerification: rp.policy?.userVerification ?? 'preferred' };
  return { txId, challenge, options };
}

/**
 * Build the attacks on a captured run: replay of its assertion for a new transaction, a swap of
 * the action after approval, a rewrite of the challenge in transit (byte tamper), and a counter that
 * went back (a what-if fork of the assertion's counter to the one the RP already stored). `random`
 * supplies the attacker's transactions' ids and the RP's fresh challenges for them.
 */
export async function attackCapturedRun(run: Run, random: (n: number) => Uint8Array): Promise<CapturedAttacks> {
  const sub = submitted(run);
  if (!run.capture || !sub) return { runs: [], captureAgain: [...NEEDS_THE_DEVICE, ...(['replay', 'tx-swap-after-approval', 'byte-tamper', 'cloned-authenticator'] as const).map((scenario) => ({ scenario, reason: 'needs a captured approval: capture again and approve the payment' }))] };
  const derive = (what: string) => ({ ...run.capture!, derived: what });
  const evil = ATTACKER_ACTION;
  const runs: Run[] = [];
  const captureAgain: CaptureAgain[] = [...NEEDS_THE_DEVICE];

  // Replay: the whole captured run, then the attacker submits the same assertion for its own transaction.
  {
    const rec = await replayInto(run.steps);
    await recordReplayAttack(rec, evil, attackerTx(rec, evil, random), sub.assertion);
    runs.push(runFrom(rec, 'replay', run.options, derive(DERIVED.replay), run.intended));
  }
  // Swap after approval: malware in the browser submits the captured assertion with another action.
  {
    const rec = await replayInto(run.steps.slice(0, sub.at));
    await recordSwapAttack(rec, sub.txId, evil, sub.assertion);
    runs.push(runFrom(rec, 'tx-swap-after-approval', run.options, derive(DERIVED['tx-swap-after-approval']), run.intended));
  }
  // Byte tamper: an on-path proxy rewrites the challenge in clientDataJSON to its own transaction's.
  {
    const rec = await replayInto(run.steps.slice(0, sub.at));
    const tx2 = attackerTx(rec, evil, random);
    const members = JSON.parse(bytesToUtf8(sub.assertion.clientDataJSON)) as Record<string, unknown>;
    const cdj = utf8ToBytes(JSON.stringify({ ...members, challenge: toBase64url(tx2.challenge) }));
    await recordTamperAttack(rec, evil, tx2, { ...sub.assertion, clientDataJSON: cdj });
    runs.push(runFrom(rec, 'byte-tamper', run.options, derive(DERIVED['byte-tamper']), run.intended));
  }
  // A counter that went back: the assertion's counter set to the one the RP stored at registration.
  {
    const proof = [...run.steps].reverse().find((s) => s.op === 'authn.captured' && s.payloads.some((p) => p.name === 'authenticatorData'));
    const ad = proof?.payloads.find((p) => p.name === 'authenticatorData')?.bytes;
    let counter = 0;
    try { counter = ad ? parseAuthenticatorData(ad).signCount : 0; } catch { counter = 0; }
    const reg = run.steps.find((s) => s.op === 'authn.captured' && s.payloads.some((p) => p.name === 'attestationObject'));
    const storedAtRegistration = registrationCounter(reg);
    if (!proof || counter === 0) {
      captureAgain.push({ scenario: 'cloned-authenticator', reason: 'your authenticator keeps no signature counter (it sent 0): a copy of its key could not be told from it, so there is no counter to go back' });
    } else if (storedAtRegistration === 0) {
      captureAgain.push({ scenario: 'cloned-authenticator', reason: 'the RP stored counter 0 at registration, and 0 means “does not count” (WebAuthn §7.2 step 22): capture again with a key whose counter was already past 0' });
    } else {
      const back = Math.min(storedAtRegistration, counter - 1);
      const fork = await forkRun(run, proof.index, { kind: 'counter', value: back });
      const { fork: _f, ...forked } = fork.run;
      runs.push({ ...forked, scenario: 'cloned-authenticator', capture: derive(DERIVED.counter(counter, back)) });
    }
  }
  return { runs, captureAgain };
}

/** The counter the RP stored at registration: the one in the attestationObject's authenticatorData. */
function registrationCounter(step: Step | undefined): number {
  const ao = step?.payloads.find((p) => p.name === 'attestationObject')?.bytes;
  if (!ao) return 0;
  try {
    return parseAttestationObject(ao).authData.signCount;
  } catch {
    return 0;
  }
}
