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
    if (!entry || run.steps.length === 0) return { property, level: null, step: null, why: '', check: null, changed: false };
    const step = decidingStep(entry, run.steps);
    if (position <= step) return { property, level: null, step: null, why: '', check: null, changed: false };
    const check = entry.evidence.find((e) => e.step === step)?.check ?? null;
    return { property, level: entry.level, step, why: entry.why, check, changed: position === step + 1 };
  });
}

/** The ledger entries the step at `index` decides (what a selected step lists). */
export function decidedAt(run: Pick<Run, 'ledger' | 'steps'>, index: number): LedgerEntry[] {
  return run.ledger.filter((entry) => run.steps.length > 0 && decidingStep(entry, run.steps) === index);
}
