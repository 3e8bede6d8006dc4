import type { ActorId } from '../check.js';
import { parseAttestationObject } from '../codec/attestationObject.js';
import { fromBase64url } from '../codec/base64url.js';
import { bytesToUtf8, equalBytes } from '../codec/bytes.js';
import type { Payload, Step } from '../flows/types.js';

/**
 * What a step's message carries as evidence, read from its payload bytes alone: a signature (by
 * whom, over what, and what it leaves out), or an unsigned claim and/or a bearer token. The
 * diagram, the inspector and the exports draw from this one function, never from step labels.
 */
export type Carriage = SignedCarriage | ClaimCarriage;

export interface SignedCarriage {
  readonly kind: 'signed';
  /** The actor whose key made the signature: the first step that carried these signature bytes. */
  readonly signer: ActorId;
  /** The key, in words: "the authenticator’s credential key". */
  readonly key: string;
  /** What the signed bytes are, as a formula. */
  readonly over: string;
  /** What the signature covers, field by field. */
  readonly covers: readonly string[];
  /** What travels with it, or matters, but is not covered. */
  readonly notCovered: readonly string[];
  /** A bearer token travels with it too (it is not what the verifier relies on). */
  readonly bearer: boolean;
}

export interface ClaimCarriage {
  readonly kind: 'claim';
  /** Unsigned members that claim something ("approved: true"). */
  readonly claims: readonly string[];
  /** The message authenticates its caller by a bearer token only. */
  readonly bearer: boolean;
}

const KEYS: Partial<Record<ActorId, string>> = {
  authn: 'the authenticator’s credential key',
  keystore: 'the device key in the keystore',
  attacker: 'a key the attacker holds',
};

function keyOf(actor: ActorId): string {
  return KEYS[actor] ?? `a key of the ${actor}`;
}

