import { actorName, isDisabledByConfiguration, stepNumber } from '../core.js';
import { SpecLink } from './SpecLink.js';
import { claimDiff } from '../model/disagreement.js';
import { flowTitle } from '../model/names.js';
import { selectedStepOf, useFork, useSelectionAfterPaint } from '../store/hooks.js';

const MARK = { pass: '✓', fail: '✗', skip: '–' } as const;

/**
 * Every check of the selected step, with its spec clause and verdict, and where the file disagrees.
 * Like the inspector, it follows a step once the step's lanes have painted.
 */
export function ChecksPanel() {
  const { selected, lanes } = useSelectionAfterPaint();
  const sel = selectedStepOf(selected, lanes);
  const disagreements = sel ? lanes[sel.lane].disagreements.filter((d) => d.step === sel.step.index) : [];
  // In a what-if fork (right lane), the checks whose status the change flipped.
  const fork = useFork();
  const changed = (id: string) => (fork && sel?.lane === 1 ? fork.result.changedChecks.find((c) => c.step === sel.step.index && c.id === id) : undefined);
  return (
    <section className="panel checks" aria-labelledby="checks-h">
      <h2 id="checks-h">Checks</h2>
      {!sel && <p className="muted">Select a step to see the checks it ran.</p>}
      {sel && (
        <>
          <p className="inspector-step">
            {flowTitle(sel.run.flow)} · step {stepNumber(sel.step.index)} ({sel.step.phase}) · {sel.step.caption}
          </p>
          {lanes[sel.lane].verifying ? (
            <p className="verifying" role="status">
              Verifying… re-running this step's checks over its bytes.
            </p>
          ) : (
          <>
          {sel.step.checks.length === 0 && <p className="muted">No check runs at this step.</p>}
          <ul className="check-list">
            {sel.step.checks.map((c) => (
              <li key={c.id} className={`check check-${c.status}${isDisabledByConfiguration(c) ? ' check-disabled' : ''}${changed(c.id) ? ' changed' : ''}`}>
                {isDisabledByConfiguration(c) ? (
                  // Switched off by the RP's configuration: never to be read as an ordinary skip.
                  <span className="check-status badge-disabled" title="The relying party is configured not to run this check; the detail says what the strict check would have found.">
                    <span aria-hidden="true">⊘</span> disabled by configuration
                  </span>
                ) : (
                  <span className="check-status">
                    <span aria-hidden="true">{MARK[c.status]}</span> {c.status}
                  </span>
                )}
                <span className="check-id">{c.id}</span>
                <span className="check-actor muted">by the {actorName(c.actor)}</span>
                <SpecLink className="check-spec" spec={c.spec} />
                <span className="check-detail">{c.detail}</span>
                {changed(c.id) && <span className="check-was">changed by the what-if: was {changed(c.id)!.before ?? 'not run'}</span>}
              </li>
            ))}
          </ul>
          </>
          )}
          {disagreements.length > 0 && (
            <div className="disagreements" role="group" aria-label="Disagreements at this step">
              <h3>The file disagrees with its bytes here</h3>
              {disagreements.map((d, i) => {
                const diff = claimDiff(d.recorded, d.recomputed);
                return (
                  <div key={i}>
                    <strong>{d.what}</strong>
                    <dl>
                      <dt>the file says</dt>
                      <dd>{diff.recorded}</dd>
                      <dt>recomputed from the bytes</dt>
                      <dd>{diff.recomputed}</dd>
                    </dl>
                  </div>
                );
              })}
            </div>
          )}
        </>
      )}
    </section>
  );
}
