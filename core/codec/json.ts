import { ProoflineError } from '../errors.js';

/**
 * Strict JSON reading for trace files. One linear scan checks the grammar (comments and trailing
 * commas are errors: this is JSON, not JSONC) and rejects duplicate keys, prototype-polluting keys
 * and deep nesting with their JSON path *before* `JSON.parse` builds anything; only then does
 * `JSON.parse` produce the value. The scan skips whitespace and the plain characters of a string
 * with sticky regular expressions, so time and memory are linear in the input with a small
 * constant (31 MiB of whitespace is refused in well under a second). Every failure is a
 * ProoflineError.
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
  // One regular-expression pass over the text; only the (few) non-ASCII characters are visited.
  let n = text.length;
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) n += m[0].length === 2 ? 2 : m[0].charCodeAt(0) < 0x800 ? 1 : 2;
  return n;
}

/** A non-ASCII character: a surrogate pair (4 bytes for 2 units) or one unit (2 or 3 bytes). */
const NON_ASCII = /[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]/g;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode input bytes as UTF-8 text, or pass text through; checks the size limit first. */
export function traceText(input: string | Uint8Array, limits: JsonLimits = DEFAULT_JSON_LIMITS): string {
  // A UTF-16 unit is 1 to 3 bytes of UTF-8: count only when the length alone does not decide.
  const size = typeof input === 'string' ? (input.length > limits.maxBytes || input.length * 3 <= limits.maxBytes ? input.length : utf8Length(input)) : input.length;
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
  new StrictScan(text, limits.maxDepth).run();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // The scan above accepts only what JSON.parse accepts; this is a second line of defence.
    throw new ProoflineError('ERR_TRACE_JSON', `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, '$');
  }
}

const WHITESPACE = /[ \t\n\r]*/y;
/** The characters a string may hold without an escape (RFC 8259 §7). */
const PLAIN = /[^"\\\u0000-\u001f]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/y;

/**
 * One pass over JSON text (RFC 8259). `path` is where the scan is: the key or index of each open
 * container's current member, kept after the member's value so that an error just after it (a
 * comment, a trailing comma) names it, as a reader would look for it.
 */
class StrictScan {
  private i = 0;
  private readonly path: (string | number)[] = [];
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  run(): void {
    this.ws();
    if (this.i >= this.text.length) this.fail('a value was expected, but the file holds none');
    this.value();
    this.ws();
    if (this.i < this.text.length) this.fail(this.text.startsWith('//', this.i) || this.text.startsWith('/*', this.i) ? COMMENTS : 'unexpected data after the JSON value');
  }

  private ws(): void {
    WHITESPACE.lastIndex = this.i;
    WHITESPACE.test(this.text);
    this.i = WHITESPACE.lastIndex;
  }

  private fail(what: string): never {
    let line = 1;
    let lineStart = 0;
    for (let k = this.text.indexOf('\n'); k !== -1 && k < this.i; k = this.text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    const where = formatJsonPath(this.path);
    const near = this.path.length ? ` (near ${where})` : '';
    throw new ProoflineError('ERR_TRACE_JSON', `invalid JSON at line ${line}, column ${this.i - lineStart + 1}: ${what}${near}`, where);
  }

  /** What is at the current position, where a `what` was expected. */
  private unexpected(what: string): never {
    if (this.i >= this.text.length) this.fail(`${what} was expected, but the file ends`);
    const c = this.text[this.i]!;
    if (c === '/') this.fail(COMMENTS);
    if ((c === '}' || c === ']') && this.text[this.lastNonSpace()] === ',') this.fail(`${what} was expected (trailing commas are not allowed)`);
    this.fail(`${what} was expected, found ${JSON.stringify(c)}`);
  }

  private lastNonSpace(): number {
    let k = this.i - 1;
    while (k >= 0 && ' \t\n\r'.includes(this.text[k]!)) k--;
    return k;
  }

  private value(): void {
    const c = this.text.charCodeAt(this.i);
    if (c === 0x7b) this.object();
    else if (c === 0x5b) this.array();
    else if (c === 0x22) this.string();
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = this.i;
      if (!NUMBER.test(this.text)) this.fail('invalid number');
      this.i = NUMBER.lastIndex;
    } else if (this.text.startsWith('true', this.i)) this.i += 4;
    else if (this.text.startsWith('false', this.i)) this.i += 5;
    else if (this.text.startsWith('null', this.i)) this.i += 4;
    else this.unexpected('a value');
  }

  private enter(): void {
    if (this.depth >= this.maxDepth) {
      throw new ProoflineError('ERR_TRACE_DEPTH', `nesting is deeper than ${this.maxDepth} levels`, formatJsonPath(this.path));
    }
    this.depth++;
    this.i++;
    this.ws();
  }

  /**
   * A container's members up to its closing character (`}` or `]`), each read by `member(n)`;
   * `path` holds the current member's key or index while it is read.
   */
  private members(close: number, member: (n: number) => void, closing: string): void {
    this.enter();
    const at = this.path.length;
    if (this.text.charCodeAt(this.i) !== close) {
      for (let n = 0; ; n++) {
        member(n);
        this.ws();
        const c = this.text.charCodeAt(this.i);
        if (c !== 0x2c) {
          if (c !== close) this.unexpected(`a comma or a closing ${closing}`);
          break;
        }
        this.i++;
        this.ws();
      }
      this.path.length = at;
    }
    this.i++;
    this.depth--;
  }

  private object(): void {
    const seen = new Keys();
    const at = this.path.length;
    this.members(0x7d, () => {
      if (this.text.charCodeAt(this.i) !== 0x22) this.unexpected('a property name');
      const key = this.string();
      this.path[at] = key;
      if (FORBIDDEN_KEYS.has(key)) throw new ProoflineError('ERR_TRACE_KEY', `the key "${key}" is not allowed`, formatJsonPath(this.path));
      if (!seen.add(key)) throw new ProoflineError('ERR_TRACE_KEY', `the key "${key}" appears twice in one object`, formatJsonPath(this.path));
      this.ws();
      if (this.text.charCodeAt(this.i) !== 0x3a) this.unexpected('a colon');
      this.i++;
      this.ws();
      this.value();
    }, 'brace');
  }

  private array(): void {
    const at = this.path.length;
    this.members(0x5d, (n) => {
      this.path[at] = n;
      this.value();
    }, 'bracket');
  }

  /** A string at the current position; returns its value (decoded only when it has escapes). */
  private string(): string {
    const start = this.i;
    this.i++;
    let escaped = false;
    for (;;) {
      PLAIN.lastIndex = this.i;
      PLAIN.test(this.text);
      this.i = PLAIN.lastIndex;
      const c = this.text.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        ESCAPE.lastIndex = this.i;
        if (!ESCAPE.test(this.text)) this.fail('invalid escape in a string');
        this.i = ESCAPE.lastIndex;
        escaped = true;
        continue;
      }
      if (this.i >= this.text.length) this.fail('a string is not closed before the file ends');
      this.fail('a control character in a string must be escaped');
    }
    this.i++;
    return escaped ? (JSON.parse(this.text.slice(start, this.i)) as string) : this.text.slice(start + 1, this.i - 1);
  }
}

/** The keys of one object: a short list searched in place (objects in a trace have a dozen), a Set past that. */
class Keys {
  private list: string[] = [];
  private set: Set<string> | undefined;

  /** Add `key`; false when it was already there. */
  add(key: string): boolean {
    if (this.set) {
      if (this.set.has(key)) return false;
      this.set.add(key);
      return true;
    }
    if (this.list.includes(key)) return false;
    this.list.push(key);
    if (this.list.length > 16) this.set = new Set(this.list);
    return true;
  }
}

const COMMENTS = 'comments are not allowed (a trace is JSON, not JSONC)';
