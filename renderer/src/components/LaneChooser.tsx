import { memo, useId } from 'react';
import { flowInfo, type FlowId, type FlowOptions, type OptionInfo } from '../core.js';
import { flowNaReason, naReason } from '../model/applicability.js';
import { flowChoices, flowTitle, OPTION_LABELS } from '../model/names.js';
import { TermHelp } from './SpecLink.js';
import { useChoice, useLaneFields, useRunActions, useTrace, useTraceActions } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';

function optionsOf(flow: FlowId): readonly OptionInfo[] {
  try {
    return flowInfo(flow).options;
  } catch {
    return [];
  }
}

/**
 * Which flow a lane runs and with which options; a change records the lane again, live. A flow or
 * option value under which the chosen scenario does not apply (n/a in the matrix) is disabled, its
 * reason in the option's title and, in words, in a note the select points at (aria-describedby).
 */
export const LaneChooser = memo(function LaneChooser({ lane }: { lane: LaneIndex }) {
  const { flow, options, status } = useLaneFields(lane, 'flow', 'options', 'status');
  const { scenario } = useChoice();
  const { setFlow, setOption } = useRunActions();
  const id = useId();
  const flows = flowChoices().map((f) => ({ ...f, na: flowNaReason(f.id, scenario) }));
  const naFlows = flows.filter((f) => f.na !== null);
  const naValues: { label: string; reason: string }[] = [];
  return (
    <div className="chooser">
      <label htmlFor={`${id}-flow`}>Flow</label>
      <select id={`${id}-flow`} value={flow} onChange={(e) => void setFlow(lane, e.target.value as FlowId)} aria-describedby={naFlows.length ? `${id}-na` : undefined}>
        {flows.map((f) => (
          <option key={f.id} value={f.id} disabled={f.na !== null && f.id !== flow} title={f.na !== null ? `Does not apply to ${scenario}: ${f.na}` : undefined}>
            {f.title}
            {f.na !== null ? ' — n/a' : ''}
          </option>
        ))}
      </select>
      {optionsOf(flow).map((o) => {
        const value = (options as Record<string, unknown>)[o.key] ?? o.values[0];
        const label = OPTION_LABELS[o.key as keyof FlowOptions] ?? o.key;
        const na = new Map(o.values.map((v) => [String(v), String(v) === String(value) ? null : naReason(flow, scenario, { ...options, [o.key]: v })]));
        for (const [v, r] of na) if (r !== null) naValues.push({ label: `${label} ${v}`, reason: r });
        return (
          <span key={o.key} className="chooser-option">
            <label htmlFor={`${id}-${o.key}`} title={o.description}>
              {label}
            </label>
            <TermHelp term={o.key} label={label} />
            <select
              id={`${id}-${o.key}`}
              value={String(value)}
              title={o.description}
              aria-describedby={[...na.values()].some((r) => r !== null) ? `${id}-na` : undefined}
              onChange={(e) => {
                const raw = e.target.value;
                const v = o.values.find((x) => String(x) === raw) ?? raw;
                void setOption(lane, o.key, v);
              }}
            >
              {o.values.map((v) => {
                const r = na.get(String(v)) ?? null;
                return (
                  <option key={String(v)} value={String(v)} disabled={r !== null} title={r !== null ? `Does not apply to ${scenario}: ${r}` : undefined}>
                    {String(v)}
                    {r !== null ? ' — n/a' : ''}
                  </option>
                );
              })}
            </select>
          </span>
        );
      })}
      {status === 'recording' && <span className="muted" role="status">Recording…</span>}
      {(naFlows.length > 0 || naValues.length > 0) && (
        <p id={`${id}-na`} className="muted chooser-na" data-na-note>
          Not for {scenario} (n/a — no place for it, not a verdict):{' '}
          {[...naFlows.map((f) => `${f.title}: ${f.na}`), ...naValues.map((v) => `${v.label}: ${v.reason}`)].join(' · ')}
        </p>
      )}
    </div>
  );
});

/** A run of the open trace, in words: its flow and the options that differ from the defaults. */
export function describeTraceRun(run: { flow: FlowId; options: FlowOptions; scenario: string; capture?: { derived?: string } }): string {
  const defaults = optionsOf(run.flow);
  const changed = defaults.filter((o) => (run.options as Record<string, unknown>)[o.key] !== undefined && (run.options as Record<string, unknown>)[o.key] !== o.values[0]);
  const opts = changed.map((o) => `${OPTION_LABELS[o.key as keyof FlowOptions] ?? o.key} ${String((run.options as Record<string, unknown>)[o.key])}`);
  const captured = run.capture ? (run.capture.derived ? ' · on your captured bytes' : ' · captured') : '';
  return `${flowTitle(run.flow)}${opts.length ? ` · ${opts.join(', ')}` : ''} · ${run.scenario}${captured}`;
}

/** When the open trace holds more runs than there are lanes: which of them this lane shows. */
export const TraceRunPicker = memo(function TraceRunPicker({ lane }: { lane: LaneIndex }) {
  const trace = useTrace();
  const { source } = useLaneFields(lane, 'source');
  const { showTraceRun } = useTraceActions();
  const id = useId();
  if (!trace || trace.runs.length <= 2) return null;
  const value = source.kind === 'trace' && source.name === trace.name ? String(source.index) : '';
  return (
    <div className="chooser">
      <label htmlFor={`${id}-run`}>Run from the trace</label>
      <select id={`${id}-run`} value={value} onChange={(e) => e.target.value !== '' && showTraceRun(lane, Number(e.target.value))}>
        {value === '' && <option value="">(recorded live)</option>}
        {trace.runs.map((r, i) => (
          <option key={i} value={i}>
            {i + 1}. {describeTraceRun(r.run)}
          </option>
        ))}
      </select>
    </div>
  );
});
