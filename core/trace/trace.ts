import type { z } from 'zod';
import { fromBase64url, toBase64url } from '../codec/base64url.js';
import { ProoflineError } from '../errors.js';
import type { ForkInfo } from '../fork/types.js';
import type { CaptureInfo, Run, SecretKeyRecord, Step } from '../flows/types.js';
import { DEFAULT_JSON_LIMITS, formatJsonPath, parseStrictJson, type JsonLimits } from '../codec/json.js';
import { BASE64URL_PATTERN, PROPERTY_SINCE, TRACE_FORMAT, TRACE_VERSION, TRACE_VERSIONS, traceSchema, type TraceJson, type TraceRunJson, type TraceStepJson, type TraceVersion } from './schema.js';

/**
 * The in-memory trace: runs with their bytes as Uint8Array, plus the file's metadata. Converting
 * to and from JSON happens only here (bytes ↔ unpadded base64url).
 */

/** A step as kept in a trace: a run step plus the trainer's free-text notes. */
export interface TraceStep extends Step {
  /** Free text a trainer adds; preserved on load and save, never verified. */
  readonly notes?: string;
}

/** A run as kept in a trace: the seed may be withheld (null), and steps may carry notes. */
export interface TraceRun extends Omit<Run, 'seed' | 'steps' | 'secrets'> {
  /** The seed, or null when the trace was redacted. */
  readonly seed: number | null;
  readonly steps: readonly TraceStep[];
  /** Private keys; present exactly when the trace's `secrets.keys` is true. */
  readonly secrets?: readonly SecretKeyRecord[];
  /** Set when this run is a what-if fork of another run of the trace (core/fork). */
  readonly fork?: ForkInfo;
}

/** Which secrets a trace holds. */
export interface TraceSecrets {
  /** Every run stores its seed. */
  readonly seed: boolean;
  /** Every run stores its private keys. */
  readonly keys: boolean;
}

/** The program that wrote a trace. */
export interface TraceGenerator {
  readonly name: string;
  readonly version: string;
}

/** A trace: one or more runs (a side-by-side comparison is one file) plus metadata. */
export interface Trace {
  /** The version the file was read as (parseTrace); absent for a trace made in memory (the current one). */
  readonly version?: TraceVersion;
  readonly title: string;
  readonly description: string;
  /** ISO 8601 time of recording, passed in by the caller (core never reads the clock). */
  readonly created: string;
  readonly generator: TraceGenerator;
  readonly secrets: TraceSecrets;
  readonly runs: readonly TraceRun[];
}

/** What {@link createTrace} needs besides the runs. */
export interface CreateTraceOptions {
  readonly title: string;
  readonly description?: string;
  /** The recording time; core does not read the clock, so the caller passes `now`. */
  readonly created: Date | string;
  readonly generator: TraceGenerator;
  /** Leave seeds (null) and private keys out. */
  readonly redact?: boolean;
}

/** Options of {@link parseTrace}. */
export type ParseTraceOptions = Partial<JsonLimits>;

/**
 * Build a trace from recorded runs. Without `redact`, seeds and private keys are kept
 * (`secrets: {seed: true, keys: true}`); with it, seeds become null and keys are dropped.
 */
export function createTrace(runs: readonly Run[], options: CreateTraceOptions): Trace {
  if (runs.length === 0) throw new RangeError('"runs" expected at least one run, got 0');
  const created = typeof options.created === 'string' ? options.created : isoTime(options.created);
  if (!traceSchema.shape.created.safeParse(created).success) throw new RangeError(`"created" expected an ISO 8601 date-time, got ${created}`);
  const redact = options.redact ?? false;
  return {
    title: options.title,
    description: options.description ?? '',
    created,
    generator: { name: options.generator.name, version: options.generator.version },
    secrets: { seed: !redact, keys: !redact },
    runs: runs.map((r) => {
      const { secrets, ...rest } = r;
      return redact ? { ...rest, seed: null } : { ...rest, secrets: secrets ?? [] };
    }),
  };
}

function isoTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('"created" expected a valid Date, got Invalid Date');
  return d.toISOString();
}

/**
 * The version a trace's runs need (DESIGN.md §13.3): 3 when every run's ledger carries every
 * property (authenticator-model is new in 3), as every run recorded now does. Runs kept as read
 * from an older file, without that row, keep the older version — 2 only when a run needs it, else 1 —
 * so the file written says what it holds.
 */
