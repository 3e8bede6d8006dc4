/**
 * What differs between a recorded claim and its recomputation, for people: knowledge claims are
 * `key=text; key=text` lists, so only the items that differ are kept; other claims stay whole.
 */
export function claimDiff(recorded: string, recomputed: string): { recorded: string; recomputed: string } {
  const split = (s: string) => (s.includes('; ') || s.includes('=') ? s.split('; ') : [s]);
  const a = split(recorded);
  const b = split(recomputed);
  if (a.length === 1 && b.length === 1) return { recorded, recomputed };
  const onlyA = a.filter((x) => !b.includes(x));
  const onlyB = b.filter((x) => !a.includes(x));
  return { recorded: onlyA.join('; ') || '(nothing else)', recomputed: onlyB.join('; ') || '(nothing else)' };
}
