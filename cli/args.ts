import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

/** One option of a command line, as node:util parseArgs takes it. */
export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

type Parsed<O extends Record<string, OptionSpec>> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true; tokens: true }>>;

/**
 * Parse a command's argv strictly (node:util parseArgs): an unknown option, a missing value or
 * a stray positional becomes a UsageError, which main prints as one line with exit code 2.
 */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(argv: string[], options: O, opts: { positionals?: boolean; usage: string }): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new UsageError(`${message}\n${opts.usage}`);
  }
  if (!opts.positionals && parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument "${parsed.positionals[0]}"\n${opts.usage}`);
  }
  return parsed;
}

/** The values of the named options in command-line order (`tokens` from {@link parseCommandLine}). */
export function orderedValues(tokens: readonly { kind: string; name?: string; value?: string | undefined }[], ...names: string[]): string[] {
  // A flow's own options keep their commas: `--flow push-approval:numberMatching=code,approvalKey=signed`
  // is one flow (a piece with "=" and no ":" continues the flow before it); `--flows a,b` is two.
  const out: string[] = [];
  for (const piece of listValues(tokens.filter((t) => t.kind === 'option' && t.name !== undefined && names.includes(t.name)).map((t) => t.value ?? ''))) {
    if (piece.includes('=') && !piece.includes(':') && out.length > 0 && out[out.length - 1]!.includes(':')) out[out.length - 1] += `,${piece}`;
    else out.push(piece);
  }
  return out;
}

/** The values of a `multiple` string option, also split on commas (`--flows a,b` = `--flow a --flow b`). */
export function listValues(...values: (string | string[] | undefined)[]): string[] {
  return values
    .flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
