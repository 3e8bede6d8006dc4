import { lazy, Suspense, useEffect, useRef, useState, type RefObject } from 'react';
import { atEnd } from '../store/playbackSlice.js';
import { useViewStoreApi } from '../store/context.js';
import { whenLanesShown } from '../perf/marks.js';
import { useLanesShown } from '../perf/useLanesShown.js';
import { useAlert, useExport, useHelp, usePlayback, usePresenter, useResponseBox, useTraceActions, useView, useWhatIf } from '../store/hooks.js';
import { ChecksPanel } from './ChecksPanel.js';
import { Inspector } from './Inspector.js';
import { Lane } from './Lane.js';
import { Legend } from './LaneLedger.js';
import { LedgerTable } from './LedgerTable.js';
import { PlaybackBar } from './PlaybackBar.js';
import { NotesPanel, PresenterBar } from './PresenterBar.js';
import { TopBar } from './TopBar.js';
import { WorkshopBar } from './WorkshopBar.js';

// The workshop panels load when first opened: nothing of them is needed to draw the lanes.
const MatrixView = lazy(() => import('./MatrixView.js'));
const ExportMenu = lazy(() => import('./ExportMenu.js'));
const ResponseBox = lazy(() => import('./ResponseBox.js'));
const WhatIfForm = lazy(() => import('./WhatIf.js'));
// The tour, the glossary and the shortcuts load on first use too.
const Guide = lazy(() => import('../guide/Guide.js'));

/** Set once the tour was finished or skipped (renderer/src/guide/Guide.tsx TOUR_SEEN_KEY). */
const TOUR_SEEN_KEY = 'proofline.tourSeen';

/** On a first start the tour opens once the lanes are on screen (its code loads then, not before). */
function useFirstStartTour(enabled: boolean) {
  const api = useViewStoreApi();
  useEffect(() => {
    // Automation (test runners, the bench, crawlers: navigator.webdriver) gets no onboarding
    // overlay over the page it drives; a person's first start does.
    if (!enabled || navigator.webdriver) return;
    let seen = true;
    try {
      seen = localStorage.getItem(TOUR_SEEN_KEY) !== null;
    } catch {
      seen = true; // no storage: do not show it at every start
    }
    if (seen) return;
    return whenLanesShown(() => {
      if (api.getState().help === null && !api.getState().presenter) api.getState().setHelp('tour');
    });
  }, [api, enabled]);
}

/** Interval between steps when playing, at speed 1. */
export const STEP_MS = 1400;

/** Keys that step the lanes; on a form control they must not change its value (issue 12 item 5). */
const STEP_KEYS = new Set(['ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageDown', 'PageUp']);

/**
 * Where a key press belongs to the focused control and the app leaves it alone: text fields (the
 * caret moves, the value does not change), and every key but the stepping keys on a select, radio,
 * checkbox or range. On those, a stepping key steps the lanes and its default (a new value) is
 * prevented.
 */
function ownsKey(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof Element)) return false;
  if (t.closest('textarea, [contenteditable="true"]')) return true;
  const input = t.closest('input, select');
  if (!input) return false;
  const choice = input instanceof HTMLSelectElement || ['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'color', 'file'].includes((input as HTMLInputElement).type);
  return !(choice && STEP_KEYS.has(key));
}

