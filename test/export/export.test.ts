import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { recordRun, type Run } from '../../core/index.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';
import { redact, redactForSharing, runToMermaid, runToSvg, traceToHtml, traceToMarkdown, REDACTION_PROFILES, type ExportRun } from '../../core/export/index.js';
import { forkRun } from '../../core/fork/index.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace, type Trace } from '../../core/trace/index.js';
import { mermaidParse } from './mermaidParse.js';

const CREATED = '2026-01-02T03:04:05.000Z';
const GENERATOR = { name: 'proofline', version: '0.0.0-test' };
const TRACES = join(import.meta.dirname, '../../traces');

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** True when `word` appears as a whole word (any case). */
function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Well-formed XML, or throws. */
function parseXml(text: string): Document {
  const doc = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
  if (doc.getElementsByTagName('parsererror').length) throw new Error('not well-formed XML');
  return doc;
}

/** Every decoded JSON payload of a trace, as text. */
function payloadTexts(trace: Trace): string {
  return trace.runs.flatMap((r) => r.steps.flatMap((s) => s.payloads.filter((p) => p.encoding === 'json' || p.encoding === 'text').map((p) => bytesToUtf8(p.bytes)))).join('\n');
}

let runs: Run[] = [];
let trace: Trace;
let dir = '';
let file = '';