export function traceVersionFor(runs: readonly Pick<Run, 'flow' | 'scenario' | 'options' | 'actors' | 'ledger'>[]): TraceVersion {
  const newer = Object.keys(PROPERTY_SINCE) as (keyof typeof PROPERTY_SINCE)[];
  // Stryker disable next-line MethodExpression: equivalent while PROPERTY_SINCE names one property (every = some over one).
  if (runs.every((r) => newer.every((p) => r.ledger.some((l) => l.property === p)))) return TRACE_VERSION;
  // What version 1 has: its flows and scenarios.
  const V1_FLOWS = ['webauthn', 'biometric-only', 'device-key'];
  const V1_SCENARIOS = ['honest', 'replay', 'phishing-relay', 'forged-approval', 'tx-swap-after-approval', 'tx-swap-before-display', 'stolen-unlocked-device', 'cloned-authenticator', 'byte-tamper', 'synced-new-device'];
  const v2 = runs.some((r) => !V1_FLOWS.includes(r.flow) || !V1_SCENARIOS.includes(r.scenario) || r.options.rpFlaw !== undefined || r.actors.some((a) => a.id === 'push' || a.id === 'carrier'));
  return v2 ? 2 : 1;
}

/** The JSON form of a trace (what {@link serializeTrace} writes, before stringifying). */
export function traceToJson(trace: Trace): TraceJson {
  return {
    format: TRACE_FORMAT,
    version: traceVersionFor(trace.runs),
    title: trace.title,
    description: trace.description,
    created: trace.created,
    generator: { name: trace.generator.name, version: trace.generator.version },
    secrets: { seed: trace.secrets.seed, keys: trace.secrets.keys },
    runs: trace.runs.map((run, i) => runToJson(run, trace.secrets, i)),
  };
}

function runToJson(run: TraceRun, secrets: TraceSecrets, i: number): TraceRunJson {
  const unseeded = run.capture !== undefined || run.response !== undefined;
  const seed = unseeded ? null : secrets.seed ? run.seed : null;
  if (secrets.seed && !unseeded && run.seed === null) throw new RangeError(`"runs[${i}].seed" expected a number (the trace says it stores seeds), got null`);
  const out: TraceRunJson = {
    spec: { flow: run.flow, scenario: run.scenario, options: { ...run.options }, seed },
    intended: run.intended,
    actors: run.actors.map((a) => ({ id: a.id, name: a.name, role: a.role })),
    steps: run.steps.map(stepToJson),
    outcome: { outcome: run.outcome.outcome, actor: run.outcome.actor, check: run.outcome.check, step: run.outcome.step, sentence: run.outcome.sentence },
    ledger: run.ledger.map((l) => ({
      property: l.property,
      level: l.level,
      evidence: l.evidence.map((e) => (e.check === undefined ? { step: e.step } : { step: e.step, check: e.check })),
      why: l.why,
    })),
  };
  if (secrets.keys) {
    out.keys = (run.secrets ?? []).map((k) => ({ actor: k.actor, label: k.label, alg: k.alg, secretKey: toBase64url(k.secretKey) }));
  }
  if (run.fork) out.fork = { of: run.fork.of, at: run.fork.at, change: { ...run.fork.change } };
  if (run.capture) out.capture = captureToJson(run.capture);
  if (run.response) out.response = { name: run.response.name };
  return out;
}

function captureToJson(c: CaptureInfo): NonNullable<TraceRunJson['capture']> {
  return {
    at: c.at,
    userAgent: c.userAgent,
    origin: c.origin,
    device: c.device ? { aaguid: c.device.aaguid, ...(c.device.model !== undefined ? { model: c.device.model } : {}), attestationFormat: c.device.attestationFormat, evidence: c.device.evidence, transports: [...c.device.transports], attachment: c.device.attachment } : null,
    ...(c.derived !== undefined ? { derived: c.derived } : {}),
  };
}

