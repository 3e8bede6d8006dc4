import type { LedgerEntry, Level, Property, Run, Step } from '../flows/types.js';
import { PROPERTIES } from '../flows/types.js';

/**
 * The ledger as it reads while a run is stepped through: a property is "not yet" until the step
 * that establishes (or rules out) it, then its level and that step. The levels are the run's own
 * ledger (derived from the checks, core/ledger/derive.ts); this file only says when each one is
 * decided, so the evidence on screen grows step by step instead of appearing at the end.
 */

/** One cell of the ledger once some steps of a run are shown. */
export interface LedgerCell {
  readonly property: Property;
  /** The level, or null before the deciding step ("not yet"). */
  readonly level: Level | null;
  /** Index of the deciding step once it is shown, else null. */
  readonly step: number | null;
  /** Why the level is what it is (empty before the deciding step). */
  readonly why: string;
  /** The check the level rests on, when one does. */
  readonly check: string | null;
  /** True when the step just shown decided this cell (it changed from "not yet" to its level). */
  readonly changed: boolean;
  /**
   * True when no step of the run established or ruled out the property (its entry has no
   * evidence: the design never proves it, or the run stopped first): its level shows once the
   * run is over, with no step to point at. `step` is then the run's last step, where the
   * evidence view shows why.
   */
  readonly byEnd: boolean;
}

/** Whether a step of the run decided the entry (it has evidence), rather than the run ending without it. */
export function decidedByStep(entry: LedgerEntry, steps: readonly Step[]): boolean {
  return entry.evidence.some((e) => e.step >= 0 && e.step < steps.length);
}

/**
 * The step that decides a ledger entry: the latest step of its evidence, or — for a property
 * nothing in the run establishes — the run's last step (the run ended without it).
 */
export function decidingStep(entry: LedgerEntry, steps: readonly Step[]): number {
  const last = steps.length - 1;
  const evidence = entry.evidence.map((e) => e.step).filter((s) => s >= 0 && s <= last);
  return evidence.length > 0 ? Math.max(...evidence) : Math.max(0, last);
}

/** The cells of a run's ledger once `position` of its steps are shown (0 = none, steps.length = all). */
export function ledgerAt(run: Pick<Run, 'ledger' | 'steps'>, position: number): LedgerCell[] {
  return PROPERTIES.map((property): LedgerCell => {
    const entry = run.ledger.find((l) => l.property === property);
    const notYet: LedgerCell = { property, level: null, step: null, why: '', check: null, changed: false, byEnd: false };
    if (!entry || run.steps.length === 0) return notYet;
    const step = decidingStep(entry, run.steps);
    if (position <= step) return notYet;
    const check = entry.evidence.find((e) => e.step === step)?.check ?? null;
    return { property, level: entry.level, step, why: entry.why, check, changed: position === step + 1, byEnd: !decidedByStep(entry, run.steps) };
  });
}

/** The ledger entries the step at `index` decides (what a selected step lists): never one no step decided. */
export function decidedAt(run: Pick<Run, 'ledger' | 'steps'>, index: number): LedgerEntry[] {
  return run.ledger.filter((entry) => decidedByStep(entry, run.steps) && decidingStep(entry, run.steps) === index);
}
