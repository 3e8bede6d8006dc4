/**
 * bundleFromRun (core/trace/bundle.ts) on hand-built steps: which step supplies the RP's
 * expectations and which the response, and the one error a person reads when a run cannot make a
 * response bundle. (test/trace/realFlows.test.ts checks bundles of real runs end to end.)
 */
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../core/codec/base64url.js';
import { utf8ToBytes } from '../../core/codec/bytes.js';
import type { Payload, Step } from '../../core/flows/types.js';
import { bundleFromRun, VERIFY_ASSERTION_OP } from '../../core/trace/index.js';
import { catchProofline } from './helpers.js';

const p = (name: string, bytes: Uint8Array | string, encoding: Payload['encoding'] = 'binary'): Payload => ({ name, encoding, bytes: typeof bytes === 'string' ? utf8ToBytes(bytes) : bytes });
const step = (index: number, op: string, payloads: Payload[]): Step => ({ index, phase: 'authentication', kind: 'local', from: 'rp', to: 'rp', label: op, caption: op, op, payloads, checks: [], knowledge: {} }) as unknown as Step;
const response = (tag: number) => [p('clientDataJSON', new Uint8Array([tag, 1])), p('authenticatorData', new Uint8Array([tag, 2])), p('signature', new Uint8Array([tag, 3])), p('credentialId', new Uint8Array([tag, 4]))];
const verifying = (index: number, extra: Payload[] = [], expected = '{"rpId":"example.org"}') => step(index, VERIFY_ASSERTION_OP, [p('expected', expected, 'json'), p('credentialPublicKey', new Uint8Array([9, 9])), ...extra]);
const b64 = (...b: number[]) => toBase64url(new Uint8Array(b));

const error = (run: { flow: string; steps: Step[] }) => catchProofline(() => bundleFromRun(run));

describe('bundleFromRun', () => {
  it('takes the expectations from the last verification step and the response from the nearest earlier submission', () => {
    const steps = [step(0, 'rp.receiveAssertion', response(1)), step(1, 'rp.receiveAssertion', [...response(2), p('userHandle', new Uint8Array([7]))]), verifying(2), step(3, 'rp.receiveAssertion', response(3))];
    const b = bundleFromRun({ flow: 'webauthn', steps });
    expect(b).toEqual({
      ceremony: 'authentication',
      expected: { rpId: 'example.org' },
      credentialPublicKey: b64(9, 9),
      response: {
        id: b64(2, 4),
        rawId: b64(2, 4),
        type: 'public-key',
        response: { clientDataJSON: b64(2, 1), authenticatorData: b64(2, 2), signature: b64(2, 3), userHandle: b64(7) },
        clientExtensionResults: {},
      },
    });
  });

  it('uses the verification step’s own response when it carries one, and the last verification step when there are two', () => {
    const steps = [step(0, 'rp.receiveAssertion', response(1)), verifying(1, response(5)), verifying(2, response(6), '{"rpId":"b.example"}')];
    const b = bundleFromRun({ flow: 'webauthn', steps });
    expect(b.expected).toEqual({ rpId: 'b.example' });
    expect(b.response.response).toEqual({ clientDataJSON: b64(6, 1), authenticatorData: b64(6, 2), signature: b64(6, 3) });
  });

  it('skips an earlier step without a signature', () => {
    const steps = [step(0, 'a', response(1)), step(1, 'b', [p('clientDataJSON', new Uint8Array([5]))]), verifying(2)];
    expect(bundleFromRun({ flow: 'webauthn', steps }).response.response.clientDataJSON).toBe(b64(1, 1));
  });

  it('says what is missing, and where', () => {
    expect(error({ flow: 'biometric-only', steps: [step(0, 'bank.verifyApproval', [])] }).message).toBe(
      'the biometric-only run has no step with op "rp.verifyAssertion": only a webauthn run\'s assertion verification makes a response bundle',
    );
    const noResponse = error({ flow: 'webauthn', steps: [verifying(0), step(1, 'rp.receiveAssertion', response(1))] });
    expect([noResponse.code, noResponse.path, noResponse.message]).toEqual(['ERR_BUNDLE', 'steps[0]', "steps[0]: no step before the RP's assertion verification carries the response (clientDataJSON, signature)"]);
    const noKey = error({ flow: 'webauthn', steps: [step(0, 'x', response(1)), step(1, VERIFY_ASSERTION_OP, [p('expected', '{}', 'json')])] });
    expect([noKey.path, noKey.message]).toEqual(['steps[1]', 'steps[1]: payload "credentialPublicKey" is missing']);
    const noId = error({ flow: 'webauthn', steps: [step(0, 'x', response(1).slice(0, 3)), verifying(1)] });
    expect([noId.path, noId.message]).toEqual(['steps[0]', 'steps[0]: payload "credentialId" is missing']);
    const noExpected = error({ flow: 'webauthn', steps: [step(0, 'x', response(1)), step(1, VERIFY_ASSERTION_OP, [p('credentialPublicKey', new Uint8Array(1))])] });
    expect(noExpected.message).toBe('steps[1]: payload "expected" is missing');
  });

  it('refuses expectations that are not a JSON object', () => {
    for (const [text, message] of [
      ['{"rpId":', 'steps[1]: payload "expected" is not UTF-8 JSON'],
      ['[1]', 'steps[1]: payload "expected" is not a JSON object'],
      ['null', 'steps[1]: payload "expected" is not a JSON object'],
      ['"x"', 'steps[1]: payload "expected" is not a JSON object'],
    ]) {
      const e = error({ flow: 'webauthn', steps: [step(0, 'x', response(1)), verifying(1, [], text)] });
      expect([e.code, e.message], text).toEqual(['ERR_BUNDLE', message]);
    }
  });
});
