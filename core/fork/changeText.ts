import type { ForkChange } from './types.js';

/**
 * A what-if change in a few words, for every surface that names one (the app's lane label and
 * summary, the exports): `UV = 0`, `counter = 0`, `amount 5000.00 EUR`, `rpFlaw = skip-signature`,
 * `typed number 42`, `typed code 123456`.
 */
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
    case 'rpFlaw':
      return `rpFlaw = ${change.value}`;
    case 'number':
      return `typed number ${change.value}`;
    case 'code':
      return `typed code ${change.value}`;
  }
}
