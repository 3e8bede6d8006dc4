import { useMemo } from 'react';
import { describeFlags, parseAuthenticatorData, RESPONSE_STEPS, stepLabel, type Run } from '../core.js';
import { selectedStepOf, useForkActions, useSelectionAfterPaint } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';
import { ForkSummary } from './ForkSummary.js';

const BITS: readonly { bit: number; name: string; meaning: string }[] = [
  { bit: 0, name: 'UP', meaning: 'user present' },
  { bit: 1, name: 'RFU1', meaning: 'reserved' },
  { bit: 2, name: 'UV', meaning: 'user verified' },
  { bit: 3, name: 'BE', meaning: 'backup eligible' },
  { bit: 4, name: 'BS', meaning: 'backed up' },
  { bit: 5, name: 'RFU2', meaning: 'reserved' },
  { bit: 6, name: 'AT', meaning: 'attested credential data' },
  { bit: 7, name: 'ED', meaning: 'extension data' },
];

const MARK = { pass: '✓', fail: '✗', skip: '–' } as const;

/** A real response in full: verdict, clientDataJSON, the flags bit by bit, the key, every check. */
function ResponseDetails({ run, name }: { run: Run; name: string }) {
  const sent = run.steps[RESPONSE_STEPS.response]!;
  const verify = run.steps[RESPONSE_STEPS.verify]!;
  const accepted = run.outcome.outcome === 'ok';
  const decoded = useMemo(() => {
    const cd = sent.payloads.find((p) => p.name === 'clientDataJSON');
    const ad = sent.payloads.find((p) => p.name === 'authenticatorData');
    let clientData: string | null = null;
    let flags: number | null = null;
    let signCount: number | null = null;
    let flagText = '';
    const text = cd ? new TextDecoder().decode(cd.bytes) : null;
    try {
      clientData = text === null ? null : JSON.stringify(JSON.parse(text) as unknown, null, 2);
    } catch {
      clientData = text; // not JSON: shown as received (the checks say what is wrong with it)
    }
    try {
      if (ad) {
        const a = parseAuthenticatorData(ad.bytes);
        flags = a.flags.byte;
        signCount = a.signCount;
        flagText = describeFlags(a.flags);
      }
    } catch {
      flags = null;
    }
    return { clientData, flags, signCount, flagText };
  }, [sent]);
  const key = verify.payloads.find((p) => p.name === 'credentialPublicKey');
  const att = sent.payloads.find((p) => p.name === 'attestationObject');
  return (
    <div className="response-details" role="group" aria-label={`Response ${name}`}>
      <p className={`verdict verdict-${accepted ? 'accepted' : 'rejected'}`} data-verdict={accepted ? 'accepted' : 'rejected'}>
        <span aria-hidden="true">{accepted ? '✓' : '✗'}</span> Verdict: <strong>{accepted ? 'accepted' : 'rejected'}</strong>
        {!accepted && ` — ${run.outcome.sentence}`}
      </p>
      {decoded.clientData && (
        <details open>
          <summary>clientDataJSON (decoded)</summary>
          <pre className="pretty">{decoded.clientData}</pre>
        </details>
      )}
      {decoded.flags !== null && (
        <table className="flag-bits">
          <caption>
            authenticatorData flags 0x{decoded.flags.toString(16).padStart(2, '0')} ({decoded.flagText}), signCount {decoded.signCount}
          </caption>
          <thead>
            <tr>
              <th scope="col">bit</th>
              {BITS.map((b) => (
                <th scope="col" key={b.bit} title={b.meaning}>
                  {b.bit} {b.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">value</th>
              {BITS.map((b) => {
                const on = ((decoded.flags ?? 0) >> b.bit) & 1;
                return (
                  <td key={b.bit} className={on ? 'bit-on' : 'bit-off'} aria-label={`${b.name} (${b.meaning}) = ${on}`}>
                    {on}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      )}
      <p className="muted">
        {key && `Credential public key: ${key.bytes.length} bytes COSE_Key (select ${stepLabel(RESPONSE_STEPS.verify)} to decode it). `}
        {att && `attestationObject: ${att.bytes.length} bytes CBOR (select step ${RESPONSE_STEPS.response + 1} to decode it).`}
      </p>
      <ul className="check-list" aria-label="Checks of the response">
        {verify.checks.map((c) => (
          <li key={c.id} className={`check check-${c.status}`}>
            <span className="check-status">
              <span aria-hidden="true">{MARK[c.status]}</span> {c.status}
            </span>
            <span className="check-id">{c.id}</span>
            <span className="check-spec">{c.spec}</span>
            <span className="check-detail">{c.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A lane's workshop extras: where its run came from, "What if…" on its step, the fork's changes, a response's details. */
export function LaneWorkshop({ lane }: { lane: LaneIndex }) {
  const { selected, lanes } = useSelectionAfterPaint();
  const { run, source, position } = lanes[lane];
  const sel = selectedStepOf(selected, lanes);
  const { openWhatIf } = useForkActions();
  if (!run) return null;
  const step = sel && sel.lane === lane ? sel.step.index : position > 0 ? position - 1 : null;
  // A real response, opened now or saved and opened again (its run keeps its name), is read-only.
  const response = source.kind === 'response' ? source.name : run.response?.name;
  return (
    <div className="lane-workshop">
      {response === undefined && step !== null && (
        <button type="button" className="whatif-button" onClick={() => openWhatIf(lane, step)}>
          What if… <span className="muted">(step {step + 1})</span>
        </button>
      )}
      {lane === 1 && <ForkSummary />}
      {response !== undefined && <ResponseDetails run={run} name={response} />}
    </div>
  );
}
