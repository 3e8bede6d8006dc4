import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import type { Property } from '../core.js';
import { whenLanesShown } from '../perf/marks.js';
import { selectedStepOf, useHoveredField, useSelectionActions, useSelectionAfterPaint } from '../store/hooks.js';

/**
 * The decoders (model/inspect.ts) and the hex view load with the first selection, not at start:
 * nothing is selected when the lanes are first drawn.
 */
const InspectorView = lazy(() => import('./InspectorView.js'));

const EMPTY = 'Select a message in a diagram (or step) to see its bytes.';

/**
 * The selected step's payloads. The selection follows every step, and decoding and drawing bytes
 * is the slowest part of a step: the inspector follows once the step's lanes have painted.
 */
export function Inspector() {
  const { selected, lanes, payload: payloadName, evidence } = useSelectionAfterPaint();
  const hovered = useHoveredField();
  const { selectPayload, hoverField, showEvidence } = useSelectionActions();
  const found = selectedStepOf(selected, lanes);
  const run = found?.run;
  const step = found?.step;
  const sel = useMemo(() => (run && step ? { run, step } : null), [run, step]);
  useEffect(() => whenLanesShown(preloadInspector), []);
  const lane = found?.lane;
  const chosen = evidence && lane === evidence.lane ? evidence.property : null;
  const show = useCallback((p: Property) => lane !== undefined && showEvidence(lane, p), [lane, showEvidence]);

  return (
    <section className="panel inspector" aria-labelledby="inspector-h">
      <h2 id="inspector-h">Inspector</h2>
      {!sel && <p className="muted">{EMPTY}</p>}
      {sel && (
        <Suspense fallback={<p className="muted">Loading the inspector…</p>}>
          <InspectorView sel={sel} evidence={chosen} showEvidence={show} payloadName={payloadName} hovered={hovered} selectPayload={selectPayload} hoverField={hoverField} />
        </Suspense>
      )}
    </section>
  );
}

/** Start loading the inspector's code (after the first paint), so the first selection shows at once. */
function preloadInspector(): void {
  void import('./InspectorView.js');
}
