import { useEffect, useRef } from 'react';
import { changeText, LEVEL_WORDS, stepNumber } from '../core.js';
import { OUTCOME_LABELS } from '../model/names.js';
import { useFork, useForkActions, useLanes } from '../store/hooks.js';

/** Above the fork's lane: what changed, which checks and ledger entries changed, and keeping it. */
export function ForkSummary() {
  const fork = useFork();
  const lanes = useLanes();
  const { keepFork, closeFork } = useForkActions();
  const box = useRef<HTMLDivElement>(null);
  // A new fork: bring its summary into view (the outcome that changed is the point).
  const shown = fork?.result;
  useEffect(() => {
    if (shown) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  if (!fork) return null;
  const { result } = fork;
  const before = lanes[0].run?.outcome.outcome;
  const after = result.run.outcome.outcome;
  return (
    <div className="fork-summary" role="group" aria-label="What changed in the fork" ref={box}>
      <p>
        <strong>What if {changeText(result.run.fork.change)}</strong> at step {stepNumber(result.run.fork.at)}:{' '}
        {before && before !== after ? (
          <>
            the outcome changes from <strong>{OUTCOME_LABELS[before]}</strong> to <strong className={`fork-outcome outcome-${after}`}>{OUTCOME_LABELS[after]}</strong>.
          </>
        ) : (
          <>the outcome stays {OUTCOME_LABELS[after]}.</>
        )}
      </p>
      {result.changedChecks.length > 0 && (
        <ul className="changed-list" aria-label="Checks that changed">
          {result.changedChecks.map((c) => (
            <li key={`${c.step}-${c.id}`} className="changed">
              step {stepNumber(c.step)} <code>{c.id}</code>: {c.before ?? 'not run'} → <strong>{c.after ?? 'not run'}</strong> <span className="muted">{c.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {result.changedLedger.length > 0 && (
        <ul className="changed-list" aria-label="Ledger entries that changed">
          {result.changedLedger.map((l) => (
            <li key={l.property} className="changed">
              {l.property}: {LEVEL_WORDS[l.before].word} → <strong>{LEVEL_WORDS[l.after].word}</strong>
            </li>
          ))}
        </ul>
      )}
      {result.droppedSteps.length > 0 && <p className="muted">{result.droppedSteps.length} later steps never happen: an actor stopped earlier.</p>}
      <button type="button" onClick={keepFork} disabled={fork.kept}>
        {fork.kept ? 'Kept: Save trace writes it' : 'Keep the fork in the trace'}
      </button>{' '}
      <button type="button" onClick={closeFork}>
        {fork.replaced?.run ? `Close the fork (bring back ${fork.replaced.run.flow} · ${fork.replaced.run.scenario})` : 'Close the fork'}
      </button>
    </div>
  );
}
