import { useMemo } from 'react';
import { useLane, usePlaybackActions } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';

/** A lane's position: "Step N / M", a slider, and a marker at the start of each phase. */
export function Scrubber({ lane, title }: { lane: LaneIndex; title: string }) {
  const { run, position } = useLane(lane);
  const { seek } = usePlaybackActions();
  const total = run?.steps.length ?? 0;
  const markers = useMemo(() => {
    const out: { phase: string; index: number; count: number }[] = [];
    run?.steps.forEach((s, i) => {
      const last = out[out.length - 1];
      if (last && last.phase === s.phase) last.count++;
      else out.push({ phase: s.phase, index: i, count: 1 });
    });
    return out;
  }, [run]);
  const current = run && position > 0 ? run.steps[position - 1] : undefined;
  return (
    <div className="scrubber">
      <div className="scrubber-row">
        <span className="step-count" data-testid={`step-count-${lane}`}>
          Step {position} / {total}
        </span>
        <input
          type="range"
          min={0}
          max={total}
          step={1}
          value={position}
          aria-label={`Position in the ${title} run`}
          aria-valuetext={`Step ${position} of ${total}${current ? `, phase ${current.phase}` : ''}`}
          onChange={(e) => seek(lane, Number(e.target.value))}
          disabled={total === 0}
        />
      </div>
      <div className="phase-markers" aria-label={`Phases of the ${title} run`} role="group">
        {markers.map((m) => (
          <button
            key={m.phase + m.index}
            type="button"
            className={`phase-marker${current?.phase === m.phase ? ' on' : ''}`}
            aria-label={`Jump to phase ${m.phase}`}
            title={`Jump to phase ${m.phase}`}
            onClick={() => seek(lane, m.index + 1)}
          >
            {m.phase}
          </button>
        ))}
      </div>
    </div>
  );
}
