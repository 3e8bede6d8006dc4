import { flowCatalog, type FlowId, type FlowOptions, type OutcomeClass } from '../core.js';

/** A flow's title as core's flow catalog gives it (the lane's accessible name). */
export function flowTitle(id: FlowId): string {
  return flowCatalog().find((f) => f.id === id)?.title ?? id;
}

/** The flows to choose from, in core's order (its flow catalog: no flow module needs to load). */
export function flowChoices(): { id: FlowId; title: string }[] {
  return flowCatalog().map((d) => ({ id: d.id, title: d.title }));
}

export const OPTION_LABELS: Record<keyof FlowOptions, string> = {
  userVerification: 'UV policy',
  uvAvailable: 'UV available',
  credential: 'Credential kind',
  binding: 'Binding',
  replayGuard: 'Replay guard',
  rpFlaw: 'RP misconfiguration',
  numberMatching: 'Number matching',
  approvalKey: 'Approval key',
  channel: 'Channel',
  linking: 'Dynamic linking',
};

export const OUTCOME_LABELS: Record<OutcomeClass, string> = { ok: 'OK', blocked: 'Blocked', breach: 'Breach', 'false-reject': 'False reject' };
