import { readFile, stat } from 'node:fs/promises';
import '../../core/flows/all.js';
import { ProoflineError } from '../../core/errors.js';
import { DEFAULT_JSON_LIMITS } from '../../core/trace/json.js';
import { parseTrace } from '../../core/trace/trace.js';
import { verifyTrace, type TraceVerification } from '../../core/trace/verify.js';
import { parseCommandLine } from '../args.js';
import { UsageError, type CliIO, type Command } from '../io.js';

const USAGE = 'usage: proofline verify FILE… [--json]';

/** Why a file is not a readable trace: what and where. */
interface Unreadable {
  code: string;
  path: string | null;
  message: string;
}

function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
}

/** Read, parse and re-verify one file; never throws. */
async function verifyFile(file: string): Promise<{ ok: TraceVerification } | { unreadable: Unreadable }> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { unreadable: { code: 'ERR_READ', path: null, message: 'cannot read: is a directory' } };
    // Refuse an oversized file before reading it into memory.
    if (info.size > DEFAULT_JSON_LIMITS.maxBytes) {
      return { unreadable: { code: 'ERR_TRACE_SIZE', path: '$', message: `$: the file is ${info.size} bytes; the limit is ${DEFAULT_JSON_LIMITS.maxBytes}` } };
    }
    bytes = await readFile(file);
  } catch (e) {
    return { unreadable: { code: 'ERR_READ', path: null, message: `cannot read: ${describeReadError(e)}` } };
  }
  try {
    return { ok: await verifyTrace(parseTrace(bytes)) };
  } catch (e) {
    if (e instanceof ProoflineError) return { unreadable: { code: e.code, path: e.path ?? null, message: e.message } };
    return { unreadable: { code: 'ERR_INTERNAL', path: null, message: `cannot be verified: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

function quote(s: string): string {
  return JSON.stringify(s);
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
  for (const file of positionals) {
    const result = await verifyFile(file);
    if ('unreadable' in result) {
      exit = 2;
      const u = result.unreadable;
      if (values.json) io.stdout.write(`${JSON.stringify({ file, status: 'unreadable', error: u, runs: [] })}\n`);
      else io.stderr.write(`proofline verify: ${file}: ${u.message}${u.code.startsWith('ERR_TRACE') || u.code === 'ERR_BASE64URL' || u.code === 'ERR_UNSUPPORTED' ? ` (${u.code})` : ''}\n`);
      continue;
    }
    const v = result.ok;
    if (!v.agrees) exit = Math.max(exit, 1);
    if (values.json) {
      const runs = v.runs.map((r) => ({
        run: r.index,
        flow: r.run.flow,
        options: r.run.options,
        scenario: r.run.scenario,
        outcome: r.run.outcome.outcome,
        actor: r.run.outcome.actor,
        check: r.run.outcome.check,
        disagreements: r.disagreements.map((d) => ({ step: d.step, path: d.path, what: d.what, recorded: d.recorded, recomputed: d.recomputed })),
      }));
      io.stdout.write(`${JSON.stringify({ file, status: v.agrees ? 'agree' : 'disagree', error: null, runs })}\n`);
      continue;
    }
    if (v.agrees) {
      const summary = v.runs.map((r) => `${r.run.flow}/${r.run.scenario}: ${r.run.outcome.outcome}`).join(', ');
      io.stdout.write(`${file}: ok — ${v.runs.length === 1 ? '1 run agrees' : `${v.runs.length} runs agree`} with the file's bytes (${summary})\n`);
      continue;
    }
    io.stdout.write(`${file}: ${v.disagreements.length} disagreement${v.disagreements.length === 1 ? '' : 's'} between what the file claims and what its bytes support\n`);
    for (const r of v.runs) {
      for (const d of r.disagreements) {
        const where = d.step === null ? '' : ` step ${d.step}`;
        io.stdout.write(`${file}: run ${r.index} (${r.run.flow}/${r.run.scenario})${where}: ${d.what}: recorded ${quote(d.recorded)}, recomputed ${quote(d.recomputed)}\n`);
      }
    }
  }
  return exit;
};
