import type { Step } from './types.js';

/**
 * A run in which nothing tests that a person is present (DESIGN.md §13.4): no gesture step and no
 * presence check (an assertion's rp.userPresent, an authenticator's own *.userPresent). The lanes
 * draw the other lane's gesture rows as an empty band that says so; a run whose presence is checked
 * without a gesture of its own (an attacker's submission of a real assertion) does not qualify.
 */
export function testsNoPresence(steps: readonly Step[]): boolean {
  return !steps.some((s) => s.phase === 'gesture' || s.checks.some((c) => /(^|\.)userPresent$/.test(c.id)));
}
