import { memo, useEffect, useMemo, useRef } from 'react';
import { actorName, bytesToHex, carriageSentence, decidedAt, decidedByStep, LEVEL_WORDS, propertyEvidence, stepCarries, stepNumber, type Property, type Run, type Step } from '../core.js';
import { inspectPayload, signedBytesFor, type DecodedField, type FieldSpan } from '../model/inspect.js';
import { flowTitle } from '../model/names.js';
import { decodeOtp } from '../model/otpDecode.js';
import { HexView } from './HexView.js';
import { TermHelp } from './SpecLink.js';

/** Decoded fields whose name is a glossary term: a `?` beside them opens it. */
const FIELD_TERMS: Readonly<Record<string, string>> = {
  rpIdHash: 'rpIdHash',
  flags: 'uv',
  signCount: 'signCount',
  challenge: 'challenge',
  origin: 'origin',
  attStmt: 'attestation',
  fmt: 'attestation',
  aaguid: 'authenticatorModel',
};

/** Ledger properties with a glossary entry of their own: a `?` beside the evidence heading. */
const PROPERTY_TERMS: Partial<Readonly<Record<Property, string>>> = { 'authenticator-model': 'authenticatorModel' };

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
            {FIELD_TERMS[f.label] && <TermHelp term={FIELD_TERMS[f.label]!} label={f.label} />}
            {f.value !== undefined && <span className="field-value">{f.value}</span>}
          </div>
          {f.children && <Fields fields={f.children} hovered={hovered} onHover={onHover} />}
        </li>
      ))}
    </ul>
  );
}

/** What the selected step decides in the ledger, each a link to that cell's evidence. */
function Decides({ run, step, showEvidence }: { run: Run; step: Step; showEvidence: (property: Property) => void }) {
  const decided = decidedAt(run, step.index);
  if (decided.length === 0) return null;
  return (
    <p className="decides-list" role="group" aria-label="Ledger properties this step decides">
      <strong>Decides:</strong>
      {decided.map((e) => (
        <button key={e.property} type="button" className={`link level-${e.level}`} onClick={() => showEvidence(e.property)}>
          {e.property}: <span className="level-name">{LEVEL_WORDS[e.level].word}</span>
        </button>
      ))}
    </p>
  );
}

