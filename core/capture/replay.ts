import { canonicalJson as canonical, parseAction, type Action } from '../codec/action.js';
import { parseAuthenticatorData } from '../codec/authenticatorData.js';
import { bytesToUtf8 } from '../codec/bytes.js';
import { FORK_CAPTION_SUFFIX } from '../fork/forkRun.js';
import type { Recorder, StepInit } from '../flows/record.js';
import { actorsText, replayScript } from '../flows/replay.js';
import { ATTACKER_ACTION, INTENDED_ACTION, type Disagreement } from '../flows/runs.js';
import type { CaptureInfo, Run, Step } from '../flows/types.js';
import type { Assertion } from '../flows/webauthn.js';
import type { EvalState } from '../ops/evaluate.js';
import { originsFor } from './contract.js';
import { DERIVED, recordApproval, recordLookAlike, recordRegistration, recordReplayAttack, recordSwapAttack, recordTamperAttack, type CapturePolicy, type CaptureTx, type LookAlikeInput } from './script.js';
import { capturedActors, deviceOf } from './session.js';

/**
 * Re-verification of what a captured run shows (docs/trace-format.md "Runs that are not
 * simulated"). A captured run has no seed and no flow script, but everything it shows was written
 * by the capture recorder (core/capture/script.ts) from its inputs: the page's origin, the RP's
 * options and the browser's and device's answers. Those inputs are read back from the run's own
 * bytes and its `capture` record, the recorder's functions run again on them — as the run's
 * scenario says it was made: the captured ceremony, an attack built from it, a counter set back,
 * the look-alike attempt — and each step they write is compared with the run's (phase, sender,
 * receiver, attacker mark, label, caption, op, payload names) while the run's bytes are evaluated
 * there. The actors, the device record, `derived`, the origin and the options are recomputed too.
 */

/** What a captured run needs for its replay: its scenario, options, actors, steps and capture record. */
export type CapturedReplayInput = Pick<Run, 'scenario' | 'options' | 'actors' | 'steps'> & { readonly capture: CaptureInfo };

/** A captured run replayed: steps with checks and knowledge from the bytes, the state, the differences. */
export interface CapturedReplay {
  readonly steps: Step[];
  readonly state: EvalState;
  readonly disagreements: Disagreement[];
}

function payload(step: Step | undefined, name: string): Uint8Array {
  return step?.payloads.find((p) => p.name === name)?.bytes ?? new Uint8Array();
}

function jsonOf(step: Step | undefined, name: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(bytesToUtf8(payload(step, name)));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : String(v));

function assertionOf(step: Step | undefined, clientDataJSON: Uint8Array): Assertion {
  const uh = step?.payloads.find((p) => p.name === 'userHandle');
  return { clientDataJSON, authenticatorData: payload(step, 'authenticatorData'), signature: payload(step, 'signature'), credentialId: payload(step, 'credentialId'), ...(uh ? { userHandle: uh.bytes } : {}) };
}

/** The transaction an RP options payload names. */
function txOf(step: Step | undefined): CaptureTx {
  const options = jsonOf(step, 'options');
  return { txId: text(options.txId ?? ''), options };
}

/** The trust inputs the RP verified the registration with (its `trust` payload), when it had any. */
function trustOf(step: Step | undefined): { trust?: Uint8Array } {
  const bytes = step?.payloads.find((p) => p.name === 'trust')?.bytes;
  return bytes ? { trust: bytes } : {};
}

