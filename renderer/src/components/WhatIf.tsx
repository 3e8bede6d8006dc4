import { useId, useMemo, useState, type FormEvent } from 'react';
import { useAnchoredDialog } from './useAnchoredDialog.js';
import { forkableChanges, FORK_FLAGS } from '../coreWorkshop.js';
import { flowCatalog, type ForkableChange, type ForkChange, type ForkFlag } from '../core.js';
import { useForkActions, useForkError, useLanes, useWhatIf } from '../store/hooks.js';

/** The rpFlaw values with their prevalence note, from the catalog (the first is the strict RP). */
function flawChoices(): { value: string; note?: string }[] {
  const info = flowCatalog().flatMap((f) => f.options).find((o) => o.key === 'rpFlaw');
  return (info?.values ?? []).map((v) => ({ value: String(v), ...(info?.notes?.[String(v)] ? { note: info.notes[String(v)] } : {}) }));
}

/** A value the user types (a number or a code): decimal digits, as the page or the app takes them. */
const TYPED = /^[0-9]{1,10}$/;

function safeChanges(run: Parameters<typeof forkableChanges>[0], step: number): ForkableChange[] {
  try {
    return forkableChanges(run, step);
  } catch {
    return [];
  }
}

/** One change as a form row: its current value, and the new value to try. */
function ChangeRow({ change, index, onApply }: { change: ForkableChange; index: number; onApply: (c: ForkChange) => void }) {
  const id = useId();
  const [flag, setFlag] = useState<ForkFlag>('UV');
  const [text, setText] = useState('');
  const [flaw, setFlaw] = useState(change.kind === 'rpFlaw' ? (flawChoices().find((f) => f.value !== change.current)?.value ?? 'none') : 'none');
  const [typed, setTyped] = useState('');
  const [amount, setAmount] = useState(change.kind === 'action' && change.current.kind === 'payment' ? change.current.amount.value : '');
  const [payee, setPayee] = useState(change.kind === 'action' && change.current.kind === 'payment' ? change.current.payee.name : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    switch (change.kind) {
      case 'flag':
        return onApply({ kind: 'flag', flag, value: !change.current[flag] });
      case 'counter':
        return onApply({ kind: 'counter', value: Number(text || 0) });
      case 'origin':
      case 'challenge':
        return onApply({ kind: change.kind, value: text || (change.kind === 'origin' ? 'https://examp1e-bank.com' : 'AAAAAAAAAAAAAAAAAAAAAA') });
      case 'rpFlaw':
        return onApply({ kind: 'rpFlaw', value: flaw as Extract<ForkChange, { kind: 'rpFlaw' }>['value'] });
      case 'number':
      case 'code':
        if (!TYPED.test(typed) || typed === change.current) return;
        return onApply({ kind: change.kind, value: typed });
      case 'action': {
        if (change.current.kind !== 'payment') return;
        const cur = change.current;
        return onApply({
          kind: 'action',
          ...(amount !== cur.amount.value ? { amount: { value: amount, currency: cur.amount.currency } } : {}),
          ...(payee !== cur.payee.name ? { payee: { name: payee, iban: payee === 'Mallory' ? 'DE00 6666 6666 6666 6666 66' : cur.payee.iban } } : {}),
        });
      }
    }
  };
  const legend: Record<ForkableChange['kind'], string> = {
    flag: 'A flag',
    counter: 'The signature counter',
    origin: 'clientDataJSON.origin',
    challenge: 'clientDataJSON.challenge',
    action: 'The action (amount, payee)',
    rpFlaw: 'The relying party’s configuration (rpFlaw)',
    number: 'The number Bob types (number matching)',
    code: 'The code that is typed',
  };
  const typedInvalid = (change.kind === 'number' || change.kind === 'code') && typed !== '' && (!TYPED.test(typed) || typed === change.current);
  return (
    <form className="whatif-row" onSubmit={submit} aria-labelledby={`${id}-l`}>
      <span id={`${id}-l`} className="whatif-what">
        {index + 1}. {legend[change.kind]} <span className="muted">in {change.payload}</span>
      </span>
      {change.kind === 'flag' && (
        <>
          <label htmlFor={`${id}-f`}>Flag</label>
          <select id={`${id}-f`} value={flag} onChange={(e) => setFlag(e.target.value as ForkFlag)}>
            {FORK_FLAGS.map((f) => (
              <option key={f} value={f}>
                {f} (now {change.current[f] ? 1 : 0} → {change.current[f] ? 0 : 1})
              </option>
            ))}
          </select>
        </>
      )}
      {(change.kind === 'counter' || change.kind === 'origin' || change.kind === 'challenge') && (
        <>
          <label htmlFor={`${id}-v`}>New {change.kind}</label>
          <input id={`${id}-v`} type={change.kind === 'counter' ? 'number' : 'text'} value={text} placeholder={String(change.current)} onChange={(e) => setText(e.target.value)} />
        </>
      )}
      {change.kind === 'action' && change.current.kind === 'payment' && (
        <>
          <label htmlFor={`${id}-a`}>Amount ({change.current.amount.currency})</label>
          <input id={`${id}-a`} className="short" value={amount} onChange={(e) => setAmount(e.target.value)} />
          <label htmlFor={`${id}-p`}>Payee</label>
          <input id={`${id}-p`} className="short" value={payee} onChange={(e) => setPayee(e.target.value)} />
        </>
      )}
      {change.kind === 'rpFlaw' && (
        <>
          <label htmlFor={`${id}-r`}>Configure the RP with</label>
          <select id={`${id}-r`} value={flaw} onChange={(e) => setFlaw(e.target.value)} aria-describedby={`${id}-rh`}>
            {flawChoices().map((f) => (
              <option key={f.value} value={f.value}>
                {f.value}
                {f.value === change.current ? ' (now)' : ''}
                {f.note ? ` · ${f.note}` : ''}
              </option>
            ))}
          </select>
          <span id={`${id}-rh`} className="muted whatif-hint">
            Rewrites the RP’s policy at its first step; the same bytes are judged again.
          </span>
        </>
      )}
      {(change.kind === 'number' || change.kind === 'code') && (
        <>
          <label htmlFor={`${id}-t`}>{change.kind === 'number' ? 'Number typed' : 'Code typed'}</label>
          <input
            id={`${id}-t`}
            className="short mono"
            inputMode="numeric"
            autoComplete="off"
            value={typed}
            placeholder={change.current}
            aria-invalid={typedInvalid}
            aria-describedby={`${id}-th`}
            onChange={(e) => setTyped(e.target.value.trim())}
          />
          <span id={`${id}-th`} className={typedInvalid ? 'error whatif-hint' : 'muted whatif-hint'}>
            {typedInvalid ? `Type digits other than ${change.current}.` : `Now ${change.current}.`}
          </span>
        </>
      )}
      <button type="submit" className="primary" disabled={(change.kind === 'number' || change.kind === 'code') && (!TYPED.test(typed) || typed === change.current)}>
        Apply
      </button>
    </form>
  );
}

