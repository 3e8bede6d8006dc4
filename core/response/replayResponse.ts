import { canonicalJson } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToHex } from '../codec/bytes.js';
import { parseStrictJson } from '../codec/json.js';
import { errorMessage, ProoflineError } from '../errors.js';
import type { Disagreement } from '../flows/runs.js';
import { actorsText, shown, type Shown } from '../flows/replay.js';
import { stepLabel } from '../flows/stepNumber.js';
import type { Payload, ResponseInfo, Run, Step } from '../flows/types.js';
import { MAX_TRUST_PAYLOAD_BYTES, traceTrustSchema } from '../rp/attestation/trustInputs.js';
import { MAX_BUNDLE_BYTES, parseBundle, type Bundle } from '../bundle/parseBundle.js';
import { RESPONSE_STEPS, responseName, responseRun, statedTime } from './responseRun.js';
import { verifyBundle } from '../bundle/verifyBundle.js';

/**
 * Re-verification of a real response shown as a run (docs/trace-format.md "Real responses"). Such
 * a run is evidence as its bytes and the RP's expectations, nothing else: the response bundle is
 * rebuilt from its payloads alone — `expected` (and a registration's `policy`) at step 1,
 * clientDataJSON, authenticatorData, signature and userHandle or attestationObject, and the
 * credential id at step 2, the stored credentialPublicKey (authentication) or the `trust` inputs
 * with their stated time (registration) at step 3 — verified again with the code `check-response`
 * uses ({@link verifyBundle}), and the whole run built again with {@link responseRun}. Every shown
 * field of every step (phase, sender, receiver, attacker mark, label, caption, op, payloads and
 * their bytes), the run's spec, intended action, actors and name are compared with the file's;
 * the caller compares checks, knowledge, outcome and ledger (core/trace/verify.ts).
 */

/** A response run as a trace holds it. */
export type ResponseReplayInput = Pick<Run, 'flow' | 'scenario' | 'options' | 'intended' | 'actors' | 'steps'> & { readonly response: ResponseInfo };

/** A response run rebuilt from its payloads, and how the file's shown fields differ from it. */
export interface ResponseReplay {
  readonly run: Run;
  readonly disagreements: Disagreement[];
}

/**
 * Verify a response bundle and show it as a run — what "Open response…" does. A registration's
 * attestation is judged at the time the bundle states, else at `now` (ms since the epoch), which
 * the run then states ({@link statedTime}), so the run re-verifies to the same result later.
 */
export async function openResponse(bundle: Bundle, name: string, now: number): Promise<Run> {
  const timed = statedTime(bundle, now);
  return responseRun(timed, await verifyBundle(timed), name);
}

/** A payload of a response run's step that cannot be read: ERR_BUNDLE naming the step and payload. */
function unusable(step: number, what: string): ProoflineError {
  return new ProoflineError('ERR_BUNDLE', `${stepLabel(step)} ${what}`);
}

function payloadOf(steps: readonly Step[], step: number, name: string): Uint8Array | undefined {
  return steps[step]?.payloads.find((p) => p.name === name)?.bytes;
}

function needed(steps: readonly Step[], step: number, name: string, why: string): Uint8Array {
  const bytes = payloadOf(steps, step, name);
  if (!bytes) throw unusable(step, `has no payload “${name}” (${why})`);
  return bytes;
}

function jsonPayload(steps: readonly Step[], step: number, name: string, bytes: Uint8Array, maxBytes: number): unknown {
  try {
    return parseStrictJson(bytes, { maxBytes, maxDepth: 32 });
  } catch (e) {
    throw unusable(step, `payload “${name}” is not usable JSON (${errorMessage(e)})`);
  }
}

/** Where a bundle member's bytes are in a response run: `$.response.response.signature` → step 2, “signature”. */
function memberPlace(path: string): { step: number; payload: string; rest: string } {
  const places: [string, number, string][] = [
    ['$.expected', RESPONSE_STEPS.expected, 'expected'],
    ['$.policy', RESPONSE_STEPS.expected, 'policy'],
    ['$.trust', RESPONSE_STEPS.verify, 'trust'],
    ['$.credentialPublicKey', RESPONSE_STEPS.verify, 'credentialPublicKey'],
    ['$.response.rawId', RESPONSE_STEPS.response, 'credentialId'],
  ];
  for (const [prefix, step, payload] of places) if (path.startsWith(prefix)) return { step, payload, rest: path.slice(prefix.length) };
  const m = /^\$\.response\.response\.([A-Za-z]+)(.*)$/.exec(path);
  return m ? { step: RESPONSE_STEPS.response, payload: m[1]!, rest: m[2]! } : { step: RESPONSE_STEPS.response, payload: 'response', rest: path.replace(/^\$/, '') };
}

/**
 * The response bundle a response run's payloads hold (see the file comment), read as
 * `check-response` reads a bundle ({@link parseBundle}). A missing or unusable payload is
 * ProoflineError('ERR_BUNDLE') naming the step and the payload.
 */
