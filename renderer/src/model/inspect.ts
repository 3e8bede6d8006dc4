import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  authenticatorDataSpans,
  bytesToHex,
  bytesToUtf8,
  coseAlgName,
  decodeCbor,
  encodeCbor,
  equalBytes,
  fromBase64url,
  jsonMemberSpans,
  parseAuthenticatorData,
  type Payload,
  type Run,
} from '../core.js';

/**
 * The inspector's model of a payload: labelled byte spans over the raw bytes and the decoded form
 * beside them, linked by field id (hovering a decoded field highlights its bytes). Pure: computed
 * during render from the payload's bytes, never stored.
 */
export interface FieldSpan {
  readonly id: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** Nesting depth: the hex view colours a byte by its deepest span. */
  readonly depth: number;
  /** Colour index, stable for a top-level field and its children. */
  readonly tone: number;
}

export interface DecodedField {
  /**
   * Id of the span holding this field's bytes ('' when it has none of its own); `span#part` names
   * a part of that span (a flag bit), which highlights the span's bytes.
   */
  readonly id: string;
  readonly label: string;
  readonly value?: string;
  readonly children?: readonly DecodedField[];
}

export interface Inspection {
  /** What the bytes were read as, e.g. `authenticatorData`, `JSON`, `CBOR`, `DER ECDSA signature`. */
  readonly kind: string;
  readonly spans: readonly FieldSpan[];
  readonly fields: readonly DecodedField[];
  /** Pretty text (JSON) shown beside the fields, when the payload is text. */
  readonly pretty?: string;
  /** Why the bytes could not be decoded as their encoding says (shown, never thrown). */
  readonly error?: string;
}

const hex = (b: Uint8Array) => bytesToHex(b);

