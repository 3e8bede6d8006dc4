import { memo, useId } from 'react';
import { flowInfo, type FlowId, type FlowOptions, type OptionInfo } from '../core.js';
import { flowChoices, flowTitle, OPTION_LABELS } from '../model/names.js';
import { TermHelp } from './SpecLink.js';
import { useLaneFields, useRunActions, useTrace, useTraceActions } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';

function optionsOf(flow: FlowId): readonly OptionInfo[] {
  try {
    return flowInfo(flow).options;
  } catch {
    return [];
  }
}

/** Which flow a lane runs and with which options; a change records the lane again, live. */
export const LaneChooser = memo(function LaneChooser({ lane }: { lane: LaneIndex }) {
  const { flow, options, status } = useLaneFields(lane, 'flow', 'options', 'status');
  const { setFlow, setOption } = useRunActions();
  const id = useId();
  return (
    <div className="chooser">
      <label htmlFor={`${id}-flow`}>Flow</label>
      <select id={`${id}-flow`} value={flow} onChange={(e) => void setFlow(lane, e.target.value as FlowId)}>
        {flowChoices().map((f) => (
          <option key={f.id} value={f.id}>
            {f.title}
          </option>
        ))}
      </select>
      {optionsOf(flow).map((o) => {
        const value = (options as Record<string, unknown>)[o.key] ?? o.values[0];
        const label = OPTION_LABELS[o.key as keyof FlowOptions] ?? o.key;
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
              onChange={(e) => {
                const raw = e.target.value;
                const v = o.values.find((x) => String(x) === raw) ?? raw;
                void setOption(lane, o.key, v);
              }}
            >
              {o.values.map((v) => (
                <option key={String(v)} value={String(v)}>
                  {String(v)}
                </option>
              ))}
            </select>
          </span>
        );
      })}
      {status === 'recording' && <span className="muted" role="status">Recording…</span>}
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