export function responseBundleOf(steps: readonly Step[]): Bundle {
  const { expected: e, response: r, verify: v } = RESPONSE_STEPS;
  const registration = payloadOf(steps, r, 'attestationObject') !== undefined;
  if (!registration && payloadOf(steps, r, 'authenticatorData') === undefined) throw unusable(r, 'has no payload “attestationObject” (a registration) or “authenticatorData” (an assertion)');
  const expected = jsonPayload(steps, e, 'expected', needed(steps, e, 'expected', 'what the relying party expected'), MAX_BUNDLE_BYTES);
  const policyBytes = payloadOf(steps, e, 'policy');
  const policy = policyBytes && jsonPayload(steps, e, 'policy', policyBytes, MAX_BUNDLE_BYTES);
  const b64 = (step: number, name: string, why: string) => toBase64url(needed(steps, step, name, why));
  const credentialId = b64(r, 'credentialId', 'the credential id the browser returned');
  const clientDataJSON = b64(r, 'clientDataJSON', 'every response has clientDataJSON');
  let trust: Record<string, unknown> | undefined;
  let at = 0;
  if (registration) {
    const parsed = traceTrustSchema.safeParse(jsonPayload(steps, v, 'trust', needed(steps, v, 'trust', 'the time the attestation was judged at, and what the relying party trusted'), MAX_TRUST_PAYLOAD_BYTES));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw unusable(v, `payload “trust”${issue.path.length ? ` member ${issue.path.join('.')}` : ''}: ${issue.code === 'unrecognized_keys' ? `unknown member ${JSON.stringify(issue.keys[0])}` : issue.message}`);
    }
    const { at: when, atSource, ...texts } = parsed.data;
    at = Date.parse(when);
    // A stated time is the bundle's trust.at; the capture time is its policy.attestationTime.
    trust = { ...texts, ...(atSource === 'capture' ? {} : { at: when }) };
  }
  const userHandle = payloadOf(steps, r, 'userHandle');
  const json = {
    ceremony: registration ? 'registration' : 'authentication',
    expected,
    ...(policy !== undefined ? { policy } : {}),
    ...(trust && Object.keys(trust).length > 0 ? { trust } : {}),
    ...(registration ? {} : { credentialPublicKey: b64(v, 'credentialPublicKey', 'the public key the relying party stored at registration') }),
    response: {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key',
      response: registration
        ? { clientDataJSON, attestationObject: b64(r, 'attestationObject', 'a registration response has one') }
        : { clientDataJSON, authenticatorData: b64(r, 'authenticatorData', 'an assertion has authenticatorData'), signature: b64(r, 'signature', 'an assertion has a signature'), ...(userHandle ? { userHandle: toBase64url(userHandle) } : {}) },
    },
  };
  let bundle: Bundle;
  try {
    bundle = parseBundle(json);
  } catch (e) {
    if (!(e instanceof ProoflineError) || e.path === undefined) throw e;
    const place = memberPlace(e.path);
    throw unusable(place.step, `payload “${place.payload}”${place.rest ? ` (${place.rest.replace(/^\./, '')})` : ''}: ${e.message.slice(e.path.length + 2)}`);
  }
  // A capture time the policy does not state is no time: the run then states none it can be judged at.
  return registration ? statedTime(bundle, at) : bundle;
}

function payloadText(p: Payload | undefined): string {
  return p ? `${p.encoding}, ${p.bytes.length} bytes, ${bytesToHex(p.bytes.subarray(0, 8))}…` : 'absent';
}

/** Where two byte strings first differ (or the shorter one ends). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Every difference between what the file's step shows and the rebuilt step (checks and knowledge are compared by the caller). */
function compareStep(given: Step | undefined, made: Step | undefined, index: number): Disagreement[] {
  if (!given || !made) return [{ step: index, what: 'step', recorded: given ? `“${given.label}” (${given.op})` : 'absent: the run ends here', recomputed: made ? `the response's run has “${made.label}” (${made.op}) here` : 'absent: a response run has four steps' }];
  const out: Disagreement[] = [];
  // The fields a replayed simulation compares (core/flows/replay.ts), then the payloads' bytes.
  const [a, b] = [shown(given), shown(made)];
  for (const f of Object.keys(b) as (keyof Shown)[]) {
    if (a[f] !== b[f]) out.push({ step: index, what: f, recorded: f === 'payloads' ? a[f] || 'none' : a[f], recomputed: f === 'payloads' ? b[f] || 'none' : b[f] });
  }
  for (const p of made.payloads) {
    const g = given.payloads.find((x) => x.name === p.name);
    if (g && (g.encoding !== p.encoding || bytesToHex(g.bytes) !== bytesToHex(p.bytes))) {
      out.push({ step: index, what: `payload ${p.name}`, recorded: payloadText(g), recomputed: `${payloadText(p)} as the response rebuilds it (the first difference at byte ${firstDifference(g.bytes, p.bytes)})` });
    }
  }
  return out;
}

/**
 * Rebuild a response run from its payloads (see the file comment) and report where the file's
 * shown fields differ. Never throws for what a file holds except ProoflineError('ERR_BUNDLE')
 * when the payloads hold no usable bundle (core/trace/verify.ts reports it as one disagreement).
 */
export async function replayResponseRun(run: ResponseReplayInput): Promise<ResponseReplay> {
  const bundle = responseBundleOf(run.steps);
  const made = responseRun(bundle, await verifyBundle(bundle), run.response.name);
  const found: Disagreement[] = [];
  if (responseName(run.response.name) !== run.response.name) found.push({ step: null, what: 'response.name', recorded: run.response.name, recomputed: responseName(run.response.name) });
  const spec = (r: Pick<Run, 'flow' | 'scenario' | 'options' | 'intended'>) => canonicalJson({ flow: r.flow, scenario: r.scenario, options: r.options, intended: r.intended });
  if (spec(run) !== spec(made)) found.push({ step: null, what: 'spec', recorded: spec(run), recomputed: `a response run's: ${spec(made)}` });
  if (actorsText(run.actors) !== actorsText(made.actors)) found.push({ step: null, what: 'actors', recorded: actorsText(run.actors), recomputed: actorsText(made.actors) });
  for (let j = 0; j < Math.max(run.steps.length, made.steps.length); j++) found.push(...compareStep(run.steps[j], made.steps[j], j));
  return { run: made, disagreements: found };
}