function json(p: Payload): Record<string, unknown> | null {
  if (p.encoding !== 'json') return null;
  try {
    const v = JSON.parse(bytesToUtf8(p.bytes)) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function b64(v: unknown): Uint8Array | null {
  if (typeof v !== 'string') return null;
  try {
    return fromBase64url(v);
  } catch {
    return null;
  }
}

/** The signature bytes a step carries: a `signature` payload, or a `signature` member of a JSON payload (or of its `body`). */
export function signatureOf(step: Step): Uint8Array | null {
  const direct = step.payloads.find((p) => p.name === 'signature' && p.encoding !== 'json');
  if (direct) return direct.bytes;
  for (const p of step.payloads) {
    const o = json(p);
    const body = o?.body !== null && typeof o?.body === 'object' ? (o.body as Record<string, unknown>) : undefined;
    const sig = b64(o?.signature) ?? b64(body?.signature);
    if (sig) return sig;
  }
  return null;
}

/** An attestation statement's signature (fmt other than "none"). */
function attestationSignature(step: Step): Uint8Array | null {
  const ao = step.payloads.find((p) => p.name === 'attestationObject');
  if (!ao) return null;
  try {
    const sig = parseAttestationObject(ao.bytes).attStmt.get('sig');
    return sig instanceof Uint8Array ? sig : null;
  } catch {
    return null;
  }
}

function latestPayload(steps: readonly Step[], upTo: number, name: string): Payload | undefined {
  for (let i = upTo; i >= 0; i--) {
    const p = steps[i]?.payloads.find((x) => x.name === name);
    if (p) return p;
  }
  return undefined;
}

/** Unsigned claims: members whose value is `true`, at the top level or in `body`, and a Bearer authorization. */
function claimsOf(step: Step): { claims: string[]; bearer: boolean } {
  const claims: string[] = [];
  let bearer = false;
  for (const p of step.payloads) {
    // The simulation's record of the device (its make and capabilities) is not sent by anyone.
    if (p.name === 'device') continue;
    const o = json(p);
    if (!o) continue;
    if (typeof o.authorization === 'string' && /^Bearer\s/i.test(o.authorization)) bearer = true;
    const body = o.body !== null && typeof o.body === 'object' && !Array.isArray(o.body) ? (o.body as Record<string, unknown>) : {};
    for (const [k, v] of [...Object.entries(o), ...Object.entries(body)]) if (v === true) claims.push(`${k}: true`);
  }
  return { claims, bearer };
}

/** What a WebAuthn signature covers and leaves out, from clientDataJSON's members. */
function webauthnCoverage(clientData: Payload | undefined): { covers: string[]; notCovered: string[] } {
  const covers = ['rpIdHash (which RP ID)', 'flags (UP, UV, BE, BS)', 'signCount'];
  const o = clientData ? json(clientData) : null;
  const members = o ? Object.keys(o) : [];
  const challenge = b64(o?.challenge);
  for (const m of members) {
    if (m === 'payment') covers.push('payment (payee and amount the browser displayed)');
    else if (m === 'challenge' && challenge?.length === 48) covers.push('challenge (nonce ‖ SHA-256 of the action)');
    else covers.push(m);
  }
  const bound = members.includes('payment') || challenge?.length === 48;
  return { covers, notCovered: bound ? ['the request body as such (the verifier must compare it with what is signed)'] : ['the amount and payee (the request body)'] };
}

/**
 * What the message at `index` carries, or null when it carries neither a signature nor a claim
 * (a local step, options, a page). The signer is whoever sent these signature bytes first, so a
 * browser forwarding an assertion is not taken for its signer (nor is it where the run holds no
 * authenticator step: a real response's signature is the authenticator's).
 */
export function stepCarries(steps: readonly Step[], index: number): Carriage | null {
  const step = steps[index];
  if (!step || step.kind !== 'message') return null;
  const { claims, bearer } = claimsOf(step);
  const sig = signatureOf(step) ?? attestationSignature(step);
  if (sig) {
    const origin = steps.find((s) => s.index <= index && (equalBytes(signatureOf(s) ?? new Uint8Array(), sig) || equalBytes(attestationSignature(s) ?? new Uint8Array(), sig))) ?? step;
    // A browser never signs WebAuthn data: where a run starts at the browser's message (a real
    // response opened in the app), the signature is still the authenticator's.
    const signer: ActorId = origin.attacker && origin.from !== 'attacker' ? 'attacker' : origin.from === 'ua' ? 'authn' : origin.from;
    const ad = latestPayload(steps, index, 'authenticatorData');
    if (attestationSignature(step)) {
      return { kind: 'signed', signer, key: 'the authenticator’s attestation key', over: 'authData ‖ SHA-256(clientDataJSON)', covers: ['the new credential’s public key', 'rpIdHash', 'flags'], notCovered: [], bearer };
    }
    if (ad) {
      const { covers, notCovered } = webauthnCoverage(latestPayload(steps, index, 'clientDataJSON'));
      return { kind: 'signed', signer, key: keyOf(signer), over: 'authenticatorData ‖ SHA-256(clientDataJSON)', covers, notCovered, bearer };
    }
    return { kind: 'signed', signer, key: keyOf(signer), over: 'challenge ‖ SHA-256(canonical action)', covers: ['challenge', 'SHA-256 of the canonical action (amount and payee)'], notCovered: ['which site or app asked (no origin)'], bearer };
  }
  if (claims.length > 0 || bearer) return { kind: 'claim', claims, bearer };
  return null;
}

/** A short tag for the diagram: "signed · authenticator", "claim + bearer". */
export function carriageTag(c: Carriage, actorName: (id: ActorId) => string): string {
  if (c.kind === 'signed') return `signed · ${actorName(c.signer)}`;
  if (c.claims.length === 0) return 'bearer token';
  return c.bearer ? 'claim + bearer' : 'unsigned claim';
}

/** The carriage in one sentence, for accessible names, tooltips and exports. */
export function carriageSentence(c: Carriage, actorName: (id: ActorId) => string): string {
  if (c.kind === 'signed') {
    return `signed by ${c.key} (${actorName(c.signer)}) over ${c.over}`;
  }
  const what = c.claims.length > 0 ? `an unsigned claim (${c.claims.join(', ')})` : 'no claim of its own';
  return c.bearer ? `${what}, sent with a bearer session token` : what;
}
