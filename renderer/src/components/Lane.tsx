import { useId } from 'react';
import { flowTitle, OPTION_LABELS } from '../model/names.js';
import { laneProvenance } from '../model/provenance.js';
import { stepNumber, type Run } from '../core.js';
import { useCurrentStep, useLane, useLaneFields, usePlayback, usePlaybackActions, useTrace } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';
import { KnowledgeCards } from './KnowledgeCards.js';
import { LaneChooser, TraceRunPicker } from './LaneChooser.js';
import { LaneLedger } from './LaneLedger.js';
import { LaneWorkshop } from './LaneWorkshop.js';
import { OutcomePanel } from './OutcomePanel.js';
import { Scrubber } from './Scrubber.js';
import { SequenceDiagram } from './SequenceDiagram.js';
import { useLanesShown } from '../perf/useLanesShown.js';

/** The caption of the step a lane has just shown. */
function Caption({ lane }: { lane: LaneIndex }) {
  const current = useCurrentStep(lane);
  const { run, source } = useLane(lane);
  const hasRun = run !== null;
  const empty = source.kind === 'empty';
  return (
    <p className="caption" aria-live="polite">
      {current ? (
        <>
          <span className="caption-step">
            {stepNumber(current.index)}. {current.phase} ·{' '}
          </span>
          {current.caption}
        </>
      ) : hasRun ? (
        'Ready: press Next ▶ or →.'
      ) : empty ? (
        'No run in this lane.'
      ) : (
        'Recording…'
      )}
    </p>
  );
}

/** Where the lane's run came from (issue 12 item 4), and what to do with a lane left empty. */
function LaneSource({ lane }: { lane: LaneIndex }) {
  const { source, run } = useLaneFields(lane, 'source', 'run');
  const trace = useTrace();
  if (source.kind === 'empty') {
    return (
      <p className="source lane-empty" data-source="empty">
        {source.why} Choose a flow below to record one beside it.
      </p>
    );
  }
  return (
    <p className={`source source-${source.kind}`} data-source={source.kind}>
      {laneProvenance({ source, run }, trace)}
    </p>
  );
}

/**
 * One lane, in rows shared with the other lane (so both diagrams and their phase bands start on
 * the same line): its head, its ledger, the position, the diagram, the caption and the outcome —
 * the first screen — then what changes the lane (run, flow, options) and what each party knows.
 * It does not render again per step: the parts that show the position read it themselves.
 */
export function Lane({ lane }: { lane: LaneIndex }) {
  const { flow, run, status, error, source, disagreements, verifying } = useLaneFields(lane, 'flow', 'run', 'status', 'error', 'source', 'disagreements', 'verifying');
  const { sync, activeLane } = usePlayback();
  const { setActiveLane } = usePlaybackActions();
  const title = flowTitle(run?.flow ?? flow);
  const headingId = useId();
  const active = !sync && activeLane === lane;
  // A real response opened from a trace file that re-verified from its bytes with no disagreement.
  const reverified = source.kind === 'trace' && !verifying && disagreements.length === 0;
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
        {run && !run.response && (
          <span className="lane-options" title={Object.entries(run.options).map(([k, v]) => `${OPTION_LABELS[k as keyof typeof OPTION_LABELS] ?? k}: ${String(v)}`).join('\n')}>
            {optionsSummary(run)}
          </span>
        )}
        {run?.capture && (
          <span className="source captured" title={`${run.capture.derived ? `Built from a captured run’s bytes: ${run.capture.derived}. ` : ''}Captured ${run.capture.at} from ${run.capture.userAgent}${run.capture.device ? `; AAGUID ${run.capture.device.aaguid}, ${run.capture.device.attestationFormat} attestation: ${run.capture.device.evidence}` : ''}`}>
            {run.capture.derived ? 'on your captured bytes' : 'captured'}
          </span>
        )}
        {run?.response && (
          <span className="source captured response" data-response={reverified ? 're-verified' : source.kind === 'response' ? 'verified' : 'unverified'} title={responseTitle(run.response.name, source.kind === 'trace', verifying === true, disagreements.length)}>
            {reverified ? 'real response · re-verified' : 'real response'}
          </span>
        )}
        <LaneSource lane={lane} />
        {active && <span className="active-mark">steps with the controls</span>}
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
      </header>
      <LaneLedger lane={lane} title={title} />
      <Scrubber lane={lane} title={title} />
      <SequenceDiagram lane={lane} />
      <Caption lane={lane} />
      <div className="lane-outcome">
        <OutcomePanel lane={lane} />
      </div>
      <LaneMore lane={lane} title={title} />
    </section>
  );
}

/** What changes the lane and what each party knows: below the diagram, rendered once the first start's lanes are on screen. */
function LaneMore({ lane, title }: { lane: LaneIndex; title: string }) {
  const shown = useLanesShown();
  return (
    <div className="lane-more">
      {shown && (
        <>
          <TraceRunPicker lane={lane} />
          <LaneChooser lane={lane} />
          <LaneWorkshop lane={lane} />
          <KnowledgeCards lane={lane} title={title} />
        </>
      )}
    </div>
  );
}

/** What a real response's mark in the lane head means: its evidence, and whether the file's copy re-verified. */
function responseTitle(name: string, fromFile: boolean, verifying: boolean, disputed: number): string {
  const what = `A real WebAuthn response (${name}): the evidence is its bytes and what its relying party expected, nothing else.`;
  if (!fromFile) return `${what} Verified here, offline, with every check a relying party runs.`;
  if (verifying) return `${what} Being re-verified from those bytes…`;
  return disputed === 0
    ? `${what} Re-verified from those bytes when the file was opened: every step, check, outcome and ledger entry the file shows agrees.`
    : `${what} Re-verified from those bytes: the file disagrees in ${disputed} place${disputed === 1 ? '' : 's'}.`;
}

/** The run's scenario and options in a few words, for the lane's head. */
function optionsSummary(run: Run): string {
  const o = run.options;
  const opts = [
    o.userVerification && `UV ${o.userVerification}`,
    o.uvAvailable === false && 'no UV on the device',
    o.credential,
    o.binding && `binding ${o.binding}`,
    o.replayGuard && `replay guard ${o.replayGuard}`,
  ].filter((x): x is string => typeof x === 'string');
  return [run.scenario, ...opts].join(' · ');
}
