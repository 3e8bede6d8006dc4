/**
 * The one place the renderer imports core from (with coreLive.ts and coreWorkshop.ts, its
 * on-demand halves). Everything else in renderer/ imports from here, so a change in core's public
 * surface is a change to these files only.
 *
 * This half is on the start path, so it holds only what the first paint needs: the run model's
 * types and constants, the flows' static metadata (core/flows/catalog.ts), scenarios, codecs for
 * the lanes, and reading/writing traces. The flows themselves (their simulations, the actors, the
 * RP, the crypto), recording and re-verification come from coreLive.ts through a dynamic import
 * (deps.ts), loaded once the lanes are on screen or on first use; only their types are re-exported here.
 */
export * from '../../core/check.js';
export * from '../../core/errors.js';
export * from '../../core/flows/types.js';
export { applies, flowCatalog, flowInfo, resolveOptions, type FlowInfo, type OptionInfo } from '../../core/flows/catalog.js';
export type { FlowDefinition } from '../../core/flows/registry.js';
export type { Disagreement, Reverification } from '../../core/flows/runs.js';
export { SCENARIOS, scenarioInfo, type ScenarioInfo } from '../../core/scenarios/index.js';
export { actorName, outcomeSummary, outcomeWord } from '../../core/flows/outcome.js';
export { stepIndex, stepLabel, stepNumber } from '../../core/flows/stepNumber.js';
export { testsNoPresence } from '../../core/flows/presence.js';
export { LEVEL_WORDS, levelWord, NOT_YET, PROPERTY_QUESTIONS } from '../../core/ledger/levels.js';
export { ledgerAt, decidedAt, decidedByStep, decidingStep, type LedgerCell } from '../../core/ledger/timeline.js';
export { stepCarries, carriageTag, carriageSentence, type Carriage } from '../../core/ledger/carriage.js';
export { propertyEvidence, type PropertyEvidence, type EvidenceRange } from '../../core/ledger/evidenceBytes.js';
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
export { jsonMemberSpans } from '../../core/codec/jsonSpans.js';
export { decodeCbor, encodeCbor } from '../../core/codec/cbor.js';
export { coseKeyFromMap, coseAlgName, type CosePublicKey } from '../../core/codec/cose.js';
export { parseAttestationObject } from '../../core/codec/attestationObject.js';
export { equalBytes } from '../../core/codec/bytes.js';
export { sectionRef } from '../../core/rp/specTable.js';
export { authenticatorModelLine } from '../../core/rp/modelLine.js';
export { authenticatorModelLevel } from '../../core/ledger/authenticatorModel.js';
export type { TrustInfo } from '../../core/rp/types.js';
export { type AuthenticatorFlags } from '../../core/codec/authenticatorData.js';
// Traces: the schema, strict reading and writing (no flows: re-verification is in coreLive.ts).
export { TRACE_FORMAT, TRACE_VERSION, ACTOR_IDS, PAYLOAD_ENCODINGS, BASE64URL_PATTERN, type TraceJson, type TraceRunJson, type TraceStepJson } from '../../core/trace/schema.js';
export { createTrace, parseTrace, serializeTrace, traceToJson, type Trace, type TraceRun, type TraceStep } from '../../core/trace/trace.js';
export type { RunVerification, TraceDisagreement, TraceVerification } from '../../core/trace/verify.js';
// The workshop parts of core (bundles, matrix, fork, export) load on first use: their values come
// from coreWorkshop.ts through a dynamic import; only their types are re-exported here.
export type { Bundle, BundleResult } from '../../core/bundle/index.js';
// A real response's run: its steps here; the builder and opening one (which verifies it) come from coreWorkshop.ts.
export { RESPONSE_STEPS } from '../../core/response/responseSteps.js';
export type { Matrix, MatrixCell, MatrixColumn, MatrixRow } from '../../core/matrix/index.js';
export type { ChangedCheck, ChangedLedgerEntry, ForkableChange, ForkChange, ForkFlag, ForkInfo, ForkResult } from '../../core/fork/index.js';
export { changeText } from '../../core/fork/changeText.js';
export type { RedactionProfile, ExportTrace, ExportRun } from '../../core/export/index.js';
