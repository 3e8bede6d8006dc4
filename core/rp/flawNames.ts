/**
 * The names of the relying-party flaws (DESIGN.md §10) and the one check each replaces, apart from
 * the rules in `flaws.ts`: the trace schema and the app's start need the names, not the public
 * suffix list the rules read.
 */

/** The flaws, `none` first (the default). */
export const RP_FLAWS = ['none', 'skip-signature', 'accept-related-origin', 'reuse-challenge', 'accept-up0', 'ignore-uv', 'ignore-counter'] as const;
export type RpFlaw = (typeof RP_FLAWS)[number];

/** The one check each flaw replaces. */
export const FLAWED_CHECK: Readonly<Record<Exclude<RpFlaw, 'none'>, string>> = {
  'skip-signature': 'rp.signature',
  'accept-related-origin': 'rp.origin',
  'reuse-challenge': 'rp.challenge',
  'accept-up0': 'rp.userPresent',
  'ignore-uv': 'rp.userVerified',
  'ignore-counter': 'rp.signCount',
};
