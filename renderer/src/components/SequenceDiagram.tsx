import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { BASE_MS, motionDuration } from '../anim/duration.js';
import { createAnimatorAfterPaint } from '../anim/loadAnimator.js';
import type { MessageAnimator } from '../anim/messageAnimator.js';
import type { ActorInfo, Step } from '../core.js';
import { afterNextPaint } from '../perf/frames.js';
import { afterLanePainted, diagramTimingName } from '../perf/marks.js';
import { laneActors } from '../model/actors.js';
import { diagramGeometry, fitLabel, HEAD } from '../model/diagram.js';
import { useViewStore, useViewStoreApi } from '../store/context.js';
import { useCurrentStep, useLane, usePlayback, useReducedMotion, useSelectionActions, useSharedLayout } from '../store/hooks.js';
import { selectSelected } from '../store/selectors.js';
import type { LaneIndex } from '../store/types.js';
import { useElementWidth } from './useElementWidth.js';

function stepName(step: Step, actorName: (id: string) => string): string {
  const route = step.kind === 'message' ? `${actorName(step.from)} to ${actorName(step.to)}` : `at ${actorName(step.from)}`;
  return `Step ${step.index + 1}, ${step.phase}: ${step.label}, ${route}${step.attacker ? ', by the attacker' : ''}`;
}

interface StepMarkProps {
  readonly lane: LaneIndex;
  readonly step: Step;
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  readonly width: number;
  readonly state: 'past' | 'current' | 'future';
  readonly selected: boolean;
  readonly disputed: boolean;
  readonly actors: readonly ActorInfo[];
  readonly onSelect: (lane: LaneIndex, index: number) => void;
}

/**
 * One step's row. Memoised on plain values: a step forward changes two or three rows (the one
 * that was current, the new current one, the selection), so only those render again.
 */
const StepMark = memo(function StepMark({ lane, step, y, x0, x1, width, state, selected, disputed, actors, onSelect }: StepMarkProps) {
  const shown = state !== 'future';
  const cls = `step ${state}${step.attacker ? ' attacker' : ''}${selected ? ' selected' : ''}${disputed ? ' disputed' : ''}`;
  const nameOf = (id: string) => actors.find((a) => a.id === id)?.name ?? id;
  const interactive = shown
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-pressed': selected,
        'aria-label': stepName(step, nameOf) + (disputed ? ', disputed by re-verification' : ''),
        onClick: () => onSelect(lane, step.index),
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            e.stopPropagation();
            onSelect(lane, step.index);
          }
        },
      }
    : { 'aria-hidden': true };
  if (step.kind === 'local' || x0 === x1) {
    const right = x0 + 14 + 150 < width;
    return (
      <g className={cls} data-step={step.index} {...interactive}>
        <rect x={x0 - 60} y={y - 12} width={width} height={24} className="hit" />
        <rect x={x0 - 6} y={y - 8} width={12} height={16} rx={3} className="local-box" />
        {shown && (
          <text x={right ? x0 + 12 : x0 - 12} y={y + 4} textAnchor={right ? 'start' : 'end'} className="step-label">
            {(step.attacker ? '⚠ ' : '') + fitLabel(step.label, 150)}
          </text>
        )}
      </g>
    );
  }
  const mid = (x0 + x1) / 2;
  const dir = x1 > x0 ? 1 : -1;
  return (
    <g className={cls} data-step={step.index} {...interactive}>
      <rect x={Math.min(x0, x1)} y={y - 13} width={Math.abs(x1 - x0)} height={24} className="hit" />
      <line x1={x0} x2={x1 - dir * 2} y1={y + 4} y2={y + 4} className="message" markerEnd={`url(#arrow-${lane}${step.attacker ? '-attack' : state === 'current' ? '-current' : ''})`} />
      {shown && (
        <text x={mid} y={y - 2} textAnchor="middle" className="step-label">
          {(step.attacker ? '⚠ ' : '') + fitLabel(step.label, Math.abs(x1 - x0) - 6)}
        </text>
      )}
    </g>
  );
});

