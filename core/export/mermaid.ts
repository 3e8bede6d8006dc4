import type { ExportNotes, ExportRun } from './types.js';
import { printable } from '../printable.js';
import { actorLabel, forkText, outcomeText, participants, runName, stepPrefix, verificationNote } from './text.js';

/**
 * Text inside a Mermaid statement. Mermaid ends a statement at `;` and a line break, starts a
 * comment at `%%` and reads `#…;` as an entity, so those characters (and `<`, `>`, `&` and `"`,
 * which its renderer treats as HTML) are written as Mermaid entity codes.
 */
export function mermaidText(text: string): string {
  return printable(text.replace(/[\r\n]+/g, ' '))
    .replace(/[#;%<>&"]/g, (c) => `#${c.charCodeAt(0)};`)
    .trim() || ' ';
}

const PHASE_FILL = ['rgba(127,127,127,0.06)', 'rgba(127,127,127,0.13)'];

/**
 * A run as a Mermaid `sequenceDiagram`: one participant per actor (with its name), one arrow per
 * message step (`A->>B: label`), a `Note over A` per local step, a `✗ check` note for every
 * failed check, attacker steps marked `⚠`, each phase a shaded `rect` headed by a note, and the
 * outcome as a final note. Redaction and re-verification notes become `%%` comments.
 */
export function runToMermaid(run: ExportRun, notes: ExportNotes = {}): string {
  const ids = participants(run);
  const first = ids[0]!;
  const last = ids[ids.length - 1]!;
  const span = first === last ? first : `${first},${last}`;
  const lines: string[] = [`%% Proofline: ${mermaidText(runName(run))}`];
  const fork = forkText(run);
  if (fork) lines.push(`%% ${mermaidText(fork)}`);
  if (notes.redacted?.length) lines.push(`%% Redacted: ${notes.redacted.map(mermaidText).join(' · ')}`);
  if (notes.verification) lines.push(`%% ${mermaidText(verificationNote(notes.verification))}`);
  lines.push('sequenceDiagram');
  for (const id of ids) lines.push(`    participant ${id} as ${mermaidText(actorLabel(run, id))}`);
  let phase: string | undefined;
  let band = 0;
  for (const step of run.steps) {
    if (step.phase !== phase) {
      if (phase !== undefined) lines.push('    end');
      phase = step.phase;
      lines.push(`    %% phase ${phase}`, `    rect ${PHASE_FILL[band++ % 2]}`, `    Note over ${span}: ${mermaidText(phase)}`);
    }
    const label = mermaidText(`${step.attacker ? '⚠ ' : ''}${stepPrefix(step.index)}${step.label}`);
    if (step.kind === 'message' && step.from !== step.to) lines.push(`    ${step.from}->>${step.to}: ${label}`);
    else lines.push(`    Note over ${step.from}: ${label}`);
    for (const c of step.checks) if (c.status === 'fail') lines.push(`    Note over ${c.actor}: ${mermaidText(`✗ ${c.id}`)}`);
  }
  if (phase !== undefined) lines.push('    end');
  lines.push(`    Note over ${span}: ${mermaidText(`Outcome: ${outcomeText(run)}. ${run.outcome.sentence}`)}`);
  return `${lines.join('\n')}\n`;
}
