import { memo, useMemo } from 'react';
import { stepLabel, type Run } from '../core.js';
import { laneActors } from '../model/actors.js';
import { useKnowledge, useSelectionAfterPaint } from '../store/hooks.js';
import type { LaneIndex } from '../store/types.js';

/** "What each party knows": one card per actor, as of the lane's current step (following it once the step has painted). */
export function KnowledgeCards({ lane, title }: { lane: LaneIndex; title: string }) {
  const { run, position, verifying } = useSelectionAfterPaint().lanes[lane];
  return <Cards run={run} position={position} verifying={verifying === true} title={title} />;
}

const Cards = memo(function Cards({ run, position, verifying, title }: { run: Run | null; position: number; verifying: boolean; title: string }) {
  const known = useKnowledge(run, position);
  const actors = useMemo(() => (run ? laneActors(run) : []), [run]);
  if (!run) return null;
  return (
    <div className="knowledge" role="group" aria-label={`What each party knows (${title})`}>
      <h3>
        What each party knows{verifying && <span className="verifying muted"> (as the file records it; verifying…)</span>}
      </h3>
      <div className="cards">
        {actors.map((a) => {
          const items = known.get(a.id) ?? [];
          const receipt = (i: { key: string }) => i.key.startsWith('received:');
          const knows = items.filter((i) => !i.never && !receipt(i));
          const receipts = items.filter((i) => !i.never && receipt(i));
          const newReceipts = receipts.filter((i) => i.isNew);
          const olderReceipts = receipts.length - newReceipts.length;
          const never = items.filter((i) => i.never);
          return (
            <article key={a.id} className={`card${a.id === 'attacker' ? ' card-attacker' : ''}`} aria-label={`${a.name} knows`}>
              <h4>
                {a.name} <span className="role">{a.role}</span>
              </h4>
              {items.length === 0 && <p className="muted">Nothing yet.</p>}
              {knows.length > 0 && (
                <ul>
                  {knows.map((i) => (
                    <li key={i.key} className={i.isNew ? 'new' : undefined} title={`Learnt at ${stepLabel(i.step)}`}>
                      {i.isNew && <span className="badge">new</span>}
                      {i.text}
                    </li>
                  ))}
                </ul>
              )}
              {receipts.length > 0 && (
                <ul className="receipts" aria-label={`Bytes ${a.name} received`}>
                  {newReceipts.map((i) => (
                    <li key={i.key} className="new">
                      received {i.text}
                    </li>
                  ))}
                  {olderReceipts > 0 && (
                    <li title={receipts.filter((i) => !i.isNew).map((i) => i.text).join('\n')}>
                      and the fingerprints of {olderReceipts} payload{olderReceipts === 1 ? '' : 's'} received earlier
                    </li>
                  )}
                </ul>
              )}
              {never.length > 0 && (
                <ul className="never-list" aria-label={`${a.name} never sees`}>
                  {never.map((i) => (
                    <li key={i.key} className={`never${i.isNew ? ' new' : ''}`}>
                      <span className="never-mark">never sees</span> {i.text}
                    </li>
                  ))}
                </ul>
              )}
            </article>
          );
        })}
      </div>
    </div>
  );
});
