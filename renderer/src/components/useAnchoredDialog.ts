import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Gap between the opener and the dialog, and the dialog and the window's edge, in px. */
const GAP = 8;

/**
 * A dialog that opens next to what opened it, takes focus and gives it back: on mount it remembers
 * the focused element (the button pressed, or `anchor` when given), places the dialog below it
 * (above when there is no room, always inside the window), moves focus to the dialog's first field
 * (or `focusFirst`), and on unmount returns focus to the opener if it is still on the page.
 * Where no opener is known (a menu command) the dialog keeps its CSS place.
 */
export function useAnchoredDialog<T extends HTMLElement>(opts: { anchor?: () => Element | null; focusFirst?: string; takeFocus?: boolean } = {}): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const { anchor, focusFirst, takeFocus = true } = opts;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const active = document.activeElement;
    const opener = anchor?.() ?? (active instanceof HTMLElement && active !== document.body && !el.contains(active) ? active : null);
    if (opener) place(el, opener.getBoundingClientRect());
    if (takeFocus) {
      const first = el.querySelector<HTMLElement>(focusFirst ?? 'textarea, input, select, button');
      (first ?? el).focus({ preventScroll: true });
    }
    return () => {
      if (takeFocus && opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
    };
    // Placed once, when it opens: later renders keep it where the reader found it.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return ref;
}

/** Put a fixed-position dialog beside a rectangle, inside the window. */
export function place(el: HTMLElement, at: DOMRect): void {
  const w = Math.min(el.offsetWidth || 620, window.innerWidth - 2 * GAP);
  const left = Math.max(GAP, Math.min(at.left, window.innerWidth - w - GAP));
  const below = window.innerHeight - at.bottom - 2 * GAP;
  const above = at.top - 2 * GAP;
  el.style.left = `${left}px`;
  el.style.right = 'auto';
  if (below >= Math.min(el.offsetHeight, 320) || below >= above) {
    el.style.top = `${at.bottom + GAP}px`;
    el.style.bottom = 'auto';
    el.style.maxHeight = `${Math.max(160, below)}px`;
  } else {
    el.style.bottom = `${window.innerHeight - at.top + GAP}px`;
    el.style.top = 'auto';
    el.style.maxHeight = `${Math.max(160, above)}px`;
  }
}
