// The clause each check cites comes from ../specTable.ts (specRef); these are detail helpers.

/** Render a list of acceptable values for a detail sentence. */
export function oneOf(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** Normalise `string | string[]` to a list. */
export function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}
