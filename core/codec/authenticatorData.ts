import { splitFirstCbor, decodeCbor, encodeCbor, type CborValue } from './cbor.js';
import { coseKeyFromMap, type CosePublicKey } from './cose.js';
import { bytesToHex, concatBytes, readU32, u16, u32 } from './bytes.js';
import { ProoflineError, errorMessage } from '../errors.js';

/** authenticatorData flag bits (WebAuthn L3 §6.1). */
export const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;

export interface AuthenticatorFlags {
  readonly up: boolean;
  readonly uv: boolean;
  readonly be: boolean;
  readonly bs: boolean;
  readonly at: boolean;
  readonly ed: boolean;
  /** The raw flags byte, reserved bits included. */
  readonly byte: number;
}

export interface AttestedCredentialData {
  readonly aaguid: Uint8Array;
  readonly credentialId: Uint8Array;
  /** The credential public key exactly as it appears in authenticatorData. */
  readonly credentialPublicKeyBytes: Uint8Array;
  /** Parsed key, or the reason it cannot be used. */
  readonly credentialPublicKey: CosePublicKey | { error: string };
}

/** Parsed authenticatorData; `raw` is kept because signatures cover the exact bytes. */
export interface AuthenticatorData {
  readonly raw: Uint8Array;
  readonly rpIdHash: Uint8Array;
  readonly flags: AuthenticatorFlags;
  readonly signCount: number;
  readonly attestedCredentialData?: AttestedCredentialData;
  readonly extensions?: CborValue;
  readonly extensionsBytes?: Uint8Array;
}

/** Field spans, for the inspector's labelled hex view. */
export interface ByteSpan {
  readonly field: string;
  readonly start: number;
  readonly end: number;
}

/** Decode a flags byte. */
export function parseFlags(byte: number): AuthenticatorFlags {
  return {
    up: (byte & FLAG.UP) !== 0,
    uv: (byte & FLAG.UV) !== 0,
    be: (byte & FLAG.BE) !== 0,
    bs: (byte & FLAG.BS) !== 0,
    at: (byte & FLAG.AT) !== 0,
    ed: (byte & FLAG.ED) !== 0,
    byte,
  };
}

/** Parse authenticatorData (WebAuthn L3 §6.1); malformed input is ERR_AUTH_DATA with the byte offset. */
export function parseAuthenticatorData(raw: Uint8Array): AuthenticatorData {
  if (raw.length < 37) throw new ProoflineError('ERR_AUTH_DATA', `is ${raw.length} bytes; at least 37 (rpIdHash 32, flags 1, signCount 4) are required`, 'authenticatorData');
  const rpIdHash = raw.slice(0, 32);
  const flags = parseFlags(raw[32]!);
  const signCount = readU32(raw, 33);
  let at = 37;
  let attestedCredentialData: AttestedCredentialData | undefined;
  let extensions: CborValue | undefined;
  let extensionsBytes: Uint8Array | undefined;
  let rest = raw.subarray(at);
  if (flags.at) {
    if (raw.length < at + 18) throw new ProoflineError('ERR_AUTH_DATA', `AT is set but only ${raw.length - at} bytes follow signCount; attested credential data needs at least 18`, `authenticatorData[${at}]`);
    const aaguid = raw.slice(at, at + 16);
    const idLen = (raw[at + 16]! << 8) | raw[at + 17]!;
    at += 18;
    if (idLen > 1023) throw new ProoflineError('ERR_AUTH_DATA', `credentialIdLength ${idLen} exceeds 1023`, `authenticatorData[${at - 2}]`);
    if (raw.length < at + idLen + 1) throw new ProoflineError('ERR_AUTH_DATA', `credentialId of ${idLen} bytes and a public key do not fit in the ${raw.length - at} bytes left`, `authenticatorData[${at}]`);
    const credentialId = raw.slice(at, at + idLen);
    at += idLen;
    let split;
    try {
      split = splitFirstCbor(raw.subarray(at), `authenticatorData[${at}] credentialPublicKey`);
    } catch (e) {
      throw new ProoflineError('ERR_AUTH_DATA', errorMessage(e));
    }
    let credentialPublicKey: CosePublicKey | { error: string };
    try {
      credentialPublicKey = coseKeyFromMap(split.value);
    } catch (e) {
      credentialPublicKey = { error: errorMessage(e) };
    }
    attestedCredentialData = { aaguid, credentialId, credentialPublicKeyBytes: split.raw, credentialPublicKey };
    at += split.raw.length;
    rest = raw.subarray(at);
  }
  if (flags.ed) {
    if (rest.length === 0) throw new ProoflineError('ERR_AUTH_DATA', 'ED is set but no extensions follow', `authenticatorData[${at}]`);
    extensions = decodeCbor(rest, `authenticatorData[${at}] extensions`);
    if (!(extensions instanceof Map)) throw new ProoflineError('ERR_AUTH_DATA', 'extensions are not a CBOR map', `authenticatorData[${at}]`);
    extensionsBytes = rest.slice();
  } else if (rest.length > 0) {
    throw new ProoflineError('ERR_AUTH_DATA', `${rest.length} unexpected bytes after the ${flags.at ? 'attested credential data' : 'signCount'} (ED is not set)`, `authenticatorData[${at}]`);
  }
  return {
    raw,
    rpIdHash,
    flags,
    signCount,
    ...(attestedCredentialData ? { attestedCredentialData } : {}),
    ...(extensions !== undefined ? { extensions, extensionsBytes } : {}),
  };
}

