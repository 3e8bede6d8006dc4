import { sha256 } from '@noble/hashes/sha2.js';
import { actionHash, type Action } from '../codec/action.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '../codec/bytes.js';
import { counterBytes, otpHmac, truncate, type OtpHash, type Truncation } from './hotp.js';

/**
 * OCRA, the OATH challenge-response algorithm (RFC 6287), for the suites this project uses:
 * `OCRA-1:HOTP-<hash>-<digits>:[C-]Q<A|N|H><len>`. PIN, session and time inputs (P, S, T) are not
 * supported and rejected.
 */

/** A parsed OCRA suite (RFC 6287 §6). */
export interface OcraSuite {
  readonly text: string;
  readonly hash: OtpHash;
  readonly digits: number;
  readonly counter: boolean;
  readonly questionFormat: 'A' | 'N' | 'H';
  readonly questionLength: number;
}

/** Parse an OCRA suite string (RFC 6287 §6); a suite with P, S or T inputs throws RangeError. */
export function parseOcraSuite(text: string): OcraSuite {
  const m = /^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(\d{1,2}):(C-)?Q([ANH])(\d\d)$/.exec(text);
  if (!m) throw new RangeError(`"suite" expected OCRA-1:HOTP-SHA{1,256,512}-d:[C-]Q{A,N,H}nn, got ${JSON.stringify(text)}`);
  const digits = Number(m[2]);
  const questionLength = Number(m[5]);
  if (digits !== 0 && (digits < 4 || digits > 10)) throw new RangeError(`"suite" digits expected 0 or 4..10, got ${digits}`);
  if (questionLength < 4 || questionLength > 64) throw new RangeError(`"suite" question length expected 04..64, got ${questionLength}`);
  return { text, hash: m[1] as OtpHash, digits, counter: m[3] !== undefined, questionFormat: m[4] as 'A' | 'N' | 'H', questionLength };
}

/** The question's 128 bytes (RFC 6287 §5.1): its hex form, left-aligned and zero-padded on the right. */
export function ocraQuestion(suite: OcraSuite, question: string): Uint8Array {
  let hex: string;
  if (suite.questionFormat === 'N') {
    if (!/^\d+$/.test(question)) throw new RangeError(`"question" expected decimal digits for Q${suite.questionFormat}, got ${JSON.stringify(question)}`);
    hex = BigInt(question).toString(16).toUpperCase();
  } else if (suite.questionFormat === 'A') {
    hex = bytesToHex(utf8ToBytes(question));
  } else {
    if (!/^[0-9A-Fa-f]*$/.test(question)) throw new RangeError(`"question" expected hex digits for QH, got ${JSON.stringify(question)}`);
    hex = question;
  }
  if (question.length > suite.questionLength || hex.length > 256) throw new RangeError(`"question" expected at most ${suite.questionLength} characters, got ${question.length}`);
  return hexToBytes(hex.padEnd(256, '0'));
}

/** DataInput = suite ‖ 0x00 ‖ [C] ‖ Q (RFC 6287 §5.1), what the HMAC is computed over. */
export function ocraDataInput(suite: OcraSuite, question: string, counter?: number): Uint8Array {
  if (suite.counter && counter === undefined) throw new RangeError('"counter" expected for a suite with C');
  return concatBytes(utf8ToBytes(suite.text), new Uint8Array([0]), suite.counter ? counterBytes(counter!) : new Uint8Array(0), ocraQuestion(suite, question));
}

/** An OCRA response with what was computed on the way, for the inspector. */
export interface OcraResult extends Truncation {
  readonly dataInput: Uint8Array;
  readonly mac: Uint8Array;
}

/** OCRA (RFC 6287 §5.2): truncate(HMAC(key, DataInput)) to the suite's digits. */
export function ocra(suiteText: string, key: Uint8Array, question: string, counter?: number): OcraResult {
  const suite = parseOcraSuite(suiteText);
  const dataInput = ocraDataInput(suite, question, counter);
  const mac = otpHmac(suite.hash, key, dataInput);
  return { dataInput, mac, ...truncate(mac, suite.digits || 10) };
}

/**
 * The question of dynamic linking (DESIGN.md §8.3): Q = SHA-256(nonce ‖ SHA-256(canonical action))
 * as 64 uppercase hex digits, for a `QH64` suite. The verifier recomputes it over the *submitted*
 * action; the OCRA app over the action it displays.
 */
export function linkingQuestion(nonce: Uint8Array, action: Action): string {
  return bytesToHex(sha256(concatBytes(nonce, actionHash(action)))).toUpperCase();
}
