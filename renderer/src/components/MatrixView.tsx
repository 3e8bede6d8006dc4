import { useId } from 'react';
import { flowCatalog, scenarioInfo, type FlowOptions, type MatrixCell, type MatrixColumn } from '../core.js';
import { cellName, cellWords, columnTitle, OUTCOME_LEGEND, OUTCOME_MARKS } from '../model/matrixText.js';
import { flowTitle, OPTION_LABELS, OUTCOME_LABELS } from '../model/names.js';
import { matrixAxes, matrixGroupOf, matrixGroups, matrixOptionKeys } from '../store/matrixSlice.js';
import { useMatrix, useMatrixActions } from '../store/hooks.js';

/** An option's values, from the flow catalog (the first is the default). */
function choices(key: keyof FlowOptions): readonly (string | boolean)[] {
  return flowCatalog().flatMap((f) => f.options).find((o) => o.key === key)?.values ?? [];
}

/** Two-level headers: the flow (or, on an option's axis, the flow and option) over its columns. */
function groups(columns: readonly MatrixColumn[]): { key: string; title: string; span: number }[] {
  const out: { key: string; title: string; span: number }[] = [];
  for (const c of columns) {
    const last = out[out.length - 1];
    if (last && last.key === c.flow) last.span++;
    else out.push({ key: c.flow, title: flowTitle(c.flow), span: 1 });
  }
  return out;
}

/** A column's own header under its flow: its option values (`code · signed`), or the axis value. */
function valueTitle(c: MatrixColumn, axis: string | undefined): string {
  if (axis) return String((c.options as Record<string, unknown>)[axis]);
  const keys = flowCatalog().find((f) => f.id === c.flow)?.columnOptions ?? [];
  const values = keys.map((k) => String((c.options as Record<string, unknown>)[k]));
  if (c.flow === 'otp' && values[0] === 'totp' && values[1] === 'dynamic') return 'totp → OCRA · dynamic';
  return values.length ? values.join(' · ') : '—';
}

/** ▲ where a flaw turned a block into a breach, ↔ where another check blocks (against the axis's default column). */
function flip(cell: MatrixCell, base: MatrixCell | undefined): string | undefined {
  if (!base || base === cell || cell.outcome === 'n/a') return undefined;
  if (base.outcome === 'blocked' && cell.outcome === 'breach') return '▲';
  if (base.outcome === 'blocked' && cell.outcome === 'blocked' && base.check !== cell.check) return '↔';
  return undefined;
}

/** How the axis picker names an axis. */
function axisName(axis: string): string {
  if (axis === 'flows') return 'Flows side by side';
  if (axis === 'rpFlaw') return 'RP misconfiguration (WebAuthn)';
  return OPTION_LABELS[axis as keyof FlowOptions] ?? axis;
}

/** How the filter names a group of columns: the flow (with its column count), or the axis value. */
function groupLabel(key: string, columns: readonly MatrixColumn[], axis: string): { label: string; count: number } {
  const mine = columns.filter((c) => matrixGroupOf(c, axis) === key);
  if (axis === 'flows') return { label: flowTitle(mine[0]!.flow), count: mine.length };
  return { label: valueTitle(mine[0]!, axis), count: mine.length };
}

/**
 * Checkboxes that show or hide groups of columns (designs on the flows axis, values on an option's
 * axis). Native checkboxes in a fieldset: Tab reaches each, Space toggles it. The store keeps the
 * choice per axis while the app runs.
 */
function ColumnFilter({ columns, axis, hidden, onChange }: { columns: readonly MatrixColumn[]; axis: string; hidden: readonly string[]; onChange: (key: string, shown: boolean) => void }) {
  const id = useId();
  const groups = matrixGroups(columns, axis);
  const shown = groups.filter((g) => !hidden.includes(g));
  return (
    <fieldset className="matrix-filter" aria-describedby={`${id}-hint`}>
      <legend>{axis === 'flows' ? 'Show designs' : 'Show columns'}</legend>
      {groups.map((g) => {
        const { label, count } = groupLabel(g, columns, axis);
        const on = !hidden.includes(g);
        const last = on && shown.length === 1;
        return (
          <label key={g} className="matrix-filter-item" title={last ? 'At least one stays shown' : undefined}>
            <input type="checkbox" checked={on} disabled={last} onChange={(e) => onChange(g, e.target.checked)} /> {label}
            {axis === 'flows' && count > 1 && <span className="muted"> ({count})</span>}
          </label>
        );
      })}
      <span id={`${id}-hint`} className="muted matrix-filter-hint">
        {hidden.length > 0 ? `${groups.length - shown.length} of ${groups.length} hidden; hidden columns are still computed.` : 'Untick to hide; kept while Proofline runs.'}
      </span>
    </fieldset>
  );
}

