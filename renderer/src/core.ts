/**
 * The one place the renderer imports core from (with coreWorkshop.ts, its on-demand half).
 * Everything else in renderer/ imports from here, so a change in core's public surface is a change
 * to these files only.
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
// The workshop parts of core (bundles, matrix, fork, export) load on first use: their values come
// from coreWorkshop.ts through a dynamic import; only their types are re-exported here.
export type { Bundle, BundleResult } from '../../core/bundle/index.js';
export type { Matrix, MatrixCell, MatrixColumn, MatrixRow } from '../../core/matrix/index.js';
export type { ChangedCheck, ChangedLedgerEntry, ForkableChange, ForkChange, ForkFlag, ForkInfo, ForkResult } from '../../core/fork/index.js';
export type { RedactionProfile, ExportTrace, ExportRun } from '../../core/export/index.js';
