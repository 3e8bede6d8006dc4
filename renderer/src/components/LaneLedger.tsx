import { memo, useMemo } from 'react';
import { ledgerAt, LEVEL_WORDS, NOT_YET, PROPERTY_QUESTIONS, stepNumber, type LedgerCell, type Property, type Run } from '../core.js';
import { useFork, useSelectionActions, useSelectionAfterPaint } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';
import { useLanesShown } from '../perf/useLanesShown.js';

/** When a decided cell was decided, in a few words: "step 16", or "by the end" where no step of the run decided it. */
export function cellWhen(c: LedgerCell): string {
  return c.byEnd ? 'by the end' : `step ${stepNumber(c.step!)}`;
}

/** The same as a phrase in a sentence: "at step 16", or "by the end of the run (no step established it)". */
export function cellWhenPhrase(c: LedgerCell): string {
  return c.byEnd ? 'by the end of the run (no step established it)' : `at step ${stepNumber(c.step!)}`;
}

/** Where a cell stands, as one sentence for its accessible name and tooltip. */
function cellSentence(c: LedgerCell): string {
  if (c.level === null) return `${c.property}: ${NOT_YET.word}. ${NOT_YET.tip}`;
  return `${c.property}: ${LEVEL_WORDS[c.level].word} ${cellWhenPhrase(c)}${c.check ? ` (${c.check})` : ''} — ${c.why}`;
}

interface CellsProps {
  readonly lane: LaneIndex;
  readonly run: Run | null;
  readonly position: number;
  readonly verifying: boolean;
  /** Step of this lane selected, if any: the cells it decides are outlined. */
  readonly selectedStep: number | null;
  readonly evidence: Property | null;
  /** Properties a what-if fork changed, with their level before (right lane only). */
  readonly was: ReadonlyMap<Property, string>;
  readonly title: string;
}

const Cells = memo(function Cells({ lane, run, position, verifying, selectedStep, evidence, was, title }: CellsProps) {
  const { showEvidence } = useSelectionActions();
  const cells = useMemo(() => (run ? ledgerAt(run, position) : []), [run, position]);
  if (!run) return <div className="lane-ledger empty" />;
  return (
    <div className="lane-ledger" role="group" aria-label={`What the verifier can conclude (${title})`} data-verifying={verifying || undefined}>
      {cells.map((c) => {
        const level = verifying ? null : c.level;
        const before = was.get(c.property);
        const decides = selectedStep !== null && !c.byEnd && c.step === selectedStep;
        const cls = `lcell level-${level ?? 'notyet'}${c.changed && !verifying ? ' just' : ''}${decides ? ' decides' : ''}${evidence === c.property ? ' chosen' : ''}${before ? ' changed' : ''}`;
        const sentence = verifying ? `${c.property}: verifying…` : cellSentence(c) + (before ? ` (changed by the what-if: was ${before})` : '');
        return (
          <button
            key={c.property}
            type="button"
            className={cls}
            data-property={c.property}
            aria-label={`${sentence}. Show the step and the bytes.`}
            title={`${PROPERTY_QUESTIONS[c.property]}\n${level ? `${LEVEL_WORDS[level].tip}\n${c.why}` : NOT_YET.tip}`}
            onClick={() => showEvidence(lane, c.property)}>
            <span className="lcell-prop">{c.property}</span>
            <span className="lcell-level">
              <span className="level-name">{verifying ? 'verifying…' : level ? LEVEL_WORDS[level].word : NOT_YET.word}</span>
              {level && <span className="lcell-step">{cellWhen(c)}</span>}
              {before && <span className="lcell-was">was {before}</span>}
            </span>
          </button>
        );
      })}
    </div>
  );
});

/**
 * A lane's ledger, beside its diagram and live: each property reads "not yet" until the step
 * that decides it, then its level and that step's number; the cell decided by the step just shown
 * is marked, and one click shows the deciding step and the bytes that carry it. It follows a step
 * once the step's frame has painted, like the other panels; at the first start its cells come
 * once both lanes are on screen (an empty box holds their place until then).
 */
export function LaneLedger({ lane, title }: { lane: LaneIndex; title: string }) {
  if (!useLanesShown()) return <div className="lane-ledger pending" aria-hidden="true" />;
  return <LiveLedger lane={lane} title={title} />;
}

function LiveLedger({ lane, title }: { lane: LaneIndex; title: string }) {
  const { lanes, selected, evidence } = useSelectionAfterPaint();
  const { run, position, verifying } = lanes[lane];
  const fork = useFork();
  const was = useMemo(() => new Map(lane === 1 && fork ? fork.result.changedLedger.map((c) => [c.property, LEVEL_WORDS[c.before].word] as const) : []), [fork, lane]);
  return (
    <Cells
      lane={lane}
      run={run}
      position={position}
      verifying={verifying === true}
      selectedStep={selected?.lane === lane ? selected.step : null}
      evidence={evidence?.lane === lane ? evidence.property : null}
      was={was}
      title={title}
    />
  );
}

/** The diagram's tags, as the legend explains them. */
const MARKS = [
  { word: 'signed', tip: 'The message carries a signature; the tag says whose key made it.' },
  { word: 'claim', tip: 'The message’s decisive content is an unsigned claim or a bearer token: the receiver has only the sender’s word.' },
] as const;

/** The level words with their one-sentence meaning, and what the diagram's marks mean (after the first start's lanes are on screen; its line is held until then). */
export function Legend() {
  if (!useLanesShown()) return <div className="legend-bar pending" aria-hidden="true" />;
  return (
    <div className="legend-bar" role="note" aria-label="How to read the lanes">
      <span className="legend-title">Ledger:</span>
      {(['proven', 'attested', 'asserted', 'absent', 'failed'] as const).map((l) => (
        <span key={l} className={`legend-item level-${l}`} title={LEVEL_WORDS[l].tip}>
          <span className="level-name">{LEVEL_WORDS[l].word}</span>
          <span className="sr-only"> — {LEVEL_WORDS[l].tip}</span>
        </span>
      ))}
      <span className="legend-item level-notyet" title={NOT_YET.tip}>
        <span className="level-name">{NOT_YET.word}</span>
        <span className="sr-only"> — {NOT_YET.tip}</span>
      </span>
      <span className="legend-sep" aria-hidden="true" />
      <span className="legend-title">Diagram:</span>
      {MARKS.map((m) => (
        <span key={m.word} className="legend-item" title={m.tip}>
          <svg width="16" height="12" aria-hidden="true">
            {m.word === 'signed' ? <KeyGlyph x={3} y={6} /> : <ClaimGlyph x={8} y={6} />}
          </svg>
          {m.word}
          <span className="sr-only"> — {m.tip}</span>
        </span>
      ))}
      <span className="legend-item legend-attack" title="The attacker performs or alters this step.">
        ⚠ attacker
      </span>
      <span className="legend-item legend-fail" title="An actor refused here: the check that failed is named beside the mark.">
        ✗ refused (check)
      </span>
    </div>
  );
}

/** A key: the seal of a signed message (drawn, so it looks the same everywhere, exports included). */
export function KeyGlyph({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x},${y})`} className="key-glyph">
      <circle cx={0} cy={0} r={3} />
      <path d="M3,0 H11 M8,0 V3 M11,0 V3" />
    </g>
  );
}

/** A speech bubble: a claim, someone's word. */
export function ClaimGlyph({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x},${y})`} className="claim-glyph">
      <path d="M-6,-5 H6 V2 H-1 L-4,5 V2 H-6 Z" />
    </g>
  );
}
