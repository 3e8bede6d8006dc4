import '../../core/flows/all.js';
import { ProoflineError } from '../../core/errors.js';
import { DEFAULT_JSON_LIMITS } from '../../core/codec/json.js';
import { parseTrace } from '../../core/trace/trace.js';
import { verifyTrace, type TraceVerification } from '../../core/trace/verify.js';
import { stepNumber, stepLabel } from '../../core/flows/stepNumber.js';
import { FileNotRead, readRegularFile } from '../../node/regularFile.js';
import { parseCommandLine } from '../args.js';
import { UsageError, type CliIO, type Command } from '../io.js';

const USAGE = 'usage: proofline verify FILE… [--json]';

/** Why a file is not a readable trace: what and where. */
interface Unreadable {
  code: string;
  path: string | null;
  message: string;
}

/** Read, parse and re-verify one file; never throws. */
async function verifyFile(file: string): Promise<{ ok: TraceVerification } | { unreadable: Unreadable }> {
  let bytes: Uint8Array;
  try {
    // Only a regular file is read, and never more than the size limit.
    bytes = await readRegularFile(file, DEFAULT_JSON_LIMITS.maxBytes);
  } catch (e) {
    if (e instanceof FileNotRead && e.size !== undefined) {
      return { unreadable: { code: 'ERR_TRACE_SIZE', path: '$', message: `$: the file is ${e.size} bytes; the limit is ${DEFAULT_JSON_LIMITS.maxBytes}` } };
    }
    return { unreadable: { code: 'ERR_READ', path: null, message: `cannot read: ${e instanceof FileNotRead ? e.reason : String(e)}` } };
  }
  try {
    return { ok: await verifyTrace(parseTrace(bytes)) };
  } catch (e) {
    if (e instanceof ProoflineError) return { unreadable: { code: e.code, path: e.path ?? null, message: e.message } };
    return { unreadable: { code: 'ERR_INTERNAL', path: null, message: `cannot be verified: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

/** How a line names a run: `webauthn/replay`, or `real response` for a response opened in the app (no scenario was played). */
export function runWords(run: { flow: string; scenario: string; response?: unknown }): string {
  return run.response ? 'real response' : `${run.flow}/${run.scenario}`;
}

/** A disagreement line is kept under this many characters; `--json` has the whole text. */
export const LINE_LIMIT = 199;

/** `text` cut to `max` characters with an ellipsis. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * One disagreement in one line of under 200 characters that leads with what failed: the file, then
 * the check (or outcome, ledger row) and its step and run, then recorded vs recomputed. A check
 * shows the recorded status word and the recomputed status with its detail; long text is cut
 * with an ellipsis (`--json` has all of it).
 */
export function disagreementLine(file: string, run: { index: number; name: string }, d: { step: number | null; what: string; recorded: string; recomputed: string }): string {
  const where = d.step === null ? '' : ` at ${stepLabel(d.step)}`;
  const head = `${file}: ${d.what}${where} (run ${run.index}, ${run.name}): `;
  const isCheck = d.what.startsWith('check ');
  const status = (t: string) => (isCheck ? t.split(':')[0]! : t);
  const room = Math.max(30, LINE_LIMIT - head.length - 'recorded , recomputed '.length);
  const rec = clip(status(d.recorded), isCheck ? room : Math.floor(room / 2));
  const com = clip(d.recomputed, room - rec.length);
  return clip(`${head}recorded ${rec}, recomputed ${com}`, LINE_LIMIT);
}

/**
 * `proofline verify FILE… [--json]`: re-verify traces from their raw bytes. Exit 0 when every
 * recorded claim agrees with the recomputation, 1 when some disagree (each disagreement named:
 * file, run, step, what, recorded vs recomputed), 2 when a file is not a readable trace (one line:
 * file, JSON path, what). Every file is checked; the exit code is the worst of them.
 */
export const verifyCommand: Command = async (argv: string[], io: CliIO): Promise<number> => {
  const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean' } }, { positionals: true, usage: USAGE });
  if (positionals.length === 0) throw new UsageError(`no trace file given\n${USAGE}`);
  let exit = 0;
  const count = { agree: 0, disagree: 0, unreadable: 0 };
  for (const file of positionals) {
    const result = await verifyFile(file);
    if ('unreadable' in result) {
      exit = 2;
      count.unreadable++;
      const u = result.unreadable;
      if (values.json) io.stdout.write(`${JSON.stringify({ file, status: 'unreadable', error: u, runs: [] })}\n`);
      else io.stderr.write(`proofline verify: ${file}: ${u.message}${u.code.startsWith('ERR_TRACE') || u.code === 'ERR_BASE64URL' || u.code === 'ERR_UNSUPPORTED' ? ` (${u.code})` : ''}\n`);
      continue;
    }
    const v = result.ok;
    if (!v.agrees) exit = Math.max(exit, 1);
    count[v.agrees ? 'agree' : 'disagree']++;
    if (values.json) {
      const runs = v.runs.map((r) => ({
        run: r.index,
        flow: r.run.flow,
        options: r.run.options,
        scenario: r.run.scenario,
        outcome: r.run.outcome.outcome,
        actor: r.run.outcome.actor,
        check: r.run.outcome.check,
        disagreements: r.disagreements.map((d) => ({ step: d.step === null ? null : stepNumber(d.step), path: d.path, what: d.what, recorded: d.recorded, recomputed: d.recomputed })),
      }));
      io.stdout.write(`${JSON.stringify({ file, status: v.agrees ? 'agree' : 'disagree', error: null, runs })}\n`);
      continue;
    }
    if (v.agrees) {
      const summary = v.runs.map((r) => `${runWords(r.run)}: ${r.run.outcome.outcome}`).join(', ');
      io.stdout.write(`${file}: ok — ${v.runs.length === 1 ? '1 run agrees' : `${v.runs.length} runs agree`} with the file's bytes (${summary})\n`);
      continue;
    }
    io.stdout.write(`${file}: ${v.disagreements.length} disagreement${v.disagreements.length === 1 ? '' : 's'} between what the file claims and what its bytes support\n`);
    for (const r of v.runs) {
      for (const d of r.disagreements) io.stdout.write(`${disagreementLine(file, { index: r.index, name: runWords(r.run) }, d)}\n`);
    }
  }
  if (!values.json && positionals.length > 1) {
    const parts = [`${count.agree} agree`, ...(count.disagree ? [`${count.disagree} disagree`] : []), ...(count.unreadable ? [`${count.unreadable} unreadable`] : [])];
    const line = `verified ${positionals.length} files: ${parts.join(', ')}\n`;
    io.stdout.write(line);
  }
  return exit;
};
