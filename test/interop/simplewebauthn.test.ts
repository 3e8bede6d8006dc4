import { describe, expect, it } from 'vitest';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { createAuthenticator } from '../../core/authenticator/index.js';
import type { CredentialKind } from '../../core/authenticator/index.js';
import { createRandom } from '../../core/crypto/random.js';
import { toBase64url } from '../../core/codec/base64url.js';
import { COSE_ALG } from '../../core/codec/cose.js';
import { assertionToJSON, createCredential, getCredential, registrationToJSON } from '../../core/ua/index.js';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../../core/ua/index.js';

// SimpleWebAuthn's server library, an independent RP implementation, must accept what our
// authenticator and user agent produce, and reject it after any one-byte tamper.

const ORIGIN = 'https://example.com';
const RP_ID = 'example.com';

type Case = { alg: 'ES256' | 'EdDSA'; kind: CredentialKind; uv: boolean; attestation: 'none' | 'direct' };
const cases: Case[] = [];
for (const alg of ['ES256', 'EdDSA'] as const)
  for (const kind of ['device-bound', 'synced'] as const)
    for (const uv of [true, false]) cases.push({ alg, kind, uv, attestation: uv ? 'direct' : 'none' });

function flip(b64: string, at: (len: number) => number): string {
  const bytes = Buffer.from(b64, 'base64url');
  const i = at(bytes.length);
  bytes[i] = bytes[i]! ^ 0x01;
  return toBase64url(new Uint8Array(bytes));
}

async function ceremony(c: Case, seed: string) {
  const rng = createRandom(seed);
  // UV off: the device cannot verify (clamshell laptop), policy preferred → UP only.
  const authn = createAuthenticator({ rng: rng.fork('authn'), credentialKind: c.kind, uvAvailable: c.uv, name: 'phone' });
  const regChallenge = rng.fork('c1').bytes(32);
  const created = createCredential(authn, {
    origin: ORIGIN,
    publicKey: {
      challenge: regChallenge,
      rp: { id: RP_ID, name: 'Example Bank' },
      user: { id: new Uint8Array([1, 2, 3, 4]), name: 'alice', displayName: 'Alice' },
      pubKeyCredParams: [{ type: 'public-key', alg: c.alg === 'ES256' ? COSE_ALG.ES256 : COSE_ALG.EdDSA }],
      userVerification: 'preferred',
      attestation: c.attestation,
    },
  });
  if (created.status !== 'ok') throw new Error(created.message);
  const authChallenge = rng.fork('c2').bytes(32);
  const got = getCredential(authn, { origin: ORIGIN, publicKey: { challenge: authChallenge, rpId: RP_ID, allowCredentials: [{ id: created.credential.rawId }], userVerification: 'preferred' } });
  if (got.status !== 'ok') throw new Error(got.message);
  return { created, got, reg: registrationToJSON(created.credential), auth: assertionToJSON(got.credential), regChallenge: toBase64url(regChallenge), authChallenge: toBase64url(authChallenge) };
}

describe('@simplewebauthn/server accepts our registrations and assertions', () => {
  for (const c of cases) {
    const label = `${c.alg} ${c.kind} UV ${c.uv ? 'on' : 'off'} attestation ${c.attestation === 'direct' ? 'packed' : 'none'}`;
    it(label, async () => {
      const { created, reg, auth, regChallenge, authChallenge } = await ceremony(c, label);
      const vr = await verifyRegistrationResponse({ response: reg as unknown as Parameters<typeof verifyRegistrationResponse>[0]['response'], expectedChallenge: regChallenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, requireUserVerification: c.uv });
      expect(vr.verified).toBe(true);
      expect(vr.registrationInfo!.fmt).toBe(c.attestation === 'direct' ? 'packed' : 'none');
      expect(vr.registrationInfo!.userVerified).toBe(c.uv);
      expect(vr.registrationInfo!.credentialDeviceType).toBe(c.kind === 'synced' ? 'multiDevice' : 'singleDevice');
      expect(vr.registrationInfo!.credentialBackedUp).toBe(c.kind === 'synced');
      const credential = vr.registrationInfo!.credential;
      expect(credential.id).toBe(created.credential.id);
      const va = await verifyAuthenticationResponse({ response: auth as unknown as Parameters<typeof verifyAuthenticationResponse>[0]['response'], expectedChallenge: authChallenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential, requireUserVerification: c.uv });
      expect(va.verified).toBe(true);
      expect(va.authenticationInfo.newCounter).toBe(c.kind === 'synced' ? 0 : 1);
      expect(va.authenticationInfo.userVerified).toBe(c.uv);
    });
  }
});

