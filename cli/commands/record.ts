import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import '../../core/flows/all.js';
import { allFlows, flowDefinition, type FlowDefinition } from '../../core/flows/registry.js';
import { outcomeSummary } from '../../core/flows/outcome.js';
import { recordRun } from '../../core/flows/runs.js';
import { stepNumber } from '../../core/flows/stepNumber.js';
import { applies, recordedOptions, resolveOptions } from '../../core/flows/catalog.js';
import { FLOW_IDS, SCENARIO_IDS, type FlowId, type FlowOptions, type Run, type ScenarioId } from '../../core/flows/types.js';
import { SCENARIOS, scenarioInfo } from '../../core/scenarios/index.js';
import { bundleFromRun } from '../../core/trace/bundle.js';
import { traceSchema } from '../../core/trace/schema.js';
import { createTrace, serializeTrace } from '../../core/trace/trace.js';
import { defaultThreads, makeTraces, type TraceJob } from '../../node/recordAll.js';
import { orderedValues, parseCommandLine } from '../args.js';
import { UsageError, type CliIO, type Command } from '../io.js';

const USAGE = `usage: proofline record --flow F[:k=v,…] [--flow F2…|--flows F,F2] --scenario S [--option k=v]… [--seed N]
                        [--out FILE] [--title T] [--description D] [--created ISO] [--redact] [--json] [--bundle-out FILE]
       proofline record --all --out-dir DIR [--include-flaws] [--seed N] [--created ISO] [--redact] [--json] [--jobs N]`;

