import { firstFailure } from '../check.js';
import type { Action } from '../codec/action.js';
import { toBase64url } from '../codec/base64url.js';
import { utf8ToBytes } from '../codec/bytes.js';
import type { Payload, Run, Step } from '../flows/types.js';
import { payloadReceipts } from '../ops/evaluate.js';
import { authenticatorModelLine } from '../rp/modelLine.js';
import { sectionRef } from '../rp/specTable.js';
import type { Bundle } from '../bundle/parseBundle.js';
import { ledgerFromResponse } from './responseLedger.js';
import { RESPONSE_STEPS } from './responseSteps.js';
import type { BundleResult } from '../bundle/verifyBundle.js';

/**
 * A real WebAuthn response (a response bundle, DESIGN.md §5) shown as a read-only run of four
 * steps — what the RP expected, the response as received, the RP's checks, the verdict — whose
 * payloads are the response's bytes and the RP's expectations and nothing else. Everything else
 * the run shows (labels, captions, actors, checks, knowledge, outcome, ledger) is written here
 * from the bundle and its verification result, so re-verification (core/response/replayResponse.ts)
 * rebuilds the bundle from the payloads, verifies it again and rebuilds the run the same way.
 * Pure: no verifier is imported here.
 */

export { RESPONSE_STEPS };

/** Longest response name kept (a file name's limit on common file systems). */
export const RESPONSE_NAME_MAX = 255;

/** Characters a response name may not hold: C0/C1 controls (they would repaint a terminal). */
export const RESPONSE_NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]/gu;

/** A name as a response run keeps it: controls replaced by U+FFFD, at most {@link RESPONSE_NAME_MAX} UTF-16 units (no pair split), never empty. */
export function responseName(name: string): string {
  const cut = name.replace(RESPONSE_NAME_FORBIDDEN, '\uFFFD').slice(0, RESPONSE_NAME_MAX);
  const clean = /[\uD800-\uDBFF]$/u.test(cut) ? cut.slice(0, -1) : cut;
  return clean === '' ? 'a response' : clean;
}

/**
 * The bundle with the time its attestation is judged at made explicit, for a registration whose
 * bundle leaves it to the clock (`trust.at` "now", or no time and no `policy.attestationTime`):
 * `now` (ms since the epoch, passed in: core never reads the clock) becomes the stated time. A
 * response run records that time, so re-verification judges the chain at the same instant.
 */
export function statedTime(bundle: Bundle, now: number): Bundle {
  if (bundle.ceremony !== 'registration') return bundle;
  const at = bundle.trustTexts?.at;
  if (at !== undefined && at !== 'now') return bundle;
  if (at === undefined && bundle.policy?.attestationTime !== undefined) return bundle;
  const iso = new Date(now).toISOString();
  return { ...bundle, trust: { ...(bundle.trust ?? { roots: [], mdsRoots: [] }), at: iso }, trustTexts: { ...bundle.trustTexts, at: iso } };
}

/** The bundle's `expected` member as JSON (DESIGN.md §5), allowCredentials as base64url. */
function expectedJson(bundle: Bundle): string {
  const allow = bundle.ceremony === 'authentication' ? bundle.allowCredentials : undefined;
  return JSON.stringify({ ...bundle.expected, ...(allow ? { allowCredentials: allow.map((id) => toBase64url(id)) } : {}) }, null, 2);
}

/**
 * A registration's `trust` payload (docs/trace-format.md "Trust inputs"): what the RP trusts and
 * the time it judged the chain at, stated (`trust.at`) or the capture time (`policy.attestationTime`).
 */
function trustJson(bundle: Extract<Bundle, { ceremony: 'registration' }>): string {
  const { at, ...texts } = bundle.trustTexts ?? {};
  const captured = bundle.policy?.attestationTime;
  const time = at !== undefined && at !== 'now' ? { at, atSource: 'stated' } : captured !== undefined ? { at: captured, atSource: 'capture' } : undefined;
  if (!time) throw new RangeError('"bundle" expected a registration with the time its attestation is judged at (statedTime), got none');
  return JSON.stringify({ ...texts, ...time }, null, 2);
}

const json = (name: string, text: string): Payload => ({ name, encoding: 'json', bytes: utf8ToBytes(text) });

/** A step; its receiver holds a receipt of every payload (as every run's does), so a changed byte shows even where no check reads it. */
function step(index: number, init: Omit<Step, 'index' | 'kind' | 'knowledge'> & Partial<Pick<Step, 'knowledge'>>): Step {
  const known = init.knowledge ?? {};
  const receipts = payloadReceipts(init);
  const knowledge = receipts.length ? { ...known, [init.to]: [...(known[init.to] ?? []), ...receipts] } : known;
  return { ...init, knowledge, index, kind: init.from === init.to ? 'local' : 'message' };
}

const SIGN_IN: Action = { kind: 'sign-in' };

/**
 * A real response bundle as a read-only run: what the RP expected (and its policy), the response
 * the browser sent (its bytes exactly as received, so the inspector decodes them), the RP's checks
 * with their spec references and the inputs they used (the stored public key, or the trust inputs
 * with their time), the verdict, and a ledger derived from those checks alone. A registration's
 * bundle must state its time ({@link statedTime}).
 */
