import { useId } from 'react';
import { SPEEDS } from '../store/playbackSlice.js';
import { useAppReduceMotion, useLaneTitles, usePlayback, usePlaybackActions, usePrefsActions } from '../store/hooks.js';

/** Previous / Play / Next, speed, lockstep by phase, and the app's own "Reduce motion". */
export function PlaybackBar() {
  const { playing, speed, sync, activeLane } = usePlayback();
  const { previous, next, togglePlay, setSpeed, setSync, setActiveLane } = usePlaybackActions();
  const reduceMotion = useAppReduceMotion();
  const { setReduceMotion } = usePrefsActions();
  const titles = useLaneTitles();
  const id = useId();
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" onClick={previous} aria-keyshortcuts="ArrowLeft">
        ◀ Previous step
      </button>
      <button type="button" onClick={togglePlay} aria-keyshortcuts="Space" className="primary">
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={next} aria-keyshortcuts="ArrowRight">
        Next step ▶
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
      <span className="keys muted" aria-hidden="true">
        ← → step · Space play · Home / End
      </span>
    </div>
  );
}
