/**
 * A real response as a run (DESIGN.md §5 bundles, shown and saved by the app): the read-only run of
 * four steps built from a bundle and its verdict, its ledger, and re-verification of a saved one
 * from its payloads alone. Above core/bundle (it builds Runs, so it may use core/flows and core/ops).
 */
export { RESPONSE_STEPS, responseName, responseRun, statedTime } from './responseRun.js';
export { ledgerFromResponse, type ResponseFacts } from './responseLedger.js';
export { openResponse, replayResponseRun, responseBundleOf, type ResponseReplay, type ResponseReplayInput } from './replayResponse.js';
