import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The width of an element, kept up to date: null until it is first measured, which happens in a
 * layout effect, so a component can draw what depends on the width once, at the right width,
 * before the first paint. `fallback` stands in where the element has no width (hidden, or jsdom).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number, remountKey?: unknown): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = el.clientWidth;
      setWidth((old) => (w > 0 ? w : (old ?? fallback)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback, remountKey]);
  return width;
}
