import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';
import { ProoflineError } from '../errors.js';

/**
 * Strict JSON reading for trace files. jsonc-parser's `visit` scans the text first (comments and
 * trailing commas are errors: this is JSON, not JSONC) so that duplicate keys, prototype-polluting
 * keys and deep nesting are rejected with their JSON path *before* `JSON.parse` builds anything;
 * only then does `JSON.parse` produce the value. Every failure is a ProoflineError.
 */

/** Limits applied while reading a trace. */
export interface JsonLimits {
  /** Largest accepted input, in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of objects and arrays (the root object is depth 1). */
  readonly maxDepth: number;
}

/** Default limits: 32 MiB and 64 levels. A trace nests 6 levels deep. */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 64 };

/** Keys that would reach Object.prototype machinery if some consumer merged the object naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Format a JSON path the way messages name it: `runs[0].steps[3].payloads[1].bytes`, root `$`. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '$' : out;
}

/** UTF-8 length of a string without allocating it (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode input bytes as UTF-8 text, or pass text through; checks the size limit first. */
export function traceText(input: string | Uint8Array, limits: JsonLimits = DEFAULT_JSON_LIMITS): string {
  const size = typeof input === 'string' ? (input.length > limits.maxBytes ? input.length : utf8Length(input)) : input.length;
  if (size > limits.maxBytes) {
    throw new ProoflineError('ERR_TRACE_SIZE', `the file is ${size} bytes; the limit is ${limits.maxBytes}`, '$');
  }
  if (typeof input === 'string') return input;
  try {
    return utf8.decode(input);
  } catch {
    throw new ProoflineError('ERR_TRACE_JSON', 'the file is not valid UTF-8', '$');
  }
}

/**
 * Parse JSON text strictly: syntax errors, comments, trailing commas, duplicate keys, the keys
 * `__proto__`, `constructor` and `prototype`, and nesting deeper than `limits.maxDepth` are each a
 * ProoflineError naming the JSON path. A single leading byte order mark is skipped.
 */
export function parseStrictJson(input: string | Uint8Array, limits: JsonLimits = DEFAULT_JSON_LIMITS): unknown {
  let text = traceText(input, limits);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // The first scan copies no JSON paths (the cost of a large trace is in those copies); a syntax
  // error found by it is located by a second scan that remembers where it last was.
  try {
    scanStrictJson(text, limits, false);
  } catch (e) {
    if (e !== SYNTAX_ERROR) throw e;
    scanStrictJson(text, limits, true);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // The scan above accepts only what JSON.parse accepts; this is a second line of defence.
    throw new ProoflineError('ERR_TRACE_JSON', `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, '$');
  }
}

/** A key that may not be there, at its path (built only when thrown). */
function keyError(message: string, pathSupplier: () => JSONPath, property: string): ProoflineError {
  return new ProoflineError('ERR_TRACE_KEY', message, formatJsonPath([...pathSupplier(), property]));
}

/** Thrown by a scan that does not track paths, to ask for one that does. */
const SYNTAX_ERROR = new Error('JSON syntax error');

/**
 * One strict pass over `text` (jsonc-parser's visitor): depth, forbidden and duplicate keys throw
 * a ProoflineError with their path; a syntax error throws one with the path last seen when
 * `locate` is set, else SYNTAX_ERROR.
 */
function scanStrictJson(text: string, limits: JsonLimits, locate: boolean): void {
  // One Set of seen keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  let lastPath: JSONPath = [];
  const enter = (kind: 'object' | 'array', pathSupplier: () => JSONPath): void => {
    if (locate) lastPath = pathSupplier();
    if (open.length >= limits.maxDepth) {
      throw new ProoflineError('ERR_TRACE_DEPTH', `nesting is deeper than ${limits.maxDepth} levels`, formatJsonPath(pathSupplier()));
    }
    open.push(kind === 'object' ? new Set() : null);
  };
  visit(
    text,
    {
      onObjectBegin: (_o, _l, _sl, _sc, pathSupplier) => enter('object', pathSupplier),
      onArrayBegin: (_o, _l, _sl, _sc, pathSupplier) => enter('array', pathSupplier),
      onObjectEnd: () => void open.pop(),
      onArrayEnd: () => void open.pop(),
      onObjectProperty: (property, _o, _l, _sl, _sc, pathSupplier) => {
        if (locate) lastPath = [...pathSupplier(), property];
        if (FORBIDDEN_KEYS.has(property)) throw keyError(`the key "${property}" is not allowed`, pathSupplier, property);
        const seen = open[open.length - 1];
        if (seen) {
          if (seen.has(property)) throw keyError(`the key "${property}" appears twice in one object`, pathSupplier, property);
          seen.add(property);
        }
      },
      onError: (error, _offset, _length, startLine, startCharacter) => {
        if (!locate) throw SYNTAX_ERROR;
        const near = lastPath.length ? ` (near ${formatJsonPath(lastPath)})` : '';
        throw new ProoflineError(
          'ERR_TRACE_JSON',
          `invalid JSON at line ${startLine + 1}, column ${startCharacter + 1}: ${describeParseError(printParseErrorCode(error))}${near}`,
          formatJsonPath(lastPath),
        );
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
}

function describeParseError(code: string): string {
  switch (code) {
    case 'InvalidCommentToken':
      return 'comments are not allowed (a trace is JSON, not JSONC)';
    case 'PropertyNameExpected':
    case 'ValueExpected':
      return `${code === 'ValueExpected' ? 'a value' : 'a property name'} was expected (trailing commas are not allowed)`;
    default:
      return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}
