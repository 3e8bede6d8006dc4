import { useId } from 'react';
import { flowInfo, scenarioInfo, type FlowId, type FlowOptions } from '../core.js';
import { cellName, cellWords, columnTitle, OUTCOME_LEGEND, OUTCOME_MARKS } from '../model/matrixText.js';
import { OPTION_LABELS, OUTCOME_LABELS } from '../model/names.js';
import { MATRIX_OPTION_KEYS } from '../store/matrixSlice.js';
import { useMatrix, useMatrixActions } from '../store/hooks.js';

const FLOW_OF: Record<(typeof MATRIX_OPTION_KEYS)[number], FlowId> = { userVerification: 'webauthn', uvAvailable: 'webauthn', credential: 'webauthn', replayGuard: 'biometric-only' };

function choices(key: (typeof MATRIX_OPTION_KEYS)[number]): readonly (string | boolean)[] {
  try {
    return flowInfo(FLOW_OF[key]).options.find((o) => o.key === key)?.values ?? [];
  } catch {
    return [];
  }
}

/** The outcome matrix: flows and bindings across, scenarios down, each cell a live run; a click opens it beside the honest run. */
export function MatrixView() {
  const { matrix, matrixStatus, matrixError, matrixOptions } = useMatrix();
  const { setMatrixOption, openMatrixCell, setView } = useMatrixActions();
  const id = useId();
  const computing = matrixStatus === 'computing';
  return (
    <section className="panel matrix-view" aria-labelledby={`${id}-h`}>
      <header className="matrix-head">
        <h2 id={`${id}-h`}>Outcome matrix</h2>
        <div className="chooser">
          {MATRIX_OPTION_KEYS.map((key) => {
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
      {matrix && (
        <table className={`matrix${computing ? ' stale' : ''}`} aria-busy={computing}>
          <caption>
            Each cell is a run recorded live with seed {matrix.seed}; the checks decide its outcome. Click a cell to watch it beside the honest run.
          </caption>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              {matrix.columns.map((c) => (
                <th scope="col" key={c.id}>
                  {columnTitle(c)}
                  {c.note && <span className="mcell-note"> · {c.note}</span>}
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
                {row.cells.map((cell) => {
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
                        {cell.actor && <span className="mcell-who">{cellWords(cell).replace(/^\S+( \S+)? by /, 'by ')}</span>}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
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
