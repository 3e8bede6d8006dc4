import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import '../core/flows/all.js';
import { recordRun, reverifyRun } from '../core/flows/runs.js';
import type { Run, RunSpec } from '../core/flows/types.js';
import { createTrace, serializeTrace, type TraceGenerator } from '../core/trace/trace.js';

/**
 * `record --all` on every core: the runs are independent (each is made from its spec and seed
 * alone), so they are shared out over worker threads, and come back in the order they were
 * asked for — files, lines and bytes exactly as the single-thread path makes them.
 *
 * The main thread records too, so work starts before the workers have loaded. A worker is this
 * same module loaded again (in the CLI, the bundle `dist/cli/proofline.mjs`), which finds its
 * `workerData` and serves jobs.
 */

/** One trace file to make: one run, with its title and description. */
export interface TraceJob {
  readonly spec: RunSpec;
  readonly title: string;
  readonly description: string;
}

/** What every trace of one `record --all` shares. */
export interface TraceJobSettings {
  readonly created: string;
  readonly generator: TraceGenerator;
  readonly redact: boolean;
  /** Also re-verify each run from its bytes (`npm run bench`: record --all + re-verify). */
  readonly reverify?: boolean;
}

/** A trace made: its text, what `--json` prints of its run, and for the bench its size and agreement. */
export interface TraceDone {
  readonly text: string;
  readonly run: Pick<Run, 'flow' | 'options' | 'scenario' | 'outcome'>;
  readonly steps: number;
  /** Steps that carry a signature or an attestation object. */
  readonly signed: number;
  /** Differences re-verification found (0 unless `reverify`). */
  readonly disagreements: number;
}

/** Record one run and write it as a trace: the one piece of work, on whichever thread. */
export async function makeTrace(job: TraceJob, settings: TraceJobSettings): Promise<TraceDone> {
  const run = await recordRun(job.spec);
  const text = serializeTrace(createTrace([run], { title: job.title, description: job.description, created: settings.created, generator: settings.generator, redact: settings.redact }));
  const disagreements = settings.reverify ? (await reverifyRun(run)).disagreements.length : 0;
  const signed = run.steps.filter((s) => s.payloads.some((p) => p.name === 'signature' || p.name === 'attestationObject')).length;
  return { text, run: { flow: run.flow, options: run.options, scenario: run.scenario, outcome: run.outcome }, steps: run.steps.length, signed, disagreements };
}

/** Threads to use when none is asked for: every core the process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

const WORKER_TAG = 'proofline/record-all';
/** Jobs a worker holds at once: the next is already there when one is done. */
const IN_FLIGHT = 2;

type ToWorker = { i: number; job: TraceJob; settings: TraceJobSettings };
type FromWorker = { i: number; done: TraceDone } | { i: number; error: string };

/**
 * This thread and `threads − 1` workers (1: this thread alone, no worker). The main thread records
 * too, so work starts before the workers have loaded. One pool can serve several calls of
 * {@link TracePool.run} (the bench measures it warm); {@link makeTraces} is one call on a new pool.
 */
export class TracePool {
  private readonly workers: { worker: Worker; online: Promise<void> }[] = [];

  constructor(readonly threads: number) {
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { [WORKER_TAG]: true } });
      this.workers.push({ worker, online: new Promise((resolve, reject) => { worker.once('online', resolve); worker.once('error', reject); }) });
    }
  }

  /**
   * Make every job's trace, calling `onDone` for each in the jobs' order, as soon as it and all
   * before it are made. Rejects with the first failure.
   */
  async run(jobs: readonly TraceJob[], settings: TraceJobSettings, onDone: (i: number, done: TraceDone) => Promise<void> | void): Promise<void> {
    const results = new Map<number, TraceDone>();
    let emitted = 0;
    let emitting: Promise<void> = Promise.resolve();
    const settle = (i: number, done: TraceDone) => {
      results.set(i, done);
      emitting = emitting.then(async () => {
        while (results.has(emitted)) {
          const d = results.get(emitted)!;
          results.delete(emitted);
          await onDone(emitted++, d);
        }
      });
    };
    let next = 0;
    const take = () => (next < jobs.length ? next++ : -1);
    const served = this.workers.map(({ worker, online }) => new Promise<void>((resolve, reject) => {
      let busy = 0;
      const feed = () => {
        while (busy < IN_FLIGHT) {
          const i = take();
          if (i < 0) break;
          busy++;
          worker.postMessage({ i, job: jobs[i]!, settings } satisfies ToWorker);
        }
        if (busy === 0) stop();
      };
      const onMessage = (m: FromWorker) => {
        busy--;
        if ('error' in m) return stop(new Error(m.error));
        settle(m.i, m.done);
        feed();
      };
      const onExit = (code: number) => stop(new Error(`a record worker stopped (exit ${code}) with jobs left`));
      const stop = (e?: unknown) => {
        worker.off('message', onMessage).off('error', stop).off('exit', onExit);
        if (e === undefined) resolve();
        else reject(e);
      };
      worker.on('message', onMessage).on('error', stop).on('exit', onExit);
      online.then(feed, stop);
    }));
    const own = (async () => {
      for (let i = take(); i >= 0; i = take()) {
        settle(i, await makeTrace(jobs[i]!, settings));
        // Let the workers' messages in between this thread's own runs.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    try {
      await Promise.all([own, ...served]);
    } catch (e) {
      next = jobs.length; // no new job starts once one has failed
      throw e;
    }
    await emitting;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

/** Make every job's trace on `threads` threads, in order (see {@link TracePool.run}); the workers stop either way. */
export async function makeTraces(jobs: readonly TraceJob[], settings: TraceJobSettings, threads: number, onDone: (i: number, done: TraceDone) => Promise<void> | void): Promise<void> {
  const pool = new TracePool(Math.max(1, Math.min(threads, jobs.length)));
  try {
    await pool.run(jobs, settings, onDone);
  } finally {
    await pool.close();
  }
}

// A worker: serve jobs until the main thread stops it.
if (!isMainThread && parentPort && typeof workerData === 'object' && workerData !== null && WORKER_TAG in workerData) {
  const port = parentPort;
  port.on('message', ({ i, job, settings }: ToWorker) => {
    makeTrace(job, settings).then(
      (done) => port.postMessage({ i, done } satisfies FromWorker),
      (e: unknown) => port.postMessage({ i, error: e instanceof Error ? e.message : String(e) } satisfies FromWorker),
    );
  });
}