function stepToJson(step: TraceStep): TraceStepJson {
  const knowledge: TraceStepJson['knowledge'] = {};
  for (const [actor, items] of Object.entries(step.knowledge) as [keyof Step['knowledge'], Step['knowledge'][keyof Step['knowledge']]][]) {
    if (items) knowledge[actor] = items.map((k) => (k.never === undefined ? { key: k.key, text: k.text } : { key: k.key, text: k.text, never: k.never }));
  }
  return {
    index: step.index,
    phase: step.phase,
    kind: step.kind,
    from: step.from,
    to: step.to,
    label: step.label,
    caption: step.caption,
    op: step.op,
    payloads: step.payloads.map((p) => ({ name: p.name, encoding: p.encoding, bytes: toBase64url(p.bytes) })),
    checks: step.checks.map((c) => ({ id: c.id, actor: c.actor, spec: c.spec, status: c.status, detail: c.detail })),
    knowledge,
    ...(step.attacker !== undefined ? { attacker: step.attacker } : {}),
    ...(step.notes !== undefined ? { notes: step.notes } : {}),
  };
}

/**
 * Write a trace as JSON text: two-space indentation, a fixed member order and a final newline, so
 * the same trace always gives the same bytes. Secrets are written as `trace.secrets` says.
 */
export function serializeTrace(trace: Trace): string {
  return `${JSON.stringify(traceToJson(trace), null, 2)}\n`;
}

/**
 * Read a trace file strictly. Size, JSON syntax (no comments or trailing commas), duplicate and
 * forbidden keys, nesting depth, `format`/`version`, shape, base64url and the consistency of
 * `secrets` are all checked; every failure is a {@link ProoflineError} whose `path` names the JSON
 * path (e.g. `runs[0].steps[3].payloads[1].bytes`). Nothing is trusted: call
 * {@link verifyTrace} to recompute the checks, outcomes and ledgers from the bytes.
 */
export function parseTrace(input: string | Uint8Array, options: ParseTraceOptions = {}): Trace {
  const limits: JsonLimits = { ...DEFAULT_JSON_LIMITS, ...options };
  const json = parseStrictJson(input, limits);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ProoflineError('ERR_TRACE_SHAPE', `expected a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`, '$');
  }
  const root = json as Record<string, unknown>;
  if (root.format !== TRACE_FORMAT) {
    throw new ProoflineError(
      'ERR_TRACE_VERSION',
      root.format === undefined ? `not a Proofline trace (no "format": "${TRACE_FORMAT}")` : `unknown format ${JSON.stringify(root.format)}; expected "${TRACE_FORMAT}"`,
      'format',
    );
  }
  if (!(TRACE_VERSIONS as readonly unknown[]).includes(root.version)) {
    const newer = typeof root.version === 'number' && root.version > TRACE_VERSION;
    throw new ProoflineError(
      'ERR_TRACE_VERSION',
      `unsupported version ${JSON.stringify(root.version) ?? 'undefined'}; this Proofline reads versions ${TRACE_VERSIONS.join(', ')}${newer ? ' (the file is newer: update Proofline)' : ''}`,
      'version',
    );
  }
  const parsed = traceSchema.safeParse(root);
  // A failed parse has at least one issue.
  if (!parsed.success) throw shapeError(parsed.error.issues[0]!);
  return traceFromJson(parsed.data);
}

function shapeError(issue: z.core.$ZodIssue): ProoflineError {
  // The path into a JSON value: member names and array indexes, never symbols.
  const path = issue.path as (string | number)[];
  // Only a string that fails a pattern carries `pattern`; the bytes' pattern is base64url's.
  if ((issue as { pattern?: string }).pattern === BASE64URL_PATTERN.toString()) {
    return new ProoflineError('ERR_BASE64URL', 'is not unpadded base64url (only A–Z a–z 0–9 - _ and no "=")', formatJsonPath(path));
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new ProoflineError('ERR_TRACE_SHAPE', `unknown member "${key}"`, formatJsonPath([...path, key]));
  }
  return new ProoflineError('ERR_TRACE_SHAPE', issue.message, formatJsonPath(path));
}

/**
 * Strict base64url: the canonical unpadded encoding only, so each byte string has one spelling.
 * The schema already refused any character outside the alphabet (so no `=`); the decoder
 * (`base64urlnopad`) refuses an impossible length and non-zero bits past the final byte
 * (RFC 4648 §3.5).
 */
function bytesAt(text: string, path: (string | number)[]): Uint8Array {
  return fromBase64url(text, formatJsonPath(path));
}

