import type { ForkInfo } from '../fork/types.js';
import type { ResponseInfo, Run, Step } from '../flows/types.js';

/**
 * What the exporters read of a run: a recorded {@link Run} or a run loaded from a trace (whose
 * seed may be withheld and whose steps may carry a trainer's notes) — both fit.
 */
export interface ExportRun extends Pick<Run, 'flow' | 'scenario' | 'options' | 'intended' | 'actors' | 'outcome' | 'ledger'> {
  readonly seed?: number | null;
  readonly steps: readonly (Step & { readonly notes?: string })[];
  /** Set when the run is a what-if fork of another run of the trace. */
  readonly fork?: ForkInfo;
  /** Set when the run is a real response opened in the app (it has no seed). */
  readonly response?: ResponseInfo;
}

/** What the report exporters read of a trace (a loaded or created trace fits). */
export interface ExportTrace {
  readonly title: string;
  readonly description: string;
  readonly created: string;
  readonly generator: { readonly name: string; readonly version: string };
  readonly runs: readonly ExportRun[];
}

/** What an export says besides the runs: what was redacted, and whether the bytes re-verified. */
export interface ExportNotes {
  /** What redaction removed or masked, one entry per line (see `redact`); empty or absent: nothing. */
  readonly redacted?: readonly string[];
  /**
   * The result of re-verifying the trace from its bytes before export, when it was done, and
   * which version of the runs the export shows: `recomputed` (the default: what the bytes
   * support — the CLI and the app export these) or the file's own `claims`.
   */
  readonly verification?: { readonly agrees: boolean; readonly disagreements: number; readonly shows?: 'recomputed' | 'claims' };
}
