import { allFlows, FLOW_IDS, type FlowId, type FlowOptions, type OutcomeClass } from '../core.js';

const FLOW_TITLES: Record<FlowId, string> = { webauthn: 'WebAuthn', 'biometric-only': 'Biometric-only', 'device-key': 'Device key' };

/** A flow's title as its definition gives it (the lane's accessible name). */
export function flowTitle(id: FlowId): string {
  return allFlows().find((f) => f.id === id)?.title ?? FLOW_TITLES[id] ?? id;
}

/** The flows to choose from: the registered ones, else the ids the model knows. */
export function flowChoices(): { id: FlowId; title: string }[] {
  const defs = allFlows();
  return defs.length > 0 ? defs.map((d) => ({ id: d.id, title: d.title })) : FLOW_IDS.map((id) => ({ id, title: FLOW_TITLES[id] }));
}

export const OPTION_LABELS: Record<keyof FlowOptions, string> = {
  userVerification: 'UV policy',
  uvAvailable: 'UV available',
  credential: 'Credential kind',
  binding: 'Binding',
  replayGuard: 'Replay guard',
};

export const OUTCOME_LABELS: Record<OutcomeClass, string> = { ok: 'OK', blocked: 'Blocked', breach: 'Breach', 'false-reject': 'False reject' };
