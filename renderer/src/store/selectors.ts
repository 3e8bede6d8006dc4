import type { ViewState } from './types.js';

/** Named selectors; object-returning ones are used with useShallow. */
export const selectLanes = (s: ViewState) => s.lanes;
export const selectLane0 = (s: ViewState) => s.lanes[0];
export const selectLane1 = (s: ViewState) => s.lanes[1];
export const selectRun0 = (s: ViewState) => s.lanes[0].run;
export const selectRun1 = (s: ViewState) => s.lanes[1].run;
export const selectSelected = (s: ViewState) => s.selected;
export const selectPayloadName = (s: ViewState) => s.payload;
export const selectHoveredField = (s: ViewState) => s.hoveredField;
export const selectAlert = (s: ViewState) => s.alert;
export const selectTrace = (s: ViewState) => s.trace;
export const selectPrepared = (s: ViewState) => s.prepared;
export const selectReducedMotion = (s: ViewState) => s.reduceMotion || s.systemReducedMotion;
export const selectAppReduceMotion = (s: ViewState) => s.reduceMotion;

export const selectPlayback = (s: ViewState) => ({ playing: s.playing, speed: s.speed, sync: s.sync, activeLane: s.activeLane });
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
export const selectSelectionActions = (s: ViewState) => ({ selectStep: s.selectStep, selectPayload: s.selectPayload, hoverField: s.hoverField });
export const selectPrefsActions = (s: ViewState) => ({ setReduceMotion: s.setReduceMotion, setSystemReducedMotion: s.setSystemReducedMotion });
export const selectPresenter = (s: ViewState) => s.presenter;
