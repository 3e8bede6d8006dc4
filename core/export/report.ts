import { PROPERTIES, type LedgerEntry, type Property } from '../flows/types.js';
import { LEVEL_WORDS, levelWord } from '../ledger/levels.js';
import { decidingStep } from '../ledger/timeline.js';
import { runToSvg } from './svg.js';
import { actorLabel, escapeMarkdown as md, escapeXml as x, forkText, optionsText, outcomeText, outcomeWord, runName, seedText, stepPrefix, verificationNote } from './text.js';
import { stepNumber } from '../flows/stepNumber.js';
import type { ExportNotes, ExportRun, ExportTrace } from './types.js';

/**
 * Design-review reports of a trace, as Markdown and as a self-contained HTML page: title,
 * description, the side-by-side ledger ("What the verifier can conclude"), then per run its flow,
 * options and scenario, the outcome sentence, the checks with their spec clauses and the steps
 * with their captions. Every string from the trace is escaped.
 */

function propertyTitle(p: Property): string {
  return p.charAt(0).toUpperCase() + p.slice(1).replace(/-/g, ' ');
}

function entry(run: ExportRun, p: Property): LedgerEntry | undefined {
  return run.ledger.find((l) => l.property === p);
}

/** Where a ledger entry was decided: "at step 16 (rp.signature)", or "by the end (step 17)" when nothing establishes it. */
function decidedText(run: ExportRun, e: LedgerEntry): string {
  const n = stepNumber(decidingStep(e, run.steps));
  const check = e.evidence.find((v) => v.step === n - 1)?.check;
  return e.evidence.length > 0 ? `at step ${n}${check ? ` (${check})` : ''}` : `by the end (step ${n})`;
}

/** The level words and what each means, under a ledger. */
const LEGEND = (['proven', 'attested', 'asserted', 'absent', 'failed'] as const).map((l) => ({ word: LEVEL_WORDS[l].word, tip: LEVEL_WORDS[l].tip }));

/**
 * The ledger as a Markdown table: properties down, one column per run (headed `names`), each cell
 * the level word, the step that decided it and why; then the outcomes and what each level word
 * means. The report and the app's "Export the ledger" both write this.
 */
export function ledgerMarkdown(runs: readonly ExportRun[], names: readonly string[]): string[] {
  const out = [`| property | ${names.map((n) => md(n)).join(' | ')} |`, `|---|${runs.map(() => '---').join('|')}|`];
  for (const p of PROPERTIES) {
    out.push(`| ${propertyTitle(p)} | ${runs.map((r) => {
      const e = entry(r, p);
      return e ? `**${levelWord(e.level)}** ${md(decidedText(r, e))} — ${md(e.why)}` : '—';
    }).join(' | ')} |`);
  }
  out.push(`| **Outcome** | ${runs.map((r) => `**${md(outcomeText(r))}**`).join(' | ')} |`, '');
  out.push(...LEGEND.map((l) => `- **${md(l.word)}**: ${md(l.tip)}`));
  return out;
}