/**
 * An Element Timing name (an attribute, no code): the browser reports when text carrying it was
 * first presented on screen (see diagramTimingName in perf/marks.ts).
 */
const elementTiming = (name: string) => ({ elementtiming: name }) as Record<string, string>;

/** An actor's box in the diagram's head; renders again only when its involvement changes. */
const ActorHead = memo(function ActorHead({ lane, actor: a, x, column, involved }: { lane: LaneIndex; actor: ActorInfo; x: number; column: number; involved: boolean }) {
  const boxW = Math.min(column - 6, 150);
  return (
    <g className={`actor${involved ? ' involved' : ''}${a.id === 'attacker' ? ' actor-attacker' : ''}`} role="img" aria-label={`${a.name}, ${a.role}${involved ? ', involved in this step' : ''}`}>
      <title>{`${a.name}: ${a.role}`}</title>
      <line x1={x} x2={x} y1={HEAD - 4} y2={HEAD} className="lifeline" />
      <rect x={x - boxW / 2} y={3} width={boxW} height={HEAD - 8} rx={6} className="actor-box" />
      <text x={x} y={20} textAnchor="middle" className="actor-name" {...elementTiming(diagramTimingName(lane))}>
        {fitLabel(a.name, boxW - 6)}
      </text>
      <text x={x} y={35} textAnchor="middle" className="actor-role">
        {fitLabel(a.role, boxW - 6)}
      </text>
    </g>
  );
});

