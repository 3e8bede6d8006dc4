/**
 * The public surface of core for cli/, main/ and renderer/. Importing it registers all flows.
 */
import './flows/all.js';

export * from './check.js';
export * from './errors.js';
export * from './flows/types.js';
export { recordRun, reverifyRun, resolveOptions, INTENDED_ACTION, ATTACKER_ACTION, type Disagreement, type Reverification } from './flows/runs.js';
export { allFlows, flowDefinition, type FlowDefinition } from './flows/registry.js';
export { flowCatalog, flowInfo, type FlowInfo, type OptionInfo } from './flows/catalog.js';
export { SCENARIOS, scenarioInfo, type ScenarioInfo } from './scenarios/index.js';
export { actorName } from './flows/outcome.js';
export { canonicalAction, describeAction, type Action } from './codec/action.js';
export { toBase64url, fromBase64url } from './codec/base64url.js';
export { bytesToHex, hexToBytes, utf8ToBytes, bytesToUtf8 } from './codec/bytes.js';
export * from './trace/index.js';
export { LEVEL_WORDS, levelWord, NOT_YET, PROPERTY_QUESTIONS } from './ledger/levels.js';
export { authenticatorModelLevel, type ModelFacts, type ModelLevel } from './ledger/authenticatorModel.js';
export { stepNumber, stepLabel, stepIndex } from './flows/stepNumber.js';
export { testsNoPresence } from './flows/presence.js';
export { ledgerAt, decidedAt, decidedByStep, decidingStep, type LedgerCell } from './ledger/timeline.js';
export { stepCarries, carriageTag, carriageSentence, type Carriage, type SignedCarriage, type ClaimCarriage } from './ledger/carriage.js';
export { propertyEvidence, type PropertyEvidence, type EvidenceRange } from './ledger/evidenceBytes.js';
