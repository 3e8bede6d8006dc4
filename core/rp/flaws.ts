import { getPublicSuffix } from 'tldts';
import { check, DISABLED_PREFIX, isDisabledByConfiguration, type CheckResult } from '../check.js';
import { parseOrigin } from '../ua/checkRpId.js';

/**
 * A misconfigured relying party (DESIGN.md §10): one check of WebAuthn L3 §7.2 switched off or
 * weakened, as the 2026 study of 103 RPs found them. `verifyAssertion` stays strict (check-response
 * uses it); `applyRpFlaw` replaces exactly one check of its result. Under a flaw that check never
 * reports `pass`: where the weakened rule accepts, it is `skip` with the detail "disabled by
 * configuration (rpFlaw=…)", what the RP did instead, and what the strict check found; where even
 * the weakened rule rejects, it is `fail`.
 */

import { FLAWED_CHECK, RP_FLAWS, type RpFlaw } from './flawNames.js';

export { FLAWED_CHECK, RP_FLAWS, type RpFlaw } from './flawNames.js';
export { DISABLED_PREFIX, isDisabledByConfiguration };

/** What the flawed rules need to see of the assertion. */
export interface FlawContext {
  /** clientDataJSON's origin and challenge, when it parsed. */
  readonly origin?: string;
  readonly challenge?: string;
  /** The RP ID and the origin the RP expects. */
  readonly rpId: string;
  readonly expectedOrigin: string;
  /** Every challenge (base64url) the RP has issued, for any transaction, used or not. */
  readonly issuedChallenges: readonly string[];
}

function strictly(c: CheckResult): string {
  return c.status === 'pass' ? `the strict check would have passed (${c.detail})` : c.status === 'fail' ? `the strict check would have failed: ${c.detail}` : `the strict check could not run (${c.detail})`;
}

function disabled(flaw: RpFlaw, strict: CheckResult, did: string): CheckResult {
  return check(strict.id, strict.actor, strict.spec, 'skip', `${DISABLED_PREFIX} (rpFlaw=${flaw}): ${did}; ${strictly(strict)}`);
}

/**
 * `accept-related-origin`: an https origin whose host is the RP ID, a subdomain of it, or a parent
 * domain of the expected origin's host that is not a public suffix. (Not WebAuthn L3 Related Origin
 * Requests, which list exact origins.)
 */
function relatedOrigin(origin: string, rpId: string, expectedOrigin: string): boolean {
  const o = parseOrigin(origin);
  const e = parseOrigin(expectedOrigin);
  if ('error' in o || o.scheme !== 'https' || !o.isDomain) return false;
  if (o.host === rpId || o.host.endsWith(`.${rpId}`)) return true;
  if ('error' in e) return false;
  const parent = e.host.endsWith(`.${o.host}`);
  return parent && getPublicSuffix(o.host, { allowPrivateDomains: true }) !== o.host;
}

function weakened(flaw: Exclude<RpFlaw, 'none'>, strict: CheckResult, ctx: FlawContext): CheckResult {
  switch (flaw) {
    case 'skip-signature':
      return disabled(flaw, strict, 'the RP does not verify the assertion signature');
    case 'accept-up0':
      return disabled(flaw, strict, 'the RP does not require UP = 1');
    case 'ignore-uv':
      return disabled(flaw, strict, 'the RP does not look at the UV flag, whatever its policy');
    case 'ignore-counter':
      return disabled(flaw, strict, 'the RP neither compares the signature counter with the stored one nor acts on it');
    case 'accept-related-origin': {
      if (ctx.origin === undefined) return strict;
      if (!relatedOrigin(ctx.origin, ctx.rpId, ctx.expectedOrigin)) {
        return check(strict.id, strict.actor, strict.spec, 'fail', `configured (rpFlaw=${flaw}) to accept origins under ${ctx.rpId}, the RP still rejects ${JSON.stringify(ctx.origin)}: its host is neither ${ctx.rpId}, a subdomain of it, nor a parent domain of the expected origin's host`);
      }
      return disabled(flaw, strict, `origin ${ctx.origin} accepted as a host under ${ctx.rpId}`);
    }
    case 'reuse-challenge': {
      if (ctx.challenge === undefined) return strict;
      if (!ctx.issuedChallenges.includes(ctx.challenge)) {
        return check(strict.id, strict.actor, strict.spec, 'fail', `configured (rpFlaw=${flaw}) to accept any challenge it ever issued, the RP still rejects this one: it never issued it`);
      }
      return disabled(flaw, strict, 'the challenge is one the RP issued at some time (any transaction, used or not), which is all it checks');
    }
  }
}

/**
 * Replace the one check `flaw` weakens in a strict §7.2 result; every other check is returned as
 * it was. With `none` the result is returned unchanged.
 */
export function applyRpFlaw(flaw: RpFlaw, checks: readonly CheckResult[], ctx: FlawContext): CheckResult[] {
  if (flaw === 'none') return [...checks];
  const id = FLAWED_CHECK[flaw];
  if (!id) throw new RangeError(`"rpFlaw" expected one of ${RP_FLAWS.join(', ')}, got ${String(flaw)}`);
  return checks.map((c) => (c.id === id ? weakened(flaw, c, ctx) : c));
}
