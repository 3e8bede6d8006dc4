/**
 * `npm run bench`: speed targets, each measured against a reference in the same run.
 * - RP: assertions verified per second by Proofline and by @simplewebauthn/server (target ratio ≥ 1.0).
 * - Registrations verified per second by attestation format (none, packed self, packed x5c,
 *   fido-u2f, tpm, android-key, apple), real registrations from ../shared/vectors/more-suites
 *   that both accept — Proofline with every §7.1 check and §8 requirement, the trust step without
 *   trust inputs; @simplewebauthn/server with no trust roots — side by side, no target.
 * - Matrix: record every flow × option set × scenario as `record --all` does (on every core,
 *   node/recordAll.ts), write each as a trace and re-verify it (target < 2 s), against the time to
 *   compute the same number of P-256 signatures on one thread (the floor of the work); the same
 *   on one thread beside it.
 * - Trace: load and re-verify a generated 5,000-step trace (target < 1 s).
 * - Browser (test/bench/browser.ts, skipped when Chromium is missing): navigation → both lanes
 *   drawn (target < 500 ms) against a blank page from the same server; ArrowRight → next frame
 *   at rest (p95 < 16 ms), and while a message still animates, each against a reference page's;
 *   the same on screen (Event Timing), also against the floor: the app's page with each step's
 *   DOM changes replayed without the app's code;
 *   frame times while a message animates (p95 < 20 ms); gzipped JS loaded before the lanes are
 *   drawn (target < 300 KB).
 */
import { benchBrowser, type StepLatency } from './browser.js';
import { makeAssertions, oursPerSecond, simpleWebAuthnPerSecond } from './rp.js';
import { benchMatrix, benchRpFlawAxis, benchTrace, closePools } from './traces.js';
import { BENCH_FORMATS, oursRegistrationsPerSecond, registrationCases, theirRegistrationsPerSecond } from './registration.js';

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function best<T>(rounds: number, f: () => Promise<T>, better: (a: T, b: T) => boolean): Promise<T> {
  let top = await f();
  for (let i = 1; i < rounds; i++) {
    const v = await f();
    if (better(v, top)) top = v;
  }
  return top;
}

