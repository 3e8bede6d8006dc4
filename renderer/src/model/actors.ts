import type { ActorId, ActorInfo, Run } from '../core.js';

const EXTRA: Record<string, ActorInfo> = {
  user: { id: 'user', name: 'User', role: 'the person approving' },
  attacker: { id: 'attacker', name: 'Attacker', role: 'malware, relay or thief' },
};

/**
 * The lifelines of a run: its actors, plus the person and the attacker when steps involve them
 * and the flow did not list them.
 */
export function laneActors(run: Run): ActorInfo[] {
  const actors = [...run.actors];
  const has = (id: ActorId) => actors.some((a) => a.id === id);
  const involved = new Set<ActorId>();
  for (const s of run.steps) {
    involved.add(s.from);
    involved.add(s.to);
    for (const k of Object.keys(s.knowledge)) involved.add(k as ActorId);
    if (s.attacker) involved.add('attacker');
  }
  if (involved.has('user') && !has('user')) actors.unshift(EXTRA.user!);
  for (const id of involved) {
    if (has(id)) continue;
    actors.push(EXTRA[id] ?? { id, name: id, role: '' });
  }
  return actors;
}