function useKeyboard() {
  const api = useViewStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKey(e.target, e.key)) return;
      const s = api.getState();
      const onButton = e.target instanceof Element && e.target.closest('button, [role="button"], a') !== null;
      switch (e.key) {
        case 'ArrowRight':
          s.pause();
          s.next();
          break;
        case 'ArrowLeft':
          s.pause();
          s.previous();
          break;
        case 'Home':
          s.pause();
          s.first();
          break;
        case 'End':
          s.pause();
          s.last();
          break;
        case ' ':
          if (onButton) return; // Space activates the focused button
          s.togglePlay();
          break;
        // Presentation clickers send PageDown / PageUp, and B (or .) to black the screen out.
        case 'PageDown':
          s.pause();
          s.next();
          break;
        case 'PageUp':
          s.pause();
          s.previous();
          break;
        case 'p':
        case 'P':
          s.togglePresenter();
          break;
        case 'b':
        case 'B':
        case '.':
          if (!s.presenter) return;
          s.toggleBlackout();
          break;
        case '?':
          s.setHelp(s.help === 'shortcuts' ? null : 'shortcuts');
          break;
        case 'Escape':
          if (s.help) s.setHelp(null);
          else if (s.presenter) s.setPresenter(false);
          else if (s.whatIf) s.closeWhatIf();
          else if (s.exportOpen) s.setExportOpen(false);
          else if (s.responseBox) s.setResponseBox(false);
          else return;
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}

/** Presenter mode goes full screen where the page may; leaving full screen (Esc in the browser) leaves presenter mode. */
function useFullscreen(presenter: boolean) {
  const api = useViewStoreApi();
  useEffect(() => {
    const el = document.documentElement;
    if (presenter && !document.fullscreenElement && typeof el.requestFullscreen === 'function') {
      el.requestFullscreen().catch(() => undefined); // not allowed here: presenter mode without full screen
    }
    if (!presenter && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, [presenter]);
  useEffect(() => {
    let was = document.fullscreenElement !== null;
    const onChange = () => {
      const now = document.fullscreenElement !== null;
      if (was && !now && api.getState().presenter) api.getState().setPresenter(false);
      was = now;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [api]);
}

function usePlayLoop() {
  const api = useViewStoreApi();
  const { playing, speed } = usePlayback();
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const s = api.getState();
      if (atEnd(s)) s.pause();
      else s.next();
    }, STEP_MS / speed);
    return () => clearInterval(id);
  }, [api, playing, speed]);
}

function useSystemReducedMotion() {
  const api = useViewStoreApi();
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    const update = () => api.getState().setSystemReducedMotion(mq.matches);
    update();
    mq.addEventListener?.('change', update);
    return () => mq.removeEventListener?.('change', update);
  }, [api]);
}

function useDropTrace(): boolean {
  const { openTraceText } = useTraceActions();
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void file.text().then((text) => openTraceText(file.name, text));
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [openTraceText]);
  return over;
}

function AlertBar() {
  const alert = useAlert();
  const { dismissAlert } = useTraceActions();
  if (!alert) return null;
  return (
    <div className="alert" role="alert">
      <span>{alert}</span>
      <button type="button" onClick={dismissAlert}>
        Dismiss
      </button>
    </div>
  );
}

/**
 * The first screen holds the lanes whole: the diagrams' row takes the height the viewport leaves
 * once everything above and below it (bars, ledgers, captions, outcomes) is laid out, so the
 * outcome of each lane stays on screen at the last step. Measured after layout (a ResizeObserver
 * on the parts around the diagrams), never in a key press; below 1100 px wide the lanes stack and
 * the page scrolls instead.
 */
