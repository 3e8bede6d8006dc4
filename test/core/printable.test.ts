import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../core/check.js';
import { ProoflineError } from '../../core/errors.js';
import { printable } from '../../core/printable.js';

/** Characters that act on a terminal or are not allowed in XML 1.0 (or are bidi controls). */
const UNSAFE_CHAR = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('printable', () => {
  it('writes controls, bidi overrides, noncharacters and lone surrogates as visible \\u escapes', () => {
    expect(printable('a\u001b[32mok\u001b[0m')).toBe('a\\u001b[32mok\\u001b[0m');
    expect(printable('x\ry\nz\t')).toBe('x\\u000dy\\u000az\\u0009');
    expect(printable('x\ry\nz\t', true)).toBe('x\\u000dy\nz\t');
    expect(printable('\u0000\u007f\u009b\u2028\u202e\u2066\ufffe\uffff\ufdd0')).toBe('\\u0000\\u007f\\u009b\\u2028\\u202e\\u2066\\ufffe\\uffff\\ufdd0');
    expect(printable('\u{1fffe}\u{10ffff}')).toBe('\\ud83f\\udffe\\udbff\\udfff');
    expect(printable('\ud800x\udc00')).toBe('\\ud800x\\udc00');
  });

  it('leaves ordinary text alone (letters, accents, emoji, CJK, the euro sign)', () => {
    for (const s of ['Alice', 'Zoë pays 10 €', '😀 ok', '東京', 'C:\\path\\file']) expect(printable(s)).toBe(s);
  });

  it('property: the result never holds an unsafe character, and escaped JSON stays the same JSON', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const p = printable(s);
      expect(UNSAFE_CHAR.test(p)).toBe(false);
      expect(/[\n\t]/.test(p)).toBe(false);
      expect(JSON.parse(printable(JSON.stringify(s), true))).toBe(s);
    }), { numRuns: 100 });
  });

  it('is applied once where text from a file enters a message: ProoflineError and check details', () => {
    const e = new ProoflineError('ERR_TRACE_SHAPE', 'unknown member "\u001b[32mok"', 'runs[0].\u001b]0;x\u0007');
    expect(e.message).toBe('runs[0].\\u001b]0;x\\u0007: unknown member "\\u001b[32mok"');
    expect(e.path).toBe('runs[0].\\u001b]0;x\\u0007');
    expect(check('rp.origin', 'rp', 's', 'fail', 'got "https://a\u202eexample"').detail).toBe('got "https://a\\u202eexample"');
  });
});
