import { toBase64url } from '../codec/base64url.js';
import type { Random } from '../crypto/random.js';
import { passwordRecord } from '../otp/password.js';
import { jsonPayload } from '../ops/payloads.js';
import type { Recorder } from './record.js';

/**
 * Password sign-in for the attack scenarios that assume the password is lost (DESIGN.md §8.1):
 * the bank's PBKDF2 record and the attacker's `POST /login`. Honest runs start signed in.
 */

/** Bob's password, which the sign-in attacks assume is already lost. */
export const BOB_PASSWORD = 'correct horse battery staple';

/** The bank's password record for Bob, server-local (only sign-in attacks need it). */
export async function recordPasswordRecord(rec: Recorder, rng: Random): Promise<void> {
  const r = await passwordRecord(BOB_PASSWORD, rng.fork('bank.password').bytes(16));
  await rec.step({ phase: 'enroll', from: 'server', label: 'Password record', caption: 'The bank keeps Bob’s password as a salted PBKDF2 hash.', op: 'bank.passwordRecord', payloads: [jsonPayload('passwordRecord', { user: 'bob', salt: toBase64url(r.salt), hash: toBase64url(r.hash), iterations: r.iterations })] });
}

/** The attacker's `POST /login` with Bob's password. */
export async function recordLogin(rec: Recorder, caption: string): Promise<void> {
  await rec.step({ phase: 'challenge', from: 'attacker', to: 'server', label: 'POST /login', caption, op: 'bank.login', attacker: true, payloads: [jsonPayload('request', { method: 'POST', path: '/login', body: { user: 'bob', password: BOB_PASSWORD } })] });
}
