import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { traceJsonSchema } from '../../core/trace/schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../docs/trace.schema.json', import.meta.url));

/** The checked-in schema text: generated JSON, two-space indentation, final newline. */
function generated(): string {
  return `${JSON.stringify(traceJsonSchema(), null, 2)}\n`;
}

describe('docs/trace.schema.json', () => {
  it('is the schema generated from core/trace/schema.ts (UPDATE_SCHEMA=1 rewrites it)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated());
    expect(readFileSync(SCHEMA_FILE, 'utf8'), 'docs/trace.schema.json is stale: run UPDATE_SCHEMA=1 npx vitest run test/trace/schema.test.ts').toBe(generated());
  });

  it('is a draft 2020-12 schema for the proofline-trace format', () => {
    const s = traceJsonSchema() as { $schema: string; properties: Record<string, { const?: unknown }>; additionalProperties: unknown };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.properties.format?.const).toBe('proofline-trace');
    expect(JSON.stringify(s.properties.version)).toMatch(/"const":1.*"const":2/);
    expect(s.additionalProperties).toBe(false);
  });
});
