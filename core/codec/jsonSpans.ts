import { bytesToUtf8 } from './bytes.js';

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Byte ranges of a JSON object's top-level members, over the raw bytes as sent (whitespace and
 * escapes included), so a view can point at the exact bytes of `origin` or `payment`. Null when
 * the bytes are not a JSON object; never throws.
 */
export function jsonMemberSpans(bytes: Uint8Array): { key: string; start: number; end: number }[] | null {
  let i = 0;
  const ws = () => {
    while (i < bytes.length && WS.has(bytes[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < bytes.length && bytes[i] !== 0x22) i += bytes[i] === 0x5c ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    const c = bytes[i];
    if (c === 0x22) return skipString();
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      while (i < bytes.length) {
        const d = bytes[i]!;
        if (d === 0x22) {
          skipString();
          continue;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        if (d === 0x7d || d === 0x5d) depth--;
        i++;
        if (depth === 0) return;
      }
      return;
    }
    while (i < bytes.length && !WS.has(bytes[i]!) && bytes[i] !== 0x2c && bytes[i] !== 0x7d) i++;
  };
  ws();
  if (bytes[i] !== 0x7b) return null;
  i++;
  const out: { key: string; start: number; end: number }[] = [];
  for (;;) {
    ws();
    if (bytes[i] === 0x7d) return out;
    if (bytes[i] !== 0x22) return null;
    const start = i;
    skipString();
    let key: string;
    try {
      key = JSON.parse(bytesToUtf8(bytes.subarray(start, i))) as string;
    } catch {
      return null;
    }
    ws();
    if (bytes[i] !== 0x3a) return null;
    i++;
    ws();
    skipValue();
    out.push({ key, start, end: i });
    ws();
    if (bytes[i] === 0x2c) i++;
    else if (bytes[i] === 0x7d) return out;
    else return null;
  }
}
