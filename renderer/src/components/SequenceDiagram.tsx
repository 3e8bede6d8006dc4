import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { BASE_MS, motionDuration } from '../anim/duration.js';
import { createAnimatorAfterPaint } from '../anim/loadAnimator.js';
import type { MessageAnimator } from '../anim/messageAnimator.js';
import type { ActorInfo, Step } from '../core.js';
import { afterNextPaint } from '../perf/frames.js';
import { afterLanePainted, diagramTimingName } from '../perf/marks.js';
import { laneActors } from '../model/actors.js';
import { stepChip, type StepChip } from '../model/chips.js';
import { carriageSentence, carriageTag, stepCarries, stepNumber, testsNoPresence, type Carriage } from '../core.js';
import { boldSansWidth, DESK, diagramGeometry, monoWidth, placeLabel, PRESENTER, sansWidth, wrapWords, type DiagramGeometry, type DiagramSizes } from '../model/diagram.js';
import { ClaimGlyph, KeyGlyph } from './LaneLedger.js';
import { useViewStore, useViewStoreApi } from '../store/context.js';
import { useCurrentStep, useLane, usePlayback, useReducedMotion, useSelectionActions, useSharedLayout } from '../store/hooks.js';
import { selectPresenter, selectRun0, selectRun1, selectSelected } from '../store/selectors.js';
import type { LaneIndex } from '../store/types.js';
import { useElementWidth } from './useElementWidth.js';

/** What the marks on a step say, computed once per run (from core: the bytes, the checks). */
interface StepMarks {
  readonly carriage: Carriage | null;
  /** The checks that failed at this step: an actor refused here. */
  readonly failed: readonly string[];
  /** An SMS bubble or a number-matching chip beside the label (model/chips.ts). */
  readonly chip: StepChip | null;
}

function stepName(step: Step, marks: StepMarks, actorName: (id: string) => string): string {
  const route = step.kind === 'message' ? `${actorName(step.from)} to ${actorName(step.to)}` : `at ${actorName(step.from)}`;
  const carries = marks.carriage ? `, ${carriageSentence(marks.carriage, actorName)}` : '';
  const refused = marks.failed.length > 0 ? `, refused: ${marks.failed.join(', ')} failed` : '';
  const chip = marks.chip ? `, ${marks.chip.title}` : '';
  return `Step ${stepNumber(step.index)}, ${step.phase}: ${step.label}, ${route}${step.attacker ? ', by the attacker' : ''}${chip}${carries}${refused}`;
}

interface StepMarkProps {
  readonly lane: LaneIndex;
  readonly step: Step;
  readonly marks: StepMarks;
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  readonly width: number;
  readonly sizes: DiagramSizes;
  readonly state: 'past' | 'current' | 'future';
  readonly selected: boolean;
  readonly disputed: boolean;
  readonly actors: readonly ActorInfo[];
  readonly onSelect: (lane: LaneIndex, index: number) => void;
}

/** A tag on a message: a key and whose it is for a signature, a speech bubble for a claim. */
function CarriageTag({ carriage, x, y, sizes, actorName }: { carriage: Carriage; x: number; y: number; sizes: DiagramSizes; actorName: (id: string) => string }) {
  const text = carriageTag(carriage, actorName);
  const glyph = sizes.tag * 1.3;
  const w = glyph + monoWidth(text, sizes.tag) + 8;
  const h = sizes.tag + 6;
  return (
    <g className={`tag tag-${carriage.kind}`} transform={`translate(${x},${y})`}>
      <rect x={0} y={-h / 2} width={w} height={h} rx={h / 2} className="tag-box" />
      <g transform={`translate(${4 + glyph / 2 - (carriage.kind === 'signed' ? glyph * 0.3 : 0)},0) scale(${sizes.tag / 10.5})`}>
        {carriage.kind === 'signed' ? <KeyGlyph x={0} y={0} /> : <ClaimGlyph x={0} y={0} />}
      </g>
      <text x={glyph + 5} y={sizes.tag * 0.36} className="tag-text">
        {text}
      </text>
    </g>
  );
}

/** Width of a chip as Chip draws it (an SMS bubble has its tail inside this width). */
function chipWidth(chip: StepChip, sizes: DiagramSizes): number {
  return monoWidth(chip.text, sizes.tag) + (chip.kind === 'sms' ? 14 : 10);
}

