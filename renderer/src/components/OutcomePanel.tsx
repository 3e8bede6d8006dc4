import type { ReactNode } from 'react';
import { OUTCOME_LABELS } from '../model/names.js';
import { useLaneEnded, useLaneFields, usePlaybackActions, useSelectionActions } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';

const MARKS = { ok: '✓', blocked: '⊘', breach: '⚠', 'false-reject': '✗' } as const;

/** The sentence, led by the outcome's name unless it already says it ("Blocked by …", "Breach: …"). */
function withLabel(outcome: keyof typeof MARKS, sentence: string): ReactNode {
  const label = OUTCOME_LABELS[outcome];
  const m = new RegExp(`^${label}:?`, 'i').exec(sentence);
  if (m) return (
    <>
      <strong>{m[0]}</strong>
      {sentence.slice(m[0].length)}
    </>
  );
  return (
    <>
      <strong>{label}:</strong> {sentence}
    </>
  );
}

/** How the lane's run ended, in one sentence, once its last step is shown. */
export function OutcomePanel({ lane }: { lane: LaneIndex }) {
  const { run, disagreements, verifying } = useLaneFields(lane, 'run', 'disagreements', 'verifying');
  const done = useLaneEnded(lane);
  const { selectStep } = useSelectionActions();
  const { seek } = usePlaybackActions();
  if (!run) return null;
  if (!done) return <p className="outcome outcome-pending">The outcome appears at the end of the run (End).</p>;
  if (verifying) return (
    <p className="outcome outcome-pending verifying" role="status">
      Verifying… the outcome shows once every check has been re-run over the bytes.
    </p>
  );
  const o = run.outcome;
  const claimed = disagreements.find((d) => d.step === null && d.what === 'outcome');
  return (
    <div className={`outcome outcome-${o.outcome}`} data-outcome={o.outcome}>
      <span className="outcome-mark" aria-hidden="true">
        {MARKS[o.outcome]}
      </span>{' '}
      <span className="outcome-sentence">{withLabel(o.outcome, o.sentence)}</span>
      {o.step !== null && (
        <button
          type="button"
          className="link"
          onClick={() => {
            seek(lane, o.step! + 1);
            selectStep(lane, o.step!);
          }}
        >
          Show step {o.step + 1}
        </button>
      )}
      {claimed && (
        <p className="claimed">
          The file claimed: {claimed.recorded}. Its bytes support the outcome above.
        </p>
      )}
    </div>
  );
}
