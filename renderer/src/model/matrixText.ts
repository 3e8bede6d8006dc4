import { actorName, type MatrixCell, type MatrixColumn, type OutcomeClass } from '../core.js';
import { flowTitle, OUTCOME_LABELS } from './names.js';

/** A column's header: `WebAuthn (challenge)`, `Biometric-only`. */
export function columnTitle(column: Pick<MatrixColumn, 'flow' | 'options'>): string {
  const title = flowTitle(column.flow);
  if (column.flow === 'webauthn') {
    const parts = [column.options.binding, column.options.rpFlaw && column.options.rpFlaw !== 'none' ? `rpFlaw=${column.options.rpFlaw}` : undefined].filter(Boolean);
    return parts.length ? `${title} (${parts.join(', ')})` : title;
  }
  if (column.flow === 'push-approval') return `${title} (${column.options.numberMatching ?? 'none'} · ${column.options.approvalKey ?? 'none'})`;
  if (column.flow === 'otp') return `${title} (${column.options.channel ?? 'sms'} · ${column.options.linking ?? 'none'})`;
  return title;
}

/** The outcome of a cell in words: `blocked by the relying party at rp.challenge`, `breach`. */
export function cellWords(cell: Pick<MatrixCell, 'outcome' | 'actor' | 'check'>): string {
  if (cell.outcome === 'n/a') return 'does not apply';
  const label = OUTCOME_LABELS[cell.outcome].toLowerCase();
  if (!cell.actor) return label;
  return `${label} by the ${actorName(cell.actor)}${cell.check ? ` at ${cell.check}` : ''}`;
}

/** A cell button's accessible name: `replay × WebAuthn (challenge): blocked by the relying party at rp.challenge`. */
export function cellName(scenario: string, column: Pick<MatrixColumn, 'flow' | 'options'>, cell: Pick<MatrixCell, 'outcome' | 'actor' | 'check'>): string {
  return `${scenario} × ${columnTitle(column)}: ${cellWords(cell)}`;
}

/** A mark per outcome, so a cell never says its outcome by colour alone. */
export const OUTCOME_MARKS: Record<OutcomeClass, string> = { ok: '✓', blocked: '⊘', breach: '⚠', 'false-reject': '✗' };

/** The legend of the matrix. */
export const OUTCOME_LEGEND: readonly { outcome: OutcomeClass; text: string }[] = [
  { outcome: 'ok', text: 'a legitimate run, accepted' },
  { outcome: 'blocked', text: 'an attack, rejected — by whom, at which check' },
  { outcome: 'breach', text: 'an attack, accepted' },
  { outcome: 'false-reject', text: 'a legitimate run, refused' },
];
