/**
 * Mermaid's own parser in Node: mermaid needs a DOM to load (not to parse), so a jsdom window is
 * put in place first. `parse` rejects with Mermaid's own error on a diagram it cannot read.
 */
import { JSDOM } from 'jsdom';

let loaded: Promise<{ parse(text: string): Promise<unknown> }> | undefined;

function load(): Promise<{ parse(text: string): Promise<unknown> }> {
  loaded ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const g = globalThis as Record<string, unknown>;
    g.window ??= dom.window;
    g.document ??= dom.window.document;
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({ startOnLoad: false });
    return mermaid;
  })();
  return loaded;
}

/** Parse a diagram with Mermaid; resolves to its result or rejects with its parse error. */
export async function mermaidParse(text: string): Promise<unknown> {
  return (await load()).parse(text);
}
