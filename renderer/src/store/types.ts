import type { Disagreement, FlowId, FlowOptions, ForkChange, ForkResult, Matrix, Property, RedactionProfile, Run, ScenarioId } from '../core.js';
import type { HostBridge, PreparedTraceInfo } from '../host/HostBridge.js';

export type LaneIndex = 0 | 1;
export const LANES: readonly LaneIndex[] = [0, 1];

/** Where a lane's run came from: recorded live, or run `index` of the open trace. */
export type RunSource =
  | { kind: 'live' }
  | { kind: 'trace'; name: string; index: number }
  /** Recorded for a cell of the outcome matrix (`label` says which). */
  | { kind: 'matrix'; label: string }
  /** A what-if fork of the run in the other lane, not (yet) kept in a trace; `of` names that run. */
  | { kind: 'fork'; label: string; of?: string }
  /** A real WebAuthn response bundle, read-only. */
  | { kind: 'response'; name: string }
  /** No run: what is open has fewer runs than there are lanes (`why` says so). */
  | { kind: 'empty'; why: string };

/** A run as the bytes support it, and where the file's claims differ. */
export interface VerifiedRun {
  readonly run: Run;
  readonly disagreements: readonly Disagreement[];
}

/** A trace file, read and re-verified. */
export interface OpenedTrace {
  readonly title: string;
  readonly description: string;
  /** When the trace was recorded (ISO 8601), when the reader knows it. */
  readonly created?: string;
  readonly runs: readonly VerifiedRun[];
}

