/**
 * The one place the renderer imports core from. Everything else in renderer/ imports from here,
 * so a change in core's public surface is a change to this file only.
 */
export * from '../../core/index.js';
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
export { type AuthenticatorFlags } from '../../core/codec/authenticatorData.js';
export { parseBundle, verifyBundle, type Bundle, type BundleResult } from '../../core/bundle/index.js';
export { computeMatrix, matrixColumns, cellText, MATRIX_SEED, type Matrix, type MatrixCell, type MatrixColumn, type MatrixRow } from '../../core/matrix/index.js';
export { forkRun, forkableChanges, FORK_FLAGS, type ChangedCheck, type ChangedLedgerEntry, type ForkableChange, type ForkChange, type ForkFlag, type ForkInfo, type ForkResult } from '../../core/fork/index.js';
export { runToMermaid, traceToHtml, traceToMarkdown, runToSvg, redact, REDACTION_PROFILES, type RedactionProfile, type ExportTrace, type ExportRun } from '../../core/export/index.js';
