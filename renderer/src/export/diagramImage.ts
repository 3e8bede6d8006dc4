/**
 * The sequence diagrams as they are drawn, as a standalone SVG (computed styles inlined, so it
 * renders without the app's stylesheet) and as a PNG (the SVG drawn on a canvas at 2×). DOM in,
 * text or bytes out; nothing here touches the store.
 */

/** Presentation properties copied from the computed style onto every cloned element. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Inline the computed presentation of `source` and its descendants onto `clone` (same tree). */
function inlineStyles(source: Element, clone: Element): void {
  const cs = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => {
    const v = cs.getPropertyValue(p);
    return v ? `${p}:${v}` : '';
  })
    .filter(Boolean)
    .join(';');
  if (style) clone.setAttribute('style', style);
  clone.removeAttribute('class');
  for (const a of ['tabindex', 'role', 'aria-pressed', 'aria-label', 'aria-hidden', 'data-field']) clone.removeAttribute(a);
  const s = source.children;
  const c = clone.children;
  for (let i = 0; i < s.length && i < c.length; i++) inlineStyles(s[i]!, c[i]!);
}

/** A replacement text for the texts of a lane's diagram (redaction): step labels by step index, actor names and roles in order. */
export interface DiagramTexts {
  readonly stepLabels: readonly string[];
  readonly actors: readonly { name: string; role: string }[];
}

