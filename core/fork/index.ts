/**
 * What-if forks: change one thing in a recorded run's bytes at a step, and let the real checks say
 * who catches it.
 */
export { forkRun, forkableChanges, FORK_CAPTION_SUFFIX } from './forkRun.js';
export { changeText } from './changeText.js';
export { FORK_FLAGS, FORK_KINDS, type ChangedCheck, type ChangedLedgerEntry, type ForkableChange, type ForkChange, type ForkFlag, type ForkInfo, type ForkKind, type ForkResult } from './types.js';