beforeAll(async () => {
  runs = [
    await recordRun({ flow: 'webauthn', scenario: 'tx-swap-after-approval', options: { binding: 'challenge' }, seed: 1 }),
    await recordRun({ flow: 'biometric-only', scenario: 'tx-swap-after-approval', options: {}, seed: 1 }),
  ];
  trace = createTrace(runs, { title: 'Swap after approval', description: 'Malware swaps 10 EUR to Alice for 5000 EUR to Mallory.', created: CREATED, generator: GENERATOR });
  dir = mkdtempSync(join(tmpdir(), 'proofline-export-'));
  file = join(dir, 'swap.proofline.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, serializeTrace(trace));
});

describe('runToMermaid', () => {
  it('is a sequenceDiagram Mermaid’s own parser accepts, with every actor, message and the outcome', async () => {
    const text = runToMermaid(runs[0]!);
    await expect(mermaidParse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
    expect(text).toMatch(/^%% Proofline: webauthn/);
    expect(text).toContain('participant user as Bob');
    expect(text).toContain('participant attacker as Attacker');
    const messages = runs[0]!.steps.filter((s) => s.kind === 'message').length;
    expect(text.split('\n').filter((l) => /^\s+\w+->>\w+: /.test(l))).toHaveLength(messages);
    expect(text).toMatch(/attacker->>rp: ⚠ \d+\. POST \/assertion/);
    expect(text).toMatch(/Note over rp: ✗ rp\.challenge/);
    expect(text).toMatch(/Note over user,attacker: Outcome: blocked \(rp: rp\.challenge\)/);
    expect(text.match(/^\s+rect /gm)!.length).toBe(text.match(/^\s+end$/gm)!.length);
  });

  it('a Mermaid parse error is reported (the parser really checks)', async () => {
    await expect(mermaidParse('sequenceDiagram\n  a-->>>: x\n')).rejects.toThrow();
  });
});

describe('runToSvg', () => {
  it('draws one or two lanes as well-formed SVG with lifelines, arrows, phases and outcomes', () => {
    const one = parseXml(runToSvg([runs[0]!]));
    const two = runToSvg(runs);
    const doc = parseXml(two);
    expect(doc.documentElement.tagName).toBe('svg');
    expect(Number(doc.documentElement.getAttribute('width'))).toBeGreaterThan(Number(one.documentElement.getAttribute('width')));
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent);
    for (const phase of ['enroll', 'challenge', 'submit', 'decide']) expect(texts).toContain(phase);
    expect(texts.some((t) => t?.startsWith('blocked (rp: rp.challenge)'))).toBe(true);
    expect(texts.some((t) => t?.startsWith('breach'))).toBe(true);
    const messages = runs.reduce((n, r) => n + r.steps.filter((s) => s.kind === 'message').length, 0);
    expect(doc.querySelectorAll('line[marker-end]').length).toBe(messages);
    expect(two).not.toMatch(/<script|href=|<image|@import|url\(http/);
    expect(() => runToSvg([])).toThrow(RangeError);
    expect(() => runToSvg([runs[0]!, runs[1]!, runs[0]!])).toThrow(RangeError);
  });
});

describe('traceToMarkdown and traceToHtml', () => {
  it('Markdown: title, description, the side-by-side ledger, outcomes, checks with spec clauses and steps', () => {
    const text = traceToMarkdown(trace);
    expect(text).toMatch(/^# Swap after approval\n/);
    expect(text).toContain('## What the verifier can conclude');
    expect(text).toMatch(/\| Action binding \| \*\*failed\*\* at step \d+ \(rp\.\w+\) — .+ \| \*\*missing\*\* by the end \(step \d+\) — /);
    expect(text).toContain('## Run 0: webauthn · tx-swap-after-approval');
    expect(text).toContain(runs[1]!.outcome.sentence.slice(0, 40));
    expect(text).toMatch(/\| `rp\.challenge` \| Relying party \| WebAuthn L3 §7\.2 step \d+ \| \*\*fail\*\* \|/);
    expect(text).toContain(runs[0]!.steps[0]!.caption.slice(0, 30));
  });

  it('HTML is self-contained: inline CSS with a dark scheme, no script, no external URL or font, a CSP that loads nothing', () => {
    const html = traceToHtml(trace);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|url\((?!#)/i); // url(#…) is the inline diagram’s own arrowhead, nothing loaded
    // No attribute names a URL (origins appear only as escaped text, e.g. in captions).
    expect(html).not.toMatch(/=\s*"[^"]*https?:/i);
    expect(html).not.toMatch(/\b(?:src|href)=/i);
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('h1')!.textContent).toBe('Swap after approval');
    expect(doc.querySelectorAll('h2').length).toBeGreaterThanOrEqual(3);
    expect(doc.body.textContent).toContain('What the verifier can conclude');
  });

  it('escapes hostile strings everywhere', async () => {
    const evil = '<script>alert(1)</script> "><img src=x onerror=alert(1)> | **bold** ; %% #x; & end';
    const crafted: ExportRun = {
      ...runs[0]!,
      actors: runs[0]!.actors.map((a) => (a.id === 'user' ? { ...a, name: evil } : a)),
      steps: runs[0]!.steps.map((s, i) => (i === 1 ? { ...s, caption: evil, label: evil, notes: evil, checks: [...s.checks, { id: 'x.evil', actor: 'rp', spec: evil, status: 'fail', detail: evil }] } : s)),
      outcome: { ...runs[0]!.outcome, sentence: evil },
    };
    const t = { ...trace, title: evil, description: evil, runs: [crafted] };
    const html = traceToHtml(t);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('script, img')).toBeNull();
    expect(doc.querySelector('h1')!.textContent).toBe(evil);
    const md = traceToMarkdown(t);
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).toContain('&lt;script&gt;');
    // A pipe cannot add a column to a table row.
    for (const line of md.split('\n').filter((l) => l.startsWith('| 1 |'))) expect(line.split(/(?<!\\)\|/).length).toBe(8);
    const svg = runToSvg([crafted]);
    expect(svg).not.toMatch(/<script|<img/i);
    const svgDoc = parseXml(svg);
    expect(svgDoc.getElementsByTagName('script').length + svgDoc.getElementsByTagName('img').length).toBe(0);
    const mmd = runToMermaid(crafted);
    expect(mmd).not.toMatch(/<script|<img/);
    await expect(mermaidParse(mmd)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('a what-if fork says what was changed', async () => {
    const honest = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 1 });
    const f = await forkRun(honest, honest.steps.findIndex((s) => s.op === 'rp.receiveAssertion'), { kind: 'action', amount: { value: '5000.00', currency: 'EUR' } });
    const t = createTrace([honest, f.run], { title: 'What if', created: CREATED, generator: GENERATOR });
    expect(traceToMarkdown(t)).toMatch(/What-if fork of run 0 at step \d+: amount 5000\.00 EUR; nothing was re-signed\./);
    expect(runToMermaid(f.run)).toContain('What-if fork of run 0');
    expect(runToSvg([honest, f.run])).toContain('What-if fork of run 0');
  });
});

describe('redact', () => {
  it('knows its profiles', () => {
    expect(REDACTION_PROFILES).toEqual(['none', 'secrets', 'names', 'amounts', 'device', 'all']);
    expect(() => redact(trace, 'some' as never)).toThrow(RangeError);
    const none = redact(trace, 'none');
    expect(none.removed).toEqual([]);
    expect(none.value.runs[0]!.steps).toEqual(trace.runs[0]!.steps);
  });

  it('secrets: seeds and keys are left out; the bytes still re-verify', async () => {
    const r = redact(trace, 'secrets');
    expect(r.value.secrets).toEqual({ seed: false, keys: false });
    expect(r.value.runs.every((x) => x.seed === null && x.secrets === undefined)).toBe(true);
    expect(r.removed.join('\n')).toMatch(/seeds: 2[\s\S]*private keys: \d+/);
    expect(r.reverifies).toBe(true);
    const back = parseTrace(serializeTrace(r.value));
    expect((await verifyTrace(back)).agrees).toBe(true);
  });

  it('names: payee names, IBANs and user names no longer appear in text or payloads; the export says the bytes no longer verify', async () => {
    const r = redact(trace, 'names');
    expect(r.reverifies).toBe(false);
    const text = [serializeTrace(r.value), payloadTexts(r.value), traceToMarkdown(r.value, { redacted: r.removed }), traceToHtml(r.value, { redacted: r.removed }), runToSvg(r.value.runs, { redacted: r.removed }), runToMermaid(r.value.runs[0]!, { redacted: r.removed })].join('\n');
    for (const word of ['Bob', 'Alice', 'Mallory', 'DE89370400440532013000', 'GB33BUKB20201555555555']) expect(hasWord(text, word), word).toBe(false);
    expect(text).toContain('[name 1]');
    expect(r.removed.join('\n')).toMatch(/payee and user names: 3 distinct[\s\S]*IBANs: 2 distinct[\s\S]*payloads re-encoded[\s\S]*no longer verify/);
    expect(traceToMarkdown(r.value, { redacted: r.removed })).toContain('**Redacted:**');
    expect(traceToHtml(r.value, { redacted: r.removed })).toContain('<h2>Redacted</h2>');
    expect(runToSvg(r.value.runs, { redacted: r.removed })).toContain('<!-- Redacted:');
    expect(runToMermaid(r.value.runs[0]!, { redacted: r.removed })).toContain('%% Redacted:');
    // Amounts stay; the masked file still loads, and re-verification reports the re-encoded bytes.
    expect(text).toContain('5000.00');
    const back = parseTrace(serializeTrace(r.value));
    expect((await verifyTrace(back)).agrees).toBe(false);
  });

  it('amounts and all: the amounts disappear too, in prose forms like "5000 EUR" as well', () => {
    for (const profile of ['amounts', 'all'] as const) {
      const r = redact(trace, profile);
      const text = [serializeTrace(r.value), payloadTexts(r.value), traceToMarkdown(r.value, { redacted: r.removed }), runToSvg(r.value.runs)].join('\n');
      for (const amount of ['10.00', '5000.00', '5000 EUR', '10 EUR']) expect(text, `${profile}: ${amount}`).not.toContain(amount);
      expect(r.removed.join('\n')).toMatch(/amounts: 2 distinct/);
      if (profile === 'all') {
        expect(hasWord(text, 'Mallory')).toBe(false);
        expect(r.value.secrets).toEqual({ seed: false, keys: false });
      } else expect(hasWord(text, 'Mallory')).toBe(true);
    }
  });

  it('works on one run, and redactForSharing writes what was removed into the description', () => {
    const r = redact(runs[0]!, 'all');
    expect(r.value.seed).toBeNull();
    expect(hasWord(r.value.outcome.sentence + r.value.steps.map((s) => s.caption).join(' '), 'Bob')).toBe(false);
    const shared = redactForSharing(trace, 'secrets');
    expect(shared.description).toMatch(/^Malware swaps .+\n\nRedacted \(secrets\): seeds: 2/);
    expect(parseTrace(serializeTrace(shared)).description).toBe(shared.description);
  });
});

describe('proofline export', () => {
  it.each(['svg', 'html', 'md', 'mermaid'])('--format %s writes to standard output (exit 0)', async (format) => {
    const r = await cli('export', file, '--format', format, ...(format === 'mermaid' ? ['--run', '1'] : []));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(500);
    if (format === 'mermaid') await expect(mermaidParse(r.stdout)).resolves.toMatchObject({ diagramType: 'sequence' });
    if (format === 'svg') parseXml(r.stdout);
    if (format !== 'svg') expect(r.stdout).toMatch(/Re-verified from its bytes/);
  });

  it('--format png writes a PNG to --out; --out works for text formats too', async () => {
    const png = join(dir, 'swap.png');
    const r = await cli('export', file, '--format', 'png', '--out', png);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const bytes = readFileSync(png);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(10_000);
    const md = join(dir, 'swap.md');
    expect((await cli('export', file, '--format', 'md', '--redact', 'names', '--out', md)).code).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('**Redacted:**');
    expect(hasWord(text, 'Mallory')).toBe(false);
  });

  it('--run picks runs', async () => {
    const r = await cli('export', file, '--format', 'md', '--run', '1');
    expect(r.stdout).toContain('## Run 0: biometric-only');
    expect(r.stdout).not.toContain('webauthn ·');
  });

  it.each([
    [['--format', 'png'], /--format png writes binary data: give --out FILE/],
    [['--format', 'pdf'], /--format expects one of svg, png, html, md, mermaid, got "pdf"/],
    [[], /--format is required/],
    [['--format', 'md', '--redact', 'everything'], /--redact expects one of none, secrets, names, amounts, device, all/],
    [['--format', 'md', '--run', '2'], /--run expects a run index from 0 to 1, got "2"/],
    [['--format', 'mermaid'], /a Mermaid diagram shows one: choose with --run N/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await cli('export', file, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line for an unreadable trace', async () => {
    const { writeFileSync } = await import('node:fs');
    const bad = join(dir, 'bad.proofline.json');
    writeFileSync(bad, '{"format": "proofline-trace", "version": 99}');
    for (const f of [bad, join(dir, 'missing.json')]) {
      const r = await cli('export', f, '--format', 'md');
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(f);
    }
  });
});

describe('the prepared traces in traces/', () => {
  const files = (() => {
    try {
      return readdirSync(TRACES).filter((f) => f.endsWith('.proofline.json')).sort();
    } catch {
      return [];
    }
  })();

  it.skipIf(files.length === 0).each(files)('%s exports to every text format', async (name) => {
    const t = parseTrace(readFileSync(join(TRACES, name)));
    const md = traceToMarkdown(t);
    expect(md).toContain('## What the verifier can conclude');
    expect(traceToHtml(t)).not.toMatch(/<script/i);
    for (const run of t.runs) await expect(mermaidParse(runToMermaid(run))).resolves.toMatchObject({ diagramType: 'sequence' });
    parseXml(runToSvg(t.runs.slice(0, 2)));
  });
});
