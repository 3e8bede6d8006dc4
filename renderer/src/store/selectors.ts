import { flowTitle } from '../model/names.js';
import type { ViewState } from './types.js';

/** Named selectors; object-returning ones are used with useShallow. */
export const selectLanes = (s: ViewState) => s.lanes;
export const selectLane0 = (s: ViewState) => s.lanes[0];
export const selectLane1 = (s: ViewState) => s.lanes[1];
export const selectRun0 = (s: ViewState) => s.lanes[0].run;
export const selectRun1 = (s: ViewState) => s.lanes[1].run;
export const selectSelected = (s: ViewState) => s.selected;
export const selectHoveredField = (s: ViewState) => s.hoveredField;
export const selectAlert = (s: ViewState) => s.alert;
export const selectTrace = (s: ViewState) => s.trace;
export const selectPrepared = (s: ViewState) => s.prepared;
export const selectReducedMotion = (s: ViewState) => s.reduceMotion || s.systemReducedMotion;
export const selectAppReduceMotion = (s: ViewState) => s.reduceMotion;

export const selectPlayback = (s: ViewState) => ({ playing: s.playing, speed: s.speed, sync: s.sync, activeLane: s.activeLane });
export const selectLaneTitles = (s: ViewState) => s.lanes.map((l) => flowTitle(l.run?.flow ?? l.flow)) as unknown as readonly [string, string];
export const selectShowsTrace = (s: ViewState) => s.trace !== null && s.lanes.some((l) => l.source.kind === 'trace');
export const selectSelectionView = (s: ViewState) => ({ selected: s.selected, lanes: s.lanes, payload: s.payload, evidence: s.evidence });
export const selectChoice = (s: ViewState) => ({ scenario: s.scenario, seed: s.seed });

export const selectPlaybackActions = (s: ViewState) => ({
  next: s.next,
  previous: s.previous,
  first: s.first,
  last: s.last,
  togglePlay: s.togglePlay,
  pause: s.pause,
  setSpeed: s.setSpeed,
  setSync: s.setSync,
  setActiveLane: s.setActiveLane,
  seek: s.seek,
});
export const selectRunActions = (s: ViewState) => ({ setFlow: s.setFlow, setOption: s.setOption, setScenario: s.setScenario, setSeed: s.setSeed });
export const selectTraceActions = (s: ViewState) => ({
  openTraceFile: s.openTraceFile,
  openTraceText: s.openTraceText,
  loadPrepared: s.loadPrepared,
  saveTrace: s.saveTrace,
  dismissAlert: s.dismissAlert,
  showTraceRun: s.showTraceRun,
  exportLedger: s.exportLedger,
});
export const selectSelectionActions = (s: ViewState) => ({ selectStep: s.selectStep, showEvidence: s.showEvidence, selectPayload: s.selectPayload, hoverField: s.hoverField });
export const selectPrefsActions = (s: ViewState) => ({ setReduceMotion: s.setReduceMotion, setSystemReducedMotion: s.setSystemReducedMotion });
export const selectPresenter = (s: ViewState) => s.presenter;

// Workshop slices: presenter mode and notes, the outcome matrix, what-if forks, responses, exports.
export const selectPresenterState = (s: ViewState) => ({ presenter: s.presenter, presenterLanes: s.presenterLanes, blackout: s.blackout, notesShown: s.notesShown });
export const selectPresenterActions = (s: ViewState) => ({ setPresenter: s.setPresenter, togglePresenter: s.togglePresenter, setPresenterLanes: s.setPresenterLanes, toggleBlackout: s.toggleBlackout, setNotesShown: s.setNotesShown });
export const selectDirty = (s: ViewState) => s.dirty;
export const selectNoteActions = (s: ViewState) => ({ setStepNote: s.setStepNote });
export const selectView = (s: ViewState) => s.view;
export const selectMatrixState = (s: ViewState) => ({ matrix: s.matrix, matrixStatus: s.matrixStatus, matrixError: s.matrixError, matrixOptions: s.matrixOptions, matrixAxis: s.matrixAxis, matrixHidden: s.matrixHidden });
export const selectMatrixActions = (s: ViewState) => ({ setView: s.setView, setMatrixOption: s.setMatrixOption, setMatrixAxis: s.setMatrixAxis, setMatrixShown: s.setMatrixShown, computeMatrix: s.computeMatrix, openMatrixCell: s.openMatrixCell });
export const selectWhatIf = (s: ViewState) => s.whatIf;
export const selectForkError = (s: ViewState) => s.forkError;
/** The fork on show: only while the right lane still shows it. */
export const selectFork = (s: ViewState) => (s.fork && s.lanes[1].run === s.fork.result.run ? s.fork : null);
export const selectForkActions = (s: ViewState) => ({ openWhatIf: s.openWhatIf, closeWhatIf: s.closeWhatIf, applyFork: s.applyFork, keepFork: s.keepFork, closeFork: s.closeFork });
export const selectResponseBox = (s: ViewState) => s.responseBox;
export const selectResponseError = (s: ViewState) => s.responseError;
export const selectResponseActions = (s: ViewState) => ({ setResponseBox: s.setResponseBox, openResponseText: s.openResponseText, openResponseFile: s.openResponseFile });
export const selectExportState = (s: ViewState) => ({ exportOpen: s.exportOpen, exportProfile: s.exportProfile, exportLanes: s.exportLanes, exportStatus: s.exportStatus });
export const selectExportActions = (s: ViewState) => ({ setExportOpen: s.setExportOpen, setExportProfile: s.setExportProfile, setExportLanes: s.setExportLanes, exportReport: s.exportReport, exportMermaid: s.exportMermaid, writeExport: s.writeExport });
export const selectPresenterLanesValue = (s: ViewState) => s.presenterLanes;

export const selectHelp = (s: ViewState) => s.help;
export const selectGuideActions = (s: ViewState) => ({ setHelp: s.setHelp, openTerm: s.openTerm, setTourStop: s.setTourStop, openLink: s.openLink });
/** Where each lane's run came from, and the run: what the header describes (not the positions, so a step does not render it). */
export const selectLaneOrigins = (s: ViewState) => ({ source0: s.lanes[0].source, run0: s.lanes[0].run, source1: s.lanes[1].source, run1: s.lanes[1].run });
