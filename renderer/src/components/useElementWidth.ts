import { useLayoutEffect, useState, type RefObject } from 'react';

/** The width of an element, kept up to date (a fallback where ResizeObserver is missing, as in jsdom). */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number, remountKey?: unknown): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = el.clientWidth;
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, remountKey]);
  return width;
}