export function responseRun(bundle: Bundle, result: BundleResult, name: string): Run {
  const shown = responseName(name);
  const sent: Payload[] =
    bundle.ceremony === 'authentication'
      ? [
          { name: 'clientDataJSON', encoding: 'json', bytes: bundle.clientDataJSON },
          { name: 'authenticatorData', encoding: 'binary', bytes: bundle.authenticatorData },
          { name: 'signature', encoding: 'der', bytes: bundle.signature },
          ...(bundle.userHandle ? [{ name: 'userHandle', encoding: 'binary' as const, bytes: bundle.userHandle }] : []),
        ]
      : [
          { name: 'clientDataJSON', encoding: 'json', bytes: bundle.clientDataJSON },
          { name: 'attestationObject', encoding: 'cbor', bytes: bundle.attestationObject },
        ];
  const key: Payload[] =
    bundle.ceremony === 'authentication'
      ? [{ name: 'credentialPublicKey', encoding: 'cose', bytes: bundle.credentialPublicKey }]
      : result.ceremony === 'registration' && result.info.credentialPublicKey
        ? [{ name: 'credentialPublicKey', encoding: 'cose', bytes: result.info.credentialPublicKey }]
        : [];
  // The RP's policy and trust inputs travel with the response, so re-verification reproduces the verdict.
  const policy: Payload[] = bundle.ceremony === 'registration' && bundle.policy ? [json('policy', JSON.stringify(bundle.policy, null, 2))] : [];
  const trust: Payload[] = bundle.ceremony === 'registration' ? [json('trust', trustJson(bundle))] : [];
  const failed = firstFailure(result.checks);
  const clause = sectionRef(bundle.ceremony === 'authentication' ? 'authentication' : 'registration');
  const verifyLabel = bundle.ceremony === 'authentication' ? 'verifyAssertion' : 'verifyRegistration';
  const count = (status: string) => result.checks.filter((c) => c.status === status).length;
  // Registration: which authenticator, and how much is known about it (rp.attestationTrust).
  const model = result.ceremony === 'registration' ? `Authenticator: ${authenticatorModelLine(result.info.trust)}.` : undefined;
  const steps: Step[] = [
    step(RESPONSE_STEPS.expected, { phase: 'challenge', from: 'rp', to: 'ua', label: 'Expected: rpId, origin, challenge', caption: `What the relying party expected for this ${bundle.ceremony} (from the bundle).`, op: 'response.expected', checks: [], payloads: [json('expected', expectedJson(bundle)), ...policy] }),
    step(RESPONSE_STEPS.response, { phase: 'submit', from: 'ua', to: 'rp', label: bundle.ceremony === 'authentication' ? 'PublicKeyCredential (assertion)' : 'PublicKeyCredential (attestation)', caption: `The real response from ${shown}, byte for byte.`, op: 'response.received', checks: [], payloads: [...sent, { name: 'credentialId', encoding: 'binary', bytes: bundle.credentialId }] }),
    step(RESPONSE_STEPS.verify, { phase: 'verify', from: 'rp', to: 'rp', label: verifyLabel, caption: `The relying party runs every check of ${clause}: ${count('pass')} pass, ${count('fail')} fail.${model ? ` ${model}` : ''}`, op: 'response.verify', checks: result.checks, payloads: [...key, ...trust], ...(model ? { knowledge: { rp: [{ key: 'authenticator', text: model }] } } : {}) }),
    step(RESPONSE_STEPS.decide, { phase: 'decide', from: 'rp', to: 'rp', label: result.verdict === 'accepted' ? 'Accepted' : 'Rejected', caption: result.verdict === 'accepted' ? 'Every check passed: the relying party accepts the response.' : `The relying party rejects the response at ${failed?.id}: ${failed?.detail}`, op: 'response.decide', checks: [], payloads: [] }),
  ];
  const info = result.info;
  const stored = result.ceremony === 'authentication' ? result.info.storedSignCount : 0;
  return {
    flow: 'webauthn',
    scenario: 'honest',
    options: {},
    seed: 0,
    intended: SIGN_IN,
    actors: [
      { id: 'ua', name: 'Browser', role: `real ${bundle.ceremony} response` },
      { id: 'rp', name: 'Relying party', role: `expects ${Array.isArray(bundle.expected.origin) ? bundle.expected.origin.join(' or ') : String(bundle.expected.origin)}` },
    ],
    steps,
    outcome: failed
      ? { outcome: 'blocked', actor: 'rp', check: failed.id, step: RESPONSE_STEPS.verify, sentence: `the relying party rejected the response at ${failed.id} (${failed.spec}): ${failed.detail}` }
      : { outcome: 'ok', actor: null, check: null, step: RESPONSE_STEPS.decide, sentence: `Accepted: every check of ${clause} passed.` },
    ledger: ledgerFromResponse({ checks: result.checks, ...(info.flags ? { flags: info.flags } : {}), ...(info.signCount !== undefined ? { signCount: info.signCount } : {}), storedSignCount: stored, ...(result.ceremony === 'registration' ? { registration: { ...(result.info.trust ? { trust: result.info.trust } : {}), ...(result.info.aaguid ? { aaguid: result.info.aaguid } : {}), ...(result.info.attestationType ? { attestationType: result.info.attestationType } : {}) } } : {}), step: RESPONSE_STEPS.verify }),
    response: { name: shown },
  };
}
