import type { StateCreator } from 'zustand';
import { createTrace, type Run, type TraceRun } from '../core.js';
import { documentRuns } from './document.js';
import { LANES, type ExportSlice, type LaneIndex, type ViewDeps, type ViewState } from './types.js';

const GENERATOR = { name: 'proofline-app', version: '0.1.0' };

/** `honest.webauthn-vs-biometric-only` from `honest.webauthn-vs-biometric-only.proofline.json`. */
export function baseName(name: string): string {
  return name.replace(/\.proofline\.json$/, '').replace(/\.json$/, '');
}

/** Lanes an export covers, left first, only those with a run. */
export function exportLaneIndexes(s: Pick<ViewState, 'lanes' | 'exportLanes'>): LaneIndex[] {
  const wanted = s.exportLanes === 'both' ? LANES : [s.exportLanes];
  return wanted.filter((i) => s.lanes[i].run !== null);
}

export const createExportSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], ExportSlice> =>
  (set, get) => ({
    exportOpen: false,
    exportProfile: 'none',
    exportLanes: 'both',
    exportStatus: null,
    setExportOpen: (exportOpen) => set({ exportOpen, ...(exportOpen ? { exportStatus: null } : {}) }),
    setExportProfile: (exportProfile) => set({ exportProfile }),
    setExportLanes: (exportLanes) => set({ exportLanes }),

    async writeExport(name, mime, data) {
      let ok = false;
      try {
        ok = await deps.host.exportFile(name, mime, data);
      } catch (e) {
        set({ exportStatus: `Could not export ${name}: ${e instanceof Error ? e.message : String(e)}` });
        return false;
      }
      set({ exportStatus: ok ? `Exported ${name}` : `Export of ${name} cancelled` });
      return ok;
    },

    async exportReport(format) {
      const s = get();
      const doc = documentRuns(s);
      if (!doc) return;
      const trace = createTrace(doc.runs, {
        title: doc.meta?.title ?? doc.runs.map((r) => `${r.flow} (${r.scenario})`).join(' vs '),
        description: doc.meta?.description ?? 'Recorded in the Proofline app.',
        created: doc.created ?? new Date(),
        generator: GENERATOR,
      });
      const { redact, traceToHtml, traceToMarkdown } = await import('../coreWorkshop.js');
      const r = redact(trace, s.exportProfile);
      const disagreements = s.trace && doc.meta ? s.trace.runs.reduce((n, x) => n + x.disagreements.length, 0) : 0;
      const notes = { redacted: r.removed, ...(doc.meta ? { verification: { agrees: disagreements === 0, disagreements } } : {}) };
      const base = `${baseName(doc.name)}${s.exportProfile === 'none' ? '' : `.redacted-${s.exportProfile}`}`;
      if (format === 'html') await get().writeExport(`${base}.report.html`, 'text/html', traceToHtml(r.value, notes));
      else await get().writeExport(`${base}.report.md`, 'text/markdown', traceToMarkdown(r.value, notes));
    },

    async exportMermaid() {
      const s = get();
      const { redact, runToMermaid } = await import('../coreWorkshop.js');
      for (const i of exportLaneIndexes(s)) {
        const run = s.lanes[i].run as Run;
        const r = redact(run as Run | TraceRun, s.exportProfile);
        const side = i === 0 ? 'left' : 'right';
        const name = `${run.scenario}.${run.flow}.${side}${s.exportProfile === 'none' ? '' : `.redacted-${s.exportProfile}`}.mmd`;
        await get().writeExport(name, 'text/plain', runToMermaid(r.value, { redacted: r.removed }));
      }
    },
  });
