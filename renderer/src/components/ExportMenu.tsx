import { useId, useState } from 'react';
import { useAnchoredDialog } from './useAnchoredDialog.js';
import { redact, REDACTION_PROFILES } from '../coreWorkshop.js';
import type { RedactionProfile, Run } from '../core.js';
import { diagramsToSvg, svgToPng, type DiagramPart } from '../export/diagramImage.js';
import { laneActors } from '../model/actors.js';
import { OUTCOME_LABELS, flowTitle } from '../model/names.js';
import { exportLaneIndexes } from '../store/exportSlice.js';
import { useViewStoreApi } from '../store/context.js';
import { useExport, useExportActions, useLaneTitles } from '../store/hooks.js';
import type { ExportLanes } from '../store/types.js';

const PROFILE_TEXT: Record<RedactionProfile, string> = {
  none: 'none',
  secrets: 'secrets (seeds, private keys)',
  names: 'names (payees, IBANs, users)',
  amounts: 'amounts',
  device: 'device (a captured key’s id, public key, AAGUID, browser)',
  all: 'all of these',
};

/** The texts a lane's drawn diagram shows, redacted per the profile (undefined: as drawn). */
function redactedTexts(run: Run, profile: RedactionProfile): DiagramPart['texts'] {
  if (profile === 'none' || profile === 'secrets') return undefined;
  const r = redact(run, profile).value as unknown as Run;
  return { stepLabels: r.steps.map((s) => s.label), actors: laneActors(r).map((a) => ({ name: a.name, role: a.role })) };
}

/** "Export…": diagrams (SVG, PNG), the design-review report (HTML, Markdown), Mermaid — with a redaction profile. */
export function ExportMenu() {
  const { exportOpen, exportProfile, exportLanes, exportStatus } = useExport();
  const { setExportOpen, setExportProfile, setExportLanes, exportReport, exportMermaid, writeExport } = useExportActions();
  const titles = useLaneTitles();
  const api = useViewStoreApi();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const ref = useAnchoredDialog<HTMLDivElement>();
  if (!exportOpen) return null;

  const run = async (job: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await job();
    } catch (e) {
      api.setState({ exportStatus: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const diagram = async (format: 'svg' | 'png') => {
    const s = api.getState();
    const indexes = exportLaneIndexes(s);
    const regions = document.querySelectorAll('.lanes > .lane');
    const parts: DiagramPart[] = indexes.flatMap((i) => {
      const el = regions[i]?.querySelector('.diagram');
      const laneRun = s.lanes[i].run!;
      const texts = redactedTexts(laneRun, s.exportProfile);
      // The outcome as the screen shows it: once the lane's last step is shown (redacted like the rest).
      const ended = s.lanes[i].position >= laneRun.steps.length;
      const shownRun = s.exportProfile === 'none' || s.exportProfile === 'secrets' ? laneRun : (redact(laneRun, s.exportProfile).value as unknown as Run);
      const label = OUTCOME_LABELS[laneRun.outcome.outcome];
      const sentence = shownRun.outcome.sentence;
      const outcome = ended ? { text: sentence.toLowerCase().startsWith(label.toLowerCase()) ? sentence : `${label}: ${sentence}`, kind: laneRun.outcome.outcome } : undefined;
      return el ? [{ diagram: el, title: `${flowTitle(laneRun.flow)} · ${laneRun.scenario}`, ...(texts ? { texts } : {}), ...(outcome ? { outcome } : {}) }] : [];
    });
    if (parts.length === 0) {
      api.setState({ exportStatus: 'No diagram on show to export.' });
      return;
    }
    const { svg, width, height } = diagramsToSvg(parts);
    const first = s.lanes[indexes[0]!].run!;
    const side = s.exportLanes === 'both' ? 'both' : s.exportLanes === 0 ? 'left' : 'right';
    const base = `${first.scenario}.diagram.${side}${s.exportProfile === 'none' ? '' : `.redacted-${s.exportProfile}`}`;
    if (format === 'svg') await writeExport(`${base}.svg`, 'image/svg+xml', svg);
    else await writeExport(`${base}.png`, 'image/png', await svgToPng(svg, width, height, 2));
  };

  return (
    <div ref={ref} className="export-menu" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`} tabIndex={-1}>
      <h2 id={`${id}-h`}>Export</h2>
      <div className="chooser">
        <label htmlFor={`${id}-lanes`}>Lanes</label>
        <select id={`${id}-lanes`} value={String(exportLanes)} onChange={(e) => setExportLanes((e.target.value === 'both' ? 'both' : Number(e.target.value)) as ExportLanes)}>
          <option value="both">Both lanes</option>
          <option value="0">Left: {titles[0]}</option>
          <option value="1">Right: {titles[1]}</option>
        </select>
        <label htmlFor={`${id}-profile`}>Redact</label>
        <select id={`${id}-profile`} value={exportProfile} onChange={(e) => setExportProfile(e.target.value as RedactionProfile)}>
          {REDACTION_PROFILES.map((p) => (
            <option key={p} value={p}>
              {PROFILE_TEXT[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="export-actions" role="group" aria-label="Formats">
        <button type="button" disabled={busy} onClick={() => void run(() => diagram('svg'))}>
          Sequence diagram (SVG)
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => diagram('png'))}>
          Sequence diagram (PNG)
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => exportReport('html'))}>
          Design-review report (HTML)
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => exportReport('md'))}>
          Design-review report (Markdown)
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => exportMermaid())}>
          Mermaid sequence diagram
        </button>
      </div>
      <p className="muted">The report covers the open trace (every run) or the runs on show; redaction masks names, amounts or secrets before anything is written.</p>
      {exportStatus && (
        <p role="status" className="export-status">
          {exportStatus}
        </p>
      )}
      <button type="button" onClick={() => setExportOpen(false)}>
        Close
      </button>
    </div>
  );
}

export default ExportMenu;
