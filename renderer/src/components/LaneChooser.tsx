import { useId } from 'react';
import { flowDefinition, type FlowId, type FlowOptions, type OptionInfo } from '../core.js';
import { flowChoices, OPTION_LABELS } from '../model/names.js';
import { useLane, useRunActions } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';

function optionsOf(flow: FlowId): readonly OptionInfo[] {
  try {
    return flowDefinition(flow).options;
  } catch {
    return [];
  }
}

/** Which flow a lane runs and with which options; a change records the lane again, live. */
export function LaneChooser({ lane }: { lane: LaneIndex }) {
  const { flow, options, status } = useLane(lane);
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
}
