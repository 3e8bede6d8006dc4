/**
 * Text from a file cannot break an export or a terminal: SVG/HTML stay well-formed XML for any
 * text, and the CLI's lines about a file (unknown member, duplicate key) show control characters
 * as escapes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { recordRun, type Run } from '../../core/index.js';
import { runToMermaid, runToSvg, traceToHtml, traceToMarkdown, type ExportRun } from '../../core/export/index.js';
import { createTrace, serializeTrace } from '../../core/trace/index.js';

/** XML 1.0 §2.2 Char, over a whole document. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function wellFormed(svg: string): Document {
  expect(NOT_XML_CHAR.exec(svg)?.[0]).toBeUndefined();
  const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

let run: Run;
let dir = '';
beforeAll(async () => {
  run = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
  dir = mkdtempSync(join(tmpdir(), 'proofline-safe-'));
});

function withText(r: Run, text: string): ExportRun {
  return {
    ...r,
    actors: r.actors.map((a, i) => (i === 0 ? { ...a, name: text } : a)),
    steps: r.steps.map((s, i) => (i < 2 ? { ...s, label: text, caption: text, notes: text } : s)),
    outcome: { ...r.outcome, sentence: text },
  };
}

describe('exports are well-formed for any text', () => {
  it('U+0000, U+0001, U+FFFE, U+FFFF, lone surrogates and terminal escapes in labels: SVG and HTML parse, Markdown and Mermaid hold no control character', () => {
    const evil = 'a\u0000b\u0001c\ufffed\uffff\ud800e\udc00f\u{1fffe}\u001b[31mred\u009b2J\r';
    const r = withText(run, evil);
    const svg = runToSvg([r], { redacted: [evil] });
    const doc = wellFormed(svg);
    expect([...doc.getElementsByTagName('text')].some((t) => t.textContent?.includes('a\\u0000b\\u0001c\\ufffed'))).toBe(true);
    const trace = { ...createTrace([run], { title: evil, created: '2026-01-01T00:00:00.000Z', generator: { name: 't', version: '0' } }), description: evil, runs: [r] };
    const html = traceToHtml(trace, { redacted: [evil] });
    expect(NOT_XML_CHAR.exec(html)?.[0]).toBeUndefined();
    expect(new JSDOM(html).window.document.querySelector('h1')!.textContent).toContain('a\\u0000b');
    for (const text of [traceToMarkdown(trace, { redacted: [evil] }), runToMermaid(r, { redacted: [evil] })]) expect(TERMINAL_CONTROL.exec(text)?.[0]).toBeUndefined();
  });

  it('property: any string as a label, caption, actor name and outcome gives well-formed SVG', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      wellFormed(runToSvg([withText(run, s)]));
    }), { numRuns: 25 });
  });
});

describe('the CLI prints what a file holds with control characters escaped', () => {
  const ESC_KEY = '\u001b[2K\r\u001b[32mok\u001b[0m';

  it('an "unknown member" key', async () => {
    const t = JSON.parse(serializeTrace(createTrace([run], { title: 't', created: '2026-01-01T00:00:00.000Z', generator: { name: 't', version: '0' } })));
    t.runs[0].steps[0][ESC_KEY] = 1;
    const file = join(dir, 'unknown.proofline.json');
    writeFileSync(file, JSON.stringify(t));
    const r = await cli('verify', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown member "\\u001b[2K\\u000d\\u001b[32mok\\u001b[0m"');
    expect(TERMINAL_CONTROL.test(r.stderr)).toBe(false);
    const e = await cli('export', file, '--format', 'md');
    expect(e.code).toBe(2);
    expect(TERMINAL_CONTROL.test(e.stderr)).toBe(false);
    expect(e.stderr).toContain('\\u001b[2K');
  });

  it('an "appears twice" key, and a file name with controls', async () => {
    const file = join(dir, 'twice\u001b[31m.proofline.json');
    writeFileSync(file, `{"format":"proofline-trace","${ESC_KEY.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}":1,"${ESC_KEY.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}":2}`);
    expect(readFileSync(file, 'utf8')).toContain('\\u001b');
    const r = await cli('verify', file, '--json');
    expect(r.code).toBe(2);
    const line = JSON.parse(r.stdout);
    expect(line.error.message).toContain('appears twice');
    expect(line.error.message).toContain('\\u001b[32mok');
    const plain = await cli('verify', file);
    expect(plain.stderr).toContain('appears twice');
    expect(plain.stderr).toContain('twice\\u001b[31m.proofline.json');
    expect(TERMINAL_CONTROL.test(plain.stderr)).toBe(false);
  });
});
