import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { useGuideActions, useHelp } from '../store/hooks.js';
import { useViewStore } from '../store/context.js';
import { place, useAnchoredDialog } from '../components/useAnchoredDialog.js';
import { SpecLink } from '../components/SpecLink.js';
import { GLOSSARY, GLOSSARY_ORDER } from './glossary.js';

/** Remembered once the tour was finished or skipped, so it is not shown at every start. */
export const TOUR_SEEN_KEY = 'proofline.tourSeen';

interface Stop {
  readonly title: string;
  /** Where the stop points (the first match that is on the page). */
  readonly target: string;
  readonly text: string;
  /** A glossary term to read more. */
  readonly term?: string;
}

/** The guided tour: what the two lanes are and how to read them, in under a minute. */
export const TOUR: readonly Stop[] = [
  { title: 'Two ways to approve the same payment', target: 'main.lanes', text: 'Each lane runs one approval method with real keys and real checks — WebAuthn on the left, a biometric-only phone approval on the right. Press → or Next step: both lanes move together, phase by phase.', term: 'sync' },
  { title: 'A signed message or only a claim?', target: 'section.lane svg', text: 'Every arrow is a message between two parties. Where the receiver checks a signature over the bytes, something is proven; where a party only says something (a flag, “user approved: true”), it is a claim. Click a step to see its bytes and checks below.', term: 'claim' },
  { title: 'What the verifier can conclude', target: 'section.ledger', text: 'The ledger lists each property — presence, verification, key possession, action binding… — as proven, attested, claimed, missing or failed, and the step that shows it. Compare the two columns.', term: 'levels' },
  { title: 'Every attack, every flow', target: 'button[data-tour="matrix"]', text: 'The outcome matrix records every scenario against every flow, live: which check blocks an attack, and where it gets through. Open a cell to see that run in the lanes.', term: 'matrix' },
  { title: 'Help is one key away', target: 'button[data-tour="help"]', text: 'Press ? for the keyboard shortcuts. A ? beside a term explains it; check clauses link to the WebAuthn text. This tour reopens from Help ▸ Tour.' },
];

function Tour() {
  const stop = useViewStore((s) => s.tourStop);
  const { setHelp, setTourStop, openTerm } = useGuideActions();
  const id = useId();
  // Opened by the reader (a button has focus): take focus. Opened on first start: do not steal it.
  const ref = useAnchoredDialog<HTMLDivElement>({ anchor: () => null, focusFirst: 'button.primary', takeFocus: document.activeElement !== document.body && document.activeElement !== null });
  const s = TOUR[Math.min(stop, TOUR.length - 1)]!;
  const last = stop >= TOUR.length - 1;
  useLayoutEffect(() => {
    const el = ref.current;
    const target = document.querySelector(s.target);
    if (!el) return;
    target?.classList.add('tour-target');
    if (target) {
      // The stop's target on screen first (the ledger is below the lanes), then the card beside it;
      // a target taller than most of the window gets the card over its top left corner.
      target.scrollIntoView({ block: 'nearest' });
      const r = target.getBoundingClientRect();
      place(el, r.height > window.innerHeight * 0.5 ? new DOMRect(r.left + 24, Math.max(r.top, 0) + 40, 0, 0) : r);
    }
    return () => target?.classList.remove('tour-target');
  }, [s, ref]);
  const close = () => {
    try {
      localStorage.setItem(TOUR_SEEN_KEY, '1');
    } catch {
      // Storage refused (private window): the tour shows again next time, nothing worse.
    }
    setHelp(null);
  };
  return (
    <div ref={ref} className="guide tour" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`} aria-describedby={`${id}-t`} tabIndex={-1}>
      <p className="muted tour-count">
        Tour · {stop + 1} of {TOUR.length}
      </p>
      <h2 id={`${id}-h`}>{s.title}</h2>
      <p id={`${id}-t`}>{s.text}</p>
      <div className="row">
        {stop > 0 && (
          <button type="button" onClick={() => setTourStop(stop - 1)}>
            Previous stop
          </button>
        )}
        <button type="button" className="primary" onClick={() => (last ? close() : setTourStop(stop + 1))}>
          {last ? 'Done' : 'Next stop'}
        </button>
        {s.term && (
          <button type="button" onClick={() => openTerm(s.term!)}>
            Glossary: {GLOSSARY[s.term]?.term}
          </button>
        )}
        {!last && (
          <button type="button" className="link" onClick={close}>
            Skip the tour
          </button>
        )}
      </div>
    </div>
  );
}

function Glossary({ term }: { term: string }) {
  const { setHelp } = useGuideActions();
  const id = useId();
  const ref = useAnchoredDialog<HTMLDivElement>({ focusFirst: `[data-term="${CSS.escape(term)}"]` });
  const chosen = useRef<HTMLElement | null>(null);
  useEffect(() => {
    chosen.current?.scrollIntoView({ block: 'nearest' });
    chosen.current?.focus({ preventScroll: true });
  }, [term]);
  return (
    <div ref={ref} className="guide glossary" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Glossary</h2>
      <dl>
        {GLOSSARY_ORDER.map((key) => {
          const e = GLOSSARY[key]!;
          return (
            <div key={key} className={key === term ? 'entry chosen' : 'entry'}>
              <dt tabIndex={-1} data-term={key} id={`${id}-${key}`} ref={key === term ? chosen : undefined}>
                {e.term}
              </dt>
              <dd>
                {e.sentence}
                {e.spec && (
                  <>
                    {' '}
                    <SpecLink spec={e.spec.text} url={e.spec.url} />
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <button type="button" onClick={() => setHelp(null)}>
        Close
      </button>
    </div>
  );
}

const SHORTCUTS: readonly [string, string][] = [
  ['→ or PageDown', 'next step'],
  ['← or PageUp', 'previous step'],
  ['Home / End', 'first / last step'],
  ['Space', 'play or pause (on a button: press it)'],
  ['P', 'presenter mode'],
  ['B or .', 'black screen (presenter mode)'],
  ['?', 'these shortcuts'],
  ['Esc', 'close a dialog, leave presenter mode'],
];

function Shortcuts() {
  const { setHelp } = useGuideActions();
  const id = useId();
  const ref = useAnchoredDialog<HTMLDivElement>({ focusFirst: 'button' });
  return (
    <div ref={ref} className="guide shortcuts" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">The stepping keys step the lanes even on a list or checkbox, and never change its value; in a text field they move the caret.</p>
      <button type="button" onClick={() => setHelp(null)}>
        Close
      </button>
    </div>
  );
}

/** The help that is open: the tour, the glossary or the shortcuts (loaded on first use). */
export default function Guide() {
  const help = useHelp();
  if (help === 'tour') return <Tour />;
  if (help === 'shortcuts') return <Shortcuts />;
  if (help && typeof help === 'object') return <Glossary key={help.term} term={help.term} />;
  return null;
}
