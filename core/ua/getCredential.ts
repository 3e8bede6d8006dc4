import { sha256 } from '@noble/hashes/sha2.js';
import type { Authenticator } from '../authenticator/types.js';
import { toBase64url } from '../codec/base64url.js';
import { buildClientDataJSON } from '../codec/clientData.js';
import { checkRpId } from './checkRpId.js';
import { crossOriginMembers, defaultRpId } from './createCredential.js';
import type { GetCredentialRequest, GetCredentialResult } from './types.js';

/**
 * `navigator.credentials.get()` (WebAuthn L3 §5.1.4): check the rpId against the page's real
 * origin, build clientDataJSON (`webauthn.get`, the real origin), hash it, and ask the
 * authenticator with only the hash, the rpId, allowCredentials and the UV requirement. A phishing
 * origin asking for the bank's rpId stops here with SecurityError and nothing is signed.
 */
export function getCredential(authn: Authenticator, request: GetCredentialRequest): GetCredentialResult {
  const { origin, publicKey } = request;
  if (!(publicKey?.challenge instanceof Uint8Array)) throw new TypeError('"publicKey.challenge" expected Uint8Array');
  const rpId = publicKey.rpId ?? defaultRpId(origin) ?? '';
  // WebAuthn L3 §5.1.4.1 steps 5-7: the rpId must belong to the calling origin's site.
  const rpCheck = checkRpId(origin, rpId, 'get');
  if (rpCheck.status === 'fail') return { status: 'error', errorName: 'SecurityError', message: rpCheck.detail, rpId, checks: [rpCheck] };
  // WebAuthn L3 §5.1.4.1 steps 10-11 and §5.8.1.1: clientDataJSON with the real origin.
  const clientDataJSON = buildClientDataJSON({ type: 'webauthn.get', challenge: toBase64url(publicKey.challenge), origin, ...crossOriginMembers(origin, request.topOrigin) });
  const clientDataHash = sha256(clientDataJSON);
  const result = authn.getAssertion({
    clientDataHash,
    rpId,
    allowCredentials: (publicKey.allowCredentials ?? []).map((d) => d.id),
    userVerification: publicKey.userVerification ?? 'preferred',
    person: request.person ?? 'enrolled-user',
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
      response: { clientDataJSON, authenticatorData: result.authenticatorData, signature: result.signature, userHandle: result.userHandle },
    },
  };
}
