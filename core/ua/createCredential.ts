import { sha256 } from '@noble/hashes/sha2.js';
import type { Authenticator } from '../authenticator/types.js';
import { toBase64url } from '../codec/base64url.js';
import { buildClientDataJSON } from '../codec/clientData.js';
import { COSE_ALG } from '../codec/cose.js';
import { checkRpId, parseOrigin } from './checkRpId.js';
import type { CreateCredentialRequest, CreateCredentialResult, UaFailure } from './types.js';

/** The origin's effective domain, used when the page gives no rpId (WebAuthn L3 §5.1.3 step 8, §5.1.4.1 step 7). */
export function defaultRpId(origin: string): string | undefined {
  const parsed = parseOrigin(origin);
  return 'error' in parsed || !parsed.isDomain ? undefined : parsed.host;
}

/** crossOrigin / topOrigin members for clientDataJSON (WebAuthn L3 §5.8.1): set when the top-level origin differs. */
export function crossOriginMembers(origin: string, topOrigin: string | undefined): { crossOrigin: boolean; topOrigin?: string } {
  return topOrigin !== undefined && topOrigin !== origin ? { crossOrigin: true, topOrigin } : { crossOrigin: false };
}

/**
 * `navigator.credentials.create()` (WebAuthn L3 §5.1.3): check the rpId against the page's real
 * origin, build clientDataJSON (`webauthn.create`, the real origin), hash it, and hand only the
 * hash, the rpId and the UV requirement to the authenticator. Returns the PublicKeyCredential (raw
 * bytes) and every check that ran; refusals are results, not exceptions.
 */
export function createCredential(authn: Authenticator, request: CreateCredentialRequest): CreateCredentialResult {
  const { origin, publicKey } = request;
  if (!(publicKey?.challenge instanceof Uint8Array)) throw new TypeError('"publicKey.challenge" expected Uint8Array');
  const rpId = publicKey.rp.id ?? defaultRpId(origin) ?? '';
  // WebAuthn L3 §5.1.3 steps 6-8: the rpId must belong to the calling origin's site.
  const rpCheck = checkRpId(origin, rpId, 'create');
  if (rpCheck.status === 'fail') {
    const failure: UaFailure = { status: 'error', errorName: 'SecurityError', message: rpCheck.detail, rpId, checks: [rpCheck] };
    return failure;
  }
  // WebAuthn L3 §5.1.3 steps 13-14 and §5.8.1.1: clientDataJSON carries the origin the browser knows, not one the page claims.
  const clientDataJSON = buildClientDataJSON({ type: 'webauthn.create', challenge: toBase64url(publicKey.challenge), origin, ...crossOriginMembers(origin, request.topOrigin) });
  const clientDataHash = sha256(clientDataJSON);
  const result = authn.makeCredential({
    clientDataHash,
    rpId,
    user: { id: publicKey.user.id, name: publicKey.user.name, displayName: publicKey.user.displayName },
    userVerification: publicKey.userVerification ?? 'preferred',
    person: request.person ?? 'enrolled-user',
    algorithms: (publicKey.pubKeyCredParams ?? [{ type: 'public-key', alg: COSE_ALG.ES256 }, { type: 'public-key', alg: COSE_ALG.EdDSA }]).map((p) => p.alg),
    attestation: publicKey.attestation === 'direct' ? 'packed' : 'none',
    excludeCredentials: (publicKey.excludeCredentials ?? []).map((d) => d.id),
  });
  const checks = [rpCheck, ...result.checks];
  if (result.status !== 'ok') {
    return { status: 'error', errorName: result.errorName, message: result.reason, rpId, checks, authenticator: result, clientDataJSON, clientDataHash };
  }
  return {
    status: 'ok',
    rpId,
    clientDataJSON,
    clientDataHash,
    checks,
    authenticator: result,
    credential: {
      id: toBase64url(result.credentialId),
      rawId: result.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON,
        attestationObject: result.attestationObject,
        authenticatorData: result.authenticatorData,
        publicKeyAlgorithm: result.publicKey.alg,
        publicKeyCose: result.publicKeyBytes,
        transports: result.kind === 'synced' ? ['hybrid', 'internal'] : ['internal'],
      },
    },
  };
}
