import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MUTATING } from '../mutating.js';
import { fixtureTrace } from './helpers.js';
import { ProoflineError } from '../../core/errors.js';
import { parseTrace, serializeTrace, verifyTrace, type Trace } from '../../core/trace/index.js';

/** parseTrace either returns a trace or throws a ProoflineError; anything else fails the property. */
function parseOrProofline(text: string): Trace | undefined {
  try {
    return parseTrace(text);
  } catch (e) {
    if (e instanceof ProoflineError) return undefined;
    throw e;
  }
}

let valid = '';
beforeAll(async () => {
  valid = (await fixtureTrace()).text;
});

describe('the parser never throws anything but ProoflineError', () => {
  it.skipIf(MUTATING)('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => void parseOrProofline(s)), { numRuns: 2000 });
  });

  it('on random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => void parseOrProofline(JSON.stringify(v))), { numRuns: 1000 });
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        try {
          parseTrace(b);
        } catch (e) {
          if (!(e instanceof ProoflineError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  const tokens = ['{', '}', '[', ']', ',', ':', '"', '\\', '0', '-1', '1e999', 'null', 'true', '"__proto__"', '/*', '\u0000', '\uFEFF', 'é', '\uD800', ' '];
  it.skipIf(MUTATING)('on a valid trace with characters deleted, inserted or replaced (and verifyTrace on what still parses)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...tokens)), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          let text = valid;
          for (const [at, op, token] of edits) {
            const i = at % (text.length + 1);
            text = op === 0 ? text.slice(0, i) + text.slice(i + 1) : op === 1 ? text.slice(0, i) + token + text.slice(i) : text.slice(0, i) + token + text.slice(i + token.length);
          }
          const trace = parseOrProofline(text);
          if (trace) await verifyTrace(trace);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.skipIf(MUTATING)('on a valid trace with one JSON value replaced by a random one (and verifyTrace on what still parses)', async () => {
    // Every path to a value in the valid trace.
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(JSON.parse(valid), []);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
        const json = JSON.parse(valid);
        if (path.length === 0) return;
        let parent = json;
        for (const seg of path.slice(0, -1)) parent = parent[seg];
        parent[path[path.length - 1]!] = value;
        const trace = parseOrProofline(JSON.stringify(json));
        if (trace) await verifyTrace(trace);
      }),
      { numRuns: 400 },
    );
  });
});

describe('any single changed byte of any recorded byte string is detected', () => {
  it.skipIf(MUTATING)('flip a byte of a payload, re-encode, verify → a disagreement at that step or later', async () => {
    const base = parseTrace(valid);
    const sites = base.runs.flatMap((run, r) => run.steps.flatMap((step, s) => step.payloads.map((p, k) => ({ r, s, k, length: p.bytes.length })).filter((x) => x.length > 0)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sites), fc.nat(), fc.integer({ min: 1, max: 255 }), async (site, at, xor) => {
        const trace = parseTrace(valid);
        const payload = trace.runs[site.r]!.steps[site.s]!.payloads[site.k]!;
        payload.bytes[at % payload.bytes.length]! ^= xor;
        const v = await verifyTrace(parseTrace(serializeTrace(trace)));
        const hit = v.disagreements.some((d) => d.run === site.r && (d.step === null || d.step >= site.s));
        expect(hit, `run ${site.r} step ${site.s} payload ${site.k} byte ${at % payload.bytes.length}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(MUTATING)('every payload byte position of one run, exhaustively for the short payloads', async () => {
    const base = parseTrace(valid);
    for (const [s, step] of base.runs[0]!.steps.entries()) {
      for (const [k, p] of step.payloads.entries()) {
        for (let i = 0; i < Math.min(p.bytes.length, 40); i++) {
          const trace = parseTrace(valid);
          trace.runs[0]!.steps[s]!.payloads[k]!.bytes[i]! ^= 0x01;
          const v = await verifyTrace(trace);
          expect(v.disagreements.some((d) => d.run === 0 && (d.step === null || d.step >= s)), `step ${s} payload ${p.name} byte ${i}`).toBe(true);
        }
      }
    }
  });
});
