import type { Ceremony } from '../types.js';

/**
 * The WebAuthn Level 3 clause of a step, by ceremony: §7.1 "Registering a New Credential",
 * §7.2 "Verifying an Authentication Assertion" (Level 3 numbering; it differs from Level 2).
 */
export function stepRef(ceremony: Ceremony, registrationStep: number | string, authenticationStep: number | string): string {
  const n = ceremony === 'registration' ? registrationStep : authenticationStep;
  const word = typeof n === 'string' && /[–,]/.test(n) ? 'steps' : 'step';
  return `WebAuthn L3 §${ceremony === 'registration' ? '7.1' : '7.2'} ${word} ${n}`;
}

/** Render a list of acceptable values for a detail sentence. */
export function oneOf(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** Normalise `string | string[]` to a list. */
export function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}
