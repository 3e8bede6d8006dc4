import { bytesToUtf8, utf8ToBytes } from '../codec/bytes.js';
import type { StepView } from './evaluate.js';

/** JSON bytes of a value, as actors put on the wire. */
export function jsonBytes(value: unknown): Uint8Array {
  return utf8ToBytes(JSON.stringify(value));
}

/** A step payload parsed as a JSON object, or an error string when it is missing or not one. */
export function readJson(step: Pick<StepView, 'payloads'>, name: string): Record<string, unknown> | string {
  const p = step.payloads.find((x) => x.name === name);
  if (!p) return `payload "${name}" is missing`;
  try {
    const v: unknown = JSON.parse(bytesToUtf8(p.bytes));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return `payload "${name}" is not a JSON object`;
    return v as Record<string, unknown>;
  } catch {
    return `payload "${name}" is not valid UTF-8 JSON`;
  }
}

/** A string member of a parsed JSON object, or undefined. */
export function strOf(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** A JSON payload of a step: `{name, encoding: 'json', bytes}`. */
export function jsonPayload(name: string, value: unknown): { name: string; encoding: 'json'; bytes: Uint8Array } {
  return { name, encoding: 'json', bytes: jsonBytes(value) };
}

/**
 * Values a run's bytes carry for its options: for each source, the first step with payload
 * `payload` (and op `op`, when given), read as JSON, its members `keys[option]` renamed to the
 * option keys. An option whose member is missing is left out (the bytes say nothing about it).
 */
export function valuesIn(steps: readonly (Pick<StepView, 'payloads'> & { readonly op: string })[], sources: readonly { op?: string; payload: string; keys: Readonly<Record<string, string>> }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    const step = steps.find((s) => (source.op === undefined || s.op === source.op) && s.payloads.some((p) => p.name === source.payload));
    const json = step ? readJson(step, source.payload) : undefined;
    if (json === undefined || typeof json === 'string') continue;
    for (const [option, member] of Object.entries(source.keys)) if (json[member] !== undefined) out[option] = json[member];
  }
  return out;
}
