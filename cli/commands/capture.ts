import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { captureTrace } from '../../core/capture/trace.js';
import { levelWord } from '../../core/ledger/levels.js';
import { serializeTrace } from '../../core/trace/trace.js';
import { parseCommandLine } from '../args.js';
import { readTrustOptions, TRUST_OPTIONS } from '../trustOptions.js';
import { startCaptureServer, type CaptureServer } from '../../node/captureServer.js';
import { UsageError, type CliIO, type Command } from '../io.js';

const USAGE = 'usage: proofline capture --out FILE [--port N] [--json] [--trust PEM]… [--mds BLOB --mds-root PEM] [--at now|ISO-TIME]';

const OPTIONS = {
  out: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  ...TRUST_OPTIONS,
} as const;

declare const __PROOFLINE_VERSION__: string | undefined;
const GENERATOR = { name: 'proofline', version: typeof __PROOFLINE_VERSION__ === 'string' ? __PROOFLINE_VERSION__ : '0.1.0' };

/** The capture page's files: beside the bundled CLI (dist/cli/capture), or in the source tree. */
export function capturePageDir(): string {
  const candidates = [new URL('./capture/', import.meta.url), new URL('../../renderer/capture/', import.meta.url)];
  for (const c of candidates) {
    const dir = fileURLToPath(c);
    if (existsSync(`${dir}index.html`)) return dir;
  }
  throw new Error('the capture page files are missing (renderer/capture; run npm run build:cli)');
}

/** What the command waits for besides the page's Finish: tests pass a signal, the binary SIGINT. */
export interface CaptureDeps {
  readonly now: () => Date;
  /** Resolves when the user interrupts (Ctrl-C): what was captured so far is still written. */
  readonly interrupted: (server: CaptureServer) => Promise<void>;
}

function sigint(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', () => resolve()));
}

/** `proofline capture`: serve the capture page, wait for Finish (or Ctrl-C), write the trace. */
export function makeCaptureCommand(deps: CaptureDeps): Command {
  return async (argv: string[], io: CliIO): Promise<number> => {
    const { values } = parseCommandLine(argv, OPTIONS, { usage: USAGE });
    if (values.out === undefined) throw new UsageError(`--out FILE is required\n${USAGE}`);
    let port = 0;
    if (values.port !== undefined) {
      if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port expects 0 to 65535, got "${values.port}"`);
      port = Number(values.port);
    }
    // The RP's trust inputs travel in the trace (the registration's `trust` payload), so `verify` judges the chain the same way.
    const trust = await readTrustOptions('capture', values, io);
    if (trust === undefined) return 2;
    const server = await startCaptureServer({ pageDir: capturePageDir(), port, deps: { now: deps.now, ...(trust ? { trust } : {}) } });
    if (values.json) io.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
    else io.stdout.write(`Open this address in your browser (it works only on this computer):\n\n  ${server.url}\n\nRegister, approve the payment, then press Finish on the page (or Ctrl-C here).\n`);
    await Promise.race([server.finished, deps.interrupted(server)]);
    const random = (n: number) => new Uint8Array(randomBytes(n));
    let result;
    try {
      result = await captureTrace(server.session, { random, created: deps.now(), generator: GENERATOR });
    } finally {
      await server.close();
    }
    if (!result) {
      io.stderr.write('proofline capture: nothing was captured (no registration reached Proofline); no trace written\n');
      return 1;
    }
    await writeFile(values.out, serializeTrace(result.trace));
    const [captured, , ...rest] = result.trace.runs;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({
        file: values.out,
        captured: { outcome: captured!.outcome.outcome, actor: captured!.outcome.actor, check: captured!.outcome.check, device: captured!.capture?.device ?? null, userAgent: captured!.capture?.userAgent ?? null },
        attacks: rest.map((r) => ({ scenario: r.scenario, outcome: r.outcome.outcome, actor: r.outcome.actor, check: r.outcome.check, derived: r.capture?.derived ?? null })),
        captureAgain: result.captureAgain,
      })}\n`);
    } else {
      io.stdout.write(`\nWrote ${values.out}\n  your run: ${captured!.outcome.sentence}\n`);
      for (const l of captured!.ledger) io.stdout.write(`    ${l.property}: ${levelWord(l.level)}\n`);
      for (const r of rest) io.stdout.write(`  ${r.scenario}: ${r.outcome.sentence}\n`);
      for (const c of result.captureAgain) io.stdout.write(`  capture again for ${c.scenario}: ${c.reason}\n`);
    }
    return 0;
  };
}

export const captureCommand: Command = makeCaptureCommand({ now: () => new Date(), interrupted: () => sigint() });
