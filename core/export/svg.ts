import { PHASES, type Phase } from '../flows/types.js';
import { actorLabel, escapeXml as x, forkText, outcomeText, participants, runName, stepPrefix } from './text.js';
import type { ExportNotes, ExportRun } from './types.js';

/**
 * A static SVG sequence diagram of one run, or two side by side with their phases aligned:
 * lifelines per actor, one arrow per message step with its label, local steps as boxes, attacker
 * steps in red, failed checks marked, shaded phase bands, and each run's outcome at the bottom.
 * Pure string building; every text is escaped. This is what the CLI exports (the app exports its
 * own drawing).
 */

const COL = 150;
const ROW = 30;
const GUTTER = 84;
const MARGIN = 16;
const LANE_GAP = 36;
const HEAD_Y = 64;
const HEAD_H = 34;
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const COLORS = { fg: '#1b1f24', muted: '#57606a', line: '#8c959f', band: ['#f6f8fa', '#eaeef2'], attacker: '#b42318', fail: '#b42318', ok: '#1a7f37', blocked: '#0b5cad', breach: '#b42318', 'false-reject': '#9a6700' } as const;

/** Consecutive steps of one phase. */
interface Block {
  phase: Phase;
  steps: ExportRun['steps'][number][];
}

function blocks(run: ExportRun): Block[] {
  const out: Block[] = [];
  for (const s of run.steps) {
    const last = out[out.length - 1];
    if (last && last.phase === s.phase) last.steps.push(s);
    else out.push({ phase: s.phase, steps: [s] });
  }
  return out;
}

/** Rows of the diagram: a phase band and, per lane, the steps drawn in it. */
interface Band {
  phase: Phase;
  lanes: ExportRun['steps'][number][][];
}

/** Align the lanes' phase blocks: equal phases side by side, otherwise the earlier phase first. */
function align(runs: readonly ExportRun[]): Band[] {
  const queues = runs.map(blocks);
  const bands: Band[] = [];
  while (queues.some((q) => q.length > 0)) {
    const heads = queues.map((q) => q[0]);
    const next = heads.filter((h): h is Block => h !== undefined).map((h) => h.phase).sort((a, b) => PHASES.indexOf(a) - PHASES.indexOf(b))[0]!;
    bands.push({ phase: next, lanes: queues.map((q) => (q[0]?.phase === next ? q.shift()!.steps : [])) });
  }
  return bands;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line.length + 1 + word.length) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text;
}

function t(xp: number, y: number, text: string, attrs = ''): string {
  return `<text x="${xp.toFixed(1)}" y="${y.toFixed(1)}"${attrs ? ` ${attrs}` : ''}>${x(text)}</text>`;
}

