import { fromBase64url } from '../codec/base64url.js';
import { bytesToUtf8 } from '../codec/bytes.js';
import { jsonMemberSpans } from '../codec/jsonSpans.js';
import { parseAttestationObject } from '../codec/attestationObject.js';
import { encodeCbor } from '../codec/cbor.js';
import type { Payload, Property, Run, Step } from '../flows/types.js';
import { signatureOf } from './carriage.js';
import { decidingStep } from './timeline.js';

/**
 * Which bytes carry a ledger property: the ranges a viewer highlights when a ledger cell is
 * chosen. Read from the run's payloads (clientDataJSON members, authenticatorData fields, the
 * signature and what it signs, JSON members of a request); where nothing carries the property,
 * a sentence says so instead ("nothing signed names the amount or payee").
 */
export interface EvidenceRange {
  /** Index of the step whose payload holds the bytes. */
  readonly step: number;
  readonly payload: string;
  readonly start: number;
  readonly end: number;
  /** What these bytes are: "clientDataJSON origin", "rpIdHash", "signature". */
  readonly label: string;
}

export interface PropertyEvidence {
  readonly property: Property;
  /** The step that decided the property (see decidingStep). */
  readonly step: number;
  readonly ranges: readonly EvidenceRange[];
  /** Set when no bytes carry it, or to say what the ranges are. */
  readonly note: string | null;
}

/** The latest step at or before `upTo` that carries payload `name`. */
function latest(steps: readonly Step[], upTo: number, name: string): { step: Step; payload: Payload } | undefined {
  for (let i = Math.min(upTo, steps.length - 1); i >= 0; i--) {
    const p = steps[i]!.payloads.find((x) => x.name === name);
    if (p) return { step: steps[i]!, payload: p };
  }
  return undefined;
}

/** The byte range of member `key` of a JSON object, or of its `body` object (a request's body). */
function memberSpan(bytes: Uint8Array, key: string): { start: number; end: number } | undefined {
  const top = jsonMemberSpans(bytes);
  const m = top?.find((s) => s.key === key);
  if (m) return m;
  const body = top?.find((s) => s.key === 'body');
  if (!body) return undefined;
  // The body's value starts after `"body"` and the colon.
  let at = body.start + 6;
  while (at < body.end && bytes[at] !== 0x7b) at++;
  const inner = jsonMemberSpans(bytes.subarray(at, body.end))?.find((s) => s.key === key);
  return inner ? { start: at + inner.start, end: at + inner.end } : undefined;
}

function member(found: { step: Step; payload: Payload } | undefined, key: string, label = `${found?.payload.name} ${key}`): EvidenceRange[] {
  if (!found) return [];
  const m = memberSpan(found.payload.bytes, key);
  return m ? [{ step: found.step.index, payload: found.payload.name, start: m.start, end: m.end, label }] : [];
}

function whole(found: { step: Step; payload: Payload } | undefined, label = found?.payload.name ?? ''): EvidenceRange[] {
  return found ? [{ step: found.step.index, payload: found.payload.name, start: 0, end: found.payload.bytes.length, label }] : [];
}

/** authenticatorData fields (WebAuthn L3 §6.1): rpIdHash 0–31, flags 32, signCount 33–36. */
function authData(found: { step: Step; payload: Payload } | undefined, field: 'rpIdHash' | 'flags' | 'signCount'): EvidenceRange[] {
  if (!found || found.payload.bytes.length < 37) return [];
  const [start, end] = field === 'rpIdHash' ? [0, 32] : field === 'flags' ? [32, 33] : [33, 37];
  return [{ step: found.step.index, payload: found.payload.name, start, end, label: field }];
}

/** The latest message at or before `upTo` that carries a signature. */
function latestSigned(steps: readonly Step[], upTo: number): Step | undefined {
  for (let i = Math.min(upTo, steps.length - 1); i >= 0; i--) if (steps[i]!.kind === 'message' && signatureOf(steps[i]!)) return steps[i];
  return undefined;
}

function jsonPayload(step: Step | undefined): { step: Step; payload: Payload } | undefined {
  const p = step?.payloads.find((x) => x.encoding === 'json' && jsonMemberSpans(x.bytes)?.some((m) => m.key === 'signature' || m.key === 'body'));
  return step && p ? { step, payload: p } : undefined;
}

function challengeBindsAction(cd: { payload: Payload } | undefined): boolean {
  if (!cd) return false;
  try {
    const o = JSON.parse(bytesToUtf8(cd.payload.bytes)) as { challenge?: unknown };
    return typeof o.challenge === 'string' && fromBase64url(o.challenge).length === 48;
  } catch {
    return false;
  }
}