/** Shorten `text` to the length the drawn (fitted) text had, with its ellipsis. */
function refit(drawn: string, text: string): string {
  if (!drawn.endsWith('…')) return text;
  const n = Math.max(1, drawn.length - 1);
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function replaceTexts(head: Element, body: Element, texts: DiagramTexts): void {
  head.querySelectorAll(':scope > g').forEach((g, i) => {
    const a = texts.actors[i];
    if (!a) return;
    const [name, role] = Array.from(g.querySelectorAll('text'));
    // A wrapped name is several tspans: the replacement is one line at the first line's place.
    const place = (t: Element | undefined, text: string) => {
      if (!t) return;
      const y = t.querySelector('tspan')?.getAttribute('y');
      t.textContent = refit(t.textContent ?? '', text);
      if (y) t.setAttribute('y', y);
    };
    place(name, a.name);
    place(role, a.role);
  });
  // Tooltips repeat names and amounts: a redacted export carries none.
  head.querySelectorAll('title').forEach((t) => t.remove());
  body.querySelectorAll('title').forEach((t) => t.remove());
  body.querySelectorAll('g[data-step]').forEach((g) => {
    const label = texts.stepLabels[Number(g.getAttribute('data-step'))];
    const t = g.querySelector('text.step-label, text');
    if (label === undefined || !t) return;
    const drawn = t.textContent ?? '';
    // Keep the drawn prefix: the step number and the attacker's mark.
    const prefix = /^(\d+\. )?(⚠ )?/.exec(drawn)?.[0] ?? '';
    t.textContent = prefix + refit(drawn.slice(prefix.length), label);
  });
}

export interface DiagramPart {
  /** The lane's `.diagram` element (actor header svg + body svg). */
  readonly diagram: Element;
  readonly title: string;
  readonly texts?: DiagramTexts;
  /** The lane's outcome once its last step is shown, drawn under its diagram as on screen. */
  readonly outcome?: { readonly text: string; readonly kind: 'ok' | 'blocked' | 'breach' | 'false-reject' };
}

const OUTCOME_COLORS = { ok: '#1e7b34', blocked: '#1f5fbf', breach: '#c0262d', 'false-reject': '#9a6700' } as const;
const OUTCOME_FONT = 14;

/** Words in lines of at most `chars` characters (the outcome under a diagram). */
function lines(text: string, chars: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

const TITLE_H = 30;
const GAP = 24;
const PAD = 12;

/**
 * One standalone SVG of the given lanes' diagrams side by side, each under its title, on the
 * page's background. Returns the SVG text and its size.
 */
export function diagramsToSvg(parts: readonly DiagramPart[], doc: Document = document): { svg: string; width: number; height: number } {
  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  const bodyStyle = getComputedStyle(doc.body);
  const bg = bodyStyle.backgroundColor || '#ffffff';
  const ink = bodyStyle.color || '#000000';
  const font = bodyStyle.fontFamily || 'sans-serif';
  let x = PAD;
  let height = 0;
  const groups: Element[] = [];
  for (const part of parts) {
    const [headSrc, bodySrc] = [part.diagram.querySelector('svg.diagram-head'), part.diagram.querySelector('.diagram-body > svg')];
    if (!headSrc || !bodySrc) continue;
    const head = headSrc.cloneNode(true) as Element;
    const body = bodySrc.cloneNode(true) as Element;
    inlineStyles(headSrc, head);
    inlineStyles(bodySrc, body);
    body.querySelectorAll('.tokens, g[aria-hidden="true"]:empty').forEach((n) => n.remove());
    // The moving token is an animation artefact, not part of the diagram.
    body.querySelectorAll('circle').forEach((c) => c.remove());
    if (part.texts) replaceTexts(head, body, part.texts);
    const w = Number(headSrc.getAttribute('width')) || headSrc.getBoundingClientRect().width;
    const hh = Number(headSrc.getAttribute('height')) || headSrc.getBoundingClientRect().height;
    const bh = Number(bodySrc.getAttribute('height')) || bodySrc.getBoundingClientRect().height;
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(${x},${PAD})`);
    const title = doc.createElementNS(SVG_NS, 'text');
    title.setAttribute('x', '0');
    title.setAttribute('y', '18');
    title.setAttribute('style', `fill:${ink};font-family:${font};font-size:16px;font-weight:700`);
    title.textContent = part.title;
    g.append(title);
    for (const [el, y] of [
      [head, TITLE_H],
      [body, TITLE_H + hh],
    ] as const) {
      el.setAttribute('x', '0');
      el.setAttribute('y', String(y));
      el.setAttribute('width', String(w));
      el.setAttribute('height', String(el === head ? hh : bh));
      el.removeAttribute('role');
      g.append(el);
    }
    let bottom = TITLE_H + hh + bh;
    if (part.outcome) {
      // Sans-serif at 14 px averages under 8 px a character: lines of width / 8 never run past the diagram.
      const ls = lines(part.outcome.text, Math.max(20, Math.floor((w - 16) / 8)));
      const boxH = ls.length * (OUTCOME_FONT + 4) + 12;
      const color = OUTCOME_COLORS[part.outcome.kind];
      const box = doc.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x: '0', y: String(bottom + 8), width: String(w), height: String(boxH), rx: '6', fill: bg, stroke: color, 'stroke-width': '2' })) box.setAttribute(k, v);
      g.append(box);
      ls.forEach((line, k) => {
        const t = doc.createElementNS(SVG_NS, 'text');
        t.setAttribute('x', '8');
        t.setAttribute('y', String(bottom + 8 + 6 + OUTCOME_FONT + k * (OUTCOME_FONT + 4)));
        t.setAttribute('style', `fill:${k === 0 ? color : ink};font-family:${font};font-size:${OUTCOME_FONT}px${k === 0 ? ';font-weight:700' : ''}`);
        t.textContent = line;
        g.append(t);
      });
      bottom += 8 + boxH;
    }
    groups.push(g);
    x += w + GAP;
    height = Math.max(height, bottom);
  }
  const width = Math.max(1, Math.round(x - GAP + PAD));
  const total = Math.max(1, Math.round(height + 2 * PAD));
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(total));
  root.setAttribute('viewBox', `0 0 ${width} ${total}`);
  const rect = doc.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', bg);
  root.append(rect, ...groups);
  const text = new XMLSerializer().serializeToString(root);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`, width, height: total };
}

/** Draw an SVG onto a canvas at `scale`× and encode it as PNG bytes. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Uint8Array> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas could not be encoded as PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
