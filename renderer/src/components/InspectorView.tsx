import { memo, useMemo } from 'react';
import { bytesToHex, stepNumber, type Run, type Step } from '../core.js';
import { inspectPayload, signedBytesFor, type DecodedField, type FieldSpan } from '../model/inspect.js';
import { flowTitle } from '../model/names.js';
import { HexView } from './HexView.js';

function Fields({ fields, hovered, onHover }: { fields: readonly DecodedField[]; hovered: string | null; onHover: (id: string | null) => void }) {
  return (
    <ul className="fields">
      {fields.map((f, i) => (
        <li key={`${f.label}-${i}`}>
          <div
            className={`field${f.id && hovered === f.id ? ' hot' : ''}`}
            tabIndex={f.id ? 0 : undefined}
            data-field={f.id || undefined}
            onMouseEnter={() => f.id && onHover(f.id)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => f.id && onHover(f.id)}
            onBlur={() => onHover(null)}
          >
            <span className="field-label">{f.label}</span>
            {f.value !== undefined && <span className="field-value">{f.value}</span>}
          </div>
          {f.children && <Fields fields={f.children} hovered={hovered} onHover={onHover} />}
        </li>
      ))}
    </ul>
  );
}

export interface InspectorViewProps {
  readonly sel: { readonly run: Run; readonly step: Step } | null;
  readonly payloadName: string | null;
  readonly hovered: string | null;
  readonly selectPayload: (name: string) => void;
  readonly hoverField: (id: string | null) => void;
}

/**
 * The inspector's content for a selected step: its payloads as bytes with labelled spans, the
 * decoded form, and what a signature signs. Loaded on demand by Inspector.tsx (with the decoders
 * of model/inspect.ts), and memoised: it renders again only when what it shows changes.
 */
export const InspectorView = memo(function InspectorView({ sel, payloadName, hovered, selectPayload, hoverField }: InspectorViewProps) {
  const payload = sel ? (sel.step.payloads.find((p) => p.name === payloadName) ?? sel.step.payloads[0]) : undefined;
  const inspection = useMemo(() => (payload ? inspectPayload(payload) : null), [payload]);
  const signed = useMemo(() => (sel && payload ? signedBytesFor(sel.run, sel.step.index, payload.name) : null), [sel, payload]);
  const signedSpans = useMemo<FieldSpan[]>(() => {
    if (!signed) return [];
    let at = 0;
    return signed.parts.map((p, i) => {
      const s = { id: `signed.${i}`, label: p.label, start: at, end: at + p.bytes.length, depth: 0, tone: i * 3 };
      at += p.bytes.length;
      return s;
    });
  }, [signed]);

  return (
    <>
      {sel && (
        <>
          <p className="inspector-step">
            {flowTitle(sel.run.flow)} · step {stepNumber(sel.step.index)} · <code>{sel.step.label}</code>
          </p>
          {sel.step.payloads.length === 0 && <p className="muted">This step carries no bytes.</p>}
          {sel.step.payloads.length > 0 && (
            <div className="payload-tabs" role="group" aria-label="Payloads">
              {sel.step.payloads.map((p) => (
                <button key={p.name} type="button" aria-pressed={p === payload} onClick={() => selectPayload(p.name)}>
                  {p.name} <span className="muted">{p.encoding} · {p.bytes.length} B</span>
                </button>
              ))}
            </div>
          )}
          {payload && inspection && (
            <div className="payload">
              <p className="payload-kind">
                <strong>{payload.name}</strong> read as {inspection.kind}
                {inspection.error && <span className="error"> — {inspection.error}</span>}
              </p>
              <div className="payload-grid">
                <HexView bytes={payload.bytes} spans={inspection.spans} hovered={hovered} onHover={hoverField} label={payload.name} />
                <div className="decoded" aria-label={`Decoded ${payload.name}`} role="group">
                  <Fields fields={inspection.fields} hovered={hovered} onHover={hoverField} />
                  {inspection.pretty && payload.encoding === 'json' && <pre className="pretty">{inspection.pretty}</pre>}
                </div>
              </div>
              {signed && (
                <div className="signed" aria-label="Signed bytes" role="group">
                  <h3>
                    Signed bytes: <code>{signed.formula}</code> ({signed.bytes.length} bytes)
                  </h3>
                  <HexView bytes={signed.bytes} spans={signedSpans} hovered={hovered} onHover={hoverField} label="signed bytes" />
                  <p className="muted mono">SHA-256 over these is what the ECDSA signature covers. Hex: {bytesToHex(signed.bytes).slice(0, 32)}…</p>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </>
  );
});

export default InspectorView;
