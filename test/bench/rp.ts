import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { toBase64url } from '../../core/codec/base64url.js';
import { createRandom } from '../../core/crypto/random.js';
import { verifyAssertion } from '../../core/rp/verifyAssertion.js';
import { assertionToJSON, createCredential, getCredential } from '../../core/ua/index.js';

/** One assertion to verify, with what the RP stored and expected. */
interface Case {
  json: ReturnType<typeof assertionToJSON>;
  raw: { clientDataJSON: Uint8Array; authenticatorData: Uint8Array; signature: Uint8Array; credentialId: Uint8Array };
  publicKey: Uint8Array;
  challenge: string;
  storedSignCount: number;
}

/** `credentials` credentials × `perCredential` assertions, made by our authenticator and browser. */
export function makeAssertions(credentials: number, perCredential: number): Case[] {
  const cases: Case[] = [];
  const rng = createRandom('bench');
  for (let c = 0; c < credentials; c++) {
    const authn = createAuthenticator({ rng: rng.fork(`device/${c}`), name: `device ${c}` });
    const reg = createCredential(authn, { origin: 'https://example.com', publicKey: { challenge: rng.bytes(32), rp: { id: 'example.com', name: 'Example' }, user: { id: rng.bytes(16), name: `user${c}`, displayName: `User ${c}` } } });
    if (reg.status !== 'ok') throw new Error(reg.message);
    for (let i = 0; i < perCredential; i++) {
      const challenge = rng.bytes(32);
      const r = getCredential(authn, { origin: 'https://example.com', publicKey: { challenge, rpId: 'example.com', allowCredentials: [{ id: reg.credential.rawId }] } });
      if (r.status !== 'ok') throw new Error(r.message);
      cases.push({
        json: assertionToJSON(r.credential),
        raw: { ...r.credential.response, credentialId: r.credential.rawId },
        publicKey: reg.credential.response.publicKeyCose,
        challenge: toBase64url(challenge),
        storedSignCount: i,
      });
    }
  }
  return cases;
}

/** Verify every case with Proofline's RP; returns assertions per second. */
export async function oursPerSecond(cases: Case[]): Promise<number> {
  const t = performance.now();
  for (const c of cases) {
    const r = await verifyAssertion(c.raw, { rpId: 'example.com', origin: 'https://example.com', challenge: c.challenge, userVerification: 'preferred', storedSignCount: c.storedSignCount }, { publicKey: c.publicKey });
    if (r.verdict !== 'accepted') throw new Error(`ours rejected: ${r.checks.find((x) => x.status === 'fail')?.detail}`);
  }
  return cases.length / ((performance.now() - t) / 1000);
}

/** Verify every case with @simplewebauthn/server; returns assertions per second. */
export async function simpleWebAuthnPerSecond(cases: Case[]): Promise<number> {
  const t = performance.now();
  for (const c of cases) {
    const r = await verifyAuthenticationResponse({
      response: c.json as never,
      expectedChallenge: c.challenge,
      expectedOrigin: 'https://example.com',
      expectedRPID: 'example.com',
      requireUserVerification: false,
      credential: { id: c.json.id, publicKey: c.publicKey as Uint8Array<ArrayBuffer>, counter: c.storedSignCount },
    });
    if (!r.verified) throw new Error('simplewebauthn rejected');
  }
  return cases.length / ((performance.now() - t) / 1000);
}