/** An SMS bubble (the mobile network carries it) or the number of number matching, beside a label. */
function Chip({ chip, x, y, sizes }: { chip: StepChip; x: number; y: number; sizes: DiagramSizes }) {
  const w = chipWidth(chip, sizes);
  const h = sizes.tag + 5;
  return (
    <g className={`chip chip-${chip.kind}`} transform={`translate(${x},${y})`}>
      <title>{chip.title}</title>
      {chip.kind === 'sms' ? (
        // A speech bubble with its tail at the lower left, as a phone draws a text message.
        <path d={`M4,${-h / 2} H${w - 4} Q${w},${-h / 2} ${w},${-h / 2 + 4} V${h / 2 - 4} Q${w},${h / 2} ${w - 4},${h / 2} H9 L3,${h / 2 + 4} L5,${h / 2} Q0,${h / 2} 0,${h / 2 - 4} V${-h / 2 + 4} Q0,${-h / 2} 4,${-h / 2} Z`} className="chip-box" />
      ) : (
        <rect x={0} y={-h / 2} width={w} height={h} rx={3} className="chip-box" />
      )}
      <text x={chip.kind === 'sms' ? 7 : 5} y={sizes.tag * 0.36} className="chip-text">
        {chip.text}
      </text>
    </g>
  );
}

/** Width of a carriage tag as CarriageTag draws it. */
function tagWidth(carriage: Carriage, sizes: DiagramSizes, actorName: (id: string) => string): number {
  return sizes.tag * 1.3 + monoWidth(carriageTag(carriage, actorName), sizes.tag) + 8;
}

/**
 * One step's row: its label (placed whole, shifted to stay inside the diagram, never cut), the
 * arrow or local box, a tag saying what the message carries, and ✗ with the check that failed.
 * Memoised on plain values: a step forward changes two or three rows, so only those render again.
 */
