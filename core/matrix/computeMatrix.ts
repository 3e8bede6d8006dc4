import type { ActorId } from '../check.js';
import '../flows/all.js';
import { allFlows } from '../flows/registry.js';
import { applies, flowCatalog, flowInfo } from '../flows/catalog.js';
import { recordRun } from '../flows/runs.js';
import { SCENARIO_IDS, type FlowId, type FlowOptions, type OutcomeClass, type ScenarioId } from '../flows/types.js';
import { scenarioInfo } from '../scenarios/index.js';

/** The seed every cell is recorded with, so the matrix is the same to the byte each time. */
export const MATRIX_SEED = 1;

/** One column: a flow and the options it runs with. */
export interface MatrixColumn {
  /** Stable id, e.g. `webauthn/none`, `biometric-only`. */
  readonly id: string;
  /** Header text, e.g. `webauthn · challenge`. */
  readonly title: string;
  readonly flow: FlowId;
  /** The options passed to the flow (resolved defaults are in each run, not here). */
  readonly options: FlowOptions;
  /** A note on the column's value, e.g. the prevalence of an rpFlaw. */
  readonly note?: string;
}

/** One cell: how a scenario ended in a column, as the checks decided, or `n/a` with the reason. */
export interface MatrixCell {
  /** The column's id. */
  readonly column: string;
  /** `n/a`: the flow has no place for the scenario's perturbation (never a verdict; no run). */
  readonly outcome: OutcomeClass | 'n/a';
  /** The deciding actor and check (null where nothing blocked). */
  readonly actor: ActorId | null;
  readonly check: string | null;
  /** The outcome's sentence, or the reason an `n/a` cell does not apply. */
  readonly sentence: string;
}

/** One row: a scenario across all columns. */
export interface MatrixRow {
  readonly scenario: ScenarioId;
  readonly cells: readonly MatrixCell[];
}

/** The whole matrix: the axis and options it was computed with, its columns and one row per scenario. */
export interface Matrix {
  /** `flows` (designs side by side) or the option key spread into columns (e.g. `rpFlaw`). */
  readonly axis?: string;
  readonly options: FlowOptions;
  readonly seed: number;
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
}

/** The options among `given` that a flow takes (each flow ignores the others' keys). */
function optionsFor(flow: FlowId, given: FlowOptions): FlowOptions {
  const out: Record<string, unknown> = {};
  for (const o of flowInfo(flow).options) {
    const v = (given as Record<string, unknown>)[o.key];
    if (v !== undefined) out[o.key] = v;
  }
  return out as FlowOptions;
}

/** The column order of DESIGN.md §2 and §13.2: webauthn, biometric-only, device-key, push-approval, otp. */
const FLOW_ORDER: readonly FlowId[] = ['webauthn', 'biometric-only', 'device-key', 'push-approval', 'otp'];