/** "What if…": the changes core/fork can make at the chosen step; applying one forks the run. */
export function WhatIfForm() {
  const whatIf = useWhatIf();
  const lanes = useLanes();
  const error = useForkError();
  const { applyFork, closeWhatIf } = useForkActions();
  const run = whatIf ? lanes[whatIf.lane].run : null;
  const changes = useMemo(() => (run && whatIf ? safeChanges(run, whatIf.step) : []), [run, whatIf]);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const ref = useAnchoredDialog<HTMLDivElement>();
  if (!whatIf || !run) return null;
  const step = run.steps[whatIf.step]!;
  const apply = async (c: ForkChange) => {
    setBusy(true);
    await applyFork(c);
    setBusy(false);
  };
  return (
    <div ref={ref} className="whatif" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`} tabIndex={-1}>
      <h2 id={`${id}-h`}>
        What if… at step {whatIf.step + 1}: {step.label}
      </h2>
      {changes.length === 0 && <p className="muted">This step carries nothing a what-if can change (no authenticatorData, clientDataJSON, action, typed number or code, nor the RP’s configuration). Pick a step that carries the proof or the submission.</p>}
      {changes.map((c, i) => (
        <ChangeRow key={`${c.kind}-${c.payload}`} change={c} index={i} onApply={(x) => void apply(x)} />
      ))}
      <p className="muted">Nothing is re-signed: the real checks decide who notices the change.</p>
      {busy && <p role="status">Re-running the checks…</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={closeWhatIf}>
        Cancel
      </button>
    </div>
  );
}

export default WhatIfForm;
