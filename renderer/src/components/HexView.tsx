import { useMemo } from 'react';
import { spanOfField, type FieldSpan } from '../model/inspect.js';

const PER_ROW = 16;

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Bytes in hex, each byte coloured by the deepest field span it belongs to; the hovered field is highlighted. */
export function HexView({ bytes, spans, hovered, onHover, label }: { bytes: Uint8Array; spans: readonly FieldSpan[]; hovered: string | null; onHover: (id: string | null) => void; label: string }) {
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
                  className={`hex-byte${s ? ` tone-${s.tone % 8}` : ''}${on ? ' hot' : ''}`}
                  title={s ? `${s.label} [${s.start}..${s.end})` : undefined}
                  data-field={s?.id}
                  onMouseEnter={() => s && onHover(s.id)}
                  onMouseLeave={() => onHover(null)}
                >
                  {hex2(b)}
                </span>
              );
            })}
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
