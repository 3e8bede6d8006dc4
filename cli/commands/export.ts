import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { FileNotRead, readRegularFile } from '../../node/regularFile.js';
import '../../core/flows/all.js';
import { ProoflineError } from '../../core/errors.js';
import { isRedactionProfile, redact, REDACTION_PROFILES, runToMermaid, runToSvg, traceToHtml, traceToMarkdown, type ExportNotes } from '../../core/export/index.js';
import { DEFAULT_JSON_LIMITS } from '../../core/codec/json.js';
import { parseTrace, type Trace } from '../../core/trace/trace.js';
import { verifyTrace } from '../../core/trace/verify.js';
import { parseCommandLine } from '../args.js';
import { UsageError, type CliIO, type Command } from '../io.js';

const USAGE = 'usage: proofline export TRACE --format svg|png|html|md|mermaid [--redact none|secrets|names|amounts|all] [--run N]… [--out FILE]';
const FORMATS = ['svg', 'png', 'html', 'md', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  format: { type: 'string' },
  redact: { type: 'string' },
  run: { type: 'string', multiple: true },
  out: { type: 'string' },
} as const;

const CHROMIUM = '/usr/bin/chromium';

async function readTrace(file: string): Promise<Trace> {
  let bytes: Uint8Array;
  try {
    // Only a regular file is read, and never more than the size limit.
    bytes = await readRegularFile(file, DEFAULT_JSON_LIMITS.maxBytes);
  } catch (e) {
    if (e instanceof FileNotRead && e.size !== undefined) throw new UsageError(`${file}: the file is ${e.size} bytes; the limit is ${DEFAULT_JSON_LIMITS.maxBytes}`);
    throw new UsageError(`${file}: cannot read: ${e instanceof FileNotRead ? e.reason : String(e)}`);
  }
  try {
    return parseTrace(bytes);
  } catch (e) {
    if (e instanceof ProoflineError) throw new UsageError(`${file}: ${e.message} (${e.code})`);
    throw e;
  }
}

function runIndices(given: readonly string[], count: number): number[] {
  const out: number[] = [];
  for (const text of given.flatMap((g) => g.split(','))) {
    if (!/^\d+$/.test(text.trim()) || Number(text) >= count) throw new UsageError(`--run expects a run index from 0 to ${count - 1}, got "${text}"`);
    if (out.includes(Number(text))) throw new UsageError(`--run ${text} is given twice`);
    out.push(Number(text));
  }
  return out;
}

/**
 * Rasterise an SVG: with @resvg/resvg-js (prebuilt binaries from the npm registry) when it is
 * installed, else with Chromium through playwright-core when both are present.
 */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  try {
    const { Resvg } = await import('@resvg/resvg-js');
    return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff' }).render().asPng();
  } catch (resvgError) {
    if (!existsSync(CHROMIUM)) throw new UsageError(`PNG needs @resvg/resvg-js (npm install) or Chromium at ${CHROMIUM} with playwright-core; neither is available (${resvgError instanceof Error ? resvgError.message.split('\n')[0] : String(resvgError)}) — export --format svg instead`);
    let chromium;
    try {
      ({ chromium } = await import('playwright-core'));
    } catch {
      throw new UsageError(`PNG needs @resvg/resvg-js, or playwright-core with Chromium at ${CHROMIUM}; neither is installed — export --format svg instead`);
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const size = /width="(\d+)" height="(\d+)"/.exec(svg);
      const page = await browser.newPage({ viewport: { width: Number(size?.[1] ?? 800), height: Number(size?.[2] ?? 600) }, deviceScaleFactor: 2 });
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      return await page.locator('svg').first().screenshot({ type: 'png' });
    } finally {
      await browser.close();
    }
  }
}

/**
 * `proofline export TRACE --format svg|png|html|md|mermaid [--redact PROFILE] [--run N]… [--out FILE]`:
 * re-verify a trace from its bytes, redact it, and write it as a static SVG sequence diagram (one
 * or two runs), a PNG of that SVG, a self-contained HTML or Markdown design-review report, or a
 * Mermaid sequence diagram (one run). Standard output without `--out`; PNG needs `--out`.
 * Exit 0, or 2 for an unreadable trace or a bad command line (one line).
 */
export const exportCommand: Command = async (argv: string[], io: CliIO): Promise<number> => {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, { positionals: true, usage: USAGE });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `no trace file given; ${USAGE}` : `one trace file at a time, got ${positionals.length}`);
  const format = values.format;
  if (format === undefined) throw new UsageError(`--format is required: ${FORMATS.join(', ')}`);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format expects one of ${FORMATS.join(', ')}, got "${format}"`);
  const profile = values.redact ?? 'none';
  if (!isRedactionProfile(profile)) throw new UsageError(`--redact expects one of ${REDACTION_PROFILES.join(', ')}, got "${profile}"`);
  const out = values.out;
  if (format === 'png' && out === undefined) throw new UsageError('--format png writes binary data: give --out FILE');

  const loaded = await readTrace(positionals[0]!);
  const picked = runIndices(values.run ?? [], loaded.runs.length);
  const count = picked.length || loaded.runs.length;
  if ((format === 'svg' || format === 'png') && count > 2) throw new UsageError(`the trace has ${loaded.runs.length} runs; an SVG shows one or two: choose with --run N`);
  if (format === 'mermaid' && count > 1) throw new UsageError(`the trace has ${loaded.runs.length} runs; a Mermaid diagram shows one: choose with --run N`);

  // Show what the bytes support, not what the file claims; say whether the two agree.
  const verification = await verifyTrace(loaded);
  const verified: Trace = { ...loaded, runs: verification.runs.map((r) => r.run) };
  const selected: Trace = picked.length ? { ...verified, runs: picked.map((i) => verified.runs[i]!) } : verified;
  const redacted = redact(selected, profile as (typeof REDACTION_PROFILES)[number]);
  const notes: ExportNotes = { redacted: redacted.removed, verification: { agrees: verification.agrees, disagreements: verification.disagreements.length } };
  const trace = redacted.value;

  let output: string | Uint8Array;
  switch (format as Format) {
    case 'svg': output = runToSvg(trace.runs, notes); break;
    case 'png': output = await svgToPng(runToSvg(trace.runs, notes)); break;
    case 'html': output = traceToHtml(trace, notes); break;
    case 'md': output = traceToMarkdown(trace, notes); break;
    case 'mermaid': output = runToMermaid(trace.runs[0]!, notes); break;
  }
  if (out === undefined) io.stdout.write(typeof output === 'string' ? output : Buffer.from(output).toString('binary'));
  else await writeFile(out, output);
  return 0;
};
