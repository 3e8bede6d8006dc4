// Build ES256 responses signed with the W3C test-vector credential key, to vary one input at a time.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeAttestationObject } from '../../core/codec/attestationObject.js';
import { encodeAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { concatBytes, hexToBytes, utf8ToBytes } from '../../core/codec/bytes.js';
import { buildClientDataJSON, type ClientDataInit } from '../../core/codec/clientData.js';
import { COSE_ALG, encodeCoseKey } from '../../core/codec/cose.js';
import type { RpExpected } from '../../core/rp/types.js';

/** The credential private key published with the W3C none-es256 test vector. */
export const SK = hexToBytes('6e68e7a58484a3264f66b77f5d6dc5bc36a47085b615c9727ab334e8c369c2ee');
const PUB = p256.getPublicKey(SK, false);
export const COSE_KEY = encodeCoseKey({ kty: 'EC2', alg: COSE_ALG.ES256, crv: 'P-256', x: PUB.slice(1, 33), y: PUB.slice(33) });
export const CRED_ID = new Uint8Array(32).fill(7);
export const RP_ID = 'example.org';
export const ORIGIN = 'https://example.org';
export const CHALLENGE = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';

export const sign = (msg: Uint8Array, sk = SK) => p256.sign(msg, sk, { prehash: true, format: 'der' });

export interface Variant {
  clientData?: Partial<ClientDataInit>;
  /** Replace clientDataJSON bytes entirely. */
  rawClientData?: Uint8Array;
  rpId?: string;
  flags?: { up?: boolean; uv?: boolean; be?: boolean; bs?: boolean };
  signCount?: number;
  /** Post-process authenticatorData bytes before signing. */
  mutateAuthData?: (ad: Uint8Array) => Uint8Array;
  /** Post-process the signature. */
  mutateSignature?: (sig: Uint8Array) => Uint8Array;
}

export const EXPECTED: RpExpected = { rpId: RP_ID, origin: ORIGIN, challenge: CHALLENGE, userVerification: 'preferred', storedSignCount: 0 };

function clientDataBytes(v: Variant, type: ClientDataInit['type']): Uint8Array {
  return v.rawClientData ?? buildClientDataJSON({ type, challenge: CHALLENGE, origin: ORIGIN, ...v.clientData });
}

/** An assertion: authenticatorData ‖ SHA-256(clientDataJSON) signed with SK. */
export function craftAssertion(v: Variant = {}) {
  const clientDataJSON = clientDataBytes(v, 'webauthn.get');
  let authenticatorData = encodeAuthenticatorData({ rpIdHash: sha256(utf8ToBytes(v.rpId ?? RP_ID)), flags: v.flags ?? { up: true, uv: true }, signCount: v.signCount ?? 0 });
  if (v.mutateAuthData) authenticatorData = v.mutateAuthData(authenticatorData);
  let signature: Uint8Array = sign(concatBytes(authenticatorData, sha256(clientDataJSON)));
  if (v.mutateSignature) signature = v.mutateSignature(signature);
  return { clientDataJSON, authenticatorData, signature, credentialId: CRED_ID };
}

/** A registration with packed self attestation (or `fmt: 'none'`), signed with SK. */
export function craftRegistration(v: Variant & { fmt?: 'packed' | 'none'; coseKey?: Uint8Array; attAlg?: number } = {}) {
  const clientDataJSON = clientDataBytes(v, 'webauthn.create');
  let authData = encodeAuthenticatorData({
    rpIdHash: sha256(utf8ToBytes(v.rpId ?? RP_ID)),
    flags: v.flags ?? { up: true, uv: true },
    signCount: v.signCount ?? 0,
    attested: { aaguid: new Uint8Array(16), credentialId: CRED_ID, credentialPublicKey: v.coseKey ?? COSE_KEY },
  });
  if (v.mutateAuthData) authData = v.mutateAuthData(authData);
  let sig: Uint8Array = sign(concatBytes(authData, sha256(clientDataJSON)));
  if (v.mutateSignature) sig = v.mutateSignature(sig);
  const attStmt = v.fmt === 'none' ? new Map<string, unknown>() : new Map<string, unknown>([['alg', v.attAlg ?? COSE_ALG.ES256], ['sig', sig]]);
  return { clientDataJSON, attestationObject: encodeAttestationObject(v.fmt ?? 'packed', attStmt, authData), credentialId: CRED_ID };
}