/** The inputs the capture recorder took, read back from the run's bytes (a missing step gives empty ones). */
function inputsOf(run: CapturedReplayInput) {
  const steps = run.steps;
  const find = (op: string, test: (s: Step) => boolean = () => true) => steps.find((s) => s.op === op && test(s));
  const has = (name: string) => (s: Step) => s.payloads.some((p) => p.name === name);
  const policyJson = jsonOf(find('rp.policy'), 'policy');
  const policy: CapturePolicy = { origin: run.capture.origin, userVerification: text(policyJson.userVerification ?? ''), binding: text(policyJson.binding ?? '') };
  const attestation = find('authn.captured', has('attestationObject'));
  const intent = parseAction(jsonOf(find('user.intend'), 'intent'));
  const action: Action = typeof intent === 'string' ? INTENDED_ACTION : intent;
  const honestSubmit = find('rp.receiveAssertion', (s) => !s.attacker);
  const attackSubmit = find('rp.receiveAssertion', (s) => s.attacker === true);
  const proof = find('authn.captured', has('authenticatorData'));
  const result = jsonOf(find('ua.refused'), 'result');
  const error = result.error !== null && typeof result.error === 'object' ? (result.error as Record<string, unknown>) : undefined;
  return {
    policyJson,
    registration: { ...policy, options: jsonOf(find('rp.registrationOptions'), 'options'), clientDataJSON: payload(find('ua.create'), 'clientDataJSON'), attestationObject: payload(attestation, 'attestationObject'), credentialId: payload(attestation, 'credentialId'), response: jsonOf(attestation, 'response'), ...trustOf(find('rp.verifyRegistration')) },
    approval: { ...policy, action, tx: txOf(find('rp.transactionCreated', (s) => !s.attacker)), assertion: assertionOf(proof, payload(find('ua.get'), 'clientDataJSON')) },
    attackerTx: txOf(find('rp.transactionCreated', (s) => s.attacker === true)),
    attackSubmitted: assertionOf(attackSubmit ?? honestSubmit, payload(attackSubmit ?? honestSubmit, 'clientDataJSON')),
    lookAlike: { lookAlikeOrigin: lookAlikeOrigin(run.capture.origin), userVerification: policy.userVerification, action, tx: txOf(find('rp.transactionCreated', (s) => s.attacker === true)), result: error ? { error: { name: text(error.name ?? ''), message: text(error.message ?? '') } } : { credential: 'returned' } } satisfies LookAlikeInput,
  };
}

/** The look-alike origin of a capture page's origin (the same port on 127.0.0.1). */
function lookAlikeOrigin(origin: string): string {
  const port = Number(/:(\d+)$/.exec(origin)?.[1] ?? 0);
  return originsFor(port).lookalike;
}

/** Ends a forked run's script after the step where an actor halted, as forkRun drops the rest. */
class ForkEnds extends Error {}

/** A recorder view that marks the steps a counter fork rewrote (those carrying authenticatorData) as forkRun does, and ends after a halt. */
function forkView(rec: Recorder): Recorder {
  const view = Object.create(rec) as Recorder;
  let forked = false;
  view.step = async (init: StepInit) => {
    const marked = init.payloads?.some((p) => p.name === 'authenticatorData') === true;
    forked ||= marked;
    const r = await rec.step(marked ? { ...init, attacker: true, caption: `${init.caption} ${FORK_CAPTION_SUFFIX}` } : init);
    if (forked && rec.halted) throw new ForkEnds();
    return r;
  };
  return view;
}

/** The capture recorder's script for a run of this scenario, on the inputs its bytes carry. */
async function script(rec: Recorder, run: CapturedReplayInput, inputs: ReturnType<typeof inputsOf>): Promise<void> {
  const evil = ATTACKER_ACTION;
  await recordRegistration(rec, inputs.registration);
  if (rec.halted) return; // a refused registration ends the session
  switch (run.scenario) {
    case 'phishing-relay':
      return recordLookAlike(rec, inputs.lookAlike);
    case 'replay':
      await recordApproval(rec, inputs.approval, true);
      return recordReplayAttack(rec, evil, inputs.attackerTx, inputs.attackSubmitted);
    case 'tx-swap-after-approval':
      await recordApproval(rec, inputs.approval, false);
      return recordSwapAttack(rec, inputs.approval.tx.txId, evil, inputs.attackSubmitted);
    case 'byte-tamper':
      await recordApproval(rec, inputs.approval, false);
      return recordTamperAttack(rec, evil, inputs.attackerTx, inputs.attackSubmitted);
    case 'cloned-authenticator':
      try {
        await recordApproval(forkView(rec), inputs.approval, true);
      } catch (e) {
        if (!(e instanceof ForkEnds)) throw e;
      }
      return;
    default:
      // The captured ceremony itself: a session finished after the registration keeps only that.
      if (run.steps.length <= rec.steps.length) return;
      return recordApproval(rec, inputs.approval, true);
  }
}

