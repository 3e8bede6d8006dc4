/**
 * The parts of core only the workshop tools use — response bundles, the outcome matrix, what-if
 * forks, exports — loaded on first use (`await import('./coreWorkshop.js')`), so they cost nothing
 * before the lanes are drawn. Their types come from core.ts. The matrix and forks record and
 * re-evaluate runs, so every flow is registered here too (as in coreLive.ts).
 */
import '../../core/flows/all.js';

export { bundleFromCredential, parseBundle, readResponseInput, verifyBundle } from '../../core/bundle/index.js';
export { ledgerFromResponse, openResponse, responseRun } from '../../core/response/index.js';
export { computeMatrix, matrixColumns } from '../../core/matrix/index.js';
export { forkRun, forkableChanges, FORK_FLAGS } from '../../core/fork/index.js';
export { ledgerMarkdown, runToMermaid, traceToHtml, traceToMarkdown, redact, REDACTION_PROFILES } from '../../core/export/index.js';
