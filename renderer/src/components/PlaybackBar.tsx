import { TermHelp } from './SpecLink.js';
import { useId } from 'react';
import { atEnd, atStart, SPEEDS } from '../store/playbackSlice.js';
import { useViewStore } from '../store/context.js';
import { useAppReduceMotion, useLaneTitles, usePlayback, usePlaybackActions, usePrefsActions } from '../store/hooks.js';

/** Previous / Play / Next, speed, lockstep by phase, and the app's own "Reduce motion". */
export function PlaybackBar() {
  const { playing, speed, sync, activeLane } = usePlayback();
  const { previous, next, togglePlay, setSpeed, setSync, setActiveLane } = usePlaybackActions();
  const reduceMotion = useAppReduceMotion();
  const { setReduceMotion } = usePrefsActions();
  const titles = useLaneTitles();
  const id = useId();
  // Both change only at the ends, so stepping in the middle does not render the bar again.
  const ended = useViewStore(atEnd);
  const started = !useViewStore(atStart);
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" onClick={previous} aria-keyshortcuts="ArrowLeft" disabled={!started} aria-label="Previous step">
        ◀ Previous
      </button>
      <button type="button" onClick={togglePlay} aria-keyshortcuts="Space" className="primary">
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={next} aria-keyshortcuts="ArrowRight" disabled={ended} aria-label="Next step">
        Next ▶
      </button>
      <label htmlFor={`${id}-speed`}>Speed</label>
      <select id={`${id}-speed`} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={sync} onChange={(e) => setSync(e.target.checked)} /> Step lanes together by phase
      </label>
      <TermHelp term="sync" label="Step lanes together by phase" />
      {!sync && (
        <span className="chooser-option">
          <label htmlFor={`${id}-active`}>Controls step</label>
          <select id={`${id}-active`} value={activeLane} onChange={(e) => setActiveLane(Number(e.target.value) as 0 | 1)}>
            {titles.map((title, i) => (
              <option key={i} value={i}>
                {i === 0 ? 'Left' : 'Right'}: {title}
              </option>
            ))}
          </select>
        </span>
      )}
      <label className="check">
        <input type="checkbox" checked={reduceMotion} onChange={(e) => setReduceMotion(e.target.checked)} /> Reduce motion
      </label>
    </div>
  );
}