/** The trace as a Markdown design-review report. */
export function traceToMarkdown(trace: ExportTrace, notes: ExportNotes = {}): string {
  const out: string[] = [`# ${md(trace.title)}`, ''];
  if (trace.description) out.push(...trace.description.split(/\n{2,}/).map((p) => md(p)).flatMap((p) => [p, '']));
  out.push(`*Recorded ${md(trace.created)} by ${md(trace.generator.name)} ${md(trace.generator.version)}; ${trace.runs.length} run${trace.runs.length === 1 ? '' : 's'}.*`, '');
  if (notes.verification) out.push(verificationNote(notes.verification), '');
  if (notes.redacted?.length) {
    out.push('**Redacted:**', '', ...notes.redacted.map((r) => `- ${md(r)}`), '');
  }
  out.push('## What the verifier can conclude', '');
  out.push(...ledgerMarkdown(trace.runs, trace.runs.map((r, i) => `run ${i}: ${runName(r)}`)), '');
  for (const [i, run] of trace.runs.entries()) {
    out.push(`## Run ${i}: ${md(runName(run))}`, '');
    out.push(`- Flow: \`${md(run.flow)}\``, `- Options: ${md(optionsText(run.options))}`, `- Scenario: \`${md(run.scenario)}\``);
    if (run.seed !== undefined) out.push(`- Seed: ${seedText(run)}`);
    const fork = forkText(run);
    if (fork) out.push(`- ${md(fork)}`);
    out.push('', `**Outcome: ${md(outcomeWord(run.outcome.outcome))}.** ${md(run.outcome.sentence)}`, '');
    out.push('### Checks', '', '| step | check | actor | spec | status | detail |', '|---|---|---|---|---|---|');
    for (const s of run.steps) {
      for (const c of s.checks) out.push(`| ${stepNumber(s.index)} | \`${md(c.id)}\` | ${md(actorLabel(run, c.actor))} | ${md(c.spec)} | ${c.status === 'fail' ? '**fail**' : c.status} | ${md(c.detail)} |`);
    }
    out.push('', '### Steps', '');
    for (const s of run.steps) {
      const who = s.from === s.to ? md(actorLabel(run, s.from)) : `${md(actorLabel(run, s.from))} → ${md(actorLabel(run, s.to))}`;
      out.push(`${stepPrefix(s.index)}\\[${s.phase}\\] ${s.attacker ? '⚠ ' : ''}${who}: **${md(s.label)}** — ${md(s.caption)}${s.notes ? ` *Note: ${md(s.notes)}*` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --band: #f6f8fa;
  --ok: #1a7f37; --blocked: #0b5cad; --breach: #b42318; --reject: #9a6700; --proven: #1a7f37; --attested: #0b5cad; --asserted: #9a6700; --absent: #57606a; --failed: #b42318; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #30363d; --band: #161b22;
  --ok: #3fb950; --blocked: #58a6ff; --breach: #f85149; --reject: #d29922; --proven: #3fb950; --attested: #58a6ff; --asserted: #d29922; --absent: #9198a1; --failed: #f85149; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; } .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; }
.level { font-weight: 600; } .proven { color: var(--proven); } .attested { color: var(--attested); } .asserted { color: var(--asserted); } .absent { color: var(--absent); } .failed { color: var(--failed); }
.outcome { font-weight: 700; } .ok { color: var(--ok); } .blocked { color: var(--blocked); } .breach { color: var(--breach); } .false-reject { color: var(--reject); }
.fail { color: var(--failed); font-weight: 600; } .pass { color: var(--ok); } .skip { color: var(--muted); }
.attacker { color: var(--breach); font-weight: 600; }
.note { border-left: 4px solid var(--line); padding: 0.25rem 0.75rem; background: var(--band); }
ol.steps li { margin: 0.25rem 0; }
figure.diagram { margin: 0.5rem 0 1.5rem; overflow-x: auto; } figure.diagram svg { max-width: 100%; height: auto; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; font-size: 14px; } dl.legend dt { font-weight: 700; } dl.legend dd { margin: 0; }
`;

function levelCell(run: ExportRun, e: LedgerEntry | undefined): string {
  return e ? `<span class="level ${x(e.level)}" title="${x(LEVEL_WORDS[e.level].tip)}">${x(levelWord(e.level))}</span> <span class="muted">${x(decidedText(run, e))}</span> — ${x(e.why)}` : '—';
}

/** The runs' diagrams, two side by side (the drawing the CLI exports), inline (HTML puts <svg> in its namespace without xmlns). */
function diagrams(runs: readonly ExportRun[], notes: ExportNotes): string[] {
  const out: string[] = [];
  for (let i = 0; i < runs.length; i += 2) out.push(`<figure class="diagram">${runToSvg(runs.slice(i, i + 2), notes).replace(' xmlns="http://www.w3.org/2000/svg"', '')}</figure>`);
  return out;
}

/**
 * The trace as one self-contained HTML page: inline CSS only (light and dark through
 * `prefers-color-scheme`), no script, no external font, image or link, and a Content Security
 * Policy that forbids loading anything; every string from the trace is escaped.
 */
export function traceToHtml(trace: ExportTrace, notes: ExportNotes = {}): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${x(trace.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${x(trace.title)}</h1>`,
  ];
  for (const p of trace.description.split(/\n{2,}/)) if (p.trim()) out.push(`<p>${x(p)}</p>`);
  out.push(`<p class="muted">Recorded ${x(trace.created)} by ${x(trace.generator.name)} ${x(trace.generator.version)}; ${trace.runs.length} run${trace.runs.length === 1 ? '' : 's'}.</p>`);
  if (notes.verification) out.push(`<p class="note">${x(verificationNote(notes.verification))}</p>`);
  if (notes.redacted?.length) out.push('<section class="note" id="redacted"><h2>Redacted</h2><ul>', ...notes.redacted.map((r) => `<li>${x(r)}</li>`), '</ul></section>');
  out.push('<h2>What the verifier can conclude</h2>', '<table>', `<thead><tr><th>property</th>${trace.runs.map((r, i) => `<th>run ${i}: ${x(runName(r))}</th>`).join('')}</tr></thead>`, '<tbody>');
  for (const p of PROPERTIES) out.push(`<tr><th scope="row">${x(propertyTitle(p))}</th>${trace.runs.map((r) => `<td>${levelCell(r, entry(r, p))}</td>`).join('')}</tr>`);
  out.push(`<tr><th scope="row">Outcome</th>${trace.runs.map((r) => `<td><span class="outcome ${x(r.outcome.outcome)}">${x(outcomeText(r))}</span></td>`).join('')}</tr>`, '</tbody>', '</table>');
  out.push('<dl class="legend">', ...LEGEND.map((l) => `<dt>${x(l.word)}</dt><dd>${x(l.tip)}</dd>`), '</dl>');
  out.push('<h2>The diagram</h2>', ...diagrams(trace.runs, notes));
  for (const [i, run] of trace.runs.entries()) {
    out.push('<section>', `<h2>Run ${i}: ${x(runName(run))}</h2>`, '<ul>');
    out.push(`<li>Flow: <code>${x(run.flow)}</code></li>`, `<li>Options: ${x(optionsText(run.options))}</li>`, `<li>Scenario: <code>${x(run.scenario)}</code></li>`);
    if (run.seed !== undefined) out.push(`<li>Seed: ${x(seedText(run))}</li>`);
    const fork = forkText(run);
    if (fork) out.push(`<li>${x(fork)}</li>`);
    out.push('</ul>', `<p><span class="outcome ${x(run.outcome.outcome)}">Outcome: ${x(outcomeWord(run.outcome.outcome))}.</span> ${x(run.outcome.sentence)}</p>`);
    out.push('<h3>Checks</h3>', '<table>', '<thead><tr><th>step</th><th>check</th><th>actor</th><th>spec</th><th>status</th><th>detail</th></tr></thead>', '<tbody>');
    for (const s of run.steps) {
      for (const c of s.checks) out.push(`<tr><td>${stepNumber(s.index)}</td><td><code>${x(c.id)}</code></td><td>${x(actorLabel(run, c.actor))}</td><td>${x(c.spec)}</td><td class="${x(c.status)}">${x(c.status)}</td><td>${x(c.detail)}</td></tr>`);
    }
    out.push('</tbody>', '</table>', '<h3>Steps</h3>', '<ol class="steps">');
    for (const s of run.steps) {
      const who = s.from === s.to ? x(actorLabel(run, s.from)) : `${x(actorLabel(run, s.from))} → ${x(actorLabel(run, s.to))}`;
      out.push(`<li><span class="muted">[${x(s.phase)}]</span> ${s.attacker ? '<span class="attacker">⚠ attacker</span> ' : ''}${who}: <strong>${x(s.label)}</strong> — ${x(s.caption)}${s.notes ? ` <em>Note: ${x(s.notes)}</em>` : ''}</li>`);
    }
    out.push('</ol>', '</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
