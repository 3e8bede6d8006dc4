import { authenticatorModelLine, sectionRef, utf8ToBytes, type Action, type Bundle, type BundleResult, type CheckResult, type Payload, type Run, type Step } from '../core.js';
import { ledgerFromResponse } from './responseLedger.js';

/** Step indexes of a response's pseudo-run. */
export const RESPONSE_STEPS = { expected: 0, response: 1, verify: 2, decide: 3 } as const;

/** The first check that failed, or undefined when the response was accepted. */
export function firstFailure(checks: readonly CheckResult[]): CheckResult | undefined {
  return checks.find((c) => c.status === 'fail');
}

function step(index: number, init: Omit<Step, 'index' | 'kind' | 'knowledge'> & Partial<Pick<Step, 'knowledge'>>): Step {
  return { knowledge: {}, ...init, index, kind: init.from === init.to ? 'local' : 'message' };
}

const SIGN_IN: Action = { kind: 'sign-in' } as Action;

/**
 * A real response bundle shown as a read-only run: what the RP expected, the response the browser
 * sent (its bytes exactly as received, so the inspector decodes them), the RP's checks with their
 * spec references, the verdict, and a ledger derived from those checks alone.
 */
export function responseRun(bundle: Bundle, result: BundleResult, name: string): Run {
  const expected: Payload = { name: 'expected', encoding: 'json', bytes: utf8ToBytes(JSON.stringify(bundle.expected, null, 2)) };
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
  // The trust inputs the response was judged with travel with it (the trace's `trust` payload shape: the time stated).
  const judgedAt = result.ceremony === 'registration' ? result.info.trust?.at : undefined;
  const texts = bundle.ceremony === 'registration' ? bundle.trustTexts : undefined;
  const trust: Payload[] = texts
    ? [{ name: 'trust', encoding: 'json', bytes: utf8ToBytes(JSON.stringify({ ...texts, ...(judgedAt ? { at: judgedAt, atSource: result.ceremony === 'registration' && result.info.trust?.atSource === 'capture' ? 'capture' : 'stated' } : {}) }, null, 2)) }]
    : [];
  const failed = firstFailure(result.checks);
  const clause = sectionRef(bundle.ceremony === 'authentication' ? 'authentication' : 'registration');
  const verifyLabel = bundle.ceremony === 'authentication' ? 'verifyAssertion' : 'verifyRegistration';
  // Registration: which authenticator, and how much is known about it (rp.attestationTrust).
  const model = result.ceremony === 'registration' ? `Authenticator: ${authenticatorModelLine(result.info.trust)}.` : undefined;
  const steps: Step[] = [
    step(RESPONSE_STEPS.expected, { phase: 'challenge', from: 'rp', to: 'ua', label: 'Expected: rpId, origin, challenge', caption: `What the relying party expected for this ${bundle.ceremony} (from the bundle).`, op: 'response.expected', checks: [], payloads: [expected] }),
    step(RESPONSE_STEPS.response, { phase: 'submit', from: 'ua', to: 'rp', label: bundle.ceremony === 'authentication' ? 'PublicKeyCredential (assertion)' : 'PublicKeyCredential (attestation)', caption: `The real response from ${name}, byte for byte.`, op: 'response.received', checks: [], payloads: sent }),
    step(RESPONSE_STEPS.verify, { phase: 'verify', from: 'rp', to: 'rp', label: verifyLabel, caption: `The relying party runs every check of ${clause}: ${result.checks.filter((c) => c.status === 'pass').length} pass, ${result.checks.filter((c) => c.status === 'fail').length} fail.${model ? ` ${model}` : ''}`, op: 'response.verify', checks: result.checks, payloads: [...key, ...trust], ...(model ? { knowledge: { rp: [{ key: 'authenticator', text: model }] } } : {}) }),
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
    ledger: ledgerFromResponse({ checks: result.checks, ...(info.flags ? { flags: info.flags } : {}), ...(info.signCount !== undefined ? { signCount: info.signCount } : {}), storedSignCount: stored, ...(result.ceremony === 'registration' ? { registration: { ...(result.info.trust ? { trust: result.info.trust } : {}), ...(result.info.aaguid ? { aaguid: result.info.aaguid } : {}) } } : {}), step: RESPONSE_STEPS.verify }),
  };
}
