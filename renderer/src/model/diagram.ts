import { scalePoint } from 'd3-scale';
import type { ActorInfo } from '../core.js';
import type { SharedLayout } from './layout.js';

/**
 * Geometry of one lane's sequence diagram, computed during render (React draws it). The actor
 * header is drawn apart from the rows, so it stays in view while the rows scroll. Sizes come in
 * two sets: the desk's, and presenter mode's (diagram text of 20 px for a projector).
 */
export interface DiagramSizes {
  /** Step labels' font size (monospace). */
  readonly label: number;
  /** The signed/claim tags' and check marks' font size. */
  readonly tag: number;
  readonly row: number;
  readonly head: number;
  /** Actor names' font size; roles are drawn only where `role` is set. */
  readonly name: number;
  readonly role: number | null;
  readonly gutter: number;
}

export const DESK: DiagramSizes = { label: 12, tag: 10.5, row: 32, head: 54, name: 12.5, role: 10.5, gutter: 74 };
export const PRESENTER: DiagramSizes = { label: 20, tag: 20, row: 58, head: 40, name: 20, role: null, gutter: 20 };
/** The desk's header height (what the first paint reserves). */
export const HEAD = DESK.head;
const TOP = 6;

export interface DiagramGeometry {
  readonly width: number;
  readonly height: number;
  readonly x: (actor: string) => number;
  readonly y: (row: number) => number;
  readonly bands: readonly { phase: string; y0: number; y1: number; index: number }[];
  readonly column: number;
  readonly sizes: DiagramSizes;
}

export function diagramGeometry(actors: readonly ActorInfo[], layout: SharedLayout, width: number, sizes: DiagramSizes = DESK, lane = 0): DiagramGeometry {
  const w = Math.max(320, width);
  const scale = scalePoint<string>()
    .domain(actors.map((a) => a.id))
    .range([sizes.gutter, w - 4])
    .padding(0.5);
  const column = scale.step();
  return {
    width: w,
    height: TOP + layout.rows * sizes.row + 12,
    x: (a) => scale(a) ?? sizes.gutter,
    y: (row) => TOP + row * sizes.row + sizes.row / 2,
    bands: (layout.laneBands[lane] ?? layout.bands).map((b, index) => ({ phase: b.phase, y0: TOP + b.start * sizes.row, y1: TOP + (b.start + b.count) * sizes.row, index })),
    column,
    sizes,
  };
}

/**
 * Estimated width of a text in the diagram's monospace labels (DejaVu Sans Mono and its kin
 * advance 0.602 em per character), so a label can be placed where it fits whole.
 */
export function monoWidth(text: string, fontPx: number): number {
  return [...text].length * fontPx * 0.61;
}

/** Estimated width of a text in the UI's sans-serif font (wide glyphs, generous), for wrapping actor boxes. */
export function sansWidth(text: string, fontPx: number): number {
  return [...text].length * fontPx * 0.6;
}

let measurer: OffscreenCanvasRenderingContext2D | null | undefined;
const measured = new Map<string, number>();

/**
 * The width of `text` in the app's sans-serif at `fontPx`, bold (actor names): measured with the
 * fonts this machine has where a canvas can measure (the app), the estimate × 1.08 elsewhere (tests
 * without a canvas). Measured once per text and size.
 */
export function boldSansWidth(text: string, fontPx: number): number {
  if (measurer === undefined) {
    measurer = typeof OffscreenCanvas === 'undefined' || typeof document === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
    if (measurer) measurer.font = `600 100px ${getComputedStyle(document.documentElement).fontFamily || 'sans-serif'}`;
  }
  if (!measurer) return sansWidth(text, fontPx) * 1.08;
  let w100 = measured.get(text);
  if (w100 === undefined) measured.set(text, (w100 = measurer.measureText(text).width));
  return (w100 * fontPx) / 100;
}

/**
 * The x of a label's start so that `width` pixels centred on `centre` stay inside [min, max]
 * (shifted, never cut): labels longer than their arrow extend past it rather than lose letters.
 */
export function placeLabel(centre: number, width: number, min: number, max: number): number {
  const start = centre - width / 2;
  return Math.max(min, Math.min(start, max - width));
}

const VOWEL = /[aeiouyäöüéèà]/i;
const DIGRAPH = /^(ch|ck|gh|ph|sh|th|wh|qu)$/i;

/**
 * Whether a word may be hyphenated before its letter `n`: a vowel, then one consonant and a vowel
 * (au-thenti|cator), or two consonants between vowels that are not one sound (authen|ticator), with
 * three letters at least before and four after (no stub of a line). A rule of thumb for names, not a dictionary.
 */
export function syllableBreak(word: string, n: number): boolean {
  if (n < 3 || word.length - n < 4) return false;
  const [a, b, c, d] = [word[n - 2]!, word[n - 1]!, word[n]!, word[n + 1]!];
  if (!VOWEL.test(d) || VOWEL.test(c) || !/\p{L}/u.test(c)) return false;
  return VOWEL.test(b) || (VOWEL.test(a) && /\p{L}/u.test(b) && !DIGRAPH.test(b + c));
}

/**
 * Words of `text` in lines no wider than `px`; a word longer than a line is split with a hyphen
 * (presenter mode's 20 px names in narrow columns) at the last syllable break that fits, else at
 * the last letter that fits, so nothing is cut and nothing overflows.
 */
export function wrapWords(text: string, px: number, measure: (t: string) => number): string[] {
  const words: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (measure(rest) > px && rest.length > 3) {
      let n = rest.length - 1;
      while (n > 2 && measure(`${rest.slice(0, n)}-`) > px) n--;
      let at = n;
      while (at > 2 && !syllableBreak(rest, at)) at--;
      if (at > 2) n = at;
      words.push(`${rest.slice(0, n)}-`);
      rest = rest.slice(n);
    }
    words.push(rest);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && (measure(next) > px || line.endsWith('-'))) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