/** Input for encoding authenticatorData. */
export interface AuthenticatorDataInit {
  rpIdHash: Uint8Array;
  flags: { up?: boolean; uv?: boolean; be?: boolean; bs?: boolean };
  signCount: number;
  attested?: { aaguid: Uint8Array; credentialId: Uint8Array; credentialPublicKey: Uint8Array };
  extensions?: Map<unknown, unknown>;
}

/** Encode authenticatorData; AT and ED are set from the presence of their parts. */
export function encodeAuthenticatorData(init: AuthenticatorDataInit): Uint8Array {
  if (init.rpIdHash.length !== 32) throw new RangeError(`"rpIdHash" expected 32 bytes, got ${init.rpIdHash.length}`);
  let flags = 0;
  if (init.flags.up) flags |= FLAG.UP;
  if (init.flags.uv) flags |= FLAG.UV;
  if (init.flags.be) flags |= FLAG.BE;
  if (init.flags.bs) flags |= FLAG.BS;
  if (init.attested) flags |= FLAG.AT;
  if (init.extensions) flags |= FLAG.ED;
  const parts: Uint8Array[] = [init.rpIdHash, new Uint8Array([flags]), u32(init.signCount)];
  if (init.attested) {
    const { aaguid, credentialId, credentialPublicKey } = init.attested;
    if (aaguid.length !== 16) throw new RangeError(`"aaguid" expected 16 bytes, got ${aaguid.length}`);
    parts.push(aaguid, u16(credentialId.length), credentialId, credentialPublicKey);
  }
  if (init.extensions) parts.push(encodeCbor(init.extensions));
  return concatBytes(...parts);
}

/** Labelled byte spans of authenticatorData, for the inspector. */
export function authenticatorDataSpans(ad: AuthenticatorData): ByteSpan[] {
  const spans: ByteSpan[] = [
    { field: 'rpIdHash', start: 0, end: 32 },
    { field: 'flags', start: 32, end: 33 },
    { field: 'signCount', start: 33, end: 37 },
  ];
  let at = 37;
  const acd = ad.attestedCredentialData;
  if (acd) {
    spans.push({ field: 'aaguid', start: at, end: at + 16 });
    spans.push({ field: 'credentialIdLength', start: at + 16, end: at + 18 });
    at += 18;
    spans.push({ field: 'credentialId', start: at, end: at + acd.credentialId.length });
    at += acd.credentialId.length;
    spans.push({ field: 'credentialPublicKey', start: at, end: at + acd.credentialPublicKeyBytes.length });
    at += acd.credentialPublicKeyBytes.length;
  }
  if (ad.extensionsBytes) spans.push({ field: 'extensions', start: at, end: at + ad.extensionsBytes.length });
  return spans;
}

/** Flags as a short string such as `UP UV BE BS AT`. */
export function describeFlags(f: AuthenticatorFlags): string {
  const names = (['up', 'uv', 'be', 'bs', 'at', 'ed'] as const).filter((k) => f[k]).map((k) => k.toUpperCase());
  return `${names.join(' ') || 'none'} (0x${bytesToHex(new Uint8Array([f.byte]))})`;
}