function useFitLanes(ref: RefObject<HTMLElement | null>, active: boolean, presenter: boolean) {
  useEffect(() => {
    const lanes = ref.current;
    if (!active || !lanes || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const fit = () => {
      frame = 0;
      const row = lanes.querySelector<HTMLElement>('.lane > .diagram, .lane > .diagram-empty');
      const outcome = lanes.querySelector<HTMLElement>('.lane-outcome');
      if (!row || !outcome || window.innerWidth < 1100) {
        lanes.style.removeProperty('--diagram-h');
        return;
      }
      const now = row.getBoundingClientRect().height;
      const bottom = outcome.getBoundingClientRect().bottom + window.scrollY;
      const want = Math.max(120, Math.floor(now + window.innerHeight - 8 - bottom));
      if (Math.abs(want - now) > 1) lanes.style.setProperty('--diagram-h', `${want}px`);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fit);
    };
    const ro = new ResizeObserver(schedule);
    const watch = () => {
      ro.disconnect();
      ro.observe(document.documentElement);
      const stage = lanes.closest('.stage');
      for (const el of stage ? Array.from(stage.children) : []) if (!el.contains(lanes)) ro.observe(el);
      for (const el of Array.from(lanes.querySelectorAll(':scope > .lane > :not(.diagram):not(.lane-more)'))) ro.observe(el);
    };
    watch();
    // Rows come and go (a run arrives, an alert shows): watch again when the lanes' children change.
    const mo = new MutationObserver(() => {
      watch();
      schedule();
    });
    mo.observe(lanes, { childList: true });
    const stage = lanes.closest('.stage');
    if (stage) mo.observe(stage, { childList: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      ro.disconnect();
      mo.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref, active, presenter]);
}

/** The visualizer: two lanes side by side, the inspector and checks of the selected step, and the ledger. */
export function App({ autoStart = true }: { autoStart?: boolean }) {
  const api = useViewStoreApi();
  useKeyboard();
  usePlayLoop();
  useSystemReducedMotion();
  const dropping = useDropTrace();
  const { presenter, presenterLanes, blackout, notesShown } = usePresenter();
  const view = useView();
  const { exportOpen } = useExport();
  const responseBox = useResponseBox();
  const whatIf = useWhatIf();
  const help = useHelp();
  useFullscreen(presenter);
  useFirstStartTour(autoStart);
  useEffect(() => {
    if (autoStart) void api.getState().start();
  }, [api, autoStart]);
  useEffect(() => api.getState().connectHost(), [api]);
  const shown = presenter && presenterLanes !== 'both' ? ` only-lane-${presenterLanes}` : '';
  const lanesRef = useRef<HTMLElement>(null);
  useFitLanes(lanesRef, view !== 'matrix' && view !== 'ledger', presenter);
  const lanesView = view !== 'matrix' && !(presenter && view === 'ledger');
  // Below the fold: the inspector, checks, notes and the full ledger render once the first start's lanes are on screen.
  const shownOnce = useLanesShown();
  return (
    <div className={`app${dropping ? ' dropping' : ''}${presenter ? ' presenter' : ''}${shown}${presenter && notesShown ? ' notes-docked' : ''}`}>
      <a className="skip-link" href="#lanes" onClick={(e) => {
          e.preventDefault();
          document.getElementById('lanes')?.focus();
        }}>
        Skip to the lanes
      </a>
      <div className="stage">
        {presenter ? (
          <PresenterBar />
        ) : (
          <TopBar />
        )}
        <AlertBar />
        <Suspense fallback={null}>
          {exportOpen && <ExportMenu />}
          {responseBox && <ResponseBox />}
          {help !== null && !presenter && <Guide />}
        </Suspense>
        {view === 'matrix' && !presenter && (
          <div className="controls-row">
            <WorkshopBar />
          </div>
        )}
        {view === 'matrix' ? (
          <Suspense fallback={<p role="status">Loading the outcome matrix…</p>}>
            <MatrixView />
          </Suspense>
        ) : presenter && view === 'ledger' ? (
          <LedgerTable />
        ) : (
          <>
            {!presenter && (
              <div className="controls-row">
                <PlaybackBar />
                <WorkshopBar />
              </div>
            )}
            <Legend />
            <Suspense fallback={null}>{whatIf && <WhatIfForm />}</Suspense>
            <div className="lanes-and-notes">
              <main className="lanes" ref={lanesRef} id="lanes" tabIndex={-1} aria-label="The two lanes">
                <Lane lane={0} />
                <Lane lane={1} />
              </main>
              {presenter && notesShown && <NotesPanel />}
            </div>
          </>
        )}
      </div>
      {lanesView && !presenter && shownOnce && (
        <>
          <div className="details">
            <Inspector />
            <ChecksPanel />
          </div>
          <NotesPanel />
          <LedgerTable />
        </>
      )}
      {presenter && blackout && <div className="blackout" data-testid="blackout" aria-label="Screen blacked out (B to return)" role="img" />}
    </div>
  );
}
