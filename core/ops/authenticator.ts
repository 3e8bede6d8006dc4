import { decideUserVerification, userVerificationChecks, type PersonAtDevice, type UserVerificationRequirement } from '../authenticator/decideUserVerification.js';
import { check, type ActorId, type CheckResult } from '../check.js';
import { fromBase64url } from '../codec/base64url.js';
import { bytesToHex } from '../codec/bytes.js';
import { parseAttestationObject } from '../codec/attestationObject.js';
import { parseAuthenticatorData, type AuthenticatorFlags } from '../codec/authenticatorData.js';
import { errorMessage } from '../errors.js';
import { aaguidString } from '../rp/attestation/mds.js';
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
  request?: { rpId: string; userVerification: UserVerificationRequirement; clientDataHash: Uint8Array; upRequested?: boolean };
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
    const input = { requirement: a.request.userVerification, uvAvailable: device.uvAvailable, person: a.person ?? 'nobody', ...(a.request.upRequested === false ? { upRequested: false } : {}) };
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

// A captured run (core/capture): a real device answered, and only its bytes can be judged.


function flagText(f: AuthenticatorFlags): string {
  return `UP=${f.up ? 1 : 0} UV=${f.uv ? 1 : 0} BE=${f.be ? 1 : 0} BS=${f.bs ? 1 : 0}`;
}

/** What the captured response's bytes say about the device that made it. */
function deviceFacts(step: StepView): { items: KnowledgeItem[]; problem?: string } {
  const ao = payload(step, 'attestationObject');
  try {
    if (ao) {
      const att = parseAttestationObject(ao);
      const acd = att.authData.attestedCredentialData;
      const items: KnowledgeItem[] = [
        { key: 'aaguid', text: acd ? `AAGUID ${aaguidString(acd.aaguid)}${acd.aaguid.every((b) => b === 0) ? ' (all zeros: the device does not say what it is)' : ''}` : 'no attested credential data' },
        { key: 'attestation', text: `attestation format “${att.fmt}”${att.attStmt.has('x5c') ? ' with a certificate chain (x5c)' : att.fmt === 'none' ? ': no evidence of the model' : ''}` },
        { key: 'flags', text: `${flagText(att.authData.flags)}, counter ${att.authData.signCount}` },
        { key: 'credential', text: 'a new key pair; the private key stayed on the device (Proofline never had it)' },
      ];
      return { items };
    }
    const ad = payload(step, 'authenticatorData');
    if (!ad) return { items: [], problem: 'the response carries neither an attestationObject nor authenticatorData' };
    const parsed = parseAuthenticatorData(ad);
    return { items: [{ key: 'flags', text: `${flagText(parsed.flags)}, counter ${parsed.signCount}` }, { key: 'signed', text: 'signed authenticatorData ‖ clientDataHash with the credential key' }] };
  } catch (e) {
    return { items: [], problem: errorMessage(e) };
  }
}

// The real authenticator's answer, as the browser handed it to the page. Proofline cannot see
// inside the device (its user-verification decision, its key): only what its bytes show.
defineOp('authn.captured', (step, state) => {
  const a = authnMemory(state);
  const checks: CheckResult[] = [];
  if (!a.request) checks.push(check('authn.request', 'authn', 'CTAP2.1 §6.1/§6.2', 'fail', 'no request from the browser precedes this response'));
  const facts = deviceFacts(step);
  if (facts.problem) checks.push(check('authn.response', 'authn', 'WebAuthn L3 §6.1, §6.5', 'fail', `the captured response cannot be read: ${facts.problem}`));
  const kind = payload(step, 'attestationObject') ? 'attestation' : 'assertion';
  return {
    checks,
    knowledge: {
      authn: facts.items,
      ua: [{ key: kind, text: kind === 'attestation' ? 'the attestationObject the device returned' : 'authenticatorData and a signature from the device' }],
    },
  };
});

// Malware talks CTAP2 to the authenticator directly (no browser): it writes clientDataJSON itself and
// may ask for up=false (CTAP2.1 §6.2.2). Nothing checks rpId against an origin on this path.
defineOp('attacker.ctapGetAssertion', (step, state) => {
  const r = readJson(step, 'ctap');
  const cdj = payload(step, 'clientDataJSON');
  const cdh = payload(step, 'clientDataHash');
  if (typeof r === 'string' || !cdj || !cdh) return { checks: [check('authn.request', 'authn', 'CTAP2.1 §6.2', 'fail', typeof r === 'string' ? r : 'clientDataJSON or its hash is missing')], knowledge: {} };
  const upRequested = r.up !== false;
  const uv = r.uv === true ? 'required' : 'discouraged';
  authnMemory(state).request = { rpId: strOf(r, 'rpId') ?? '', userVerification: uv, clientDataHash: cdh, ...(upRequested ? {} : { upRequested: false }) };
  return { checks: [], knowledge: {
    attacker: [{ key: 'ctap', text: `sent authenticatorGetAssertion for ${strOf(r, 'rpId') ?? '?'} with up=${String(upRequested)}, uv=${String(r.uv === true)}, over a clientDataJSON it wrote itself` }],
    authn: [{ key: 'ctapRequest', text: `a CTAP request for ${strOf(r, 'rpId') ?? '?'} with up=${String(upRequested)}: it cannot tell a browser from malware` }],
  } };
});
