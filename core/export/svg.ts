import { PHASES, type Phase } from '../flows/types.js';
import { carriageSentence, carriageTag, stepCarries, type Carriage } from '../ledger/carriage.js';
import { actorLabel, escapeXml as x, forkText, outcomeText, participants, runName, stepPrefix, verificationNote } from './text.js';
import type { ExportNotes, ExportRun } from './types.js';

/**
 * A static SVG sequence diagram of one run, or two side by side with their phases aligned:
 * lifelines per actor, one arrow per message step with its numbered label, local steps as boxes,
 * attacker steps in red with ⚠, what a message carries (a key tag and whose for a signature, a
 * speech bubble for an unsigned claim or bearer token — core/ledger/carriage.ts), ✗ with the id of
 * a failed check, shaded phase bands, and each run's outcome at the bottom. The same marks as the
 * app's diagram; no text is cut: labels are placed whole inside their lane, long names wrap.
 * Pure string building; every text is escaped. This is what the CLI exports (the app exports its
 * own drawing).
 */

const COL = 150;
const ROW = 42;
/** Step labels and tags are monospace, so their width is known: 0.61 em a character. */
const MONO = 'DejaVu Sans Mono, Menlo, Consolas, monospace';
const LABEL_PX = 11;
const TAG_PX = 10;
const monoW = (text: string, px: number): number => [...text].length * px * 0.61;
const GUTTER = 84;
const MARGIN = 16;
const LANE_GAP = 36;
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

/** The x where a text `w` wide, centred on `c`, starts so that it stays inside [lo, hi]. */
function place(c: number, w: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(c - w / 2, hi - w));
}

/** A carriage tag: a pill with a key (signed) or a speech bubble (claim), and its words. */
function tag(c: Carriage, x0: number, y: number, name: (id: string) => string): string {
  const text = carriageTag(c, name);
  const w = 16 + monoW(text, TAG_PX) + 6;
  const color = c.kind === 'signed' ? COLORS.ok : COLORS['false-reject'];
  const glyph = c.kind === 'signed'
    ? `<circle cx="${(x0 + 7).toFixed(1)}" cy="${y}" r="2.6" fill="none" stroke="${color}" stroke-width="1.5"/><path d="M${(x0 + 9.6).toFixed(1)},${y} h6 m-2,0 v2.5 m2,-2.5 v2.5" fill="none" stroke="${color}" stroke-width="1.5"/>`
    : `<path d="M${(x0 + 3).toFixed(1)},${y - 5} h11 v7 h-6 l-3,3 v-3 h-2 z" fill="none" stroke="${color}" stroke-width="1.3"/>`;
  return `<g><rect x="${x0.toFixed(1)}" y="${y - 8}" width="${w.toFixed(1)}" height="16" rx="8" fill="#ffffff" stroke="${color}"${c.kind === 'claim' ? ' stroke-dasharray="3 2"' : ''}/>${glyph}${t(x0 + 18, y + 3.5, text, `font-family="${MONO}" font-size="${TAG_PX}" font-weight="700" fill="${color}"`)}</g>`;
}

