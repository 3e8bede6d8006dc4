import { useId, useState } from 'react';
import { SCENARIOS, type ScenarioId } from '../core.js';
import { TermHelp } from './SpecLink.js';
import { naReason } from '../model/applicability.js';
import { flowTitle } from '../model/names.js';
import { screenHeadline } from '../model/provenance.js';
import { useLaneFields, useLaneOrigins, useChoice, usePrepared, useRunActions, useShowsTrace, useTrace, useTraceActions } from '../store/hooks.js';

/** Scenario and seed for both lanes, and trace files: open, save, prepared. */
export function TopBar() {
  const { scenario, seed } = useChoice();
  const { setScenario, setSeed } = useRunActions();
  const { openTraceFile, saveTrace, loadPrepared } = useTraceActions();
  const prepared = usePrepared();
  const trace = useTrace();
  const shown = useShowsTrace() ? trace : null; // the open trace, when a lane shows one of its runs
  const lanes = useLaneOrigins();
  const headline = screenHeadline(lanes, trace); // what is on screen: a response, a fork, the open trace
  // The picker names the prepared trace on screen when every lane shows one of its runs (a fork or
  // a live recording beside it is something else; choosing the trace again then brings it back).
  const openPrepared = shown?.prepared && lanes.every((l) => !l.run || (l.source.kind === 'trace' && l.source.name === shown.name)) ? shown.prepared : '';
  // A captured run or a real response (a real browser and authenticator) has no seed: the field says so instead of a number.
  const captured = lanes.some((l) => l.run?.capture !== undefined);
  const response = lanes.some((l) => l.run?.response !== undefined);
  const unseeded = captured || response;
  const [seedText, setSeedText] = useState<string | null>(null);
  const id = useId();
  const info = SCENARIOS.find((s) => s.id === scenario);
  // A scenario that does not apply to a lane's flow and options (the catalog's n/a) says so in the
  // list; one that applies to neither lane cannot be chosen (DESIGN.md §13.4, lane chooser).
  const lane0 = useLaneFields(0, 'flow', 'options');
  const lane1 = useLaneFields(1, 'flow', 'options');
  const naFor = (sid: ScenarioId) =>
    [lane0, lane1].flatMap((l) => {
      const why = naReason(l.flow, sid, l.options);
      return why === null ? [] : [{ flow: flowTitle(l.flow), why }];
    });
  const commitSeed = () => {
    if (seedText === null) return;
    const n = Number(seedText);
    setSeedText(null);
    if (Number.isInteger(n) && n >= 0 && n !== seed) void setSeed(n);
  };
  return (
    <header className="topbar">
      <h1>Proofline</h1>
      <div className="choice">
        <label htmlFor={`${id}-scenario`}>Scenario</label>
        <select
          id={`${id}-scenario`}
          value={unseeded ? '' : scenario}
          onChange={(e) => void setScenario(e.target.value as ScenarioId)}
          title={unseeded ? `No scenario was played: ${captured ? 'your browser and authenticator made this run' : 'a browser and an authenticator made this response'}. Choose a scenario to record a simulation.` : undefined}
        >
          {/* A captured run or a real response played no scenario: the select says so instead of naming one. */}
          {unseeded && (
            <option value="" disabled>
              {captured ? 'none: a captured run' : 'none: a real response'}
            </option>
          )}
          {SCENARIOS.map((s) => {
            const na = naFor(s.id);
            const both = na.length === 2;
            return (
              <option key={s.id} value={s.id} disabled={both && s.id !== scenario} title={na.map((n) => `n/a for ${n.flow}: ${n.why}`).join('\n') || undefined}>
                {na.length === 0 ? s.title : `${s.title} — n/a for ${both && na[0]!.flow === na[1]!.flow ? na[0]!.flow : na.map((n) => n.flow).join(' and ')}`}
              </option>
            );
          })}
        </select>
        <label htmlFor={`${id}-seed`}>Seed</label>
        <TermHelp term="seed" label="Seed" />
        <input
          id={`${id}-seed`}
          className={unseeded ? "seed captured" : "seed"}
          type="number"
          min={0}
          step={1}
          value={seedText ?? (unseeded ? '' : String(seed))}
          placeholder={captured ? 'captured' : response ? 'response' : undefined}
          title={captured ? 'A captured run has no seed: your browser and authenticator made it. Type a seed to record a simulation.' : response ? 'A real response has no seed: a browser and an authenticator made it. Type a seed to record a simulation.' : undefined}
          onChange={(e) => setSeedText(e.target.value)}
          onBlur={commitSeed}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitSeed();
          }}
        />
      </div>
      <div className="traces">
        <button type="button" onClick={() => void openTraceFile()}>
          Open trace…
        </button>
        <button type="button" onClick={() => void saveTrace()}>
          Save trace
        </button>
        {prepared.length > 0 && (
          <>
            <label htmlFor={`${id}-prepared`}>Prepared traces</label>
            <select
              id={`${id}-prepared`}
              value={openPrepared}
              onChange={(e) => {
                if (e.target.value) void loadPrepared(e.target.value);
              }}
            >
              <option value="">Choose…</option>
              {prepared.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <p className="scenario-summary" data-testid="headline">
        {shown && (
          <>
            <strong className="trace-name">{shown.title || shown.name}</strong> <span className="muted">({shown.name})</span>
            {headline?.summary || headline?.title !== shown.title ? ' — ' : ''}
          </>
        )}
        {headline && headline.title !== shown?.title && <strong>{headline.title}. </strong>}
        {headline ? headline.summary : info?.summary}
      </p>
    </header>
  );
}