function product(keys: readonly (keyof FlowOptions)[], flow: FlowId, given: FlowOptions): Record<string, string | boolean>[] {
  let combos: Record<string, string | boolean>[] = [{}];
  for (const key of keys) {
    const info = flowInfo(flow).options.find((o) => o.key === key)!;
    const fixedValue = (given as Record<string, unknown>)[key];
    const values = fixedValue !== undefined ? [fixedValue as string | boolean] : info.values;
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

/**
 * The columns for the given options on the `flows` axis: each flow once per combination of its
 * catalog `columnOptions` (a given value narrows that option to one column), in DESIGN.md's order.
 * Each column gets the given options its flow takes. Existing ids stay: `webauthn/none`,
 * `biometric-only`, `device-key`; new ones read `push-approval/code+signed`, `otp/sms+dynamic`.
 */
export function matrixColumns(options: FlowOptions = {}, flows?: readonly FlowId[]): MatrixColumn[] {
  const columns: MatrixColumn[] = [];
  for (const flow of FLOW_ORDER) {
    if (!allFlows().some((f) => f.id === flow) || (flows && !flows.includes(flow))) continue;
    const base = optionsFor(flow, options);
    const keys = flowInfo(flow).columnOptions ?? [];
    if (keys.length === 0) {
      columns.push({ id: flow, title: flow, flow, options: base });
      continue;
    }
    for (const combo of product(keys, flow, options)) {
      const values = keys.map((k) => String(combo[k]));
      columns.push({ id: `${flow}/${values.join('+')}`, title: `${flow} · ${values.join(' · ')}`, flow, options: { ...base, ...combo } });
    }
  }
  return columns;
}

/**
 * The columns when one option KEY is the axis: one column per value of KEY, for the one flow that
 * has it (`webauthn/rpFlaw=skip-signature`); the flow's other options come from `options`.
 */
export function axisColumns(key: keyof FlowOptions, options: FlowOptions = {}): MatrixColumn[] {
  const flow = flowCatalog().find((f) => f.options.some((o) => o.key === key));
  if (!flow) throw new RangeError(`"axis" expected flows or an option key (${flowCatalog().flatMap((f) => f.options.map((o) => o.key)).join(', ')}), got ${String(key)}`);
  const info = flow.options.find((o) => o.key === key)!;
  const base = optionsFor(flow.id, options);
  return info.values.map((v) => ({
    id: `${flow.id}/${key}=${String(v)}`,
    title: `${String(v)}`,
    flow: flow.id,
    options: { ...base, [key]: v },
    ...(info.notes?.[String(v)] ? { note: info.notes[String(v)] } : {}),
  }));
}

/** Record one cell: a real run through the real checks, or `n/a` with the catalog's reason. */
export async function matrixCell(column: MatrixColumn, scenario: ScenarioId, seed: number): Promise<MatrixCell> {
  const na = applies(column.flow, scenario, column.options);
  if (na !== true) return { column: column.id, outcome: 'n/a', actor: null, check: null, sentence: na };
  const run = await recordRun({ flow: column.flow, scenario, options: column.options, seed });
  const o = run.outcome;
  return { column: column.id, outcome: o.outcome, actor: o.actor, check: o.check, sentence: o.sentence };
}

/**
 * Compute the outcome matrix: every scenario (SCENARIO_IDS, in order) × every column (the `flows`
 * axis by default, or one option key), each cell a real run recorded with `recordRun` (seed
 * {@link MATRIX_SEED} unless given) whose outcome the checks decided, or `n/a`.
 */
export async function computeMatrix(options: FlowOptions = {}, seed: number = MATRIX_SEED, axis: string = 'flows', flows?: readonly FlowId[]): Promise<Matrix> {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`"seed" expected a safe integer, got ${String(seed)}`);
  const columns = axis === 'flows' ? matrixColumns(options, flows) : axisColumns(axis as keyof FlowOptions, options);
  const rows: MatrixRow[] = [];
  for (const scenario of SCENARIO_IDS) {
    const cells: MatrixCell[] = [];
    for (const column of columns) cells.push(await matrixCell(column, scenario, seed));
    rows.push({ scenario, cells });
  }
  return { ...(axis !== 'flows' ? { axis } : {}), options: { ...options }, seed, columns, rows };
}

/** A cell as one short phrase: `ok`, `breach`, `blocked (rp: rp.challenge)`, `false reject (authn: authn.credential)`. */
export function cellText(cell: Pick<MatrixCell, 'outcome' | 'actor' | 'check'>): string {
  if (cell.outcome === 'n/a') return 'n/a';
  const name = cell.outcome === 'false-reject' ? 'false reject' : cell.outcome;
  return cell.actor && cell.check ? `${name} (${cell.actor}: ${cell.check})` : name;
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** The matrix as a Markdown table with the options it was computed with and a legend. */
export function matrixToMarkdown(matrix: Matrix): string {
  const opts = Object.entries(matrix.options).map(([k, v]) => `\`${k}=${String(v)}\``).join(', ');
  const lines = [
    '# Outcome matrix',
    '',
    `Options: ${opts || 'defaults'} · seed ${matrix.seed}. Every cell is a run recorded through the real checks.`,
    '',
    `| scenario | ${matrix.columns.map((c) => mdCell(c.note ? `${c.title} (${c.note})` : c.title)).join(' | ')} |`,
    `|---|${matrix.columns.map(() => '---').join('|')}|`,
  ];
  const reasons: string[] = [];
  const footnote = (c: MatrixCell): string => {
    let i = reasons.indexOf(c.sentence);
    if (i < 0) i = reasons.push(c.sentence) - 1;
    return `n/a [${i + 1}]`;
  };
  for (const row of matrix.rows) {
    const title = `${row.scenario}${scenarioInfo(row.scenario).attack ? '' : ' (legitimate)'}`;
    lines.push(`| ${mdCell(title)} | ${row.cells.map((c) => mdCell(c.outcome === 'n/a' ? footnote(c) : cellText(c))).join(' | ')} |`);
  }
  if (reasons.length) lines.push('', 'Does not apply (no place in the flow for the scenario’s perturbation; not a verdict):', '', ...reasons.map((r, i) => `${i + 1}. ${mdCell(r)}`));
  if (matrix.columns.some((c) => c.note)) lines.push('', 'Prevalence: relying parties with the flaw among the 103 of the USENIX Security 2026 “state of passkeys” study (RUB-NDS).');
  lines.push(
    '',
    'Legend:',
    '',
    '- `ok`: a legitimate run, accepted and executed.',
    '- `blocked (actor: check)`: an attack, rejected; the actor and the first check that failed after the attacker acted.',
    '- `breach`: an attack, accepted: the attacker’s action (or an action the attacker started or altered) was executed.',
    '- `false reject (actor: check)`: a legitimate run, refused by that actor at that check.',
    '',
  );
  return lines.join('\n');
}
