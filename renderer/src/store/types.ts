import type { Disagreement, FlowId, FlowOptions, Run, ScenarioId } from '../core.js';
import type { HostBridge, PreparedTraceInfo } from '../host/HostBridge.js';

export type LaneIndex = 0 | 1;
export const LANES: readonly LaneIndex[] = [0, 1];

/** Where a lane's run came from: recorded live, or run `index` of the open trace. */
export type RunSource = { kind: 'live' } | { kind: 'trace'; name: string; index: number };

/** A run as the bytes support it, and where the file's claims differ. */
export interface VerifiedRun {
  readonly run: Run;
  readonly disagreements: readonly Disagreement[];
}

/** A trace file, read and re-verified. */
export interface OpenedTrace {
  readonly title: string;
  readonly description: string;
  readonly runs: readonly VerifiedRun[];
}

/** The open trace: its file name, title, description and every run in it. */
export interface TraceInfo extends OpenedTrace {
  readonly name: string;
}

export interface LaneState {
  readonly flow: FlowId;
  readonly options: FlowOptions;
  readonly run: Run | null;
  readonly status: 'idle' | 'recording' | 'ready' | 'error';
  readonly error: string | null;
  /** Where the loaded trace's claims differ from what its bytes support. */
  readonly disagreements: readonly Disagreement[];
  readonly source: RunSource;
  /** How many of the run's steps have happened (0 = none, steps.length = the end). */
  readonly position: number;
  /** Increments per recording request, so a late result of an older request is dropped. */
  readonly request: number;
}

export interface RunsSlice {
  readonly lanes: readonly [LaneState, LaneState];
  readonly scenario: ScenarioId;
  readonly seed: number;
  setFlow(lane: LaneIndex, flow: FlowId): Promise<void>;
  setOption(lane: LaneIndex, key: keyof FlowOptions, value: string | boolean): Promise<void>;
  setScenario(scenario: ScenarioId): Promise<void>;
  setSeed(seed: number): Promise<void>;
  /** Record both lanes live from the current choices. */
  recordLanes(): Promise<void>;
  /** Show runs (from a trace) in the lanes; a single run replaces the left lane only. */
  showRuns(runs: readonly VerifiedRun[], source: { kind: 'trace'; name: string }): void;
  /** Show run `index` of the open trace in a lane. */
  showTraceRun(lane: LaneIndex, index: number): void;
}

export interface PlaybackSlice {
  /** Lanes step together, aligned by phase; otherwise the active lane steps alone. */
  readonly sync: boolean;
  readonly activeLane: LaneIndex;
  readonly playing: boolean;
  /** Playback speed factor: 0.5, 1, 2 or 4. */
  readonly speed: number;
  next(): void;
  previous(): void;
  first(): void;
  last(): void;
  /** Show `position` steps of one lane (the other lane follows by phase when in sync). */
  seek(lane: LaneIndex, position: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  setSync(sync: boolean): void;
  setActiveLane(lane: LaneIndex): void;
  /** The step whose message animation last finished, per lane (reported by the diagram's animator). */
  readonly settled: readonly [number | null, number | null];
  messageSettled(lane: LaneIndex, step: number): void;
}

export interface Selection {
  readonly lane: LaneIndex;
  readonly step: number;
}

export interface SelectionSlice {
  readonly selected: Selection | null;
  /** Payload shown in the inspector, by name. */
  readonly payload: string | null;
  /** Decoded field under the pointer or focus; its bytes are highlighted. */
  readonly hoveredField: string | null;
  selectStep(lane: LaneIndex, step: number): void;
  selectPayload(name: string): void;
  hoverField(field: string | null): void;
}

export interface PrefsSlice {
  /** The app's own "Reduce motion" setting. */
  readonly reduceMotion: boolean;
  /** The system's prefers-reduced-motion. */
  readonly systemReducedMotion: boolean;
  setReduceMotion(on: boolean): void;
  setSystemReducedMotion(on: boolean): void;
  /** Presenter mode: big type for a projector. */
  readonly presenter: boolean;
  setPresenter(on: boolean): void;
}

export interface TraceSlice {
  /** The open trace (its runs can be put in either lane), null when none was opened. */
  readonly trace: TraceInfo | null;
  /** The one message for a file that could not be opened. */
  readonly alert: string | null;
  readonly prepared: readonly PreparedTraceInfo[];
  /** Open trace text; a file that is not a trace sets `alert` and leaves the view as it was. */
  openTraceText(name: string, text: string): Promise<boolean>;
  openTraceFile(): Promise<void>;
  loadPrepared(name: string): Promise<boolean>;
  saveTrace(): Promise<void>;
  /** Save As where the host can ask for a place; a plain save otherwise. */
  saveTraceAs(): Promise<void>;
  /** Export the ledger as a Markdown table (for a design review). */
  exportLedger(): Promise<void>;
  /** Subscribe to the host's events (opened files, menu commands, presenter mode); returns the unsubscribe. */
  connectHost(): () => void;
  dismissAlert(): void;
  /** First start: the prepared honest side-by-side, else recorded live. */
  start(): Promise<void>;
}

export type ViewState = RunsSlice & PlaybackSlice & SelectionSlice & PrefsSlice & TraceSlice;

/** What the store needs from outside; tests pass fakes. */
export interface ViewDeps {
  readonly host: HostBridge;
  readonly recordRun: (spec: { flow: FlowId; scenario: ScenarioId; options: FlowOptions; seed: number }) => Promise<Run>;
  readonly traces: {
    parse(text: string): unknown;
    verify(trace: unknown): Promise<OpenedTrace>;
    serialize(runs: readonly Run[]): string;
  };
}