/** The open trace: its file name, title, description and every run in it. */
export interface TraceInfo extends OpenedTrace {
  readonly name: string;
  /** The prepared trace's name (as the host lists it) when it is one of the app's prepared traces. */
  readonly prepared?: string;
  /** True while `runs` are the file's record and re-verification is still running (first start). */
  readonly verifying?: boolean;
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
  /**
   * True while the run shown is the file's own record, drawn before re-verification has finished
   * (first start): its checks, ledger and outcome are claims, shown as "verifying…" until the
   * recomputed run replaces it.
   */
  readonly verifying?: boolean;
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
  /** Show runs (from a trace) in the lanes; with a single run the right lane is left empty. */
  /** `verifying`: the runs are a file's record, drawn while re-verification runs (first start). */
  showRuns(runs: readonly VerifiedRun[], source: { kind: 'trace'; name: string }, opts?: { verifying?: boolean }): void;
  /** Show run `index` of the open trace in a lane. */
  showTraceRun(lane: LaneIndex, index: number): void;
  /** Put runs of any origin in the lanes (left first), from their first step; a lane given no run is left empty. */
  placeRuns(entries: readonly { run: Run; source: RunSource; disagreements?: readonly Disagreement[] }[]): void;
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

/** A ledger cell chosen to show its evidence: the property of a lane's run. */
export interface EvidenceChoice {
  readonly lane: LaneIndex;
  readonly property: Property;
}

export interface SelectionSlice {
  readonly selected: Selection | null;
  /** The ledger cell whose evidence the inspector shows (its deciding step is selected). */
  readonly evidence: EvidenceChoice | null;
  /** Payload shown in the inspector, by name. */
  readonly payload: string | null;
  /** Decoded field under the pointer or focus; its bytes are highlighted. */
  readonly hoveredField: string | null;
  selectStep(lane: LaneIndex, step: number): void;
  /** Show a ledger cell's evidence: its deciding step shown and selected, the bytes that carry it highlighted. */
  showEvidence(lane: LaneIndex, property: Property): void;
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
}

/** Which lanes presenter mode shows. */
export type PresenterLanes = 'both' | LaneIndex;

export interface PresenterSlice {
  /** Presenter mode: full screen, big type, chrome hidden, clicker keys. */
  readonly presenter: boolean;
  readonly presenterLanes: PresenterLanes;
  /** B: the screen is black (the audience looks at the trainer). */
  readonly blackout: boolean;
  /** The speaker notes panel in this window (the fallback when no notes window can open). */
  readonly notesShown: boolean;
  setPresenter(on: boolean): void;
  togglePresenter(): void;
  /** Both lanes step together; one lane steps alone with the controls. */
  setPresenterLanes(lanes: PresenterLanes): void;
  toggleBlackout(): void;
  setNotesShown(on: boolean): void;
}

export interface NotesSlice {
  /** The document (the loaded trace or the lanes' runs) has changes not saved yet, e.g. notes. */
  readonly dirty: boolean;
  /** Set (or, with empty text, remove) the trainer's note on a step of a lane's run. */
  setStepNote(lane: LaneIndex, step: number, text: string): void;
  /** Record whether the document has unsaved changes, and tell the host. */
  setDirty(dirty: boolean): void;
}

/** What the page shows: the lanes, the outcome matrix, or (presenter mode) the ledger alone. */
export type View = 'lanes' | 'matrix' | 'ledger';

export interface MatrixSlice {
  readonly view: View;
  setView(view: View): void;
  /** The option set the matrix is computed for (UV policy, UV available, credential kind, replay guard). */
  readonly matrixOptions: FlowOptions;
  /** `flows` (designs side by side) or the option key whose values are the columns (e.g. `rpFlaw`). */
  readonly matrixAxis: string;
  readonly matrix: Matrix | null;
  readonly matrixStatus: 'idle' | 'computing' | 'ready' | 'error';
  readonly matrixError: string | null;
  /**
   * The column groups the matrix view hides, per axis (`flows`: flow ids; an option's axis: column
   * ids). Kept while the app runs; the hidden columns are still computed, so showing one is instant.
   */
  readonly matrixHidden: Readonly<Record<string, readonly string[]>>;
  /** Show or hide a group of columns on the current axis (the last shown group stays shown). */
  setMatrixShown(key: string, shown: boolean): void;
  setMatrixOption(key: keyof FlowOptions, value: string | boolean): Promise<void>;
  /** Show the matrix on another axis (`flows` or an option key), recomputing it. */
  setMatrixAxis(axis: string): Promise<void>;
  /** Compute the matrix for `matrixOptions` (a newer request supersedes an older one). */
  computeMatrix(): Promise<void>;
  /** A cell's scenario beside the honest run of the same flow and options, in the lanes view. */
  openMatrixCell(scenario: ScenarioId, column: string): Promise<void>;
}

/** A what-if fork on show: the original in the left lane, the fork in the right. */
export interface ForkView {
  readonly result: ForkResult;
  /** Which lane the fork shows in (the right), the lane its original was in, and the run it took the place of (brought back by closeFork). */
  readonly lane: LaneIndex;
  readonly originalLane: LaneIndex;
  readonly replaced: LaneState | null;
  /** True once the fork was added to the open trace (it is saved with it). */
  readonly kept: boolean;
}

export interface ForkSlice {
  /** The step whose "What if…" form is open. */
  readonly whatIf: Selection | null;
  readonly fork: ForkView | null;
  readonly forkError: string | null;
  openWhatIf(lane: LaneIndex, step: number): void;
  closeWhatIf(): void;
  /** Fork the run of the what-if step with `change`; shows original left, fork right. */
  applyFork(change: ForkChange): Promise<boolean>;
  /** Add the fork on show to the open trace (as a run with its `fork` origin). */
  keepFork(): void;
  /** Take the fork away and bring back the run whose lane it took. */
  closeFork(): void;
}

export interface ResponseSlice {
  /** The "Open response…" paste box is open. */
  readonly responseBox: boolean;
  setResponseBox(open: boolean): void;
  /** What went wrong with the last response, shown in the dialog (null: nothing). */
  readonly responseError: string | null;
  /** Parse, verify and show a response bundle; a bad one sets `responseError`, opens the dialog and leaves the view. */
  openResponseText(name: string, text: string): Promise<boolean>;
  openResponseFile(): Promise<void>;
  /** Show the left lane's real response whole, its checks selected (a response is read, not played). */
  showResponseWhole(): void;
}

export type ExportLanes = 'both' | LaneIndex;

export interface ExportSlice {
  readonly exportOpen: boolean;
  readonly exportProfile: RedactionProfile;
  readonly exportLanes: ExportLanes;
  /** What the last export wrote (or why it did not). */
  readonly exportStatus: string | null;
  setExportOpen(open: boolean): void;
  setExportProfile(profile: RedactionProfile): void;
  setExportLanes(lanes: ExportLanes): void;
  /** The design-review report of the current document (core/export), redacted per the profile. */
  exportReport(format: 'html' | 'md'): Promise<void>;
  /** A Mermaid sequenceDiagram of the chosen lane (both: one file per lane). */
  exportMermaid(): Promise<void>;
  /** Write an export through the host, and say so. */
  writeExport(name: string, mime: string, data: string | Uint8Array): Promise<boolean>;
}

export interface TraceSlice {
  /** The open trace (its runs can be put in either lane), null when none was opened. */
  readonly trace: TraceInfo | null;
  /** The one message for a file that could not be opened. */
  readonly alert: string | null;
  readonly prepared: readonly PreparedTraceInfo[];
  /** Open trace text; a file that is not a trace sets `alert` and leaves the view as it was. */
  openTraceText(name: string, text: string, opts?: { prepared?: string }): Promise<boolean>;
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

/** Which help is open: the tour, the shortcuts, or the glossary at a term. */
export type Help = null | 'tour' | 'shortcuts' | { readonly term: string };

export interface GuideSlice {
  readonly help: Help;
  /** The tour's current stop (0-based). */
  readonly tourStop: number;
  setHelp(help: Help): void;
  /** Open the glossary at a term (a key of renderer/src/guide/glossary.ts). */
  openTerm(term: string): void;
  setTourStop(stop: number): void;
  /** Open a spec link through the host (the system browser); false when the page should follow it. */
  openLink(url: string): boolean;
}

export type ViewState = RunsSlice & PlaybackSlice & SelectionSlice & PrefsSlice & TraceSlice & PresenterSlice & NotesSlice & MatrixSlice & ForkSlice & ResponseSlice & ExportSlice & GuideSlice;

/** What the store needs from outside; tests pass fakes. */
export interface ViewDeps {
  readonly host: HostBridge;
  readonly recordRun: (spec: { flow: FlowId; scenario: ScenarioId; options: FlowOptions; seed: number }) => Promise<Run>;
  readonly traces: {
    parse(text: string): unknown;
    verify(trace: unknown): Promise<OpenedTrace>;
    /**
     * A parsed trace's runs as the file records them, not re-verified (every disagreement list
     * empty): what the first start draws while `verify` runs. Optional: without it the first start
     * waits for `verify`.
     */
    recorded?(trace: unknown): OpenedTrace;
    /** Resolves once the first paint the lanes wait for is on screen (when to start re-verifying). */
    afterFirstPaint?(): Promise<void>;
    /** Trace text of runs; `meta` keeps an opened trace's title and description. */
    serialize(runs: readonly Run[], meta?: { title: string; description: string }): string;
  };
  /** core/matrix computeMatrix. */
  readonly computeMatrix: (options: FlowOptions, axis?: string) => Promise<Matrix>;
  /** core/fork forkRun. */
  readonly forkRun: (run: Run, at: number, change: ForkChange, options?: { of?: number }) => Promise<ForkResult>;
}
