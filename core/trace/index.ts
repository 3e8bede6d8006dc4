/**
 * The trace format (`*.proofline.json`): schema, strict reading, writing and re-verification.
 * See docs/trace-format.md.
 */
export { TRACE_FORMAT, TRACE_VERSION, TRACE_VERSIONS, PROPERTY_SINCE, ACTOR_IDS, PAYLOAD_ENCODINGS, BASE64URL_PATTERN, traceSchema, traceJsonSchema, type TraceJson, type TraceRunJson, type TraceStepJson, type TraceVersion } from './schema.js';
export { DEFAULT_JSON_LIMITS, formatJsonPath, parseStrictJson, type JsonLimits } from '../codec/json.js';
export {
  createTrace,
  parseTrace,
  serializeTrace,
  traceToJson,
  type CreateTraceOptions,
  type ParseTraceOptions,
  type Trace,
  type TraceGenerator,
  type TraceRun,
  type TraceSecrets,
  type TraceStep,
} from './trace.js';
export { verifyTrace, type RunVerification, type TraceDisagreement, type TraceVerification } from './verify.js';
export { bundleFromRun, VERIFY_ASSERTION_OP } from './bundle.js';
