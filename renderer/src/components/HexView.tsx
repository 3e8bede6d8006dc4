import { useMemo } from 'react';
import { spanOfField, type FieldSpan } from '../model/inspect.js';

const PER_ROW = 16;

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** A byte as a character of the text column: printable ASCII as itself, anything else as a dot (as Wireshark and xxd show it). */
function char(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/** The text column of one row, in runs of characters that share a highlight (one text node where nothing is highlighted). */
function textRuns(bytes: Uint8Array, from: number, to: number, classOf: (i: number) => string): { at: number; text: string; cls: string }[] {
  const runs: { at: number; text: string; cls: string }[] = [];
  for (let i = from; i < to; i++) {
    const cls = classOf(i);
    const last = runs[runs.length - 1];
    if (last && last.cls === cls) last.text += char(bytes[i]!);
    else runs.push({ at: i, text: char(bytes[i]!), cls });
  }
  return runs;
}

/**
 * Bytes in hex with a text column, each byte coloured by the deepest field span it belongs to; the
 * hovered field is highlighted, and `marks` (a ledger cell's evidence) are outlined.
 */
export function HexView({ bytes, spans, hovered, onHover, label, marks = [] }: { bytes: Uint8Array; spans: readonly FieldSpan[]; hovered: string | null; onHover: (id: string | null) => void; label: string; marks?: readonly { start: number; end: number }[] }) {
  const marked = (i: number) => marks.some((m) => i >= m.start && i < m.end);
  const owner = useMemo(() => {
    const out: (FieldSpan | undefined)[] = new Array(bytes.length);
    for (const s of [...spans].sort((a, b) => a.depth - b.depth)) for (let i = s.start; i < Math.min(s.end, bytes.length); i++) out[i] = s;
    return out;
  }, [bytes, spans]);
  const hot = spanOfField(spans, hovered);
  const rows: number[] = [];
  for (let i = 0; i < bytes.length; i += PER_ROW) rows.push(i);
  return (
    <div className="hex-wrap">
      <div className="hex" role="group" aria-label={`${label}: ${bytes.length} bytes in hex`}>
        {rows.map((start) => (
          <div key={start} className="hex-row">
            <span className="hex-offset" aria-hidden="true">
              {start.toString(16).padStart(4, '0')}
            </span>
            {Array.from(bytes.subarray(start, start + PER_ROW), (b, j) => {
              const i = start + j;
              const s = owner[i];
              const on = hot !== undefined && i >= hot.start && i < hot.end;
              return (
                <span
                  key={i}
                  className={`hex-byte${s ? ` tone-${s.tone % 8}` : ''}${on ? ' hot' : ''}${marked(i) ? ' evidence' : ''}`}
                  title={s ? `${s.label} [${s.start}..${s.end})` : undefined}
                  data-field={s?.id}
                  onMouseEnter={() => s && onHover(s.id)}
                  onMouseLeave={() => onHover(null)}
                >
                  {hex2(b)}
                </span>
              );
            })}
            {Array.from({ length: Math.max(0, start + PER_ROW - bytes.length) }, (_, k) => (
              <span key={`pad-${k}`} className="hex-byte hex-pad" aria-hidden="true">
                {'\u00a0\u00a0'}
              </span>
            ))}
            <span className="hex-text" aria-hidden="true">
              {textRuns(bytes, start, Math.min(start + PER_ROW, bytes.length), (i) => (hot !== undefined && i >= hot.start && i < hot.end ? ' hot' : '') + (marked(i) ? ' evidence' : '')).map((r) =>
                r.cls ? (
                  <span key={r.at} className={`hex-chars${r.cls}`}>
                    {r.text}
                  </span>
                ) : (
                  r.text
                ),
              )}
            </span>
          </div>
        ))}
      </div>
      {spans.length > 0 && (
        <ul className="span-legend" aria-label={`Fields of ${label}`}>
          {spans.map((s) => (
            <li
              key={s.id}
              tabIndex={0}
              className={`tone-${s.tone % 8}${hot === s ? ' hot' : ''}`}
              style={{ marginLeft: `${s.depth}em` }}
              onMouseEnter={() => onHover(s.id)}
              onMouseLeave={() => onHover(null)}
              onFocus={() => onHover(s.id)}
              onBlur={() => onHover(null)}
            >
              <span className="span-name">{s.label}</span> <span className="muted">
                bytes {s.start}–{s.end - 1} ({s.end - s.start})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
