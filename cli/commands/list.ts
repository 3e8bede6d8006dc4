import '../../core/flows/all.js';
import { allFlows } from '../../core/flows/registry.js';
import { SCENARIOS } from '../../core/scenarios/index.js';
import { parseCommandLine } from '../args.js';
import type { CliIO, Command } from '../io.js';

const USAGE = 'usage: proofline list [--json]';

/** What `list --json` prints: flows with actors and options (default value first), scenarios. */
export function listing(): {
  flows: { id: string; title: string; summary: string; actors: { id: string; name: string; role: string }[]; options: { key: string; values: (string | boolean)[]; default: string | boolean | null; description: string; notes?: Record<string, string> }[]; notApplicable?: { scenario: string; options?: Record<string, string | boolean>; reason: string }[] }[];
  scenarios: { id: string; title: string; attack: boolean; summary: string; attackerAction?: 'payment' | 'sign-in' }[];
} {
  return {
    flows: allFlows().map((f) => ({
      id: f.id,
      title: f.title,
      summary: f.summary,
      actors: f.actors.map((a) => ({ id: a.id, name: a.name, role: a.role })),
      options: f.options.map((o) => ({ key: o.key, values: [...o.values], default: o.values[0] ?? null, description: o.description, ...(o.notes ? { notes: { ...o.notes } } : {}) })),
      ...(f.notApplicable?.length ? { notApplicable: f.notApplicable.map((n) => ({ scenario: n.scenario, ...(n.options ? { options: { ...n.options } as Record<string, string | boolean> } : {}), reason: n.reason })) } : {}),
    })),
    scenarios: SCENARIOS.map((s) => ({ id: s.id, title: s.title, attack: s.attack, summary: s.summary, ...(s.attack ? { attackerAction: s.attackerAction ?? 'payment' } : {}) })),
  };
}

/** `proofline list [--json]`: the flows (actors, options and their values, default first) and the scenarios. */
export const listCommand: Command = async (argv: string[], io: CliIO): Promise<number> => {
  const { values } = parseCommandLine(argv, { json: { type: 'boolean' } }, { usage: USAGE });
  const l = listing();
  if (values.json) {
    io.stdout.write(`${JSON.stringify(l)}\n`);
    return 0;
  }
  const lines: string[] = ['Flows', ''];
  for (const f of l.flows) {
    lines.push(`  ${f.id} — ${f.title}`, `    ${f.summary}`);
    lines.push(`    actors:  ${f.actors.map((a) => `${a.id} (${a.name})`).join(', ')}`);
    if (f.options.length === 0) lines.push('    options: none');
    for (const [i, o] of f.options.entries()) {
      const vals = o.values.map((v, j) => `${String(v)}${j === 0 ? ' (default)' : ''}${o.notes?.[String(v)] ? ` [${o.notes[String(v)]}]` : ''}`).join(' | ');
      lines.push(`    ${i === 0 ? 'options:' : '        '} --option ${o.key}=${vals}`, `               ${o.description}`);
    }
    for (const n of f.notApplicable ?? []) {
      const when = n.options ? ` (${Object.entries(n.options).map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : '';
      lines.push(`    n/a:     ${n.scenario}${when}: ${n.reason}`);
    }
    lines.push('');
  }
  lines.push('Scenarios', '');
  const width = Math.max(...l.scenarios.map((s) => s.id.length));
  for (const s of l.scenarios) lines.push(`  ${s.id.padEnd(width)}  ${s.attack ? 'attack' : 'legit '}  ${s.title}: ${s.summary}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
