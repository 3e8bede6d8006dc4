import type { CliIO, Command } from './io.js';
import { UsageError } from './io.js';
import { ProoflineError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { captureCommand } from './commands/capture.js';
import { checkResponseCommand } from './commands/checkResponse.js';
import { exportCommand } from './commands/export.js';
import { listCommand } from './commands/list.js';
import { matrixCommand } from './commands/matrix.js';
import { recordCommand } from './commands/record.js';
import { verifyCommand } from './commands/verify.js';

const HELP = `proofline — record, verify and compare WebAuthn and mobile-approval runs

Usage:
  proofline list                                   flows, options and scenarios
  proofline record --flow F --scenario S [--option k=v]… [--seed N] [--out FILE]
  proofline record --all --out-dir DIR [--json]    every flow × option set × scenario
  proofline verify FILE… [--json]                  re-verify traces from their raw bytes
  proofline check-response FILE… [--json]          verify real WebAuthn response bundles
  proofline capture --out FILE [--port N] [--json] record your own authenticator from your browser
  proofline matrix [--option k=v]… [--format md|json] [--seed N]   every scenario × flow, live
  proofline export TRACE --format svg|png|html|md|mermaid [--redact P] [--run N]… [--out FILE]
  proofline --help | --version

Exit codes: 0 success, 1 a negative result (rejected, disagreeing), 2 unusable input.
`;

const COMMANDS: Record<string, Command> = {
  capture: captureCommand,
  'check-response': checkResponseCommand,
  export: exportCommand,
  list: listCommand,
  matrix: matrixCommand,
  record: recordCommand,
  verify: verifyCommand,
};

/**
 * Every line the CLI prints goes through {@link printable} (line breaks kept): a file name, a key
 * or a label from a file cannot move the cursor or recolour the terminal.
 */
function safeIO(io: CliIO): CliIO {
  return {
    stdout: { write: (s: string) => io.stdout.write(printable(s, true)) },
    stderr: { write: (s: string) => io.stderr.write(printable(s, true)) },
  };
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], rawIO: CliIO): Promise<number> {
  const io = safeIO(rawIO);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`proofline: unknown command "${name}" (see proofline --help)\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`proofline ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ProoflineError) {
      io.stderr.write(`proofline ${name}: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`proofline ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

declare const __PROOFLINE_VERSION__: string | undefined;
const VERSION = typeof __PROOFLINE_VERSION__ === 'string' ? __PROOFLINE_VERSION__ : '0.1.0';
