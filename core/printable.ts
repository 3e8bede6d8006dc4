/**
 * Text from a file, made safe to print: the one function every surface (CLI lines, error
 * messages, check details, exports) passes file-supplied text through before a person reads it.
 */

/**
 * Characters that must not reach a terminal or an XML document as they are: C0 controls
 * (ESC starts a terminal escape sequence, CR rewrites a line, NUL ends C strings), DEL, C1
 * controls (U+009B is a one-character CSI on some terminals), the line and paragraph separators,
 * the bidirectional overrides and isolates (they reorder what is shown, CVE-2021-42574),
 * noncharacters (U+FFFE, U+FFFF and the other 64; XML 1.0 §2.2 forbids U+FFFE/U+FFFF) and lone
 * surrogates (not Unicode scalar values, so not well-formed UTF-8 or XML).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Same, but a line feed and a tab pass (text that may span lines: a report paragraph, a CLI line). */
const UNSAFE_KEEP_LINES = new RegExp(UNSAFE.source.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b-\\u001f'), 'g');

/** `\uXXXX` per UTF-16 code unit: the same in JSON and JavaScript, so escaped JSON stays valid JSON. */
function escapeChar(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * `text` with every unsafe character (see above) written as a visible escape (`\u001b`,
 * `\ud83f\udffe` for U+1FFFE), so it prints as one line that shows what the file holds and cannot move the
 * cursor, recolour a terminal, reorder what is shown or break an XML document. With
 * `keepLineBreaks`, line feeds and tabs are kept (carriage returns are still escaped).
 */
export function printable(text: string, keepLineBreaks = false): string {
  return text.replace(keepLineBreaks ? UNSAFE_KEEP_LINES : UNSAFE, escapeChar);
}
