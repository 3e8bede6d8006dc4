import type { ActorId, KnowledgeItem, Run } from '../core.js';

/** A knowledge item as shown on a card: where it was learnt and whether that was this step. */
export interface KnownItem extends KnowledgeItem {
  readonly step: number;
  readonly isNew: boolean;
}

/**
 * What each actor knows once `position` steps have happened: items accumulate step by step; an
 * item with the same key replaces the earlier one (an actor learns the new value). Items learnt at
 * the last shown step are marked new.
 */
export function knowledgeAt(run: Run, position: number): Map<ActorId, KnownItem[]> {
  const byActor = new Map<ActorId, Map<string, KnownItem>>();
  const last = Math.min(position, run.steps.length) - 1;
  for (let i = 0; i <= last; i++) {
    const step = run.steps[i]!;
    for (const [actor, items] of Object.entries(step.knowledge) as [ActorId, readonly KnowledgeItem[]][]) {
      let known = byActor.get(actor);
      if (!known) byActor.set(actor, (known = new Map()));
      for (const item of items) {
        known.delete(item.key);
        known.set(item.key, { ...item, step: i, isNew: i === last });
      }
    }
  }
  const out = new Map<ActorId, KnownItem[]>();
  for (const [actor, items] of byActor) out.set(actor, [...items.values()]);
  return out;
}
