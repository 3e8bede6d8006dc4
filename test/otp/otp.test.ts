import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8ToBytes } from '../../core/codec/bytes.js';
import { counterBytes, hotp, linkingQuestion, ocra, parseOcraSuite, parseSmsText, passwordMatches, passwordRecord, smsText, totp, totpMatch, totpStep, type OtpHash } from '../../core/otp/index.js';
import { INTENDED_ACTION } from '../../core/flows/runs.js';
import vectors from '../vectors/otp-rfc.json' with { type: 'json' };

describe('RFC 4226 Appendix D (HOTP)', () => {
  for (const c of vectors.hotp.cases) {
    it(`count ${c.counter} → ${c.code}`, () => expect(hotp(utf8ToBytes(vectors.hotp.key), c.counter)).toBe(c.code));
  }
});

describe('RFC 6238 Appendix B (TOTP)', () => {
  for (const c of vectors.totp.cases) {
    for (const hash of ['SHA1', 'SHA256', 'SHA512'] as const) {
      it(`T = ${c.unix}, ${hash} → ${c[hash]}`, () => {
        expect(bytesToHex(counterBytes(totpStep(c.unix))).toUpperCase()).toBe(c.step);
        expect(totp(utf8ToBytes(vectors.totp.keys[hash]), c.unix, { digits: 8, hash: hash as OtpHash })).toBe(c[hash]);
      });
    }
  }
  it('accepts T−1 and T+1 (§5.2) and nothing further', () => {
    const key = utf8ToBytes(vectors.totp.keys.SHA1);
    const now = 1_767_261_600;
    expect(totpMatch(key, totp(key, now - 30), now)).toBe(totpStep(now) - 1);
    expect(totpMatch(key, totp(key, now + 30), now)).toBe(totpStep(now) + 1);
    expect(totpMatch(key, totp(key, now - 60), now)).toBeUndefined();
  });
});

describe('RFC 6287 Appendix C (OCRA)', () => {
  for (const c of vectors.ocra.cases) {
    it(`${c.suite} Q=${c.question}${'counter' in c ? ` C=${c.counter}` : ''} → ${c.code}`, () => {
      const key = utf8ToBytes(vectors.ocra.keys[c.key as 'key20']);
      expect(ocra(c.suite, key, c.question, (c as { counter?: number }).counter).code).toBe(c.code);
    });
  }
  it('DataInput is suite ‖ 00 ‖ Q padded to 128 bytes', () => {
    const r = ocra('OCRA-1:HOTP-SHA1-6:QN08', utf8ToBytes(vectors.ocra.keys.key20), '11111111');
    expect(r.dataInput.length).toBe('OCRA-1:HOTP-SHA1-6:QN08'.length + 1 + 128);
  });
  it('rejects suites with inputs it does not support, and questions that do not fit', () => {
    expect(() => parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08-PSHA1')).toThrow(RangeError);
    expect(() => ocra('OCRA-1:HOTP-SHA1-6:QN08', new Uint8Array(20), '12ab')).toThrow(RangeError);
    expect(() => ocra('OCRA-1:HOTP-SHA1-6:QN08', new Uint8Array(20), '123456789')).toThrow(RangeError);
  });
  it('DESIGN.md §8.3 worked example (dynamic linking, computed with @noble/hashes, not an RFC vector)', () => {
    const key = utf8ToBytes('12345678901234567890123456789012');
    const q = linkingQuestion(new Uint8Array(16).fill(7), INTENDED_ACTION);
    expect(q).toBe('6802682694D4DA5BC15917F85B88E0ADFC34015654D9128373DF7EDE7F89400E');
    expect(ocra('OCRA-1:HOTP-SHA256-8:QH64', key, q).code).toBe('97379748');
    expect(ocra('OCRA-1:HOTP-SHA256-6:QH64', key, q).code).toBe('518010');
  });
});

describe('RFC 6070 (PBKDF2) and the password record', () => {
  for (const c of vectors.pbkdf2.cases) {
    it(`c = ${c.c}`, () => expect(bytesToHex(pbkdf2(sha1, utf8ToBytes(c.password), utf8ToBytes(c.salt), { c: c.c, dkLen: c.dkLen }))).toBe(c.dk));
  }
  it('matches the right password and no other', async () => {
    const r = await passwordRecord('correct horse', new Uint8Array(16).fill(1));
    expect(await passwordMatches(r, 'correct horse')).toBe(true);
    expect(await passwordMatches(r, 'correct hors')).toBe(false);
    expect(await passwordMatches(r, '')).toBe(false);
  });
  it('derives through WebCrypto the same bytes as PBKDF2-HMAC-SHA256 in JS, an empty password too', async () => {
    for (const password of ['correct horse battery staple', '', 'pässwörd ✓']) {
      const salt = new Uint8Array(16).fill(7);
      const r = await passwordRecord(password, salt, 1000);
      expect(bytesToHex(r.hash)).toBe(bytesToHex(pbkdf2(sha256, utf8ToBytes(password), salt, { c: 1000, dkLen: 32 })));
      expect(await passwordMatches(r, password)).toBe(true);
    }
  });
});

describe('SMS texts', () => {
  it('fit 160 characters and read back with the fixed template', () => {
    for (const action of [undefined, INTENDED_ACTION, { kind: 'sign-in' as const }]) {
      const text = smsText('482913', action);
      expect(text.length).toBeLessThanOrEqual(160);
      const parsed = parseSmsText(text)!;
      expect(parsed.code).toBe('482913');
      if (action?.kind === 'payment') expect(parsed.action).toEqual({ kind: 'payment', value: '10.00', currency: 'EUR', payeeName: 'Alice', iban: 'DE89370400440532013000' });
    }
    expect(smsText('482913', INTENDED_ACTION)).toBe('Example Bank: code 482913 to pay 10.00 EUR to Alice (DE89 3704 0044 0532 0130 00). Never share it.');
    expect(parseSmsText('Example Bank: your code is 48291. Valid 5 minutes. Never share it.')).toBeUndefined();
  });
});
