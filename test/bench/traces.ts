import { p256 } from '@noble/curves/nist.js';
import { allFlows, recordRun, reverifyRun, SCENARIO_IDS, type FlowOptions, type Run, type RunSpec } from '../../core/index.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { applies } from '../../core/flows/catalog.js';
import { computeMatrix } from '../../core/matrix/index.js';
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultThreads } from '../../node/recordAll.js';

/** Every flow × option set × scenario, as `record --all` runs them: rpFlaw held at none, n/a cells left out. */
export function matrixSpecs(seed = 1): RunSpec[] {
  const specs: RunSpec[] = [];
  for (const flow of allFlows()) {
    const sets = flow.options.reduce<FlowOptions[]>((acc, o) => acc.flatMap((s) => (o.omitWhen !== undefined ? [o.omitWhen] : o.values).map((v) => ({ ...s, [o.key]: v }))), [{}]);
    for (const options of sets) for (const scenario of SCENARIO_IDS) if (applies(flow.id, scenario, options) === true) specs.push({ flow: flow.id, scenario, options, seed });
  }
  return specs;
}

/** `proofline matrix --axis rpFlaw`: 15 scenarios × 7 flaws, each cell a recorded run. */
export async function benchRpFlawAxis(): Promise<{ cells: number; totalMs: number; signatures: number; referenceMs: number }> {
  const t = performance.now();
  const m = await computeMatrix({}, 1, 'rpFlaw');
  const totalMs = performance.now() - t;
  const cells = m.rows.length * m.columns.length;
  // WebAuthn runs sign about three times (attestation, one or two assertions): count them from runs of the same specs.
  let signatures = 0;
  for (const c of m.columns) for (const r of m.rows) {
    const run = await recordRun({ flow: c.flow, scenario: r.scenario, options: c.options, seed: 1 });
    signatures += run.steps.filter((s) => s.payloads.some((p) => p.name === 'signature' || p.name === 'attestationObject')).length;
  }
  return { cells, totalMs, signatures, referenceMs: referenceSignatures(signatures) };
}

/** Time to compute `n` deterministic P-256 signatures with fresh keys: the floor of recording work. */
function referenceSignatures(n: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const sk = p256.utils.randomSecretKey();
    p256.sign(new Uint8Array(64).fill(i & 0xff), sk, { format: 'der' });
  }
  return performance.now() - t;
}

type Pool = typeof import('../../node/recordAll.js').TracePool;
let poolClass: Promise<Pool> | undefined;

/**
 * `record --all`'s thread pool (node/recordAll.ts), bundled as the CLI bundles it, so that its
 * workers load plain JavaScript as they do in `proofline record --all`.
 */
function recordAllPool(): Promise<Pool> {
  poolClass ??= (async () => {
    const outfile = fileURLToPath(new URL('../../dist/bench/recordAll.mjs', import.meta.url));
    await build({ entryPoints: [fileURLToPath(new URL('../../node/recordAll.ts', import.meta.url))], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    return ((await import(pathToFileURL(outfile).href)) as { TracePool: Pool }).TracePool;
  })();
  return poolClass;
}

/** The bench's pools, one per thread count, started once: each run after the first measures them warm, as a single thread is. */
const pools = new Map<number, Promise<InstanceType<Pool>>>();

/** Stop the bench's worker threads (they would keep the process alive). */
export async function closePools(): Promise<void> {
  for (const p of pools.values()) await (await p).close();
  pools.clear();
}

/**
 * `record --all` + re-verify: every run recorded, written as a trace (text, not a file) and
 * re-verified from its bytes, on `threads` threads as `record --all` shares them out.
 */
export async function benchMatrix(threads = defaultThreads()): Promise<{ runs: number; steps: number; signatures: number; threads: number; totalMs: number; referenceMs: number }> {
  if (!pools.has(threads)) pools.set(threads, recordAllPool().then((TracePool) => new TracePool(threads)));
  const pool = (await pools.get(threads))!;
  const jobs = matrixSpecs().map((spec) => ({ spec, title: `${spec.scenario} — ${spec.flow}`, description: 'bench' }));
  let steps = 0;
  let signatures = 0;
  const t = performance.now();
  await pool.run(jobs, { created: '2026-01-01T00:00:00.000Z', generator: { name: 'proofline-bench', version: '0' }, redact: false, reverify: true }, (i, done) => {
    if (done.disagreements) throw new Error(`${done.run.flow}/${done.run.scenario} disagrees with itself`);
    steps += done.steps;
    signatures += done.signed;
  });
  const totalMs = performance.now() - t;
  return { runs: jobs.length, steps, signatures, threads, totalMs, referenceMs: referenceSignatures(signatures) };
}

/** A trace of at least 5,000 steps (runs of every flow), serialised, then parsed and re-verified. */
export async function benchTrace(): Promise<{ steps: number; bytes: number; parseMs: number; verifyMs: number; totalMs: number; jsonParseMs: number }> {
  const specs = matrixSpecs(9);
  const runs: Run[] = [];
  let steps = 0;
  for (let i = 0; steps < 5000; i++) {
    const run = await recordRun({ ...specs[i % specs.length]!, seed: 9 + Math.floor(i / specs.length) });
    runs.push(run);
    steps += run.steps.length;
  }
  const text = serializeTrace(createTrace(runs, { title: 'bench', description: '5,000 steps', created: '2026-01-01T00:00:00.000Z', generator: { name: 'proofline-bench', version: '0' } }));
  let t = performance.now();
  JSON.parse(text);
  const jsonParseMs = performance.now() - t;
  t = performance.now();
  const trace = parseTrace(text);
  const parseMs = performance.now() - t;
  t = performance.now();
  const v = await verifyTrace(trace);
  const verifyMs = performance.now() - t;
  if (!v.agrees) throw new Error('the generated trace does not re-verify');
  return { steps, bytes: text.length, parseMs, verifyMs, totalMs: parseMs + verifyMs, jsonParseMs };
}
