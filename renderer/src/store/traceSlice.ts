import type { StateCreator } from 'zustand';
import { PROPERTIES, ProoflineError } from '../core.js';
import { flowTitle } from '../model/names.js';
import { documentRuns } from './document.js';
import type { TraceSlice, ViewDeps, ViewState } from './types.js';

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
  (set, get) => ({
    trace: null,
    alert: null,
    prepared: [],

    async openTraceText(name, text) {
      let opened;
      try {
        opened = await deps.traces.verify(deps.traces.parse(text));
        if (opened.runs.length === 0) throw new Error('it holds no runs');
      } catch (e) {
        set({ alert: `“${name}” could not be opened as a Proofline trace: ${reason(e)}. The view is unchanged.` });
        return false;
      }
      get().showRuns(opened.runs, { kind: 'trace', name });
      set({ trace: { ...opened, name }, alert: null, fork: null, whatIf: null, view: 'lanes' });
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
      return get().openTraceText(`${name}.proofline.json`, text);
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
      const head = `| property | ${lanes.map((l) => flowTitle(l.run!.flow)).join(' | ')} |\n|---|${lanes.map(() => '---').join('|')}|\n`;
      const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const rows = PROPERTIES.map((p) => `| ${p} | ${lanes.map((l) => {
        const e = l.run!.ledger.find((x) => x.property === p);
        return e ? cell(`**${e.level}**: ${e.why}`) : '—';
      }).join(' | ')} |`).join('\n');
      const outcomes = lanes.map((l) => `- ${flowTitle(l.run!.flow)}: ${l.run!.outcome.sentence}`).join('\n');
      const md = `# What the verifier can conclude — ${s.scenario}\n\n${head}${rows}\n\n## Outcome\n\n${outcomes}\n`;
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

    async start() {
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
          const opened = await deps.traces.verify(deps.traces.parse(text));
          const runs = opened.runs;
          const honest = runs.every((r) => r.run.scenario === 'honest');
          if (honest && runs.length >= 2 && runs[0]!.run.flow === START_FLOWS[0] && runs[1]!.run.flow === START_FLOWS[1]) {
            const file = `${name}.proofline.json`;
            get().showRuns(runs, { kind: 'trace', name: file });
            set({ trace: { ...opened, name: file } });
            return;
          }
        } catch {
          // Next candidate: a prepared trace that cannot be read must not keep the app from starting.
        }
      }
      await get().recordLanes();
    },
  });
