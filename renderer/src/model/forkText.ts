import type { ForkChange } from '../core.js';

/** A what-if change in a few words: `UV = 0`, `counter = 0`, `amount 5000.00 EUR`. */
export function changeText(change: ForkChange): string {
  switch (change.kind) {
    case 'flag':
      return `${change.flag} = ${change.value ? 1 : 0}`;
    case 'counter':
      return `counter = ${change.value}`;
    case 'origin':
      return `origin ${change.value}`;
    case 'challenge':
      return `challenge ${change.value.length > 16 ? `${change.value.slice(0, 14)}…` : change.value}`;
    case 'action': {
      const parts = [change.amount ? `amount ${change.amount.value} ${change.amount.currency}` : '', change.payee ? `payee ${change.payee.name}` : ''].filter(Boolean);
      return parts.join(', ') || 'the action';
    }
  }
}