describe('@simplewebauthn/server rejects a one-byte tamper', () => {
  for (const c of cases.filter((x) => x.uv)) {
    const label = `${c.alg} ${c.kind}`;
    it(label, async () => {
      const { reg, auth, regChallenge, authChallenge } = await ceremony(c, `tamper ${label}`);
      const vr = await verifyRegistrationResponse({ response: reg as unknown as Parameters<typeof verifyRegistrationResponse>[0]['response'], expectedChallenge: regChallenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID });
      const credential = vr.registrationInfo!.credential;
      const verify = async (response: AuthenticationResponseJSON) => {
        try {
          const r = await verifyAuthenticationResponse({ response: response as unknown as Parameters<typeof verifyAuthenticationResponse>[0]['response'], expectedChallenge: authChallenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential: { ...credential, counter: 0 }, requireUserVerification: false });
          return r.verified;
        } catch {
          return false;
        }
      };
      expect(await verify(auth)).toBe(true);
      const tampered: AuthenticationResponseJSON[] = [
        // authenticatorData: a bit of the flags byte (UP), of the counter, of the rpIdHash
        { ...auth, response: { ...auth.response, authenticatorData: flip(auth.response.authenticatorData, () => 32) } },
        { ...auth, response: { ...auth.response, authenticatorData: flip(auth.response.authenticatorData, (n) => n - 1) } },
        { ...auth, response: { ...auth.response, authenticatorData: flip(auth.response.authenticatorData, () => 5) } },
        // clientDataJSON: one character inside the challenge string (still valid JSON), and the last byte
        { ...auth, response: { ...auth.response, clientDataJSON: flip(auth.response.clientDataJSON, (n) => n - 3) } },
        // signature: middle byte and last byte
        { ...auth, response: { ...auth.response, signature: flip(auth.response.signature, (n) => n >> 1) } },
        { ...auth, response: { ...auth.response, signature: flip(auth.response.signature, (n) => n - 1) } },
      ];
      for (const t of tampered) expect(await verify(t)).toBe(false);
      // A flipped challenge character with an RP that accepts any challenge: only the signature catches it.
      const anyChallenge = { ...auth, response: { ...auth.response, clientDataJSON: flip(auth.response.clientDataJSON, () => 40) } };
      await expect(verifyAuthenticationResponse({ response: anyChallenge as unknown as Parameters<typeof verifyAuthenticationResponse>[0]['response'], expectedChallenge: () => true, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential: { ...credential, counter: 0 }, requireUserVerification: false }).then((r) => r.verified, () => false)).resolves.toBe(false);
      // Registration: a tampered attestationObject / clientDataJSON must not verify either.
      const regVerify = async (response: RegistrationResponseJSON) => {
        try {
          return (await verifyRegistrationResponse({ response: response as unknown as Parameters<typeof verifyRegistrationResponse>[0]['response'], expectedChallenge: regChallenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID })).verified;
        } catch {
          return false;
        }
      };
      expect(await regVerify({ ...reg, response: { ...reg.response, clientDataJSON: flip(reg.response.clientDataJSON, () => 20) } })).toBe(false);
    });
  }
});
