import { bytesToUtf8, type Step } from '../core.js';

/**
 * Chips the diagram draws beside a step's label, read from the step's bytes: an SMS bubble where
 * the mobile network carries a text message, and the number of push number
 * matching where the page shows it, the app asks for it, Bob types it and the app forwards it
 * (DESIGN.md §13.4). A student sees the page's number and the typed one side by side.
 */
export interface StepChip {
  readonly kind: 'sms' | 'number';
  /** The chip's text: `SMS`, `№ 69`, `№ ?`. */
  readonly text: string;
  /** What it means, for the tooltip and the step's accessible name. */
  readonly title: string;
}

function json(step: Step, name: string): Record<string, unknown> | undefined {
  const p = step.payloads.find((x) => x.name === name && x.encoding === 'json');
  if (!p) return undefined;
  try {
    const v: unknown = JSON.parse(bytesToUtf8(p.bytes));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const number = (n: unknown): string | undefined => (typeof n === 'string' || typeof n === 'number' ? String(n) : undefined);

/** The chip a step carries, or null. */
export function stepChip(step: Step): StepChip | null {
  switch (step.op) {
    case 'carrier.submit':
    case 'carrier.deliver': {
      const text = json(step, 'sms')?.text;
      return { kind: 'sms', text: 'SMS', title: `a text message the mobile network carries in clear${typeof text === 'string' ? `: “${text}”` : ''}` };
    }
    case 'user.prompt': {
      const p = json(step, 'prompt');
      if (p?.asks === 'number') return { kind: 'number', text: '№ ?', title: 'the app asks Bob to type the number; it never receives the number itself' };
      return null;
    }
    case 'user.review': {
      const n = number(json(step, 'screen')?.number);
      return n ? { kind: 'number', text: `№ ${n}`, title: `the page shows the number ${n}` } : null;
    }
    case 'bank.transactionCreated': {
      const n = number(json(step, 'response')?.number);
      return n ? { kind: 'number', text: `№ ${n}`, title: `the bank gives the number ${n} to the page that asked` } : null;
    }
    case 'app.tap': {
      const n = number(json(step, 'tap')?.number);
      return n ? { kind: 'number', text: `№ ${n}`, title: `the number typed: ${n}` } : null;
    }
    case 'bank.receivePushApproval': {
      const body = json(step, 'request')?.body;
      const n = body && typeof body === 'object' ? number((body as Record<string, unknown>).number) : undefined;
      return n ? { kind: 'number', text: `№ ${n}`, title: `the app forwards the typed number ${n}` } : null;
    }
    default:
      return null;
  }
}