const OPTIONS = {
  flow: { type: 'string', multiple: true },
  flows: { type: 'string', multiple: true },
  scenario: { type: 'string' },
  option: { type: 'string', multiple: true },
  seed: { type: 'string' },
  out: { type: 'string' },
  'out-dir': { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  created: { type: 'string' },
  redact: { type: 'boolean' },
  all: { type: 'boolean' },
  'include-flaws': { type: 'boolean' },
  json: { type: 'boolean' },
  'bundle-out': { type: 'string' },
  jobs: { type: 'string' },
} as const;

/** The default seed: recordings are reproducible unless a seed is asked for. */
export const DEFAULT_SEED = 1;

declare const __PROOFLINE_VERSION__: string | undefined;
const GENERATOR = { name: 'proofline', version: typeof __PROOFLINE_VERSION__ === 'string' ? __PROOFLINE_VERSION__ : '0.1.0' };

/** One line of `record --json` (DESIGN.md §5). */
export interface RecordLine {
  flow: FlowId;
  options: FlowOptions;
  scenario: ScenarioId;
  outcome: Run['outcome']['outcome'];
  actor: string | null;
  check: string | null;
  /** The deciding step, numbered from 1 as every surface numbers it (null where none decided). */
  step: number | null;
  file: string | null;
}

function lineOf(run: Pick<Run, 'flow' | 'options' | 'scenario' | 'outcome'>, file: string | null): RecordLine {
  const step = run.outcome.step === null ? null : stepNumber(run.outcome.step);
  return { flow: run.flow, options: run.options, scenario: run.scenario, outcome: run.outcome.outcome, actor: run.outcome.actor, check: run.outcome.check, step, file };
}

/** The one line `record` prints when it has written a file: what went where, and how each run ended. */
export function confirmationLine(file: string, runs: readonly Run[]): string {
  return `wrote ${file}: ${runs.map((r) => `${r.flow}/${r.scenario} ${outcomeSummary(r.outcome)}`).join('; ')}`;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SEED;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--seed expects an integer, got "${text}"`);
  return Number(text);
}

/** `--jobs N`: threads for `--all` (default: every core; 1 records on the main thread alone). */
function parseJobs(text: string | undefined): number {
  if (text === undefined) return defaultThreads();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 64) throw new UsageError(`--jobs expects a number of threads from 1 to 64, got "${text}"`);
  return Number(text);
}

function parseCreated(text: string | undefined, now: () => Date): string {
  if (text === undefined) return now().toISOString();
  if (!traceSchema.shape.created.safeParse(text).success) throw new UsageError(`--created expects an ISO 8601 date-time such as 2026-01-01T00:00:00Z, got "${text}"`);
  return text;
}

/** A flow to record, with options of its own (`--flow webauthn:binding=challenge,credential=synced`). */
interface FlowRequest {
  readonly id: FlowId;
  readonly pairs: string[];
}

function flowRequests(given: string[]): FlowRequest[] {
  const known = new Set(allFlows().map((f) => f.id));
  const out: FlowRequest[] = [];
  for (const spec of given) {
    const colon = spec.indexOf(':');
    const id = colon < 0 ? spec : spec.slice(0, colon);
    const pairs = colon < 0 ? [] : spec.slice(colon + 1).split(',').filter((x) => x !== '');
    if (!(FLOW_IDS as readonly string[]).includes(id) || !known.has(id as FlowId)) throw new UsageError(`unknown flow "${id}"; flows: ${[...known].join(', ')}`);
    if (out.some((r) => r.id === id && r.pairs.join(',') === pairs.join(','))) throw new UsageError(`flow "${spec}" is given twice`);
    out.push({ id: id as FlowId, pairs });
  }
  return out;
}

function scenarioId(id: string | undefined): ScenarioId {
  if (id === undefined) throw new UsageError(`--scenario is required\n${USAGE}`);
  if (!(SCENARIO_IDS as readonly string[]).includes(id)) throw new UsageError(`unknown scenario "${id}"; scenarios: ${SCENARIO_IDS.join(', ')}`);
  return id as ScenarioId;
}

/** `--option k=v`…: each key must be an option of at least one flow, each value one of its values. */
function parseOptions(pairs: string[], flows: FlowDefinition[]): Map<string, string | boolean> {
  const out = new Map<string, string | boolean>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    const infos = flows.flatMap((f) => f.options.filter((o) => o.key === key));
    if (infos.length === 0) {
      const keys = [...new Set(flows.flatMap((f) => f.options.map((o) => o.key)))];
      throw new UsageError(`unknown option "${key}" for ${flows.map((f) => f.id).join(', ')}; options: ${keys.join(', ') || 'none'}`);
    }
    if (out.has(key)) throw new UsageError(`option "${key}" is given twice`);
    const values = infos[0]!.values;
    const value = values.find((v) => String(v) === text);
    if (value === undefined) throw new UsageError(`option ${key} expects one of ${values.map(String).join(', ')}, got "${text}"`);
    out.set(key, value);
  }
  return out;
}

/** The options of `flow` among the given ones (a flow ignores the other flows' keys). */
function optionsFor(flow: FlowDefinition, given: Map<string, string | boolean>): FlowOptions {
  const out: Record<string, string | boolean> = {};
  for (const o of flow.options) {
    const v = given.get(o.key);
    if (v !== undefined) out[o.key] = v;
  }
  return out as FlowOptions;
}

/**
 * Every combination of a flow's option values, in declaration order (the first is the default set).
 * An option with an omitted default (rpFlaw) stays at that default unless `includeFlaws`.
 */
export function optionSets(flow: FlowDefinition, includeFlaws = false): FlowOptions[] {
  let sets: Record<string, string | boolean>[] = [{}];
  for (const o of flow.options) {
    const values = o.omitWhen !== undefined && !includeFlaws ? [o.omitWhen] : o.values;
    sets = sets.flatMap((s) => values.map((v) => ({ ...s, [o.key]: v })));
  }
  return sets as FlowOptions[];
}

/** The file name `record --all` gives a run, e.g. `webauthn__userVerification-preferred_…__replay.proofline.json`. */
export function traceFileName(flow: FlowId, options: FlowOptions, scenario: ScenarioId): string {
  const opts = Object.entries(options).map(([k, v]) => `${k}-${String(v)}`).join('_');
  return `${flow}__${opts ? `${opts}__` : ''}${scenario}.proofline.json`;
}

/** What `record` needs from its surroundings; tests pass a fixed clock. */
export interface RecordDeps {
  now: () => Date;
}

/**
 * `proofline record`: simulate runs and write them as trace files. One scenario for one or more
 * flows goes into one file (a side-by-side comparison); `--all` writes one file per flow × option
 * set × scenario into `--out-dir`. `--json` prints one line per run. Exit 0, or 2 for a bad
 * command line or a `--bundle-out` on a run that has no RP assertion verification.
 */
export function makeRecordCommand(deps: RecordDeps): Command {
  return async (argv: string[], io: CliIO): Promise<number> => {
    const { values, tokens } = parseCommandLine(argv, OPTIONS, { usage: USAGE });
    const seed = parseSeed(values.seed);
    const created = parseCreated(values.created, deps.now);
    const redact = values.redact ?? false;
    if (values.all) {
      const conflicting = (['flow', 'flows', 'scenario', 'option', 'out', 'bundle-out', 'title', 'description'] as const).filter((k) => values[k] !== undefined);
      if (conflicting.length) throw new UsageError(`--all records every flow, option set and scenario; it does not take --${conflicting.join(', --')}`);
      const dir = values['out-dir'];
      if (!dir) throw new UsageError(`--all needs --out-dir DIR\n${USAGE}`);
      const threads = parseJobs(values.jobs);
      await mkdir(dir, { recursive: true });
      // Every flow × option set × scenario in order; n/a is not an outcome: no run, no file, and
      // --json says so with the reason, in its place among the runs.
      const cells: ({ job: TraceJob } | { naLine: object })[] = [];
      for (const flow of allFlows()) {
        for (const options of optionSets(flow, values['include-flaws'] ?? false)) {
          for (const scenario of SCENARIOS) {
            const na = applies(flow.id, scenario.id, options);
            if (na === true) cells.push({ job: { spec: { flow: flow.id, scenario: scenario.id, options, seed }, title: `${scenario.title} — ${flow.title}`, description: scenario.summary } });
            else cells.push({ naLine: { flow: flow.id, options: recordedOptions(flow.id, resolveOptions(flow.id, options)), scenario: scenario.id, outcome: 'n/a', actor: null, check: null, step: null, reason: na, file: null } });
          }
        }
      }
      const jobs: TraceJob[] = [];
      const cellOf: number[] = [];
      cells.forEach((c, k) => {
        if ('job' in c) cellOf[jobs.push(c.job) - 1] = k;
      });
      let shown = 0;
      const showNa = (upTo: number) => {
        for (; shown < upTo; shown++) {
          const c = cells[shown]!;
          if ('naLine' in c && values.json) io.stdout.write(`${JSON.stringify(c.naLine)}\n`);
        }
      };
      let written = 0;
      await makeTraces(jobs, { created, generator: GENERATOR, redact }, threads, async (i, done) => {
        const cell = cellOf[i]!;
        showNa(cell);
        const file = join(dir, traceFileName(done.run.flow, done.run.options, done.run.scenario));
        await writeFile(file, done.text);
        written++;
        shown = cell + 1;
        if (values.json) io.stdout.write(`${JSON.stringify(lineOf(done.run, file))}\n`);
      });
      showNa(cells.length);
      if (!values.json) io.stdout.write(`wrote ${written} traces to ${dir}\n`);
      return 0;
    }
    if (values['out-dir'] !== undefined) throw new UsageError('--out-dir goes with --all; for one file use --out FILE');
    const requests = flowRequests(orderedValues(tokens, 'flow', 'flows'));
    if (requests.length === 0) throw new UsageError(`--flow is required\n${USAGE}`);
    const ids = requests.map((r) => r.id);
    const flows = ids.map(flowDefinition);
    const scenario = scenarioInfo(scenarioId(values.scenario));
    const given = parseOptions(values.option ?? [], flows);
    const out = values.out;
    if (values.json && out === undefined) throw new UsageError('--json prints one line per run, so the trace needs --out FILE');
    const bundleOut = values['bundle-out'];
    if (bundleOut !== undefined && ids.length !== 1) throw new UsageError('--bundle-out takes one run: give exactly one --flow');
    if (values['include-flaws']) throw new UsageError('--include-flaws goes with --all');
    if (values.jobs !== undefined) throw new UsageError('--jobs goes with --all');
    const specs = flows.map((flow, i) => ({ flow, options: optionsFor(flow, new Map([...given, ...parseOptions(requests[i]!.pairs, [flow])])) }));
    // An n/a combination exits 2 before anything is written, with the reason.
    for (const { flow, options } of specs) {
      const na = applies(flow.id, scenario.id, options);
      if (na !== true) {
        const shown = Object.entries(recordedOptions(flow.id, resolveOptions(flow.id, options))).map(([k, v]) => `${k}=${String(v)}`).join(', ');
        throw new UsageError(`scenario ${scenario.id} does not apply to ${flow.id}${shown ? ` (${shown})` : ''}: ${na}`);
      }
    }
    const runs: Run[] = [];
    // Per-flow options (after a colon) override the shared --option ones for that run.
    for (const { flow, options } of specs) runs.push(await recordRun({ flow: flow.id, scenario: scenario.id, options, seed }));
    // Build the bundle before writing anything, so a run without one leaves no files behind.
    const bundle = bundleOut !== undefined ? bundleFromRun(runs[0]!) : undefined;
    const trace = createTrace(runs, {
      title: values.title ?? `${scenario.title} — ${flows.map((f) => f.title).join(' vs ')}`,
      description: values.description ?? scenario.summary,
      created,
      generator: GENERATOR,
      redact,
    });
    const text = serializeTrace(trace);
    if (out === undefined) io.stdout.write(text);
    else await writeFile(out, text);
    if (bundle !== undefined && bundleOut !== undefined) await writeFile(bundleOut, `${JSON.stringify(bundle, null, 2)}\n`);
    if (values.json) for (const run of runs) io.stdout.write(`${JSON.stringify(lineOf(run, out ?? null))}\n`);
    else if (out !== undefined) io.stdout.write(`${confirmationLine(out, runs)}${bundleOut !== undefined ? ` (bundle: ${bundleOut})` : ''}\n`);
    return 0;
  };
}

/** `proofline record` with the real clock. */
export const recordCommand: Command = makeRecordCommand({ now: () => new Date() });
