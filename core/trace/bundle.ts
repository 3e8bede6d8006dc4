import type { BundleJSON } from '../bundle/schema.js';
import { toBase64url } from '../codec/base64url.js';
import { bytesToUtf8 } from '../codec/bytes.js';
import { ProoflineError } from '../errors.js';
import type { Payload, Step } from '../flows/types.js';

/** The op of the step at which the relying party verifies an assertion. */
export const VERIFY_ASSERTION_OP = 'rp.verifyAssertion';

/**
 * The response bundle (DESIGN.md §5) the relying party verified at its final decision in a
 * webauthn run: built from the payloads of the last step whose op is `rp.verifyAssertion` —
 * `clientDataJSON`, `authenticatorData`, `signature`, `credentialId`, optional `userHandle`, the
 * RP's expectations `expected` (a JSON object) and `credentialPublicKey` (COSE_Key). The result
 * is what `proofline check-response` reads, so a recorded run can be checked by the same path as
 * a real browser's response.
 *
 * Throws ERR_BUNDLE when the run has no such step or the step lacks one of those payloads.
 */
export function bundleFromRun(run: { readonly flow: string; readonly steps: readonly Step[] }): BundleJSON {
  const step = [...run.steps].reverse().find((s) => s.op === VERIFY_ASSERTION_OP);
  if (!step) {
    throw new ProoflineError('ERR_BUNDLE', `the ${run.flow} run has no step with op "${VERIFY_ASSERTION_OP}": only a webauthn run's assertion verification makes a response bundle`);
  }
  const where = `steps[${step.index}]`;
  const get = (name: string): Payload => {
    const p = step.payloads.find((x) => x.name === name);
    if (!p) throw new ProoflineError('ERR_BUNDLE', `payload "${name}" is missing at the RP's assertion verification`, where);
    return p;
  };
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
  const credentialId = toBase64url(get('credentialId').bytes);
  const userHandle = step.payloads.find((x) => x.name === 'userHandle');
  return {
    ceremony: 'authentication',
    expected: expected as BundleJSON['expected'],
    credentialPublicKey: toBase64url(get('credentialPublicKey').bytes),
    response: {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: toBase64url(get('clientDataJSON').bytes),
        authenticatorData: toBase64url(get('authenticatorData').bytes),
        signature: toBase64url(get('signature').bytes),
        ...(userHandle ? { userHandle: toBase64url(userHandle.bytes) } : {}),
      },
      clientExtensionResults: {},
    },
  };
}
