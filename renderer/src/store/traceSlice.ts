import type { StateCreator } from 'zustand';
import { ProoflineError } from '../core.js';
import { flowTitle } from '../model/names.js';
import { documentRuns } from './document.js';
import type { OpenedTrace, TraceSlice, ViewDeps, ViewState } from './types.js';

/** The first-start pair: the prepared honest side-by-side of these two flows. */
export const START_FLOWS = ['webauthn', 'biometric-only'] as const;

function reason(e: unknown): string {
  if (e instanceof ProoflineError) return e.message;
  if (e instanceof SyntaxError) return 'it is not valid JSON';
  return e instanceof Error ? e.message : String(e);
}

/** The document (the open trace, or the lanes' runs) as trace text, with a file name saying what it is. */
function document_(s: ViewState, serialize: ViewDeps['traces']['serialize']): { name: string; text: string } | null {
  const doc = documentRuns(s);
  return doc ? { name: doc.name, text: serialize(doc.runs, doc.meta) } : null;
}

/** Prepared traces that may be the first-start side-by-side: those named honest, first in order. */
export function startCandidates(names: readonly string[]): string[] {
  return names.filter((n) => /honest/i.test(n)).sort();
}

export const createTraceSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], TraceSlice> =>
  (set, get) => {
    let starting: Promise<void> | null = null;

    /** The first-start pair of a trace's runs, if it is the honest WebAuthn vs biometric-only side-by-side. */
    const isStartPair = (runs: OpenedTrace['runs']) =>
      runs.every((r) => r.run.scenario === 'honest') && runs.length >= 2 && runs[0]!.run.flow === START_FLOWS[0] && runs[1]!.run.flow === START_FLOWS[1];

    /**
     * The lanes drawn from the file's record are replaced by the re-verified runs, where the lanes
     * still show them (nothing else was opened or recorded meanwhile); each lane keeps its position.
     */
    function settleVerification(file: string, shown: OpenedTrace, opened: OpenedTrace | null, error: unknown): void {
      const s = get();
      if (s.trace?.name !== file || s.trace.runs !== shown.runs) return;
      if (!opened) {
        // The bytes could not be re-verified: nothing of the file's record may stand; as when a
        // prepared trace cannot be read, the first start records the lanes live instead.
        void error;
        set({ trace: null });
        void get().recordLanes();
        return;
      }
      const lanes = s.lanes.map((l) => {
        const i = l.source.kind === 'trace' && l.source.name === file ? l.source.index : undefined;
        const entry = i === undefined ? undefined : opened.runs[i];
        if (!l.verifying || !entry) return l;
        return { ...l, run: entry.run, options: entry.run.options, disagreements: entry.disagreements, verifying: false, position: Math.min(l.position, entry.run.steps.length) };
      }) as unknown as ViewState['lanes'];
      set({ lanes, trace: { ...opened, name: file, ...(s.trace.prepared ? { prepared: s.trace.prepared } : {}) } });
    }

    async function startOnce(): Promise<void> {
      let prepared: ViewState['prepared'] = [];
      try {
        prepared = await deps.host.listPreparedTraces();
      } catch {
        prepared = [];
      }
      set({ prepared });
      for (const name of startCandidates(prepared.map((p) => p.name))) {
        try {
          const text = await deps.host.loadPreparedTrace(name);
          const parsed = deps.traces.parse(text);
          const file = `${name}.proofline.json`;
          if (deps.traces.recorded) {
            // Draw the file's record at once and re-verify its bytes right after the first paint;
            // until then checks, ledger and outcome say "verifying…", never the file's verdicts.
            const shown = deps.traces.recorded(parsed);
            if (!isStartPair(shown.runs)) continue;
            get().showRuns(shown.runs, { kind: 'trace', name: file }, { verifying: true });
            set({ trace: { ...shown, name: file, prepared: name, verifying: true } });
            await deps.traces.afterFirstPaint?.();
            let opened: OpenedTrace | null = null;
            let error: unknown = null;
            try {
              opened = await deps.traces.verify(parsed);
            } catch (e) {
              error = e;
            }
            settleVerification(file, shown, opened, error);
            return;
          }
          const opened = await deps.traces.verify(parsed);
          if (isStartPair(opened.runs)) {
            get().showRuns(opened.runs, { kind: 'trace', name: file });
            set({ trace: { ...opened, name: file, prepared: name } });
            return;
          }
        } catch {
          // Next candidate: a prepared trace that cannot be read must not keep the app from starting.
        }
      }
      await get().recordLanes();
    }

    return {
    trace: null,
    alert: null,
    prepared: [],

    async openTraceText(name, text, opts) {
      let opened;
      try {
        opened = await deps.traces.verify(deps.traces.parse(text));
        if (opened.runs.length === 0) throw new Error('it holds no runs');
      } catch (e) {
        set({ alert: `“${name}” could not be opened as a Proofline trace: ${reason(e)}. The view is unchanged.` });
        return false;
      }
      get().showRuns(opened.runs, { kind: 'trace', name });
      set({ trace: { ...opened, name, ...(opts?.prepared ? { prepared: opts.prepared } : {}) }, alert: null, fork: null, whatIf: null, view: 'lanes' });
      // A saved real response is read, not played, as when it was opened: shown whole, its checks selected.
      if (opened.runs.length === 1 && opened.runs[0]!.run.response) get().showResponseWhole();
      get().setDirty(false);
      return true;
    },

    async openTraceFile() {
      const file = await deps.host.openTrace();
      if (file) await get().openTraceText(file.name, file.text);
    },

    async loadPrepared(name) {
      let text: string;
      try {
        text = await deps.host.loadPreparedTrace(name);
      } catch (e) {
        set({ alert: `The prepared trace “${name}” could not be loaded: ${reason(e)}.` });
        return false;
      }
      return get().openTraceText(`${name}.proofline.json`, text, { prepared: name });
    },

    async saveTrace() {
      const doc = document_(get(), deps.traces.serialize);
      if (doc && (await deps.host.saveTrace(doc.name, doc.text))) get().setDirty(false);
    },

    async saveTraceAs() {
      const doc = document_(get(), deps.traces.serialize);
      if (!doc) return;
      const saved = deps.host.saveTraceAs ? await deps.host.saveTraceAs(doc.name, doc.text) : await deps.host.saveTrace(doc.name, doc.text);
      if (saved) get().setDirty(false);
    },

    async exportLedger() {
      const s = get();
      const lanes = s.lanes.filter((l) => l.run);
      if (lanes.length === 0) return;
      if (lanes.some((l) => l.verifying)) {
        set({ alert: 'The trace is still being re-verified; export the ledger once its levels show.' });
        return;
      }
      // The same table as the report's (core/export): level words, deciding steps, the legend.
      const { ledgerMarkdown } = await import('../coreWorkshop.js');
      const table = ledgerMarkdown(lanes.map((l) => l.run!), lanes.map((l) => flowTitle(l.run!.flow))).join('\n');
      const outcomes = lanes.map((l) => `- ${flowTitle(l.run!.flow)}: ${l.run!.outcome.sentence}`).join('\n');
      const md = `# What the verifier can conclude — ${s.scenario}\n\n${table}\n\n## Outcome\n\n${outcomes}\n`;
      await deps.host.exportFile(`${s.scenario}.ledger.md`, 'text/markdown', md);
    },

    connectHost() {
      const offs = [
        deps.host.onFileOpened?.((f) => void get().openTraceText(f.name, f.text)),
        deps.host.onMenuCommand?.((c) => void (c === 'save' ? get().saveTrace() : c === 'save-as' ? get().saveTraceAs() : get().setExportOpen(true))),
        deps.host.onPresenterMode?.((on) => get().setPresenter(on)),
      ];
      return () => offs.forEach((off) => off?.());
    },

    dismissAlert: () => set({ alert: null }),

    start() {
      // Once per view: main.tsx starts it before the first render (so the prepared trace loads
      // while React draws the page), and App's effect asks again.
      starting ??= startOnce();
      return starting;
    },
  };
  };