function short(b: Uint8Array, max = 24): string {
  const h = hex(b);
  return h.length > max * 2 ? `${h.slice(0, max * 2)}… (${b.length} bytes)` : `${h} (${b.length} bytes)`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// --- authenticatorData (WebAuthn L3 §6.1) ---------------------------------------------------

const FLAG_BITS: readonly [number, string, string][] = [
  [0, 'UP', 'user present'],
  [1, 'RFU1', 'reserved'],
  [2, 'UV', 'user verified'],
  [3, 'BE', 'backup eligible'],
  [4, 'BS', 'backed up'],
  [5, 'RFU2', 'reserved'],
  [6, 'AT', 'attested credential data included'],
  [7, 'ED', 'extension data included'],
];

function authDataInspection(bytes: Uint8Array, offset: number, prefix: string, depth: number, tone0: number): { spans: FieldSpan[]; fields: DecodedField[] } {
  const ad = parseAuthenticatorData(bytes);
  const spans: FieldSpan[] = authenticatorDataSpans(ad).map((s, i) => ({
    id: `${prefix}${s.field}`,
    label: s.field,
    start: offset + s.start,
    end: offset + s.end,
    depth,
    tone: tone0 + i,
  }));
  const id = (f: string) => `${prefix}${f}`;
  const fields: DecodedField[] = [
    { id: id('rpIdHash'), label: 'rpIdHash', value: `${hex(ad.rpIdHash)} (SHA-256 of the RP ID)` },
    {
      id: id('flags'),
      label: 'flags',
      value: `0x${ad.flags.byte.toString(16).padStart(2, '0')} = ${ad.flags.byte.toString(2).padStart(8, '0')}b`,
      children: FLAG_BITS.map(([bit, name, what]) => ({ id: `${id('flags')}#${bit}`, label: `bit ${bit} ${name}`, value: `${(ad.flags.byte >> bit) & 1} (${what})` })),
    },
    { id: id('signCount'), label: 'signCount', value: String(ad.signCount) },
  ];
  const acd = ad.attestedCredentialData;
  if (acd) {
    fields.push({ id: id('aaguid'), label: 'aaguid', value: hex(acd.aaguid) });
    fields.push({ id: id('credentialIdLength'), label: 'credentialIdLength', value: String(acd.credentialId.length) });
    fields.push({ id: id('credentialId'), label: 'credentialId', value: short(acd.credentialId, 32) });
    const keySpan = spans.find((s) => s.id === id('credentialPublicKey'))!;
    const key = coseInspection(acd.credentialPublicKeyBytes, keySpan.start, `${id('credentialPublicKey')}.`, depth + 1, keySpan.tone);
    spans.push(...key.spans);
    fields.push({ id: id('credentialPublicKey'), label: 'credentialPublicKey (COSE_Key)', children: key.fields });
  }
  if (ad.extensionsBytes) fields.push({ id: id('extensions'), label: 'extensions', value: describeCbor(ad.extensions) });
  return { spans, fields };
}

// --- CBOR and COSE ---------------------------------------------------------------------------

function describeCbor(v: unknown): string {
  if (v instanceof Uint8Array) return `h'${short(v)}'`;
  if (v instanceof Map) return `map (${v.size} entries)`;
  if (Array.isArray(v)) return `array (${v.length} items)`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

interface Entry {
  key: unknown;
  value: unknown;
  start: number;
  valueStart: number;
  end: number;
}

/** Byte ranges of a CBOR map's entries, when the bytes are the canonical encoding of the map. */
function cborMapEntries(bytes: Uint8Array, map: Map<unknown, unknown>): Entry[] | null {
  const encoded = [...map].map(([k, v]) => ({ key: k, value: v, k: encodeCbor(k), v: encodeCbor(v) }));
  const body = encoded.reduce((n, e) => n + e.k.length + e.v.length, 0);
  const header = bytes.length - body;
  if (header < 1 || header > 9) return null;
  let at = header;
  const out: Entry[] = [];
  for (const e of encoded) {
    if (!equalBytes(bytes.subarray(at, at + e.k.length), e.k)) return null;
    const valueStart = at + e.k.length;
    if (!equalBytes(bytes.subarray(valueStart, valueStart + e.v.length), e.v)) return null;
    out.push({ key: e.key, value: e.value, start: at, valueStart, end: valueStart + e.v.length });
    at = valueStart + e.v.length;
  }
  return at === bytes.length ? out : null;
}

/** Length of a byte string's CBOR head, so that nested spans point at its content. */
function byteStringHead(value: Uint8Array): number {
  return encodeCbor(value).length - value.length;
}

function cborInspection(bytes: Uint8Array, value: unknown, offset: number, prefix: string, depth: number, tone0: number): { spans: FieldSpan[]; fields: DecodedField[] } {
  if (!(value instanceof Map)) return { spans: [], fields: [{ id: '', label: 'value', value: describeCbor(value) }] };
  const entries = cborMapEntries(bytes, value);
  const spans: FieldSpan[] = [];
  const fields: DecodedField[] = [];
  [...value].forEach(([k, v], i) => {
    const label = typeof k === 'string' ? k : String(k);
    const id = `${prefix}${label}`;
    const e = entries?.[i];
    const tone = tone0 + i;
    if (e) spans.push({ id, label, start: offset + e.start, end: offset + e.end, depth, tone });
    let children: DecodedField[] | undefined;
    if (e && v instanceof Uint8Array && /^auth(enticator)?Data$/i.test(label)) {
      try {
        const inner = authDataInspection(v, offset + e.valueStart + byteStringHead(v), `${id}.`, depth + 1, tone);
        spans.push(...inner.spans);
        children = inner.fields;
      } catch (err) {
        children = [{ id: '', label: 'not authenticatorData', value: message(err) }];
      }
    } else if (e && v instanceof Map) {
      const inner = cborInspection(bytes.subarray(e.valueStart, e.end), v, offset + e.valueStart, `${id}.`, depth + 1, tone);
      spans.push(...inner.spans);
      children = inner.fields;
    } else if (Array.isArray(v)) {
      children = v.map((item, j) => ({ id: '', label: `[${j}]`, value: describeCbor(item) }));
    }
    fields.push({ id: e ? id : '', label, ...(children ? { children } : { value: describeCbor(v) }) });
  });
  return { spans, fields };
}

const KTY: Record<number, string> = { 1: 'OKP', 2: 'EC2', 3: 'RSA', 7: 'AKP' };
const EC2_CRV: Record<number, string> = { 1: 'P-256', 2: 'P-384', 3: 'P-521' };
const OKP_CRV: Record<number, string> = { 6: 'Ed25519', 7: 'Ed448' };

function coseLabel(label: number, kty: number): string {
  if (label === 1) return 'kty';
  if (label === 3) return 'alg';
  if (kty === 3) return ({ [-1]: 'n', [-2]: 'e' } as Record<number, string>)[label] ?? String(label);
  if (kty === 7) return label === -1 ? 'pub' : String(label);
  return ({ [-1]: 'crv', [-2]: 'x', [-3]: 'y' } as Record<number, string>)[label] ?? String(label);
}

function coseValue(label: number, kty: number, v: unknown): string {
  if (label === 1 && typeof v === 'number') return `${v} (${KTY[v] ?? 'unknown'})`;
  if (label === 3 && typeof v === 'number') return `${v} (${coseAlgName(v)})`;
  if (label === -1 && typeof v === 'number') return `${v} (${(kty === 2 ? EC2_CRV : OKP_CRV)[v] ?? 'unknown'})`;
  return describeCbor(v);
}

function coseInspection(bytes: Uint8Array, offset: number, prefix: string, depth: number, tone0: number): { spans: FieldSpan[]; fields: DecodedField[] } {
  const map = decodeCbor(bytes, 'COSE_Key');
  if (!(map instanceof Map)) throw new Error('COSE_Key is not a CBOR map');
  const kty = typeof map.get(1) === 'number' ? (map.get(1) as number) : 0;
  const entries = cborMapEntries(bytes, map);
  const spans: FieldSpan[] = [];
  const fields: DecodedField[] = [];
  [...map].forEach(([k, v], i) => {
    const label = typeof k === 'number' ? `${coseLabel(k, kty)} (${k})` : String(k);
    const id = `${prefix}${String(k)}`;
    const e = entries?.[i];
    if (e) spans.push({ id, label, start: offset + e.start, end: offset + e.end, depth, tone: tone0 + i });
    fields.push({ id: e ? id : '', label, value: typeof k === 'number' ? coseValue(k, kty, v) : describeCbor(v) });
  });
  return { spans, fields };
}

// --- DER (ECDSA signatures) ------------------------------------------------------------------

function derLength(bytes: Uint8Array, at: number): { len: number; head: number } {
  const first = bytes[at];
  if (first === undefined) throw new Error('DER length is missing');
  if (first < 0x80) return { len: first, head: 1 };
  const n = first & 0x7f;
  if (n === 0 || n > 2) throw new Error('DER length form is not supported');
  let len = 0;
  for (let i = 1; i <= n; i++) len = (len << 8) | (bytes[at + i] ?? 0);
  return { len, head: 1 + n };
}

function derInspection(bytes: Uint8Array): Inspection {
  if (bytes[0] !== 0x30) return { kind: 'DER', spans: [], fields: [], error: 'does not start with a DER SEQUENCE (0x30)' };
  const seq = derLength(bytes, 1);
  const spans: FieldSpan[] = [{ id: 'sequence', label: 'SEQUENCE', start: 0, end: 1 + seq.head, depth: 0, tone: 0 }];
  let at = 1 + seq.head;
  const ints: Uint8Array[] = [];
  for (const name of ['r', 's']) {
    if (bytes[at] !== 0x02) break;
    const l = derLength(bytes, at + 1);
    const start = at;
    at += 1 + l.head;
    ints.push(bytes.subarray(at, at + l.len));
    at += l.len;
    spans.push({ id: name, label: `INTEGER ${name}`, start, end: at, depth: 0, tone: spans.length });
  }
  const fields: DecodedField[] = [{ id: 'sequence', label: 'SEQUENCE', value: `${seq.len} bytes` }];
  try {
    // The signature's own parser: r and s as the verifier sees them (noble, DER, high S allowed).
    const sig = p256.Signature.fromBytes(bytes, 'der');
    fields.push({ id: 'r', label: 'r', value: sig.r.toString(16).padStart(64, '0') });
    fields.push({ id: 's', label: 's', value: `${sig.s.toString(16).padStart(64, '0')}${sig.hasHighS() ? ' (high S)' : ''}` });
    return { kind: 'DER ECDSA signature (P-256)', spans, fields };
  } catch (e) {
    ints.forEach((v, i) => fields.push({ id: i === 0 ? 'r' : 's', label: i === 0 ? 'r' : 's', value: hex(v) }));
    return { kind: 'DER', spans, fields, error: `not a P-256 ECDSA signature: ${message(e)}` };
  }
}

// --- JSON and text ---------------------------------------------------------------------------

function jsonValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

function challengeChildren(value: unknown): DecodedField[] | undefined {
  if (typeof value !== 'string') return undefined;
  let raw: Uint8Array;
  try {
    raw = fromBase64url(value);
  } catch {
    return undefined;
  }
  const kids: DecodedField[] = [{ id: 'challenge#raw', label: 'decoded', value: short(raw, 48) }];
  // Dynamic linking (DESIGN.md §6): nonce (16 bytes) ‖ SHA-256(canonical action).
  if (raw.length === 48) {
    kids.push({ id: 'challenge#nonce', label: 'nonce (16 bytes)', value: hex(raw.subarray(0, 16)) });
    kids.push({ id: 'challenge#action', label: 'SHA-256(canonical action)', value: hex(raw.subarray(16)) });
  }
  return kids;
}

function jsonInspection(bytes: Uint8Array): Inspection {
  let text: string;
  let parsed: unknown;
  try {
    text = bytesToUtf8(bytes);
    parsed = JSON.parse(text);
  } catch (e) {
    return { kind: 'JSON', spans: [{ id: 'text', label: 'bytes', start: 0, end: bytes.length, depth: 0, tone: 0 }], fields: [], error: `not valid UTF-8 JSON (${message(e)})` };
  }
  const pretty = JSON.stringify(parsed, null, 2);
  const members = jsonMemberSpans(bytes);
  if (!members || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { kind: 'JSON', spans: [{ id: 'json', label: 'JSON', start: 0, end: bytes.length, depth: 0, tone: 0 }], fields: [{ id: 'json', label: 'value', value: pretty }], pretty };
  }
  const obj = parsed as Record<string, unknown>;
  const spans = members.map((m, i) => ({ id: m.key, label: m.key, start: m.start, end: m.end, depth: 0, tone: i }));
  const fields = members.map((m): DecodedField => {
    const v = obj[m.key];
    const kids = m.key === 'challenge' ? challengeChildren(v) : undefined;
    return { id: m.key, label: m.key, value: jsonValue(v), ...(kids ? { children: kids } : {}) };
  });
  return { kind: 'JSON', spans, fields, pretty };
}

// --- dispatch --------------------------------------------------------------------------------

/** Inspect any payload by its encoding (authenticatorData recognised by name). */
export function inspectPayload(p: Payload): Inspection {
  const bytes = p.bytes;
  try {
    if (/^auth(enticator)?Data$/i.test(p.name) && (p.encoding === 'binary' || p.encoding === 'cbor')) {
      const r = authDataInspection(bytes, 0, '', 0, 0);
      return { kind: 'authenticatorData (WebAuthn L3 §6.1)', ...r };
    }
    switch (p.encoding) {
      case 'json':
        return jsonInspection(bytes);
      case 'text': {
        const text = bytesToUtf8(bytes);
        return { kind: 'text', spans: [{ id: 'text', label: 'text', start: 0, end: bytes.length, depth: 0, tone: 0 }], fields: [{ id: 'text', label: 'text', value: text }], pretty: text };
      }
      case 'cbor': {
        const value = decodeCbor(bytes, p.name);
        return { kind: 'CBOR', ...cborInspection(bytes, value, 0, '', 0, 0) };
      }
      case 'cose':
        return { kind: 'COSE_Key (RFC 9052 §7)', ...coseInspection(bytes, 0, '', 0, 0) };
      case 'der':
        return derInspection(bytes);
      case 'binary':
      default:
        if (/sig/i.test(p.name) && bytes[0] === 0x30) return derInspection(bytes);
        return { kind: 'bytes', spans: [{ id: 'bytes', label: p.name, start: 0, end: bytes.length, depth: 0, tone: 0 }], fields: [{ id: 'bytes', label: p.name, value: short(bytes, 64) }] };
    }
  } catch (e) {
    return { kind: p.encoding, spans: [], fields: [], error: `cannot be decoded as ${p.encoding}: ${message(e)}` };
  }
}

/** The exact bytes a signature covers, in parts, when the run holds them. */
export interface SignedBytes {
  readonly formula: string;
  readonly parts: readonly { label: string; bytes: Uint8Array }[];
  readonly bytes: Uint8Array;
}

function latest(run: Run, upTo: number, name: RegExp): Uint8Array | undefined {
  for (let i = upTo; i >= 0; i--) {
    const p = run.steps[i]?.payloads.find((x) => name.test(x.name));
    if (p) return p.bytes;
  }
  return undefined;
}

/**
 * What a signature payload signs: for WebAuthn, authenticatorData ‖ SHA-256(clientDataJSON)
 * (WebAuthn L3 §6.3.3); the parts are taken from the same step, else the latest earlier step.
 */
export function signedBytesFor(run: Run, stepIndex: number, payloadName: string): SignedBytes | null {
  if (!/sig/i.test(payloadName)) return null;
  const step = run.steps[stepIndex];
  if (!step) return null;
  const ad = latest(run, stepIndex, /^auth(enticator)?Data$/i);
  const cd = latest(run, stepIndex, /^clientDataJSON$/i);
  if (ad && cd) {
    const h = sha256(cd);
    const bytes = new Uint8Array(ad.length + h.length);
    bytes.set(ad);
    bytes.set(h, ad.length);
    return { formula: 'authenticatorData ‖ SHA-256(clientDataJSON)', parts: [{ label: 'authenticatorData', bytes: ad }, { label: 'SHA-256(clientDataJSON)', bytes: h }], bytes };
  }
  const signed = step.payloads.find((x) => /^signed(Data|Bytes|Message)?$/i.test(x.name));
  if (signed && run.flow === 'device-key' && signed.bytes.length === 64) {
    // Device key (DESIGN.md §6): challenge ‖ SHA-256(canonical action).
    const b = signed.bytes;
    return { formula: 'challenge ‖ SHA-256(canonical action)', parts: [{ label: 'challenge', bytes: b.subarray(0, 32) }, { label: 'SHA-256(canonical action)', bytes: b.subarray(32) }], bytes: b };
  }
  if (signed) return { formula: signed.name, parts: [{ label: signed.name, bytes: signed.bytes }], bytes: signed.bytes };
  return null;
}

/** The span a hovered field id points at (`flags#2` → the `flags` span). */
export function spanOfField(spans: readonly FieldSpan[], id: string | null): FieldSpan | undefined {
  if (!id) return undefined;
  const base = id.includes('#') ? id.slice(0, id.indexOf('#')) : id;
  return spans.find((s) => s.id === base);
}