/** What `capture.derived` must say for a run of this scenario: a test and its text (undefined: the captured run itself). */
function derivedFor(run: CapturedReplayInput, inputs: ReturnType<typeof inputsOf>): { test: (got: string) => boolean; text: string } | undefined {
  const exactly = (text: string) => ({ test: (got: string) => got === text, text });
  switch (run.scenario) {
    case 'replay':
    case 'tx-swap-after-approval':
    case 'byte-tamper':
      return exactly(DERIVED[run.scenario]);
    case 'phishing-relay':
      return exactly(DERIVED.lookAlike(inputs.lookAlike.lookAlikeOrigin));
    case 'cloned-authenticator': {
      // The counter it was set back to is in the bytes; the one it came from went with them.
      let to = -1;
      try { to = parseAuthenticatorData(inputs.approval.assertion.authenticatorData).signCount; } catch { to = -1; }
      return { test: (got) => { const from = /from (\d+) to/.exec(got)?.[1]; return from !== undefined && got === DERIVED.counter(Number(from), to); }, text: DERIVED.counter(Number.NaN, to).replace('NaN', 'N') };
    }
    default:
      return undefined;
  }
}

/**
 * Replay a captured run (see the file comment): every step against the capture recorder's script,
 * and the run's actors, device record, `derived`, origin and options against what its bytes and
 * capture record say.
 */
export async function replayCapturedRun(run: CapturedReplayInput): Promise<CapturedReplay> {
  const inputs = inputsOf(run);
  const rec = await replayScript(run.steps, false, 'the capture recorder', (r) => script(r, run, inputs));
  const found: Disagreement[] = [];
  const expected = capturedActors(run.capture);
  if (actorsText(run.actors) !== actorsText(expected)) found.push({ step: null, what: 'actors', recorded: actorsText(run.actors), recomputed: actorsText(expected) });
  const policyStep = run.steps.find((s) => s.op === 'rp.policy');
  if (policyStep && inputs.policyJson.origin !== run.capture.origin) {
    found.push({ step: policyStep.index, what: 'capture.origin', recorded: run.capture.origin, recomputed: `the origin the RP's policy names: ${text(inputs.policyJson.origin ?? 'none')}` });
  }
  const fromBytes = { userVerification: inputs.registration.userVerification, binding: inputs.registration.binding };
  const options = { userVerification: run.options.userVerification, binding: run.options.binding };
  if (canonical(options) !== canonical(fromBytes) || Object.keys(run.options).some((k) => !(k in fromBytes))) {
    found.push({ step: null, what: 'options', recorded: canonical(run.options), recomputed: `the policy in the bytes: ${canonical(fromBytes)}` });
  }
  const derived = derivedFor(run, inputs);
  const got = run.capture.derived;
  const same = derived === undefined ? got === undefined : got !== undefined && derived.test(got);
  if (!same) found.push({ step: null, what: 'capture.derived', recorded: got ?? 'absent', recomputed: derived?.text ?? 'absent: this is the captured run itself' });
  // The device record must be what the registration's attestationObject and the browser's report say (unless redacted away).
  if (run.capture.device !== null && run.capture.device !== undefined) {
    const device = await deviceOf(inputs.registration.attestationObject, inputs.registration.response);
    if (canonical(device) !== canonical(run.capture.device)) found.push({ step: null, what: 'capture.device', recorded: canonical(run.capture.device), recomputed: `what the attestationObject and the browser's report say: ${canonical(device)}` });
  }
  return { steps: rec.steps, state: rec.state, disagreements: [...rec.found, ...found] };
}