/** The outcome matrix: flows and bindings across, scenarios down, each cell a live run; a click opens it beside the honest run. */
export function MatrixView() {
  const { matrix, matrixStatus, matrixError, matrixOptions, matrixAxis, matrixHidden } = useMatrix();
  const { setMatrixOption, setMatrixAxis, setMatrixShown, openMatrixCell, setView } = useMatrixActions();
  const id = useId();
  const computing = matrixStatus === 'computing';
  const axisKey = matrix?.axis ?? 'flows';
  const hidden = matrixHidden[axisKey] ?? [];
  // The columns on show: the filter hides whole groups; a row keeps all its cells (the flip marks compare with the first).
  const visible = matrix ? matrix.columns.filter((c) => !hidden.includes(matrixGroupOf(c, axisKey))) : [];
  const isVisible = (columnId: string) => visible.some((c) => c.id === columnId);
  return (
    <section className="panel matrix-view" aria-labelledby={`${id}-h`}>
      <header className="matrix-head">
        <h2 id={`${id}-h`}>Outcome matrix</h2>
        <div className="chooser">
          <span className="chooser-option matrix-axis">
            <label htmlFor={`${id}-axis`}>Columns</label>
            <select id={`${id}-axis`} value={matrixAxis} onChange={(e) => void setMatrixAxis(e.target.value)}>
              {matrixAxes().map((a) => (
                <option key={a} value={a}>
                  {axisName(a)}
                </option>
              ))}
            </select>
          </span>
          {matrixOptionKeys(matrixAxis).map((key) => {
            const values = choices(key);
            const value = (matrixOptions as Record<string, unknown>)[key] ?? values[0];
            return (
              <span key={key} className="chooser-option">
                <label htmlFor={`${id}-${key}`}>{OPTION_LABELS[key as keyof FlowOptions] ?? key}</label>
                <select
                  id={`${id}-${key}`}
                  value={String(value)}
                  onChange={(e) => void setMatrixOption(key, values.find((v) => String(v) === e.target.value) ?? e.target.value)}
                >
                  {values.map((v) => (
                    <option key={String(v)} value={String(v)}>
                      {String(v)}
                    </option>
                  ))}
                </select>
              </span>
            );
          })}
        </div>
        <button type="button" className="link" onClick={() => setView('lanes')}>
          Back to the lanes
        </button>
      </header>
      {computing && (
        <div className="matrix-progress" role="status">
          <progress aria-label="Computing the matrix" /> Recording every scenario against every flow through the real checks…
        </div>
      )}
      {matrixStatus === 'error' && (
        <p className="error" role="alert">
          The matrix could not be computed: {matrixError}
        </p>
      )}
      {matrix && <ColumnFilter columns={matrix.columns} axis={axisKey} hidden={hidden} onChange={setMatrixShown} />}
      {matrix && (
        <div className="matrix-scroll">
        <table className={`matrix${computing ? ' stale' : ''}${visible.length > 8 ? ' dense' : ''}`} aria-busy={computing}>
          <caption>
            Each cell is a run recorded live with seed {matrix.seed}; the checks decide its outcome.{' '}
            {matrix.axis ? `Click a cell to watch it beside the same scenario at ${matrix.axis}=${String((matrix.columns[0]?.options as Record<string, unknown> | undefined)?.[matrix.axis])}. ▲ block turned breach, ↔ blocked by another check.` : 'Click a cell to watch it beside the honest run; — does not apply (hover or focus it for why).'}
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Scenario
              </th>
              {groups(visible).map((g) => (
                <th scope="colgroup" colSpan={g.span} key={g.key} className="mgroup">
                  {g.title}
                </th>
              ))}
            </tr>
            <tr>
              {visible.map((c) => (
                <th scope="col" key={c.id} className="mvalue">
                  {valueTitle(c, matrix.axis)}
                  {c.note && <span className="mcell-note">{c.note}¹</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.scenario}>
                <th scope="row">
                  {row.scenario}
                  {!scenarioInfo(row.scenario).attack && <span className="muted"> (legitimate)</span>}
                </th>
                {row.cells.filter((cell) => isVisible(cell.column)).map((cell) => {
                  const column = matrix.columns.find((c) => c.id === cell.column)!;
                  if (cell.outcome === 'n/a') {
                    // Not a verdict: the flow has no place for this scenario. Neutral, with the reason.
                    return (
                      <td key={cell.column} className="mcell mcell-na">
                        <span tabIndex={0} role="note" aria-label={`${row.scenario} × ${columnTitle(column)}: does not apply — ${cell.sentence}`} title={`Does not apply: ${cell.sentence}`}>
                          —
                        </span>
                      </td>
                    );
                  }
                  return (
                    <td key={cell.column} className={`mcell mcell-${cell.outcome}`}>
                      <button type="button" aria-label={cellName(row.scenario, column, cell)} title={cell.sentence} disabled={computing} onClick={() => void openMatrixCell(row.scenario, cell.column)}>
                        <span className="mcell-mark" aria-hidden="true">
                          {OUTCOME_MARKS[cell.outcome]}
                        </span>{' '}
                        <span className="mcell-word">{OUTCOME_LABELS[cell.outcome]}</span>
                        {matrix.axis && flip(cell, row.cells[0]) && (
                          <span className="mcell-flip" title={flip(cell, row.cells[0]) === '▲' ? `blocked with ${axisName(matrix.axis)} at its default, a breach here` : 'blocked by another check than at the default'}>
                            {flip(cell, row.cells[0])}
                          </span>
                        )}
                        {cell.actor && <span className="mcell-who">{visible.length > 8 ? `at ${(cell.check ?? cell.actor).replace('.', '.\u200b')}` : cellWords(cell).replace(/^\S+( \S+)? by /, 'by ')}</span>}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {visible.some((c) => c.note) && (
        <p className="muted matrix-source">
          ¹ Relying parties with this flaw among the 103 studied in “The state of passkeys” (USENIX Security 2026, RUB-NDS); WebAuthn L3 leaves the reaction to a counter that does not increase to the RP, so ignore-counter is a flaw by this project’s strict standard.
        </p>
      )}
      <ul className="legend" aria-label="Legend">
        {OUTCOME_LEGEND.map((l) => (
          <li key={l.outcome} className={`mcell-${l.outcome}`}>
            <span aria-hidden="true">{OUTCOME_MARKS[l.outcome]}</span> <strong>{OUTCOME_LABELS[l.outcome]}</strong>: {l.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default MatrixView;
