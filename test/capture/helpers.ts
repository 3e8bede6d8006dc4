/** A capture session played by core's own virtual authenticator and browser model (see session.test.ts). */
import { expect } from 'vitest';
import { createAuthenticator, type CredentialKind } from '../../core/authenticator/index.js';
import { CaptureSession, captureTrace } from '../../core/capture/index.js';
import { fromBase64url } from '../../core/codec/base64url.js';
import { createRandom } from '../../core/crypto/random.js';
import '../../core/flows/all.js';
import { assertionToJSON, createCredential, getCredential, registrationToJSON } from '../../core/ua/index.js';

export const PORT = 49152;
export const ORIGIN = `http://localhost:${PORT}`;

/** A YubiKey 5 Series AAGUID, as the community list names it. */
const YUBIKEY_5 = Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex'));

/** Register, approve (unless `approve` is false) and (optionally) try the look-alike origin, then build the capture's trace. */
export async function capture(kind: CredentialKind, choice: { userVerification: 'required' | 'preferred' | 'discouraged'; binding: 'none' | 'challenge' }, lookAlike = true, approve = true) {
  const rng = createRandom(`session ${kind} ${choice.binding}`);
  const session = new CaptureSession(PORT, { random: (n) => rng.fork('rp').bytes(n), now: () => new Date('2026-12-01T10:00:00Z') });
  const device = createAuthenticator({ rng: rng.fork('authn'), name: 'key', credentialKind: kind, aaguid: YUBIKEY_5 });
  const o = session.registerOptions(choice).body.publicKey as { challenge: string; user: { id: string } };
  const created = createCredential(device, { origin: ORIGIN, publicKey: { challenge: fromBase64url(o.challenge), rp: { id: 'localhost', name: 'x' }, user: { id: fromBase64url(o.user.id), name: 'x', displayName: 'x' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], userVerification: choice.userVerification, attestation: 'direct' } });
  if (created.status !== 'ok') throw new Error(created.message);
  expect((await session.register(registrationToJSON(created.credential), 'Mozilla/5.0 Chrome/131.0')).body.verdict).toBe('accepted');
  if (approve) {
    const p = session.approveOptions().body.publicKey as { challenge: string; allowCredentials: string[] };
    const got = getCredential(device, { origin: ORIGIN, publicKey: { challenge: fromBase64url(p.challenge), rpId: 'localhost', allowCredentials: p.allowCredentials.map((id) => ({ id: fromBase64url(id) })), userVerification: choice.userVerification }, person: 'enrolled-user' });
    if (got.status !== 'ok') throw new Error(got.message);
    expect((await session.approve(assertionToJSON(got.credential))).body.outcome).toBe('ok');
  }
  if (lookAlike) {
    const l = session.lookalikeOptions().body.publicKey as { challenge: string };
    // Core's browser model refuses the look-alike as Chromium does; its answer is what the page posts.
    const refused = getCredential(device, { origin: `http://127.0.0.1:${PORT}`, publicKey: { challenge: fromBase64url(l.challenge), rpId: 'localhost', userVerification: choice.userVerification }, person: 'enrolled-user' });
    expect(refused.status).toBe('error');
    await session.lookalikeResult({ error: { name: refused.status === 'error' ? refused.errorName : '', message: 'This is an invalid domain.' } });
  }
  session.finish();
  const result = (await captureTrace(session, { random: (n) => rng.fork('attacker').bytes(n), created: '2026-12-01T10:01:00Z', generator: { name: 'test', version: '0' } }))!;
  return { session, result };
}

