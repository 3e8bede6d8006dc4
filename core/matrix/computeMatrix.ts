import type { ActorId } from '../check.js';
import '../flows/all.js';
import { allFlows } from '../flows/registry.js';
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
}

/** One cell: how a scenario ended in a column, as the checks decided. */
export interface MatrixCell {
  /** The column's id. */
  readonly column: string;
  readonly outcome: OutcomeClass;
  /** The deciding actor and check (null where nothing blocked). */
  readonly actor: ActorId | null;
  readonly check: string | null;
  readonly sentence: string;
}

/** One row: a scenario across all columns. */
export interface MatrixRow {
  readonly scenario: ScenarioId;
  readonly cells: readonly MatrixCell[];
}

/** The whole matrix: the options it was computed with, its columns and one row per scenario. */
export interface Matrix {
  readonly options: FlowOptions;
  readonly seed: number;
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
}

const BINDINGS = ['none', 'challenge', 'spc'] as const;

/** The options among `given` that a flow takes (each flow ignores the others' keys). */
function optionsFor(flow: FlowId, given: FlowOptions): FlowOptions {
  const def = allFlows().find((f) => f.id === flow);
  const out: Record<string, unknown> = {};
  for (const o of def?.options ?? []) {
    const v = (given as Record<string, unknown>)[o.key];
    if (v !== undefined) out[o.key] = v;
  }
  return out as FlowOptions;
}

/**
 * The columns for the given options: `webauthn` once per binding (the `binding` option is the
 * column; when `binding` is given, only that column), then every other registered flow. Each
 * column gets the given options its flow takes.
 */
export function matrixColumns(options: FlowOptions = {}): MatrixColumn[] {
  const columns: MatrixColumn[] = [];
  for (const flow of allFlows()) {
    if (flow.id === 'webauthn') {
      const base = optionsFor('webauthn', options);
      for (const binding of BINDINGS) {
        if (options.binding !== undefined && options.binding !== binding) continue;
        columns.push({ id: `webauthn/${binding}`, title: `webauthn · ${binding}`, flow: 'webauthn', options: { ...base, binding } });
      }
    } else {
      columns.push({ id: flow.id, title: flow.id, flow: flow.id, options: optionsFor(flow.id, options) });
    }
  }
  // DESIGN.md §2 orders the columns webauthn first, then biometric-only, then device-key.
  const order: FlowId[] = ['webauthn', 'biometric-only', 'device-key'];
  return columns.sort((a, b) => order.indexOf(a.flow) - order.indexOf(b.flow));
}

/**
 * Compute the outcome matrix: every scenario (SCENARIO_IDS, in order) × every column of
 * {@link matrixColumns}, each cell a real run recorded with `recordRun` (seed {@link MATRIX_SEED}
 * unless given) whose outcome the checks decided.
 */
export async function computeMatrix(options: FlowOptions = {}, seed: number = MATRIX_SEED): Promise<Matrix> {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`"seed" expected a safe integer, got ${String(seed)}`);
  const columns = matrixColumns(options);
  const rows: MatrixRow[] = [];
  for (const scenario of SCENARIO_IDS) {
    const cells: MatrixCell[] = [];
    for (const column of columns) {
      const run = await recordRun({ flow: column.flow, scenario, options: column.options, seed });
      const o = run.outcome;
      cells.push({ column: column.id, outcome: o.outcome, actor: o.actor, check: o.check, sentence: o.sentence });
    }
    rows.push({ scenario, cells });
  }
  return { options: { ...options }, seed, columns, rows };
}

/** A cell as one short phrase: `ok`, `breach`, `blocked (rp: rp.challenge)`, `false reject (authn: authn.credential)`. */
export function cellText(cell: Pick<MatrixCell, 'outcome' | 'actor' | 'check'>): string {
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
    `| scenario | ${matrix.columns.map((c) => mdCell(c.title)).join(' | ')} |`,
    `|---|${matrix.columns.map(() => '---').join('|')}|`,
  ];
  for (const row of matrix.rows) {
    const title = `${row.scenario}${scenarioInfo(row.scenario).attack ? '' : ' (legitimate)'}`;
    lines.push(`| ${mdCell(title)} | ${row.cells.map((c) => mdCell(cellText(c))).join(' | ')} |`);
  }
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
