import { useId } from 'react';
import { flowTitle } from '../model/names.js';
import { useCurrentStep, useLane, useLaneFields, usePlayback, usePlaybackActions } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';
import { KnowledgeCards } from './KnowledgeCards.js';
import { LaneChooser, TraceRunPicker } from './LaneChooser.js';
import { LaneWorkshop } from './LaneWorkshop.js';
import { OutcomePanel } from './OutcomePanel.js';
import { Scrubber } from './Scrubber.js';
import { SequenceDiagram } from './SequenceDiagram.js';

/** The caption of the step a lane has just shown. */
function Caption({ lane }: { lane: LaneIndex }) {
  const current = useCurrentStep(lane);
  const hasRun = useLane(lane).run !== null;
  return (
    <p className="caption" aria-live="polite">
      {current ? (
        <>
          <span className="caption-step">
            {current.index + 1}. {current.phase} ·{' '}
          </span>
          {current.caption}
        </>
      ) : hasRun ? (
        'Ready: press Next step or →.'
      ) : (
        'Recording…'
      )}
    </p>
  );
}

/**
 * One lane: a flow's run as a sequence diagram, its position, caption, outcome and knowledge.
 * It does not render again per step: the parts that show the position read it themselves.
 */
export function Lane({ lane }: { lane: LaneIndex }) {
  const { flow, run, status, error, source, disagreements, verifying } = useLaneFields(lane, 'flow', 'run', 'status', 'error', 'source', 'disagreements', 'verifying');
  const { sync, activeLane } = usePlayback();
  const { setActiveLane } = usePlaybackActions();
  const title = flowTitle(run?.flow ?? flow);
  const headingId = useId();
  const active = !sync && activeLane === lane;
  return (
    <section
      role="region"
      aria-labelledby={headingId}
      aria-busy={status === 'recording' || verifying === true}
      data-status={verifying ? 'verifying' : status}
      data-scenario={run?.scenario}
      className={`lane${active ? ' active' : ''}`}
      onPointerDown={() => activeLane !== lane && setActiveLane(lane)}>
      <header className="lane-head">
        <h2 id={headingId}>{title}</h2>
        {source.kind === 'trace' && <span className="source">from {source.name}</span>}
        {active && <span className="active-mark">steps with the controls</span>}
      </header>
      <TraceRunPicker lane={lane} />
      <LaneChooser lane={lane} />
      {status === 'error' && (
        <p className="error" role="alert">
          This run could not be recorded: {error}
        </p>
      )}
      {disagreements.length > 0 && (
        <p className="disputed-note">
          Re-verification disagrees with the file in {disagreements.length} place{disagreements.length === 1 ? '' : 's'}; disputed steps are marked ✗.
        </p>
      )}
      <Scrubber lane={lane} title={title} />
      <SequenceDiagram lane={lane} />
      <Caption lane={lane} />
      <LaneWorkshop lane={lane} />
      <OutcomePanel lane={lane} />
      <KnowledgeCards lane={lane} title={title} />
    </section>
  );
}