/** Width of {@link tag}. */
function tagW(c: Carriage, name: (id: string) => string): number {
  return 16 + monoW(carriageTag(c, name), TAG_PX) + 6;
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
  // Titles and fork notes wrap within their lane (8.4 px a character at 14 px bold, 6.6 at 12).
  const titleLines = lanes.map((l) => wrap(runName(l.run), Math.floor((l.ids.length * COL - 8) / 8.4)));
  const forkLines = lanes.map((l) => { const f = forkText(l.run); return f ? wrap(f, Math.floor((l.ids.length * COL - 8) / 6.6)) : []; });
  const HEAD_Y = Math.max(...lanes.map((_, i) => 24 + titleLines[i]!.length * 17 + forkLines[i]!.length * 15)) + 4;
  // Actor names wrap to at most the lines the widest needs (7.4 px a character at 12 px bold).
  const nameLines = lanes.map((l) => l.ids.map((id) => wrap(actorLabel(l.run, id), Math.floor((COL - 24) / 7.4))));
  const HEAD_H = Math.max(34, ...nameLines.flat().map((ls) => ls.length * 15 + 12));
  const bodyTop = HEAD_Y + HEAD_H + 12;
  const bandHeights = bands.map((b) => Math.max(...b.lanes.map((s) => s.length), 1) * ROW + 10);
  const bodyBottom = bodyTop + bandHeights.reduce((a, b) => a + b, 0);
  const outcomeLines = lanes.map((l) => wrap(`${outcomeText(l.run)}: ${l.run.outcome.sentence}`, Math.floor((l.ids.length * COL - 16) / 7.2)));
  const footer = ['Marks: a key tag — signed, and whose key; a dashed speech bubble — an unsigned claim or a bearer token; ⚠ — the attacker performs or alters the step; ✗ — the check that failed there.', ...(notes.redacted?.length ? [`Redacted: ${notes.redacted.join('; ')}`] : []), ...(notes.verification ? [verificationNote(notes.verification)] : [])];
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
    titleLines[i]!.forEach((line, k) => o.push(t(x0, 24 + k * 17, line, 'font-size="14" font-weight="700"')));
    forkLines[i]!.forEach((line, k) => o.push(t(x0, 24 + titleLines[i]!.length * 17 + k * 15, line, `fill="${COLORS.attacker}"`)));
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
      const ls = nameLines[i]![j]!;
      const top = HEAD_Y + (HEAD_H - ls.length * 15) / 2 + 11;
      ls.forEach((line, k) => o.push(t(cx, top + k * 15, line, `text-anchor="middle" font-weight="600"${id === 'attacker' ? ` fill="${COLORS.attacker}"` : ''}`)));
    });
  });
  // Steps.
  y = bodyTop;
  bands.forEach((b, bi) => {
    b.lanes.forEach((steps, li) => {
      const lane = lanes[li]!;
      const xOf = (id: string): number => laneX[li]! + lane.ids.indexOf(id) * COL + COL / 2;
      const lo = laneX[li]! + 2;
      const hi = laneX[li]! + lane.ids.length * COL - 2;
      const name = (id: string) => actorLabel(lane.run, id);
      steps.forEach((s, k) => {
        const rowY = y + 10 + k * ROW + ROW / 2 - 2;
        const color = s.attacker ? COLORS.attacker : COLORS.fg;
        const label = `${stepPrefix(s.index)}${s.attacker ? '⚠ ' : ''}${s.label}`;
        const labelW = monoW(label, LABEL_PX);
        const failedIds = s.checks.filter((c) => c.status === 'fail').map((c) => c.id);
        const fail = failedIds.length ? `✗ ${failedIds[0]}${failedIds.length > 1 ? ` +${failedIds.length - 1}` : ''}` : '';
        const failW = monoW(fail, TAG_PX);
        const carriage = stepCarries(lane.run.steps, s.index);
        const titleText = `${stepPrefix(s.index)}[${s.phase}] ${s.caption}${carriage ? ` — ${carriageSentence(carriage, name)}` : ''}${failedIds.length ? ` — ✗ ${failedIds.join(', ')}` : ''}`;
        o.push(`<g><title>${x(titleText)}</title>`);
        const labelAttrs = `font-family="${MONO}" font-size="${LABEL_PX}" fill="${color}"`;
        const failAttrs = `font-family="${MONO}" font-size="${TAG_PX}" fill="${COLORS.fail}" font-weight="700"`;
        if (s.from !== s.to) {
          const x1 = xOf(s.from);
          const x2 = xOf(s.to);
          const dir = x2 > x1 ? 1 : -1;
          o.push(`<line x1="${x1}" y1="${rowY}" x2="${x2 - dir * 2}" y2="${rowY}" stroke="${color}" stroke-width="1.5" marker-end="url(#arrow-${s.attacker ? 'attacker' : 'fg'})"/>`);
          o.push(t(place((x1 + x2) / 2, labelW, lo, hi), rowY - 5, label, labelAttrs));
          if (carriage) o.push(tag(carriage, place((x1 + x2) / 2, tagW(carriage, name), lo, hi), rowY + 11, name));
          if (fail) o.push(t(dir > 0 ? (x2 + 6 + failW <= hi ? x2 + 6 : x2 - 6 - failW) : x2 - 6 - failW >= lo ? x2 - 6 - failW : x2 + 6, rowY + 4, fail, failAttrs));
        } else {
          // A local step: a small box on the lifeline, its label beside it on the side with room, the ✗ after it.
          const cx = xOf(s.from);
          const need = labelW + (fail ? failW + 8 : 0);
          const right = cx + 10 + need <= hi || cx - 10 - need < lo;
          const start = Math.max(lo, Math.min(right ? cx + 10 : cx - 10 - need, hi - need));
          o.push(`<rect x="${cx - 4}" y="${rowY - 8}" width="8" height="16" rx="3" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>`);
          o.push(t(start, rowY + 4, label, labelAttrs));
          if (fail) o.push(t(start + labelW + 8, rowY + 4, fail, failAttrs));
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