function traceFromJson(json: TraceJson): Trace {
  return {
    version: json.version,
    title: json.title,
    description: json.description,
    created: json.created,
    generator: json.generator,
    secrets: json.secrets,
    runs: json.runs.map((r, i, all) => {
      const run = runFromJson(r, i, json.secrets);
      // A fork names another run of this file and a step that run has.
      if (r.fork && (r.fork.of === i || r.fork.of >= all.length)) throw new ProoflineError('ERR_TRACE_SHAPE', `is ${r.fork.of}, expected the index of another run (0 to ${all.length - 1}, not ${i})`, formatJsonPath(['runs', i, 'fork', 'of']));
      if (r.fork && r.fork.at >= all[r.fork.of]!.steps.length) throw new ProoflineError('ERR_TRACE_SHAPE', `is ${r.fork.at}, but run ${r.fork.of} has ${all[r.fork.of]!.steps.length} steps`, formatJsonPath(['runs', i, 'fork', 'at']));
      return run;
    }),
  };
}

function runFromJson(r: TraceRunJson, i: number, secrets: TraceSecrets): TraceRun {
  const at = (...rest: (string | number)[]): (string | number)[] => ['runs', i, ...rest];
  if (r.capture && r.spec.seed !== null) throw new ProoflineError('ERR_TRACE_SHAPE', 'is a number, but a captured run has no seed (it has a "capture" member)', formatJsonPath(at('spec', 'seed')));
  if (r.response && r.spec.seed !== null) throw new ProoflineError('ERR_TRACE_SHAPE', 'is a number, but a real response has no seed (it has a "response" member)', formatJsonPath(at('spec', 'seed')));
  if (r.response && (r.capture || r.fork)) throw new ProoflineError('ERR_TRACE_SHAPE', `is present with "${r.capture ? 'capture' : 'fork'}", but a real response is neither captured here nor a what-if fork`, formatJsonPath(at('response')));
  if (secrets.seed && !r.capture && !r.response && r.spec.seed === null) throw new ProoflineError('ERR_TRACE_SHAPE', 'is null, but the trace says it stores seeds (secrets.seed is true)', formatJsonPath(at('spec', 'seed')));
  if (!secrets.seed && r.spec.seed !== null) throw new ProoflineError('ERR_TRACE_SHAPE', 'is a number, but the trace says it stores no seeds (secrets.seed is false)', formatJsonPath(at('spec', 'seed')));
  if (secrets.keys && r.keys === undefined) throw new ProoflineError('ERR_TRACE_SHAPE', 'is missing, but the trace says it stores keys (secrets.keys is true)', formatJsonPath(at('keys')));
  if (!secrets.keys && r.keys !== undefined) throw new ProoflineError('ERR_TRACE_SHAPE', 'is present, but the trace says it stores no keys (secrets.keys is false)', formatJsonPath(at('keys')));
  const steps: TraceStep[] = r.steps.map((s, j) => {
    if (s.index !== j) throw new ProoflineError('ERR_TRACE_SHAPE', `is ${s.index}, expected ${j} (its position in steps)`, formatJsonPath(at('steps', j, 'index')));
    const names = new Set<string>();
    const payloads = s.payloads.map((p, k) => {
      if (names.has(p.name)) throw new ProoflineError('ERR_TRACE_SHAPE', `payload name "${p.name}" appears twice in one step`, formatJsonPath(at('steps', j, 'payloads', k, 'name')));
      names.add(p.name);
      return { name: p.name, encoding: p.encoding, bytes: bytesAt(p.bytes, at('steps', j, 'payloads', k, 'bytes')) };
    });
    const step: TraceStep = {
      index: s.index,
      phase: s.phase,
      kind: s.kind,
      from: s.from,
      to: s.to,
      label: s.label,
      caption: s.caption,
      op: s.op,
      payloads,
      checks: s.checks,
      knowledge: s.knowledge,
      ...(s.attacker !== undefined ? { attacker: s.attacker } : {}),
      ...(s.notes !== undefined ? { notes: s.notes } : {}),
    };
    return step;
  });
  const run: TraceRun = {
    flow: r.spec.flow,
    scenario: r.spec.scenario,
    options: r.spec.options,
    seed: r.spec.seed,
    intended: r.intended,
    actors: r.actors,
    steps,
    outcome: r.outcome,
    ledger: r.ledger,
    ...(r.keys !== undefined
      ? { secrets: r.keys.map((k, n) => ({ actor: k.actor, label: k.label, alg: k.alg, secretKey: bytesAt(k.secretKey, at('keys', n, 'secretKey')) })) }
      : {}),
    ...(r.fork !== undefined ? { fork: r.fork } : {}),
    ...(r.capture !== undefined ? { capture: r.capture } : {}),
    ...(r.response !== undefined ? { response: r.response } : {}),
  };
  return run;
}
