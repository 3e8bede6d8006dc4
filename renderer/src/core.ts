/**
 * The one place the renderer imports core from. Everything else in renderer/ imports from here,
 * so a change in core's public surface is a change to this file only.
 */
// Until core/flows/all.ts resolves (the flows are being written), import core's public surface
// piecewise; when it does, this block becomes `export * from '../../core/index.js';`.
import '../../core/flows/biometricOnly.js';
import '../../core/flows/deviceKey.js';
export * from '../../core/check.js';
export * from '../../core/errors.js';
export * from '../../core/flows/types.js';
export { recordRun, reverifyRun, resolveOptions, INTENDED_ACTION, ATTACKER_ACTION, type Disagreement, type Reverification } from '../../core/flows/runs.js';
export { allFlows, flowDefinition, type FlowDefinition, type OptionInfo } from '../../core/flows/registry.js';
export { SCENARIOS, scenarioInfo, type ScenarioInfo } from '../../core/scenarios/index.js';
export { actorName } from '../../core/flows/outcome.js';
export { canonicalAction, describeAction, type Action } from '../../core/codec/action.js';
export { toBase64url, fromBase64url } from '../../core/codec/base64url.js';
export { bytesToHex, hexToBytes, utf8ToBytes, bytesToUtf8 } from '../../core/codec/bytes.js';
export {
  parseAuthenticatorData,
  authenticatorDataSpans,
  describeFlags,
  FLAG,
  type AuthenticatorData,
  type ByteSpan,
} from '../../core/codec/authenticatorData.js';
export { parseClientDataJSON } from '../../core/codec/clientData.js';
export { decodeCbor, encodeCbor } from '../../core/codec/cbor.js';
export { coseKeyFromMap, coseAlgName, type CosePublicKey } from '../../core/codec/cose.js';
export { parseAttestationObject } from '../../core/codec/attestationObject.js';
export { equalBytes } from '../../core/codec/bytes.js';
export { createTrace, parseTrace, serializeTrace, verifyTrace, type Trace, type TraceRun, type TraceVerification } from '../../core/trace/index.js';
