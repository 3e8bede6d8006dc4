import type { StateCreator } from 'zustand';
import { flowInfo, resolveOptions, type FlowId, type FlowOptions, type Run } from '../core.js';
import { applicableOptions, naReason } from '../model/applicability.js';
import { flowTitle } from '../model/names.js';
import { clampSelection } from './playbackSlice.js';
import type { LaneIndex, LaneState, RunsSlice, ViewDeps, ViewState } from './types.js';

export function initialLane(flow: FlowId): LaneState {
  return { flow, options: {}, run: null, status: 'idle', error: null, disagreements: [], source: { kind: 'live' }, position: 0, request: 0 };
}

function optionsFor(flow: FlowId, options: FlowOptions): FlowOptions {
  try {
    return resolveOptions(flow, options);
  } catch {
    return options;
  }
}

function replaceLane(lanes: ViewState['lanes'], lane: LaneIndex, patch: Partial<LaneState>): ViewState['lanes'] {
  const next = [...lanes] as [LaneState, LaneState];
  next[lane] = { ...lanes[lane], ...patch };
  return next;
}

/** A lane with no run: what is open has fewer runs than there are lanes. Its flow stays chosen. */
export function emptyLane(old: LaneState, why: string): LaneState {
  return { ...old, run: null, status: 'idle', error: null, disagreements: [], source: { kind: 'empty', why }, position: 0, request: old.request + 1, verifying: false };
}

/** Where a lane stands after its run is replaced: at the end if it was there, else clamped. */
function keptPosition(old: LaneState, run: Run): number {
  const wasAtEnd = old.run !== null && old.position >= old.run.steps.length && old.position > 0;
  return wasAtEnd ? run.steps.length : Math.min(old.position, run.steps.length);
}

export const createRunsSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], RunsSlice> =>
  (set, get) => {
    async function recordLane(lane: LaneIndex): Promise<void> {
      const current = get().lanes[lane];
      const request = current.request + 1;
      set((s) => ({ lanes: replaceLane(s.lanes, lane, { status: 'recording', error: null, request }) }));
      const { scenario, seed } = get();
      // A scenario that does not apply to the lane's flow and options is never recorded (n/a is not a verdict).
      const na = naReason(current.flow, scenario, optionsFor(current.flow, current.options));
      if (na !== null) {
        set((s) => {
          const lanes = replaceLane(s.lanes, lane, emptyLane(s.lanes[lane], `${scenario} does not apply to ${flowTitle(current.flow)} with these options (n/a, not a verdict): ${na}.`));
          return { lanes, ...clampSelection({ ...s, lanes }) };
        });
        return;
      }
      try {
        const run = await deps.recordRun({ flow: current.flow, scenario, seed, options: optionsFor(current.flow, current.options) });
        if (get().lanes[lane].request !== request) return;
        set((s) => {
          const old = s.lanes[lane];
          const lanes = replaceLane(s.lanes, lane, { run, options: run.options, status: 'ready', disagreements: [], source: { kind: 'live' }, position: keptPosition(old, run), verifying: false });
          return { lanes, ...clampSelection({ ...s, lanes }) };
        });
      } catch (e) {
        if (get().lanes[lane].request !== request) return;
        set((s) => ({ lanes: replaceLane(s.lanes, lane, { status: 'error', error: e instanceof Error ? e.message : String(e) }) }));
      }
    }

    return {
      lanes: [initialLane('webauthn'), initialLane('biometric-only')],
      scenario: 'honest',
      seed: 1,

      async setFlow(lane, flow) {
        // The first options under which the chosen scenario applies (the defaults when it does).
        const options = applicableOptions(flow, get().scenario) ?? optionsFor(flow, {});
        set((s) => ({ lanes: replaceLane(s.lanes, lane, { flow, options }) }));
        await recordLane(lane);
      },

      async setOption(lane, key, value) {
        const def = flowInfo(get().lanes[lane].flow);
        if (!def.options.some((o) => o.key === key)) throw new RangeError(`"option" expected one of ${def.options.map((o) => o.key).join(', ')}, got ${key}`);
        set((s) => ({ lanes: replaceLane(s.lanes, lane, { options: { ...s.lanes[lane].options, [key]: value } }) }));
        await recordLane(lane);
      },

      async setScenario(scenario) {
        set({ scenario });
        await get().recordLanes();
      },

      async setSeed(seed) {
        if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`"seed" expected a non-negative integer, got ${seed}`);
        set({ seed });
        await get().recordLanes();
      },

      async recordLanes() {
        await Promise.all([recordLane(0), recordLane(1)]);
      },

      showRuns(runs, source, opts) {
        set((s) => {
          let lanes = s.lanes;
          runs.slice(0, 2).forEach(({ run, disagreements }, i) => {
            const lane = i as LaneIndex;
            lanes = replaceLane(lanes, lane, { flow: run.flow, options: run.options, run, status: 'ready', error: null, disagreements, source: { ...source, index: i }, position: 0, request: lanes[lane].request + 1, verifying: opts?.verifying ?? false });
          });
          // A one-run trace: no run of something else may stand beside it as if it were part of it.
          if (runs.length === 1) lanes = replaceLane(lanes, 1, emptyLane(lanes[1], runs[0]!.run.response ? `${source.name} holds one real response: nothing is compared with it.` : `${source.name} holds one run.`));
          const first = runs[0]?.run;
          return {
            lanes,
            // A captured run or a real response has no seed (its Run carries 0): the live seed stays as it was.
            ...(first ? { scenario: first.scenario, ...(first.capture || first.response ? {} : { seed: first.seed }) } : {}),
            playing: false,
            selected: null,
            payload: null,
            hoveredField: null,
          };
        });
      },
      placeRuns(entries) {
        set((s) => {
          let lanes = s.lanes;
          entries.slice(0, 2).forEach(({ run, source, disagreements }, i) => {
            const lane = i as LaneIndex;
            lanes = replaceLane(lanes, lane, { flow: run.flow, options: run.options, run, status: 'ready', error: null, disagreements: disagreements ?? [], source, position: 0, request: lanes[lane].request + 1, verifying: false });
          });
          if (entries.length === 1) {
            const only = entries[0]!.source;
            lanes = replaceLane(lanes, 1, emptyLane(lanes[1], only.kind === 'response' ? 'A response is one run: nothing is compared with it.' : 'One run is on show.'));
          }
          return { lanes, playing: false, selected: null, payload: null, hoveredField: null };
        });
      },
      showTraceRun(lane, index) {
        const trace = get().trace;
        const entry = trace?.runs[index];
        if (!trace || !entry) throw new RangeError(`"index" expected 0..${(trace?.runs.length ?? 0) - 1}, got ${index}`);
        set((s) => {
          const lanes = replaceLane(s.lanes, lane, {
            flow: entry.run.flow,
            options: entry.run.options,
            run: entry.run,
            status: 'ready',
            error: null,
            disagreements: entry.disagreements,
            source: { kind: 'trace', name: trace.name, index },
            position: 0,
            request: s.lanes[lane].request + 1,
            verifying: trace.verifying ?? false,
          });
          return { lanes: lanes.map((l) => ({ ...l, position: 0 })) as unknown as ViewState['lanes'], playing: false, selected: null, payload: null, hoveredField: null };
        });
      },
    };
  };
