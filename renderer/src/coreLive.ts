/**
 * The live parts of core — every flow (registered on import), recording and re-verification —
 * loaded once the lanes are on screen or on first use (`loadCoreLive()` in deps.ts), so the start path
 * carries none of the flows' actors, RP, crypto or public suffix list. Their types come from core.ts.
 */
import '../../core/flows/all.js';

export { recordRun, reverifyRun } from '../../core/flows/runs.js';
export { allFlows, flowDefinition } from '../../core/flows/registry.js';
export { verifyTrace } from '../../core/trace/verify.js';
