import '../../core/flows/all.js';
import { allFlows } from '../../core/flows/registry.js';
import type { FlowOptions } from '../../core/flows/types.js';
import { computeMatrix, MATRIX_SEED, matrixToMarkdown, type Matrix } from '../../core/matrix/index.js';
import { parseCommandLine } from '../args.js';
import { UsageError, type CliIO, type Command } from '../io.js';

const USAGE = 'usage: proofline matrix [--axis flows|KEY] [--flows F,…] [--option k=v]… [--format md|json] [--seed N]';

const OPTIONS = {
  axis: { type: 'string' },
  flows: { type: 'string' },
  option: { type: 'string', multiple: true },
  format: { type: 'string' },
  seed: { type: 'string' },
} as const;

/** `--option k=v`…: each key an option of some flow, each value one of its values (booleans as true/false). */
export function parseFlowOptions(pairs: readonly string[]): FlowOptions {
  const out: Record<string, string | boolean> = {};
  const infos = allFlows().flatMap((f) => f.options);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    const info = infos.find((o) => o.key === key);
    if (!info) throw new UsageError(`unknown option "${key}"; options: ${[...new Set(infos.map((o) => o.key))].join(', ')}`);
    if (key in out) throw new UsageError(`option "${key}" is given twice`);
    const value = info.values.find((v) => String(v) === text);
    if (value === undefined) throw new UsageError(`option ${key} expects one of ${info.values.map(String).join(', ')}, got "${text}"`);
    out[key] = value;
  }
  return out as FlowOptions;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return MATRIX_SEED;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--seed expects an integer, got "${text}"`);
  return Number(text);
}

/** What `matrix --format json` prints (docs/cli.md). */
export function matrixJson(m: Matrix): unknown {
  return {
    // `axis` and a column's `note` appear only off the default axis, so the flows axis prints as before for §2's columns.
    ...(m.axis ? { axis: m.axis } : {}),
    options: m.options,
    seed: m.seed,
    columns: m.columns.map((c) => ({ id: c.id, title: c.title, flow: c.flow, options: c.options, ...(c.note ? { note: c.note } : {}) })),
    rows: m.rows.map((r) => ({ scenario: r.scenario, cells: r.cells.map((c) => ({ column: c.column, outcome: c.outcome, actor: c.actor, check: c.check, sentence: c.sentence })) })),
  };
}

/**
 * `proofline matrix [--option k=v]… [--format md|json] [--seed N]`: every scenario × flow column
 * (webauthn per binding, biometric-only, device-key), each cell a run recorded live through the
 * real checks. Exit 0; 2 for a bad command line (one line).
 */
export const matrixCommand: Command = async (argv: string[], io: CliIO): Promise<number> => {
  const { values } = parseCommandLine(argv, OPTIONS, { usage: USAGE });
  const format = values.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format expects md or json, got "${format}"`);
  const options = parseFlowOptions(values.option ?? []);
  const axis = values.axis ?? 'flows';
  const keys = [...new Set(allFlows().flatMap((f) => f.options.map((o) => String(o.key))))];
  if (axis !== 'flows' && !keys.includes(axis)) throw new UsageError(`--axis expects flows or an option key (${keys.join(', ')}), got "${axis}"`);
  if (values.flows !== undefined && axis !== 'flows') throw new UsageError('--flows goes with --axis flows only');
  const known = allFlows().map((f) => f.id);
  const flows = values.flows?.split(',').map((f) => {
    if (!known.includes(f as never)) throw new UsageError(`unknown flow "${f}"; flows: ${known.join(', ')}`);
    return f as (typeof known)[number];
  });
  const matrix = await computeMatrix(options, parseSeed(values.seed), axis, flows);
  io.stdout.write(format === 'json' ? `${JSON.stringify(matrixJson(matrix))}\n` : matrixToMarkdown(matrix));
  return 0;
};