const StepMark = memo(function StepMark({ lane, step, marks, y, x0, x1, width, sizes, state, selected, disputed, actors, onSelect }: StepMarkProps) {
  const shown = state !== 'future';
  const cls = `step ${state}${step.attacker ? ' attacker' : ''}${selected ? ' selected' : ''}${disputed ? ' disputed' : ''}${marks.failed.length ? ' refused' : ''}${marks.carriage ? ` carries-${marks.carriage.kind}` : ''}`;
  const nameOf = (id: string) => actors.find((a) => a.id === id)?.name ?? id;
  const name = stepName(step, marks, nameOf) + (disputed ? ', disputed by re-verification' : '');
  const interactive = shown
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-pressed': selected,
        'aria-label': name,
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
  const label = `${stepNumber(step.index)}. ${step.attacker ? '⚠ ' : ''}${step.label}`;
  const labelW = monoWidth(label, sizes.label);
  const fail = marks.failed.length > 0 ? `✗ ${marks.failed[0]}${marks.failed.length > 1 ? ` +${marks.failed.length - 1}` : ''}` : '';
  const failW = fail ? monoWidth(fail, sizes.tag) + 6 : 0;
  const chipW = marks.chip ? chipWidth(marks.chip, sizes) + 6 : 0;
  const min = 4;
  const max = width - 4;
  const half = sizes.row / 2;
  if (step.kind === 'local' || x0 === x1) {
    // The label beside the box, on the side with room; the ✗ after it.
    const box = sizes.label * 0.55;
    const need = labelW + chipW + (fail ? failW + 6 : 0);
    const right = x0 + box + 6 + need <= max || x0 - box - 6 - need < min;
    const lx = right ? x0 + box + 6 : x0 - box - 6 - need;
    const start = Math.max(min, Math.min(lx, max - need));
    return (
      <g className={cls} data-step={step.index} {...interactive}>
        <title>{name}</title>
        <rect x={0} y={y - half} width={width} height={sizes.row} className="hit" />
        <rect x={x0 - box / 2} y={y - box * 0.7} width={box} height={box * 1.4} rx={3} className="local-box" />
        {shown && (
          <text x={start} y={y + sizes.label * 0.35} className="step-label">
            {label}
          </text>
        )}
        {shown && marks.chip && <Chip chip={marks.chip} x={start + labelW + 6} y={y} sizes={sizes} />}
        {shown && fail && (
          <text x={start + labelW + chipW + 6} y={y + sizes.tag * 0.35} className="fail-mark">
            {fail}
          </text>
        )}
      </g>
    );
  }
  const mid = (x0 + x1) / 2;
  const dir = x1 > x0 ? 1 : -1;
  const lineY = y + sizes.row * 0.16;
  // The chip rides after the label: both are placed as one, inside the diagram.
  const labelX = placeLabel(mid, labelW + chipW, min, max);
  const tagW = marks.carriage ? tagWidth(marks.carriage, sizes, nameOf) : 0;
  const tagX = placeLabel(mid, tagW, min, max);
  // ✗ at the receiver's end, on the side away from the arrow when there is room.
  const failX = dir > 0 ? (x1 + 6 + failW <= max ? x1 + 6 : Math.max(min, x1 - 6 - failW)) : x1 - 6 - failW >= min ? x1 - 6 - failW : Math.min(max - failW, x1 + 6);
  return (
    <g className={cls} data-step={step.index} {...interactive}>
      <title>{name}</title>
      <rect x={Math.min(x0, x1, labelX)} y={y - half} width={Math.max(Math.abs(x1 - x0), labelW + chipW)} height={sizes.row} className="hit" />
      <line x1={x0} x2={x1 - dir * 2} y1={lineY} y2={lineY} className="message" markerEnd={`url(#arrow-${lane}${step.attacker ? '-attack' : state === 'current' ? '-current' : ''})`} />
      {shown && (
        <text x={labelX} y={lineY - sizes.label * 0.45 - sizes.tag * 0.5} className="step-label">
          {label}
        </text>
      )}
      {shown && marks.chip && <Chip chip={marks.chip} x={labelX + labelW + 6} y={lineY - sizes.label * 0.45 - sizes.tag * 0.5 - sizes.label * 0.35} sizes={sizes} />}
      {/* The tag sits on the arrow, like a seal on the message. */}
      {shown && marks.carriage && <CarriageTag carriage={marks.carriage} x={tagX} y={lineY} sizes={sizes} actorName={nameOf} />}
      {shown && fail && (
        <text x={failX} y={lineY + sizes.tag * 0.35} className="fail-mark">
          {fail}
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

/** An actor's box in the diagram's head: its name (and role) wrapped to fit, never cut; renders again only when its involvement changes. */
const ActorHead = memo(function ActorHead({ lane, actor: a, x, column, involved, sizes }: { lane: LaneIndex; actor: ActorInfo; x: number; column: number; involved: boolean; sizes: DiagramSizes }) {
  const boxW = Math.max(40, Math.min(column - 4, Math.max(170, sizes.name * 9.5)));
  const inner = boxW - 8;
  // Wrapped once per name and size: a step changes only whether the actor is involved.
  const nameLines = useMemo(() => actorNameLines(a.name, inner, sizes.name), [a.name, inner, sizes.name]);
  const roleLines = useMemo(() => (sizes.role ? wrapWords(a.role, inner, (t) => sansWidth(t, sizes.role!)) : []), [a.role, inner, sizes.role]);
  const lineH = (px: number) => px * 1.18;
  const textH = nameLines.length * lineH(sizes.name) + roleLines.length * lineH(sizes.role ?? 0);
  const top = Math.max(2, (sizes.head - 4 - textH) / 2);
  return (
    <g className={`actor${involved ? ' involved' : ''}${a.id === 'attacker' ? ' actor-attacker' : ''}`} role="img" aria-label={`${a.name}, ${a.role}${involved ? ', involved in this step' : ''}`}>
      <title>{`${a.name}: ${a.role}`}</title>
      <rect x={x - boxW / 2} y={2} width={boxW} height={sizes.head - 4} rx={6} className="actor-box" />
      <text x={x} textAnchor="middle" className="actor-name" {...elementTiming(diagramTimingName(lane))}>
        {nameLines.map((line, i) => (
          <tspan key={i} x={x} y={top + sizes.name * 0.9 + i * lineH(sizes.name)}>
            {line}
          </tspan>
        ))}
      </text>
      {roleLines.length > 0 && (
        <text x={x} textAnchor="middle" className="actor-role">
          {roleLines.map((line, i) => (
            <tspan key={i} x={x} y={top + nameLines.length * lineH(sizes.name) + sizes.role! * 0.95 + i * lineH(sizes.role!)}>
              {line}
            </tspan>
          ))}
        </text>
      )}
    </g>
  );
});

/**
 * An actor's name in its box, wrapped at its size (presenter mode keeps 20 px: a word too long for
 * the box is split at a syllable, "Authenti-cator", never shrunk below the projector's size).
 */
function actorNameLines(name: string, inner: number, size: number): string[] {
  return wrapWords(name, inner, (t) => boldSansWidth(t, size));
}

/** The actor head's height: enough for the tallest wrapped name and role. */
function headHeight(actors: readonly ActorInfo[], column: number, sizes: DiagramSizes): number {
  const inner = Math.max(40, Math.min(column - 4, Math.max(170, sizes.name * 9.5))) - 8;
  let h = 0;
  for (const a of actors) {
    const n = actorNameLines(a.name, inner, sizes.name).length * sizes.name * 1.18;
    const r = sizes.role ? wrapWords(a.role, inner, (t) => sansWidth(t, sizes.role!)).length * sizes.role * 1.18 : 0;
    h = Math.max(h, n + r + 12);
  }
  return Math.max(sizes.head, Math.ceil(h));
}

/** What does not change as the lane steps: arrowheads and phase bands (labelled in the gutter where there is one). */
const DiagramBackground = memo(function DiagramBackground({ lane, geo }: { lane: LaneIndex; geo: DiagramGeometry }) {
  const m = geo.sizes.label * 0.75;
  return (
    <>
      <defs>
        <marker id={`arrow-${lane}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth={m} markerHeight={m} orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
        <marker id={`arrow-${lane}-attack`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth={m} markerHeight={m} orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead arrowhead-attack" />
        </marker>
        <marker id={`arrow-${lane}-current`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth={m * 1.2} markerHeight={m * 1.2} orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead arrowhead-current" />
        </marker>
      </defs>
      {geo.bands.map((b) => (
        <g key={b.index} className={`band band-${b.index % 2}`}>
          <rect x={0} y={b.y0} width={geo.width} height={b.y1 - b.y0} />
          {geo.sizes.gutter >= 60 && (
            <text x={6} y={b.y0 + 15} className="band-label">
              {b.phase}
            </text>
          )}
        </g>
      ))}
    </>
  );
});

/**
 * A run with no gesture step (a one-time code: nothing tests that a person is present): the gesture
 * rows the other lane has are drawn here as an empty band that says so (DESIGN.md §8.3).
 */
const EmptyGestureBand = memo(function EmptyGestureBand({ y0, y1, width, sizes }: { y0: number; y1: number; width: number; sizes: DiagramSizes }) {
  const text = 'gesture · nothing tests presence';
  const w = sansWidth(text, sizes.tag) + 12;
  const x = Math.max(sizes.gutter, Math.min(width / 2 - w / 2, width - 4 - w));
  return (
    <g className="band band-empty" data-empty-band="gesture">
      <title>No step of this run tests that a person is present: no gesture, no presence flag, no sensor.</title>
      <rect x={0} y={y0} width={width} height={y1 - y0} className="band-empty-box" />
      <text x={x + 6} y={(y0 + y1) / 2 + sizes.tag * 0.36} className="band-empty-label">
        {text}
      </text>
    </g>
  );
});

/** An actor's lifeline down the diagram. */
const Lifeline = memo(function Lifeline({ x, height, involved }: { x: number; height: number; involved: boolean }) {
  return <line x1={x} x2={x} y1={0} y2={height} className={`lifeline${involved ? ' involved' : ''}`} />;
});

/** The lanes' scrolling bodies: while the lanes step together, scrolling one scrolls the other to the same row. */
const bodies: (HTMLDivElement | null)[] = [null, null];
const autoScrolled = [false, false];

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
  const keepInView = useRef<() => void>(() => undefined);
  // Null until measured (before the first paint): the diagram is drawn once, at its width.
  const measured = useElementWidth(bodyRef, FALLBACK_WIDTH, run === null);
  const width = measured ?? FALLBACK_WIDTH;

  const presenter = useViewStore(selectPresenter);
  const sizes = presenter ? PRESENTER : DESK;
  const actors = useMemo(() => (run ? laneActors(run) : []), [run]);
  const geo = useMemo(() => diagramGeometry(actors, layout, width, sizes, lane), [actors, layout, width, sizes, lane]);
  // Both lanes' heads are as tall as the taller needs, so their rows (and phase bands) start on one line.
  const other = useViewStore(lane === 0 ? selectRun1 : selectRun0);
  const otherActors = useMemo(() => (other ? laneActors(other) : []), [other]);
  const head = useMemo(
    () => Math.max(headHeight(actors, geo.column, sizes), otherActors.length ? headHeight(otherActors, diagramGeometry(otherActors, layout, width, sizes).column, sizes) : 0),
    [actors, otherActors, geo.column, layout, width, sizes],
  );
  const headSizes = useMemo(() => ({ ...sizes, head }), [sizes, head]);
  // What each step carries and where an actor refused: derived in core from the bytes and checks, once per run.
  const marks = useMemo<StepMarks[]>(
    () => (run ? run.steps.map((s, i) => ({ carriage: stepCarries(run.steps, i), failed: s.checks.filter((c) => c.status === 'fail').map((c) => c.id), chip: stepChip(s) })) : []),
    [run],
  );
  const rows = layout.stepRow[lane] ?? [];
  // No gesture step in this run: the shared gesture rows (the other lane's) are an empty band here.
  const emptyGesture = useMemo(() => {
    if (!run || !testsNoPresence(run.steps)) return [];
    const mine = new Set(rows);
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    // Only between this run's own steps: rows the other lane has after this run ended are not this run's story.
    return layout.bands.filter((b) => b.phase === 'gesture' && b.start > first && b.start + b.count - 1 < last && ![...Array(b.count).keys()].some((k) => mine.has(b.start + k))).map((b) => ({ y0: geo.y(b.start) - sizes.row / 2, y1: geo.y(b.start + b.count) - sizes.row / 2 }));
  }, [run, rows, layout, geo, sizes]);
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
  // While the lanes step together they scroll together where both current steps fit in view
  // (the same scroll position shows the same rows); where they do not, each lane keeps its own
  // current step in view.
  // The box can shrink after that (the outcome appears under the lanes at the last step, and the
  // diagrams' row gives it room): a change of the box's height checks again.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !current) return;
    const keep = () => {
      const s = api.getState();
      const height = body.clientHeight;
      const mine = geo.y(rows[current.index] ?? 0);
      const both = s.lanes.flatMap((l, i) => (l.position > 0 && layout.stepRow[i]?.[l.position - 1] !== undefined ? [geo.y(layout.stepRow[i]![l.position - 1]!)] : []));
      const lo = Math.min(...both);
      const hi = Math.max(...both);
      const together = s.sync && both.length === 2 && hi - lo + 60 <= height;
      const top = body.scrollTop;
      const inView = (y: number) => y >= top + 30 && y <= top + height - 30;
      if (together ? inView(lo) && inView(hi) : inView(mine)) return;
      autoScrolled[lane] = true;
      body.scrollTop = Math.max(0, (together ? (lo + hi) / 2 : mine) - height / 2);
    };
    keepInView.current = keep;
    return afterNextPaint(keep);
  }, [api, current, geo, rows, layout, lane]);
  useEffect(() => {
    const body = bodyRef.current;
    if (!hasRun || !body || typeof ResizeObserver === 'undefined') return;
    let height = -1;
    const ro = new ResizeObserver(() => {
      if (height >= 0 && body.clientHeight !== height) keepInView.current();
      height = body.clientHeight;
    });
    ro.observe(body);
    return () => ro.disconnect();
  }, [hasRun]);

  if (!run) return <div className="diagram-empty">No run yet.</div>;

  const involved = new Set(current ? [current.from, current.to, ...(current.attacker ? ['attacker'] : [])] : []);

  return (
    <div className="diagram" ref={boxRef}>
      {/* Until the body's width is measured (a layout effect, before the first paint) the box holds its height only. */}
      {measured !== null && (
        <svg className="diagram-head" width={geo.width} height={head} role="group" aria-label="Actors">
          {actors.map((a) => (
            <ActorHead key={a.id} lane={lane} actor={a} x={geo.x(a.id)} column={geo.column} involved={involved.has(a.id)} sizes={headSizes} />
          ))}
        </svg>
      )}
      <div
        className="diagram-body"
        ref={(el) => {
          bodyRef.current = el;
          bodies[lane] = el;
        }}
        onScroll={(e) => {
          // A scroll the diagram made itself (to its current step) is not one to copy.
          if (autoScrolled[lane]) {
            autoScrolled[lane] = false;
            return;
          }
          const other = bodies[lane === 0 ? 1 : 0];
          // Both diagrams share their rows: the same scroll position shows the same phase.
          if (other && api.getState().sync && Math.abs(other.scrollTop - e.currentTarget.scrollTop) > 1) other.scrollTop = e.currentTarget.scrollTop;
        }}
        style={measured === null ? { height: geo.height } : undefined}>
        {measured !== null && (
          <svg width={geo.width} height={geo.height} role="group" aria-label={`Sequence diagram, ${run.steps.length} steps`}>
            <DiagramBackground lane={lane} geo={geo} />
            {emptyGesture.map((b) => (
              <EmptyGestureBand key={b.y0} y0={b.y0} y1={b.y1} width={geo.width} sizes={sizes} />
            ))}
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
                  marks={marks[step.index]!}
                  sizes={sizes}
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