async function main(): Promise<void> {
  const results: { name: string; value: string; target: string; ok: boolean }[] = [];

  const cases = makeAssertions(20, 25);
  await oursPerSecond(cases.slice(0, 50));
  await simpleWebAuthnPerSecond(cases.slice(0, 50));
  let ours = 0;
  let theirs = 0;
  for (let round = 0; round < 5; round++) {
    // Alternate so that both see the same machine load.
    ours = Math.max(ours, await oursPerSecond(cases));
    theirs = Math.max(theirs, await simpleWebAuthnPerSecond(cases));
  }
  const ratio = ours / theirs;
  console.log(`RP verification (${cases.length} ES256 assertions, 20 credentials): Proofline ${fmt(ours)}/s, @simplewebauthn/server ${fmt(theirs)}/s, ratio ${fmt(ratio, 2)}`);
  results.push({ name: 'RP assertions/s ratio vs @simplewebauthn/server', value: fmt(ratio, 2), target: '≥ 1.00', ok: ratio >= 1 });

  const regs = await registrationCases();
  console.log('Registrations verified per second by attestation format (real registrations both verifiers accept; best of 3 alternating rounds of 200):');
  console.log(`  ${'format'.padEnd(12)} ${'cases'.padStart(5)} ${'Proofline'.padStart(10)} ${'@simplewebauthn/server'.padStart(23)} ${'ratio'.padStart(6)}`);
  for (const f of BENCH_FORMATS) {
    const cs = regs.get(f) ?? [];
    if (cs.length === 0) {
      console.log(`  ${f.padEnd(12)} ${'0'.padStart(5)}  (no registration both accept)`);
      continue;
    }
    await oursRegistrationsPerSecond(cs, 20);
    await theirRegistrationsPerSecond(cs, 20);
    let o = 0;
    let t = 0;
    for (let round = 0; round < 3; round++) {
      o = Math.max(o, await oursRegistrationsPerSecond(cs, 200));
      t = Math.max(t, await theirRegistrationsPerSecond(cs, 200));
    }
    console.log(`  ${f.padEnd(12)} ${String(cs.length).padStart(5)} ${fmt(o).padStart(10)} ${fmt(t).padStart(23)} ${fmt(o / t, 2).padStart(6)}`);
  }

  // Alternate the pool and one thread, so that both see the same machine load; the first round of
  // each warms it up (a worker loads and compiles the code as the main thread did before).
  await benchMatrix();
  await benchMatrix(1);
  let matrix = await benchMatrix();
  let single = await benchMatrix(1);
  for (let round = 1; round < 3; round++) {
    const m = await benchMatrix();
    if (m.totalMs < matrix.totalMs) matrix = m;
    const s = await benchMatrix(1);
    if (s.totalMs < single.totalMs) single = s;
  }
  console.log(`Matrix (record --all + re-verify): ${matrix.runs} runs, ${matrix.steps} steps, each recorded, written as a trace and re-verified from its bytes — on ${matrix.threads} threads ${fmt(matrix.totalMs)} ms (on one thread ${fmt(single.totalMs)} ms); reference: ${matrix.signatures} P-256 signatures alone, on one thread, take ${fmt(matrix.referenceMs)} ms (ratio ${fmt(matrix.totalMs / matrix.referenceMs, 2)}; one thread's ratio ${fmt(single.totalMs / single.referenceMs, 2)})`);
  results.push({ name: 'record --all + re-verify', value: `${fmt(matrix.totalMs)} ms`, target: '< 2000 ms', ok: matrix.totalMs < 2000 });

  await closePools();

  const axis = await best(3, benchRpFlawAxis, (a, b) => a.totalMs < b.totalMs);
  console.log(`Matrix --axis rpFlaw: ${axis.cells} cells — ${fmt(axis.totalMs)} ms; reference: their ${axis.signatures} P-256 signatures alone take ${fmt(axis.referenceMs)} ms (ratio ${fmt(axis.totalMs / axis.referenceMs, 2)})`);
  results.push({ name: 'matrix --axis rpFlaw', value: `${fmt(axis.totalMs)} ms`, target: '< 1000 ms', ok: axis.totalMs < 1000 });

  const trace = await best(3, benchTrace, (a, b) => a.totalMs < b.totalMs);
  console.log(`Trace: ${trace.steps} steps, ${fmt(trace.bytes / 1024)} KiB — parse ${fmt(trace.parseMs)} ms, re-verify ${fmt(trace.verifyMs)} ms, total ${fmt(trace.totalMs)} ms; reference: JSON.parse of the same text ${fmt(trace.jsonParseMs, 1)} ms (ratio ${fmt(trace.totalMs / trace.jsonParseMs, 1)})`);
  results.push({ name: 'load + re-verify a 5,000-step trace', value: `${fmt(trace.totalMs)} ms`, target: '< 1000 ms', ok: trace.totalMs < 1000 });

  const web = await benchBrowser();
  if (web) {
    const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;
    console.log(`Browser start: both lanes drawn ${fmt(web.lanesDrawnMs)} ms after navigation, on screen at ${fmt(web.lanesPresentedMs)} ms (Element Timing: the frame presented after paint, raster and compositing; median of ${web.loads} cold loads; the app's DOMContentLoaded ${fmt(web.appDclMs)} ms, first contentful paint ${fmt(web.appFcpMs)} ms); reference: a blank page from the same server, DOMContentLoaded ${fmt(web.blankDclMs, 1)} ms, first paint ${fmt(web.blankPaintMs, 1)} ms`);
    const lat = (l: StepLatency) => `p50 ${fmt(l.p50, 1)} ms, p95 ${fmt(l.p95, 1)} ms, max ${fmt(l.max, 1)} ms`;
    // Event Timing rounds to 8 ms and reports nothing under 16: a figure D stands for D ± 4 ms.
    const onScreen = (ms: number) => (ms === 0 ? 'under 12 ms' : `${fmt(ms)} ± 4 ms`);
    const shown = (l: StepLatency) => `${fmt(l.under12 * 100)}% presented in under 12 ms, p95 ${onScreen(l.presentedP95)}`;
    const { rest, animating, refRest, refAnimating, floor } = web.step;
    console.log(`Browser step at rest: ${rest.samples} ArrowRight presses, each after the previous message settled — keydown → next frame ${lat(rest)}; the first press after loading ${fmt(rest.first, 1)} ms (→ DOM shows the step p95 ${fmt(rest.domP95, 1)} ms; → next frame after the checks panel shows it p95 ${fmt(rest.detailsP95, 1)} ms); reference page: ${lat(refRest)} (ratio of p95 ${fmt(rest.p95 / refRest.p95, 1)})`);
    console.log(`Browser step at rest, on screen (Event Timing, keydown → next frame presented, rounded to 8 ms): ${shown(rest)}; reference page: ${shown(refRest)}; floor — the app's page as static HTML with each step's DOM changes replayed, none of the app's code: ${shown(floor)}, keydown → next frame ${lat(floor)}`);
    console.log(`Browser step while a message animates: ${animating.samples} presses 40–62 ms apart — keydown → next frame ${lat(animating)} (→ checks panel p95 ${fmt(animating.detailsP95, 1)} ms); reference page with a dot moving every frame: ${lat(refAnimating)} (ratio of p95 ${fmt(animating.p95 / refAnimating.p95, 2)}; while frames run, a press waits for the next display frame, 16.7 ms)`);
    console.log(`Browser frames: ${web.frames.samples} frames while a message animates, p50 ${fmt(web.frames.p50, 1)} ms, p95 ${fmt(web.frames.p95, 1)} ms, max ${fmt(web.frames.max, 1)} ms; reference: frames with nothing animating, p95 ${fmt(web.frames.idleP95, 1)} ms`);
    console.log(`Browser JS at start: ${web.js.files.length} files, ${kb(web.js.bytes)} minified, ${kb(web.js.gzip)} gzipped — ${web.js.files.map((f) => `${f.name} ${kb(f.gzip)}`).join(', ')}`);
    results.push({ name: 'navigation → both lanes drawn', value: `${fmt(web.lanesDrawnMs)} ms`, target: '< 500 ms', ok: web.lanesDrawnMs < 500 });
    results.push({ name: '  … both lanes on screen (Element Timing)', value: `${fmt(web.lanesPresentedMs)} ms`, target: '< 500 ms', ok: web.lanesPresentedMs < 500 });
    results.push({ name: 'step latency at rest, keydown → next frame (p95)', value: `${fmt(rest.p95, 1)} ms`, target: '< 16 ms', ok: rest.p95 < 16 });
    // Met only where the p95 is certainly under 16 ms: a reported 16 may be anything from 12 to 20.
    results.push({ name: '  … to the frame on screen (Event Timing, p95)', value: onScreen(rest.presentedP95), target: '< 16 ms', ok: rest.presentedP95 === 0 });
    results.push({ name: 'frame time during a message animation (p95)', value: `${fmt(web.frames.p95, 1)} ms`, target: '< 20 ms', ok: web.frames.p95 < 20 });
    results.push({ name: 'JS loaded at start, gzipped', value: kb(web.js.gzip), target: '< 300 KB', ok: web.js.gzip < 300 * 1024 });
  }

  console.log('\nbenchmark                                          value        target     met');
  for (const r of results) console.log(`${r.name.padEnd(50)} ${r.value.padEnd(12)} ${r.target.padEnd(10)} ${r.ok ? 'yes' : 'NO'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