/** What the selected message carries: a signature (whose, over what, what it covers and leaves out) or an unsigned claim. */
function Carries({ run, step }: { run: Run; step: Step }) {
  const c = useMemo(() => stepCarries(run.steps, step.index), [run, step]);
  if (!c) return null;
  const name = (id: string) => run.actors.find((a) => a.id === id)?.name ?? actorName(id);
  if (c.kind === 'signed') {
    return (
      <div className="carriage carriage-signed" role="group" aria-label="What the signature covers">
        <p>
          <strong>Signed</strong> — {carriageSentence(c, name)}.
        </p>
        <p>Covers:</p>
        <ul>
          {c.covers.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
        {c.notCovered.length > 0 && (
          <>
            <p>Does not cover:</p>
            <ul className="not-covered">
              {c.notCovered.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }
  return (
    <div className="carriage carriage-claim" role="group" aria-label="What the message claims">
      <p>
        <strong>Not signed</strong> — {carriageSentence(c, name)}. The receiver has only the sender’s word{c.bearer ? ', and anyone holding the token can send it' : ''}.
      </p>
    </div>
  );
}

/** How a one-time code was computed at this step (otp runs), recomputed from the run's bytes. */
function OtpDecoder({ run, step, hovered, hoverField }: { run: Run; step: Step; hovered: string | null; hoverField: (id: string | null) => void }) {
  const d = useMemo(() => decodeOtp(run, step.index), [run, step]);
  if (!d) return null;
  return (
    <section className="otp-decoder" aria-label="How the code was computed">
      <h3>{d.title}</h3>
      <p className="muted otp-spec">Recomputed here from this run’s bytes · {d.spec}</p>
      <table className="otp-rows">
        <tbody>
          {d.rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>
                <code className="otp-value">{r.value}</code>
                {r.note && <span className="muted otp-note"> {r.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.bytes.map((b) => (
        <div key={b.label} className="otp-bytes">
          <p className="otp-bytes-label">
            <strong>{b.label}</strong> <span className="muted">({b.bytes.length} bytes: {b.spans.map((s) => s.label).join(' · ')})</span>
          </p>
          <HexView bytes={b.bytes} spans={b.spans} hovered={hovered} onHover={hoverField} label={b.label} />
        </div>
      ))}
      {d.verdict && (
        <p className={d.verdict.ok ? 'otp-verdict otp-match' : 'otp-verdict otp-mismatch'} role="status">
          {d.verdict.ok ? '✓' : '✗'} Recomputed: {d.verdict.text}
        </p>
      )}
    </section>
  );
}

/** The bytes behind a ledger cell, outlined in each payload that holds them, or the sentence that says nothing does. */
function EvidenceBlock({ run, property, hovered, hoverField }: { run: Run; property: Property; hovered: string | null; hoverField: (id: string | null) => void }) {
  const ev = useMemo(() => propertyEvidence(run, property), [run, property]);
  const entry = run.ledger.find((l) => l.property === property);
  const ref = useRef<HTMLElement>(null);
  // A ledger cell was chosen to show these bytes: bring them into view.
  // (In braces: scrollIntoView may return a promise, and an effect must return a function or nothing.)
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start', behavior: 'auto' });
  }, [run, property]);
  const groups = useMemo(() => {
    const out: { step: number; payload: string; ranges: typeof ev.ranges }[] = [];
    for (const r of ev.ranges) {
      const g = out.find((x) => x.step === r.step && x.payload === r.payload);
      if (g) g.ranges = [...g.ranges, r];
      else out.push({ step: r.step, payload: r.payload, ranges: [r] });
    }
    return out;
  }, [ev]);
  return (
    <section className="evidence-block" aria-label={`Evidence for ${property}`} data-property={property} ref={ref}>
      <h3>
        {property}: {entry ? LEVEL_WORDS[entry.level].word : ''} {entry && !decidedByStep(entry, run.steps) ? 'by the end of the run (no step established it)' : `at step ${stepNumber(ev.step)}`}
        {PROPERTY_TERMS[property] && <TermHelp term={PROPERTY_TERMS[property]!} label={property} />}
      </h3>
      {entry && <p>{entry.why}</p>}
      {ev.note && <p className="evidence-note">{ev.note}</p>}
      {groups.map((g) => {
        const payload = run.steps[g.step]?.payloads.find((p) => p.name === g.payload);
        if (!payload) return null;
        return (
          <div key={`${g.step}:${g.payload}`} className="evidence-payload" data-evidence-payload={g.payload}>
            <p className="inspector-step">
              Step {stepNumber(g.step)} · <code>{run.steps[g.step]!.label}</code> · <strong>{g.payload}</strong>:{' '}
              {g.ranges.map((r) => `${r.label} (bytes ${r.start}–${r.end - 1})`).join(', ')}
            </p>
            <HexView bytes={payload.bytes} spans={[]} hovered={hovered} onHover={hoverField} label={`${g.payload} of step ${stepNumber(g.step)}`} marks={g.ranges} />
          </div>
        );
      })}
    </section>
  );
}

export interface InspectorViewProps {
  readonly sel: { readonly run: Run; readonly step: Step } | null;
  /** The ledger cell whose evidence to show (its deciding step is the one selected). */
  readonly evidence: Property | null;
  readonly showEvidence: (property: Property) => void;
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
export const InspectorView = memo(function InspectorView({ sel, evidence, showEvidence, payloadName, hovered, selectPayload, hoverField }: InspectorViewProps) {
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
          {evidence && <EvidenceBlock run={sel.run} property={evidence} hovered={hovered} hoverField={hoverField} />}
          <Decides run={sel.run} step={sel.step} showEvidence={showEvidence} />
          <Carries run={sel.run} step={sel.step} />
          <OtpDecoder run={sel.run} step={sel.step} hovered={hovered} hoverField={hoverField} />
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
