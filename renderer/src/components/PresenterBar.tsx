import { useEffect, useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { noteOf } from '../store/presenterSlice.js';
import { atEnd, atStart } from '../store/playbackSlice.js';
import { useViewStore } from '../store/context.js';
import { noteStepOf, useLaneTitles, useMatrixActions, usePlaybackActions, useView, useNoteActions, useNoteStep, useSelectionAfterPaint, usePresenter, usePresenterActions, usePresenterPosition } from '../store/hooks.js';
import type { PresenterLanes } from '../store/types.js';
import { flowTitle } from '../model/names.js';
import { stepNumber } from '../core.js';

const NOTES_STYLE = `body{font:20px/1.45 system-ui,sans-serif;margin:16px;background:#111;color:#eee}h1{font-size:16px;color:#aaa;margin:0 0 8px}.step{font-size:24px;font-weight:700}.note{white-space:pre-wrap;font-size:26px;margin-top:12px}.none{color:#888}`;

/** The speaker notes in a second window (same origin, rendered from here through a portal). */
function NotesWindow({ win }: { win: Window }) {
  const target = useNoteStep();
  useEffect(() => {
    win.document.title = 'Proofline — speaker notes';
    const style = win.document.createElement('style');
    style.textContent = NOTES_STYLE;
    win.document.head.append(style);
    return () => style.remove();
  }, [win]);
  const note = noteOf(target?.step);
  return createPortal(
    <main aria-label="Speaker notes">
      <h1>Proofline · speaker notes</h1>
      {/* One numbering: the step as the lane, the caption and every export number it. */}
      <p className="step">
        {target ? `${flowTitle(target.run.flow)} · step ${stepNumber(target.step.index)} of ${target.run.steps.length}: ${target.step.label}` : 'No step shown yet'}
      </p>
      {target && <p>{target.step.caption}</p>}
      <p className={note ? 'note' : 'note none'}>{note || 'No note for this step.'}</p>
    </main>,
    win.document.body,
  );
}

/** The trainer's note on the current step: shown, and editable (saved with the trace). */
export function NotesPanel() {
  const { selected, lanes } = useSelectionAfterPaint(); // follows a step once it has painted
  const target = noteStepOf(selected, lanes);
  const { setStepNote } = useNoteActions();
  const id = useId();
  const note = noteOf(target?.step);
  // A draft belongs to the step it was typed at: a new step shows its own note, not that draft.
  const key = target ? `${target.lane}:${target.step.index}:${target.run.flow}` : '';
  const [typed, setTyped] = useState<{ key: string; text: string } | null>(null);
  const draft = typed?.key === key ? typed.text : null;
  const commit = () => {
    if (target && draft !== null) setStepNote(target.lane, target.step.index, draft);
    setTyped(null);
  };
  return (
    <section className="panel notes" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Speaker notes</h2>
      {!target && <p className="muted">Step into a run to read or write the note of a step.</p>}
      {target && (
        <>
          <p className="inspector-step">
            {flowTitle(target.run.flow)} · step {stepNumber(target.step.index)} · {target.step.label}
          </p>
          <label htmlFor={`${id}-note`}>Note for this step</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            value={draft ?? note}
            placeholder="What to say at this step (saved in the trace)"
            onChange={(e) => setTyped({ key, text: e.target.value })}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
              if (e.key === 'Escape') {
                e.stopPropagation();
                (e.target as HTMLTextAreaElement).blur();
              }
            }}
          />
        </>
      )}
    </section>
  );
}

/** Presenter mode's bar: "Step N / M", Previous / Next, what is shown (lanes, the ledger, the matrix), the notes, and the way out. */
export function PresenterBar() {
  const { presenterLanes, notesShown } = usePresenter();
  const { setPresenter, setPresenterLanes, setNotesShown } = usePresenterActions();
  const { previous, next, pause } = usePlaybackActions();
  const view = useView();
  const { setView } = useMatrixActions();
  const ended = useViewStore(atEnd);
  const started = !useViewStore(atStart);
  const shownValue = view === 'matrix' ? 'matrix' : view === 'ledger' ? 'ledger' : String(presenterLanes);
  const pos = usePresenterPosition();
  const titles = useLaneTitles();
  const [win, setWin] = useState<Window | null>(null);
  const [blocked, setBlocked] = useState(false);
  const id = useId();

  useEffect(() => {
    if (!win) return;
    const t = setInterval(() => {
      if (win.closed) setWin(null);
    }, 500);
    return () => clearInterval(t);
  }, [win]);
  // Leaving presenter mode closes the notes window.
  useEffect(() => () => win?.close(), [win]);

  const openWindow = () => {
    let w: Window | null = null;
    try {
      w = window.open('', 'proofline-notes', 'popup,width=560,height=420');
    } catch {
      w = null;
    }
    if (!w) {
      // Denied (the desktop shell denies every new window) or blocked: say so; docking the
      // notes on this screen stays the presenter's own choice ("Show notes").
      setBlocked(true);
      return;
    }
    setBlocked(false);
    setWin(w);
  };

  return (
    <div className="presenter-bar" role="toolbar" aria-label="Presenter">
      {/* Each lane's step by the number its caption shows (one numbering): "Step 8 / 17 · 4 / 15". */}
      <span className="presenter-step" data-testid="presenter-step" title={pos.map((p) => `${titles[p.lane]}: step ${p.n} of ${p.m}`).join('\n')}>
        Step{' '}
        {pos.map((p, i) => (
          <span key={p.lane} className="presenter-lane-step" aria-label={`${titles[p.lane]}: step ${p.n} of ${p.m}`}>
            {i > 0 && <span aria-hidden="true"> · </span>}
            {p.n} / {p.m}
          </span>
        ))}
        {pos.length === 0 && '0 / 0'}
      </span>
      <span className="presenter-nav">
        <button type="button" onClick={() => (pause(), previous())} disabled={!started || view !== 'lanes'} aria-label="Previous step" aria-keyshortcuts="PageUp">
          ◀
        </button>
        <button type="button" onClick={() => (pause(), next())} disabled={ended || view !== 'lanes'} aria-label="Next step" aria-keyshortcuts="PageDown">
          ▶
        </button>
      </span>
      <label htmlFor={`${id}-lanes`}>Show</label>
      <select id={`${id}-lanes`} value={shownValue} onChange={(e) => {
          const v = e.target.value;
          if (v === 'matrix' || v === 'ledger') setView(v);
          else {
            setView('lanes');
            setPresenterLanes((v === 'both' ? 'both' : Number(v)) as PresenterLanes);
          }
          e.target.blur(); // the clicker's keys go to the page again
        }}>
        <option value="both">Both lanes</option>
        <option value="0">Left: {titles[0]}</option>
        <option value="1">Right: {titles[1]}</option>
        <option value="ledger">The ledger</option>
        <option value="matrix">The outcome matrix</option>
      </select>
      <button type="button" aria-pressed={notesShown} onClick={() => setNotesShown(!notesShown)} title="Dock the speaker notes beside the lanes on this screen (the audience sees this screen too)">
        Show notes
      </button>
      <button type="button" onClick={openWindow} disabled={win !== null}>
        Notes window
      </button>
      {blocked && <span className="muted" role="status">No second window here: “Show notes” docks them on this screen.</span>}
      <button type="button" onClick={() => setPresenter(false)} aria-keyshortcuts="Escape">
        Leave presenter mode
      </button>
      <span className="keys muted" aria-hidden="true">
        PageDown / PageUp step · B black · Esc leaves
      </span>
      {win && <NotesWindow win={win} />}
    </div>
  );
}
