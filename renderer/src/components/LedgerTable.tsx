import { useMemo } from 'react';
import { ledgerAt, LEVEL_WORDS, NOT_YET, PROPERTIES, PROPERTY_QUESTIONS } from '../core.js';
import { cellWhen, cellWhenPhrase } from './LaneLedger.js';
import { useFork, useLaneTitles, useSelectionActions, useSelectionAfterPaint, useTraceActions } from '../store/hooks.js';
import { LANES } from '../store/types.js';

/**
 * What the verifier can conclude, in full: properties down, lanes across, each cell its level
 * word, the step that decided it and why — live, like the ledger in each lane ("not yet" until the
 * deciding step). A cell shows its step and the bytes that carry it. Below the lanes on the desk;
 * presenter mode can show it alone. It follows a step once the step's frame has painted.
 */
export function LedgerTable() {
  const { lanes } = useSelectionAfterPaint();
  const titles = useLaneTitles();
  const { showEvidence } = useSelectionActions();
  const { exportLedger } = useTraceActions();
  const fork = useFork();
  const cells = useMemo(() => lanes.map((l) => (l.run ? ledgerAt(l.run, l.position) : null)), [lanes]);
  return (
    <section className="panel ledger">
      <button type="button" className="link export" onClick={() => void exportLedger()}>
        Export the ledger as Markdown
      </button>
      <table>
        <caption>What the verifier can conclude</caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            {LANES.map((i) => (
              <th scope="col" key={i}>
                {titles[i]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PROPERTIES.map((p) => (
            <tr key={p}>
              <th scope="row" title={PROPERTY_QUESTIONS[p]}>{p}</th>
              {LANES.map((i) => {
                const lane = lanes[i];
                const cell = cells[i]?.find((c) => c.property === p);
                if (!lane.run || !cell) return <td key={i} className="muted">…</td>;
                if (lane.verifying) {
                  return (
                    <td key={i} className="pending muted verifying">
                      verifying…
                    </td>
                  );
                }
                const disputed = lane.disagreements.find((d) => d.step === null && d.what === `ledger ${p}`);
                const was = fork && i === 1 ? fork.result.changedLedger.find((c) => c.property === p) : undefined;
                const word = cell.level ? LEVEL_WORDS[cell.level].word : NOT_YET.word;
                return (
                  <td key={i} className={`level level-${cell.level ?? 'notyet'}${was ? ' changed' : ''}`}>
                    <button
                      type="button"
                      className="cell"
                      title={cell.level ? LEVEL_WORDS[cell.level].tip : NOT_YET.tip}
                      onClick={() => showEvidence(i, p)}
                      aria-label={cell.level ? `${word} ${cellWhenPhrase(cell)}: ${cell.why} (show ${cell.byEnd ? 'why' : 'the step and its bytes'})` : `${word} (show the step that decides it)`}>
                      <span className="level-name">{word}</span>
                      {cell.level && <span className="lcell-step"> {cellWhen(cell)}</span>} <span className="why">{cell.why}</span>
                    </button>
                    {disputed && <span className="claimed"> (file claimed {disputed.recorded})</span>}
                    {was && <span className="was"> (changed by the what-if: was {LEVEL_WORDS[was.before].word})</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