/** The SVG of one or two runs (side by side, phases aligned). */
export function runToSvg(runs: readonly ExportRun[], notes: ExportNotes = {}): string {
  if (runs.length < 1 || runs.length > 2) throw new RangeError(`"runs" expected one or two runs, got ${runs.length}`);
  const lanes = runs.map((run) => ({ run, ids: participants(run) }));
  const laneX: number[] = [];
  let xCursor = MARGIN + GUTTER;
  for (const l of lanes) {
    laneX.push(xCursor);
    xCursor += l.ids.length * COL + LANE_GAP;
  }
  const width = xCursor - LANE_GAP + MARGIN;
  const bands = align(runs);
  const bodyTop = HEAD_Y + HEAD_H + 12;
  const bandHeights = bands.map((b) => Math.max(...b.lanes.map((s) => s.length), 1) * ROW + 10);
  const bodyBottom = bodyTop + bandHeights.reduce((a, b) => a + b, 0);
  const outcomeLines = lanes.map((l) => wrap(`${outcomeText(l.run)}: ${l.run.outcome.sentence}`, Math.floor((l.ids.length * COL - 16) / 7.2)));
  const footer = [...(notes.redacted?.length ? [`Redacted: ${notes.redacted.join('; ')}`] : []), ...(notes.verification ? [notes.verification.agrees ? 'Re-verified from its bytes: agrees.' : `Re-verified from its bytes: ${notes.verification.disagreements} disagreements; the file’s claims are shown.`] : [])];
  const footerLines = footer.flatMap((f) => wrap(f, Math.floor((width - 2 * MARGIN) / 6.2)));
  const outcomeTop = bodyBottom + 14;
  const outcomeH = Math.max(...outcomeLines.map((ls) => ls.length)) * 16 + 16;
  const height = outcomeTop + outcomeH + 12 + footerLines.length * 15 + MARGIN;

  const title = runs.map((r) => runName(r)).join('  vs  ');
  const o: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${x(`Sequence diagram: ${title}`)}" font-family="${FONT}" font-size="12" fill="${COLORS.fg}">`,
    `<title>${x(title)}</title>`,
  ];
  if (notes.redacted?.length) o.push(`<!-- Redacted: ${x(notes.redacted.join('; ')).replace(/--/g, '- -')} -->`);
  o.push(
    '<defs>',
    ...(['fg', 'attacker'] as const).map((k) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLORS[k]}"/></marker>`),
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  // Titles and actor headers.
  lanes.forEach((l, i) => {
    const x0 = laneX[i]!;
    o.push(t(x0, 24, clip(runName(l.run), Math.floor((l.ids.length * COL - 8) / 8.4)), 'font-size="14" font-weight="700"'));
    const fork = forkText(l.run);
    if (fork) o.push(t(x0, 42, clip(fork, Math.floor((l.ids.length * COL) / 6.2)), `fill="${COLORS.attacker}"`));
  });
  // Phase bands.
  let y = bodyTop;
  bands.forEach((b, i) => {
    o.push(`<rect x="${MARGIN}" y="${y}" width="${width - 2 * MARGIN}" height="${bandHeights[i]}" fill="${COLORS.band[i % 2]}"/>`);
    o.push(t(MARGIN + 6, y + 16, b.phase, `fill="${COLORS.muted}" font-size="11" font-weight="600"`));
    y += bandHeights[i]!;
  });
  // Lifelines and headers.
  lanes.forEach((l, i) => {
    l.ids.forEach((id, j) => {
      const cx = laneX[i]! + j * COL + COL / 2;
      o.push(`<line x1="${cx}" y1="${HEAD_Y + HEAD_H}" x2="${cx}" y2="${bodyBottom}" stroke="${COLORS.line}" stroke-dasharray="4 4"/>`);
      o.push(`<rect x="${cx - COL / 2 + 8}" y="${HEAD_Y}" width="${COL - 16}" height="${HEAD_H}" rx="6" fill="#ffffff" stroke="${id === 'attacker' ? COLORS.attacker : COLORS.fg}"/>`);
      o.push(t(cx, HEAD_Y + 21, clip(actorLabel(l.run, id), 20), `text-anchor="middle" font-weight="600"${id === 'attacker' ? ` fill="${COLORS.attacker}"` : ''}`));
    });
  });
  // Steps.
  y = bodyTop;
  bands.forEach((b, bi) => {
    b.lanes.forEach((steps, li) => {
      const lane = lanes[li]!;
      const xOf = (id: string): number => laneX[li]! + lane.ids.indexOf(id) * COL + COL / 2;
      steps.forEach((s, k) => {
        const rowY = y + 10 + k * ROW + ROW / 2 + 4;
        const color = s.attacker ? COLORS.attacker : COLORS.fg;
        const label = `${s.attacker ? '⚠ ' : ''}${stepPrefix(s.index)}${s.label}`;
        const failed = s.checks.filter((c) => c.status === 'fail').map((c) => `✗ ${c.id}`);
        o.push(`<g><title>${x(`${stepPrefix(s.index)}[${s.phase}] ${s.caption}${failed.length ? ` — ${failed.join(', ')}` : ''}`)}</title>`);
        if (s.from !== s.to) {
          const x1 = xOf(s.from);
          const x2 = xOf(s.to);
          const span = Math.abs(x2 - x1);
          o.push(`<line x1="${x1}" y1="${rowY}" x2="${x2 + (x2 > x1 ? -2 : 2)}" y2="${rowY}" stroke="${color}" stroke-width="1.5" marker-end="url(#arrow-${s.attacker ? 'attacker' : 'fg'})"/>`);
          o.push(t((x1 + x2) / 2, rowY - 5, clip(label, Math.floor(span / 6.2)), `text-anchor="middle" font-size="11" fill="${color}"`));
          if (failed.length) o.push(t(x2 + (x2 > x1 ? 6 : -6), rowY + 4, clip(failed.join(' '), 22), `font-size="10" fill="${COLORS.fail}" font-weight="700"${x2 > x1 ? '' : ' text-anchor="end"'}`));
        } else {
          const cx = xOf(s.from);
          o.push(`<rect x="${cx - COL / 2 + 10}" y="${rowY - 11}" width="${COL - 20}" height="18" rx="4" fill="#ffffff" stroke="${color}"/>`);
          o.push(t(cx, rowY + 2, clip(label, 21), `text-anchor="middle" font-size="10.5" fill="${color}"`));
          if (failed.length) o.push(t(cx + COL / 2 - 8, rowY + 2, '✗', `font-size="12" fill="${COLORS.fail}" font-weight="700"`));
        }
        o.push('</g>');
      });
    });
    y += bandHeights[bi]!;
  });
  // Outcomes.
  lanes.forEach((l, i) => {
    const w = l.ids.length * COL;
    const c = COLORS[l.run.outcome.outcome];
    o.push(`<rect x="${laneX[i]}" y="${outcomeTop}" width="${w}" height="${outcomeH}" rx="6" fill="#ffffff" stroke="${c}" stroke-width="2"/>`);
    outcomeLines[i]!.forEach((line, k) => o.push(t(laneX[i]! + 8, outcomeTop + 20 + k * 16, line, k === 0 ? `fill="${c}" font-weight="700"` : '')));
  });
  footerLines.forEach((line, k) => o.push(t(MARGIN, outcomeTop + outcomeH + 22 + k * 15, line, `font-size="11" fill="${COLORS.muted}"`)));
  o.push('</svg>', '');
  return o.join('\n');
}
