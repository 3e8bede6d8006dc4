import { decideUserVerification, userVerificationChecks, type PersonAtDevice, type UserVerificationRequirement } from '../authenticator/decideUserVerification.js';
import { check, type ActorId, type CheckResult } from '../check.js';
import { fromBase64url } from '../codec/base64url.js';
import { bytesToHex } from '../codec/bytes.js';
import { defineOp, payload, type EvalState, type Evaluation, type StepView } from './evaluate.js';
import { readJson, strOf } from './payloads.js';
import type { KnowledgeItem } from './types.js';

/**
 * The authenticator's evaluators: the gesture, the UP/UV decision, the credentials each device holds
 * (made here, synced or cloned there), and whether it signs (CTAP2.1 §6.1, §6.2).
 */

/** Devices and the credential ids each holds, plus the last request and gesture the authenticator saw. */
export interface AuthnMemory {
  devices: Map<string, Set<string>>;
  request?: { rpId: string; userVerification: UserVerificationRequirement; clientDataHash: Uint8Array };
  person?: PersonAtDevice;
}
/** The authenticator's memory in an evaluation state (the browser writes the request into it). */
export function authnMemory(state: EvalState): AuthnMemory {
  let m = state.memory.get('authn') as AuthnMemory | undefined;
  if (!m) {
    m = { devices: new Map() };
    state.memory.set('authn', m);
  }
  return m;
}

// The person at the device makes (or fails to make) the authorization gesture.
defineOp('authn.gesture', (step, state) => {
  const g = readJson(step, 'gesture');
  const person = (typeof g === 'string' ? 'nobody' : strOf(g, 'person') ?? 'nobody') as PersonAtDevice;
  authnMemory(state).person = person;
  const who = step.from as ActorId;
  return { checks: [], knowledge: { [who]: [{ key: 'gesture', text: person === 'enrolled-user' ? 'touched the sensor with the enrolled finger' : person === 'someone-else' ? 'touched the sensor with a finger that is not enrolled' : 'made no gesture' }] } };
});

function deviceOf(step: StepView): { name: string; uvAvailable: boolean } {
  const d = readJson(step, 'device');
  if (typeof d === 'string') return { name: '?', uvAvailable: false };
  return { name: strOf(d, 'name') ?? '?', uvAvailable: d.uvAvailable === true };
}

// The authenticator decides UP/UV from the request, its capability and the gesture; then signs or refuses.
function authnResponse(kind: 'create' | 'get') {
  return (step: StepView, state: EvalState): Evaluation => {
    const a = authnMemory(state);
    const device = deviceOf(step);
    const checks: CheckResult[] = [];
    const held = a.devices.get(device.name) ?? new Set<string>();
    a.devices.set(device.name, held);
    if (!a.request) return { checks: [check('authn.request', 'authn', 'CTAP2.1 §6.1/§6.2', 'fail', 'no request from the browser precedes this response')], knowledge: {} };
    if (kind === 'get') {
      const credentialId = payload(step, 'credentialId');
      const has = credentialId ? held.has(bytesToHex(credentialId)) : held.size > 0;
      checks.push(has
        ? check('authn.credential', 'authn', 'WebAuthn L3 §6.3.3 steps 3-5 (credentials scoped to rpId)', 'pass', `${device.name} holds a credential for ${a.request.rpId}`)
        : check('authn.credential', 'authn', 'WebAuthn L3 §6.3.3 step 6 (no credential scoped to rpId)', 'fail', `${device.name} holds no credential for ${a.request.rpId}: device-bound credentials stay on the device that made them`));
      if (!has) {
        state.halted ??= { step: step.index, actor: 'authn', check: 'authn.credential' };
        return { checks, knowledge: { authn: [{ key: 'noCredential', text: `no credential for ${a.request.rpId} on ${device.name}` }] } };
      }
    }
    const input = { requirement: a.request.userVerification, uvAvailable: device.uvAvailable, person: a.person ?? 'nobody' };
    const decision = decideUserVerification(input);
    checks.push(...userVerificationChecks(decision, input));
    const failed = checks.find((c) => c.status === 'fail');
    if (failed) {
      state.halted ??= { step: step.index, actor: 'authn', check: failed.id };
      return { checks, knowledge: { authn: [{ key: 'refused', text: decision.reason }] } };
    }
    const items: KnowledgeItem[] = [{ key: 'decision', text: decision.reason }];
    if (kind === 'create') {
      const id = payload(step, 'credentialId');
      if (id) held.add(bytesToHex(id));
      items.push({ key: 'credential', text: `a new key pair for ${a.request.rpId}; the private key never leaves ${device.name}` });
    } else {
      items.push({ key: 'signed', text: 'signed authenticatorData ‖ clientDataHash' });
    }
    return { checks, knowledge: { authn: items, ua: [{ key: kind === 'create' ? 'attestation' : 'assertion', text: kind === 'create' ? 'the attestationObject' : 'authenticatorData and a signature' }] } };
  };
}
defineOp('authn.makeCredential', authnResponse('create'));
defineOp('authn.getAssertion', authnResponse('get'));

// A synced passkey arrives on a new device through the sync account; device-bound ones do not.
defineOp('authn.sync', (step, state) => {
  const s = readJson(step, 'sync');
  const a = authnMemory(state);
  const name = typeof s === 'string' ? '?' : strOf(s, 'device') ?? '?';
  const ids = typeof s === 'string' || !Array.isArray(s.credentialIds) ? [] : (s.credentialIds as unknown[]).filter((x): x is string => typeof x === 'string');
  const held = new Set<string>();
  for (const id of ids) {
    try { held.add(bytesToHex(fromBase64url(id, 'credentialIds'))); } catch { /* an unreadable id is simply not held */ }
  }
  a.devices.set(name, held);
  const how = typeof s === 'string' ? 'sync' : strOf(s, 'how') ?? 'sync';
  const who = step.from as ActorId;
  const text = how === 'clone'
    ? `${name} holds a copy of ${ids.length} extracted credential key(s), with its own counter`
    : ids.length ? `${name} received ${ids.length} synced passkey(s) from the user’s sync account` : `${name} received nothing: device-bound credentials do not sync`;
  return { checks: [], knowledge: { [who]: [{ key: `device:${name}`, text }] } };
});