/** What does not change as the lane steps: arrowheads and phase bands. */
const DiagramBackground = memo(function DiagramBackground({ lane, geo }: { lane: LaneIndex; geo: ReturnType<typeof diagramGeometry> }) {
  return (
    <>
      <defs>
        <marker id={`arrow-${lane}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
        <marker id={`arrow-${lane}-attack`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead arrowhead-attack" />
        </marker>
        <marker id={`arrow-${lane}-current`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead arrowhead-current" />
        </marker>
      </defs>
      {geo.bands.map((b) => (
        <g key={b.index} className={`band band-${b.index % 2}`}>
          <rect x={0} y={b.y0} width={geo.width} height={b.y1 - b.y0} />
          <text x={6} y={b.y0 + 15} className="band-label">
            {b.phase}
          </text>
        </g>
      ))}
    </>
  );
});

/** An actor's lifeline down the diagram. */
const Lifeline = memo(function Lifeline({ x, height, involved }: { x: number; height: number; involved: boolean }) {
  return <line x1={x} x2={x} y1={0} y2={height} className={`lifeline${involved ? ' involved' : ''}`} />;
});

/** The diagram's width where its box has none (hidden) and before it is measured. */
const FALLBACK_WIDTH = 600;

/** One lane's sequence diagram: lifelines, phase bands shared with the other lane, and messages. */
export function SequenceDiagram({ lane }: { lane: LaneIndex }) {
  const { run, position, disagreements } = useLane(lane);
  const layout = useSharedLayout();
  const selected = useViewStore(selectSelected);
  const { selectStep } = useSelectionActions();
  const { speed } = usePlayback();
  const reduced = useReducedMotion();
  const current = useCurrentStep(lane);
  const api = useViewStoreApi();

  const boxRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const tokenRef = useRef<SVGGElement>(null);
  const animator = useRef<MessageAnimator | null>(null);
  const prevPosition = useRef(position);
  // Null until measured (before the first paint): the diagram is drawn once, at its width.
  const measured = useElementWidth(bodyRef, FALLBACK_WIDTH, run === null);
  const width = measured ?? FALLBACK_WIDTH;

  const actors = useMemo(() => (run ? laneActors(run) : []), [run]);
  const geo = useMemo(() => diagramGeometry(actors, layout, width), [actors, layout, width]);
  const rows = layout.stepRow[lane] ?? [];
  const disputed = useMemo(() => new Set(disagreements.flatMap((d) => (d.step === null ? [] : [d.step]))), [disagreements]);

  // The d3 animator owns its <g>: created once the diagram has a run and has painted (its module
  // loads after the first paint), destroyed on unmount.
  const hasRun = run !== null && measured !== null;
  useEffect(() => {
    if (!hasRun || !tokenRef.current) return;
    const cancel = createAnimatorAfterPaint(
      tokenRef.current,
      (key) => api.getState().messageSettled(lane, Number(key.split(':')[1])),
      (a) => (animator.current = a),
    );
    return () => {
      cancel();
      animator.current?.destroy();
      animator.current = null;
    };
  }, [api, lane, hasRun]);

  // Both lanes painted for the first time: the start-time mark `npm run bench` reads.
  useEffect(() => (hasRun ? afterLanePainted(lane) : undefined), [hasRun, lane]);

  // A step forward animates its message; any other move jumps to the end state. The animator
  // starts once the frame that shows the step has painted, so that frame carries none of its work.
  useEffect(() => {
    const forward = position === prevPosition.current + 1;
    prevPosition.current = position;
    if (!animator.current) return;
    if (!current || current.kind !== 'message' || !forward) return afterNextPaint(() => animator.current?.update(null));
    const move = {
      key: `${run?.seed}-${run?.flow}:${current.index}:${position}`,
      x0: geo.x(current.from),
      x1: geo.x(current.to),
      y: geo.y(rows[current.index] ?? 0),
      attacker: current.attacker ?? false,
      duration: motionDuration(BASE_MS, { reduced, speed }),
    };
    return afterNextPaint(() => animator.current?.update(move));
  }, [current, position, geo, rows, reduced, speed, run]);

  // Keep the step just shown in the middle of the rows' viewport (this box only, never the page).
  // Reading and writing the scroll position needs layout: it waits until the frame that shows the
  // step has painted, when layout is up to date, rather than forcing one inside the key press.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !current) return;
    const y = geo.y(rows[current.index] ?? 0);
    return afterNextPaint(() => {
      const top = body.scrollTop;
      const height = body.clientHeight;
      if (y < top + 30 || y > top + height - 30) body.scrollTop = Math.max(0, y - height / 2);
    });
  }, [current, geo, rows]);

  if (!run) return <div className="diagram-empty">No run yet.</div>;

  const involved = new Set(current ? [current.from, current.to, ...(current.attacker ? ['attacker'] : [])] : []);

  return (
    <div className="diagram" ref={boxRef}>
      {/* Until the body's width is measured (a layout effect, before the first paint) the box holds its height only. */}
      {measured !== null && (
        <svg className="diagram-head" width={geo.width} height={HEAD} role="group" aria-label="Actors">
          {actors.map((a) => (
            <ActorHead key={a.id} lane={lane} actor={a} x={geo.x(a.id)} column={geo.column} involved={involved.has(a.id)} />
          ))}
        </svg>
      )}
      <div className="diagram-body" ref={bodyRef} style={measured === null ? { height: geo.height } : undefined}>
        {measured !== null && (
          <svg width={geo.width} height={geo.height} role="group" aria-label={`Sequence diagram, ${run.steps.length} steps`}>
            <DiagramBackground lane={lane} geo={geo} />
            {actors.map((a) => (
              <Lifeline key={a.id} x={geo.x(a.id)} height={geo.height} involved={involved.has(a.id)} />
            ))}
            {run.steps.map((step) => {
              const state = step.index < position - 1 ? 'past' : step.index === position - 1 ? 'current' : 'future';
              return (
                <StepMark
                  key={step.index}
                  lane={lane}
                  step={step}
                  y={geo.y(rows[step.index] ?? 0)}
                  x0={geo.x(step.from)}
                  x1={geo.x(step.to)}
                  width={geo.width}
                  state={state}
                  selected={selected?.lane === lane && selected.step === step.index}
                  disputed={disputed.has(step.index)}
                  actors={actors}
                  onSelect={selectStep}
                />
              );
            })}
            <g ref={tokenRef} className="tokens" aria-hidden="true" />
          </svg>
        )}
      </div>
    </div>
  );
}
