import { describe, expect, it } from 'vitest';
import { recordRun, type Run } from '../../core/index.js';
import { decodeOtp } from '../../renderer/src/model/otpDecode.js';

// The inspector's OTP decoder recomputes each code from the run's bytes; its verdict must agree
// with what the step carries and with the bank's own check (server.otp), never read from either.

function at(run: Run, op: string): number {
  const i = run.steps.findIndex((s) => s.op === op);
  if (i < 0) throw new Error(`no ${op}`);
  return i;
}

describe('decodeOtp', () => {
  it('TOTP: T, the counter bytes, HMAC-SHA1, the offset and the digits give the code the app shows', async () => {
    const run = await recordRun({ flow: 'otp', scenario: 'honest', options: { channel: 'totp' }, seed: 7 });
    const d = decodeOtp(run, at(run, 'app.totp'))!;
    const row = (l: string) => d.rows.find((r) => r.label === l)!.value;
    expect(row('counter C')).toMatch(/^[0-9a-f]{16}$/);
    expect(Number.parseInt(row('counter C'), 16)).toBe(Number(row('T')));
    expect(row('HMAC-SHA1(seed, C)')).toMatch(/^[0-9a-f]{40}$/);
    expect(Number(row('offset'))).toBe(Number.parseInt(row('HMAC-SHA1(seed, C)').slice(-1), 16));
    expect(d.verdict?.ok).toBe(true);
    expect(row('mod 10⁶')).toBe(JSON.parse(new TextDecoder().decode(run.steps[at(run, 'app.totp')]!.payloads[0]!.bytes)).code);
    expect(d.bytes.map((b) => b.bytes.length)).toEqual([8, 20]);
    // The verifier's window: the typed code is one of T−1, T, T+1.
    expect(decodeOtp(run, at(run, 'bank.verifyOtp'))!.verdict?.ok).toBe(true);
  });

  it('OCRA: the question over amount and payee, the DataInput map (suite ‖ 00 ‖ Q[128]) and 8 digits', async () => {
    const run = await recordRun({ flow: 'otp', scenario: 'honest', options: { channel: 'totp', linking: 'dynamic' }, seed: 7 });
    const d = decodeOtp(run, at(run, 'app.ocra'))!;
    expect(d.rows.find((r) => r.label === 'transaction')!.value).toBe('10.00 EUR to Alice (DE89370400440532013000)');
    const input = d.bytes[0]!;
    expect(input.bytes.length).toBe('OCRA-1:HOTP-SHA256-8:QH64'.length + 1 + 128);
    expect(input.spans.map((s) => s.label)).toEqual(['suite “OCRA-1:HOTP-SHA256-8:QH64”', '00 separator', 'Q (32 bytes)', 'Q padded with zeros to 128 bytes']);
    expect(d.verdict).toEqual({ ok: true, text: expect.stringMatching(/^\d{8} equals the response the app shows/) });
  });

  it('SMS with dynamic linking: the bank’s MAC over its nonce and the action gives the code in the SMS; after a swap of the submitted action the recomputation differs, as server.otp says', async () => {
    const honest = await recordRun({ flow: 'otp', scenario: 'honest', options: { linking: 'dynamic' }, seed: 7 });
    expect(decodeOtp(honest, at(honest, 'bank.issueCode'))!.verdict?.ok).toBe(true);
    const swap = await recordRun({ flow: 'otp', scenario: 'tx-swap-after-approval', options: { linking: 'dynamic' }, seed: 7 });
    const verify = at(swap, 'bank.verifyOtp');
    const d = decodeOtp(swap, verify)!;
    expect(d.rows.find((r) => r.label === 'transaction')!.value).toMatch(/^5000\.00 EUR to Mallory/);
    expect(d.verdict?.ok).toBe(false);
    expect(swap.steps[verify]!.checks.find((c) => c.id === 'server.otp')!.status).toBe('fail');
  });

  it('SMS without linking: the code is drawn, not computed; steps that compute nothing decode to null', async () => {
    const run = await recordRun({ flow: 'otp', scenario: 'honest', options: {}, seed: 7 });
    expect(decodeOtp(run, at(run, 'bank.issueCode'))!.rows[0]!.note).toMatch(/random digits/);
    expect(decodeOtp(run, at(run, 'bank.verifyOtp'))!.verdict?.ok).toBe(true);
    expect(decodeOtp(run, at(run, 'user.intend'))).toBeNull();
    const web = await recordRun({ flow: 'webauthn', scenario: 'honest', options: {}, seed: 7 });
    expect(decodeOtp(web, 0)).toBeNull();
  });
});
