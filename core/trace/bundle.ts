import type { BundleJSON } from '../bundle/schema.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToUtf8 } from '../codec/bytes.js';
import { ProoflineError } from '../errors.js';
import type { Payload, Step } from '../flows/types.js';

/** The op of the step at which the relying party verifies an assertion. */
export const VERIFY_ASSERTION_OP = 'rp.verifyAssertion';

/**
 * The response bundle (DESIGN.md §5) the relying party verified at its final decision in a
 * webauthn run. The last step whose op is `rp.verifyAssertion` supplies the RP's expectations,
 * payload `expected` (a JSON object), and `credentialPublicKey` (COSE_Key). The response itself —
 * `clientDataJSON`, `authenticatorData`, `signature`, `credentialId`, optional `userHandle` —
 * comes from that step when it carries them, otherwise from the nearest earlier step that does
 * (the submission the RP received, op `rp.receiveAssertion` in the webauthn flow). The result is
 * what `proofline check-response` reads, so a recorded run can be checked by the same path as a
 * real browser's response.
 *
 * Throws ERR_BUNDLE when the run has no such step or a payload is missing.
 */
export function bundleFromRun(run: { readonly flow: string; readonly steps: readonly Step[] }): BundleJSON {
  const step = [...run.steps].reverse().find((s) => s.op === VERIFY_ASSERTION_OP);
  if (!step) {
    throw new ProoflineError('ERR_BUNDLE', `the ${run.flow} run has no step with op "${VERIFY_ASSERTION_OP}": only a webauthn run's assertion verification makes a response bundle`);
  }
  const where = `steps[${step.index}]`;
  const has = (st: Step, name: string): boolean => st.payloads.some((x) => x.name === name);
  const source = has(step, 'clientDataJSON') ? step : [...run.steps].reverse().find((s) => s.index < step.index && has(s, 'clientDataJSON') && has(s, 'signature'));
  if (!source) throw new ProoflineError('ERR_BUNDLE', 'no step before the RP\'s assertion verification carries the response (clientDataJSON, signature)', where);
  const from = (st: Step) => (name: string): Payload => {
    const p = st.payloads.find((x) => x.name === name);
    if (!p) throw new ProoflineError('ERR_BUNDLE', `payload "${name}" is missing`, `steps[${st.index}]`);
    return p;
  };
  const get = from(step);
  const response = from(source);
  let expected: unknown;
  try {
    expected = JSON.parse(bytesToUtf8(get('expected').bytes));
  } catch (e) {
    if (e instanceof ProoflineError) throw e;
    throw new ProoflineError('ERR_BUNDLE', 'payload "expected" is not UTF-8 JSON', where);
  }
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) {
    throw new ProoflineError('ERR_BUNDLE', 'payload "expected" is not a JSON object', where);
  }
  const credentialId = toBase64url(response('credentialId').bytes);
  const userHandle = source.payloads.find((x) => x.name === 'userHandle');
  return {
    ceremony: 'authentication',
    expected: expected as BundleJSON['expected'],
    credentialPublicKey: toBase64url(get('credentialPublicKey').bytes),
    response: {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: toBase64url(response('clientDataJSON').bytes),
        authenticatorData: toBase64url(response('authenticatorData').bytes),
        signature: toBase64url(response('signature').bytes),
        ...(userHandle ? { userHandle: toBase64url(userHandle.bytes) } : {}),
      },
      clientExtensionResults: {},
    },
  };
}