/** The bytes that carry `property` in `run`, as of its deciding step. */
export function propertyEvidence(run: Pick<Run, 'ledger' | 'steps'>, property: Property): PropertyEvidence {
  const steps = run.steps;
  const entry = run.ledger.find((l) => l.property === property);
  const step = entry ? decidingStep(entry, steps) : Math.max(0, steps.length - 1);
  const why = entry?.why ?? '';
  const signedStep = latestSigned(steps, step);
  const cd = latest(steps, step, 'clientDataJSON');
  const ad = latest(steps, step, 'authenticatorData');
  const request = jsonPayload(signedStep) ?? latest(steps, step, 'request');
  const out = (ranges: EvidenceRange[], note: string | null = null): PropertyEvidence => ({ property, step, ranges, note: ranges.length === 0 ? (note ?? why) : note });
  switch (property) {
    case 'key-possession': {
      if (!signedStep) return out(member(request, 'authorization', 'bearer token (all the caller shows)'), `Nothing is signed by a device key: ${why}`);
      const sig = signedStep.payloads.find((p) => p.name === 'signature' && p.encoding !== 'json');
      if (sig) {
        // WebAuthn: the signature, and what it signs — authenticatorData ‖ SHA-256(clientDataJSON).
        const at = { step: signedStep, payload: sig };
        return out([...whole(at, 'signature'), ...whole(latest(steps, signedStep.index, 'authenticatorData'), 'signed: authenticatorData'), ...whole(latest(steps, signedStep.index, 'clientDataJSON'), 'signed: clientDataJSON (through its hash)')]);
      }
      const json = jsonPayload(signedStep);
      return out([...member(json, 'signature', 'signature'), ...member(json, 'challenge', 'signed: challenge'), ...member(json, 'action', 'signed: the action (through its hash)')]);
    }
    case 'action-binding': {
      if (cd && /"payment"\s*:/.test(bytesToUtf8(cd.payload.bytes))) return out(member(cd, 'payment', 'clientDataJSON payment (payee, amount)'));
      if (challengeBindsAction(cd)) return out(member(cd, 'challenge', 'clientDataJSON challenge (nonce ‖ SHA-256 of the action)'));
      if (signedStep && !signedStep.payloads.some((p) => p.name === 'signature' && p.encoding !== 'json')) {
        const json = jsonPayload(signedStep);
        return out([...member(json, 'action', 'the action (its hash is signed)'), ...member(json, 'signature', 'signature')]);
      }
      return out([], 'Nothing signed names the amount or payee.');
    }
    case 'origin-binding': {
      const ranges = [...member(cd, 'origin', 'clientDataJSON origin'), ...authData(ad && cd && ad.step.index >= cd.step.index ? ad : undefined, 'rpIdHash')];
      return out(ranges, cd ? null : `Nothing in the approval says which site or app the user was on: ${why}`);
    }
    case 'freshness':
      if (cd) return out(member(cd, 'challenge', 'clientDataJSON challenge'));
      return out(member(request, 'challenge', 'challenge'));
    case 'user-presence':
    case 'user-verification':
    case 'device-binding':
      if (ad) return out(authData(ad, 'flags'));
      {
        // No authenticator flags: what the app said about its key, else the claims in the request body.
        const policy = latest(steps, step, 'policy');
        const said = member(policy, property === 'device-binding' ? 'exportable' : 'userAuthenticationRequired', `keystore policy (the app’s word)`);
        return out(said.length > 0 ? said : member(request, 'body', 'request body (unsigned claims)'));
      }
    case 'clone-detection':
      return out(authData(ad, 'signCount'));
    case 'authenticator-model': {
      const ao = latest(steps, step, 'attestationObject');
      return out(ao ? attestationRanges(ao) : [], ao ? null : `No attestation reaches the verifier: ${why}`);
    }
  }
}

/** The first index of `needle` in `hay` (a byte-string search), or -1. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return -1;
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * What names and vouches for the authenticator in an attestationObject: the attStmt's x5c
 * certificates and signature (or the whole attStmt when it has no chain: "none", self), and the
 * AAGUID in authData's attested credential data (WebAuthn L3 §6.5.1, bytes 37–52). Located by
 * their decoded bytes in the object as sent; nothing when it does not decode.
 */
function attestationRanges(found: { step: Step; payload: Payload }): EvidenceRange[] {
  let att;
  try {
    att = parseAttestationObject(found.payload.bytes);
  } catch {
    return [];
  }
  const raw = found.payload.bytes;
  const at = (start: number, length: number, label: string): EvidenceRange[] => (start < 0 ? [] : [{ step: found.step.index, payload: found.payload.name, start, end: start + length, label }]);
  const ranges: EvidenceRange[] = [];
  const x5c = att.attStmt.get('x5c');
  const sig = att.attStmt.get('sig');
  const stmt = encodeCbor(att.attStmt);
  // The search starts at the member name "attStmt" (CBOR text of 7 bytes), so a short statement is found in its place.
  const from = Math.max(0, indexOfBytes(raw, encodeCbor('attStmt')));
  if (Array.isArray(x5c) && x5c.length > 0) {
    x5c.forEach((c, i) => {
      if (c instanceof Uint8Array) ranges.push(...at(indexOfBytes(raw, c, from), c.length, `attStmt x5c[${i}] (${i === 0 ? 'the attestation certificate' : 'a chain certificate'})`));
    });
    if (sig instanceof Uint8Array) ranges.push(...at(indexOfBytes(raw, sig, from), sig.length, 'attStmt sig'));
  } else {
    ranges.push(...at(indexOfBytes(raw, stmt, from), stmt.length, `attStmt (fmt “${att.fmt}”)`));
  }
  const authData = indexOfBytes(raw, att.authDataBytes);
  if (att.authData.attestedCredentialData && authData >= 0) ranges.push(...at(authData + 37, 16, 'AAGUID'));
  return ranges;
}
