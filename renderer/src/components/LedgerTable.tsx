import { PROPERTIES, type LedgerEntry } from '../core.js';
import { useFork, useLaneEnded, useLaneFields, useLaneTitles, usePlaybackActions, useSelectionActions, useTraceActions } from '../store/hooks.js';
import { LANES, type LaneIndex } from '../store/types.js';

function useLedgerLane(lane: LaneIndex) {
  return { ...useLaneFields(lane, 'run', 'verifying', 'disagreements'), ended: useLaneEnded(lane) };
}

/** What the verifier can conclude: properties down, lanes across, a level per cell with its reason. */
export function LedgerTable() {
  // What the table shows changes only when a lane reaches or leaves its last step, not per step.
  const lanes = [useLedgerLane(0), useLedgerLane(1)] as const;
  const titles = useLaneTitles();
  const { seek } = usePlaybackActions();
  const { selectStep } = useSelectionActions();
  const { exportLedger } = useTraceActions();
  const fork = useFork();
  const jump = (lane: LaneIndex, entry: LedgerEntry) => {
    const step = entry.evidence[0]?.step;
    if (step === undefined) return;
    seek(lane, step + 1);
    selectStep(lane, step);
  };
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
              <th scope="row">{p}</th>
              {LANES.map((i) => {
                const lane = lanes[i];
                const run = lane.run;
                if (!run) return <td key={i} className="muted">…</td>;
                if (lane.verifying) {
                  return (
                    <td key={i} className="pending muted verifying">
                      verifying…
                    </td>
                  );
                }
                if (!lane.ended) {
                  return (
                    <td key={i} className="pending muted">
                      at the end of the run
                    </td>
                  );
                }
                const entry = run.ledger.find((l) => l.property === p);
                if (!entry) return <td key={i} className="muted">—</td>;
                const disputed = lane.disagreements.find((d) => d.step === null && d.what === `ledger ${p}`);
                const evidence = entry.evidence[0]?.step;
                const was = fork && i === 1 ? fork.result.changedLedger.find((c) => c.property === p) : undefined;
                return (
                  <td key={i} className={`level level-${entry.level}${was ? ' changed' : ''}`}>
                    {evidence !== undefined ? (
                      <button type="button" className="cell" onClick={() => jump(i, entry)} aria-label={`${entry.level}: ${entry.why} (show step ${evidence + 1})`}>
                        <span className="level-name">{entry.level}</span> <span className="why">{entry.why}</span>
                      </button>
                    ) : (
                      <span className="cell">
                        <span className="level-name">{entry.level}</span> <span className="why">{entry.why}</span>
                      </span>
                    )}
                    {disputed && <span className="claimed"> (file claimed {disputed.recorded})</span>}
                    {was && <span className="was"> (changed by the what-if: was {was.before})</span>}
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
