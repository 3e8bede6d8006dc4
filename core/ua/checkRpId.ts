import { getPublicSuffix } from 'tldts';
import { check, type CheckResult } from '../check.js';

/**
 * The browser's rpId check: a page may only ask for credentials of its own site. The requested
 * rpId must equal the origin's effective domain or be a registrable domain suffix of it (WebAuthn
 * L3 §5.1.3 step 8, §5.1.4.1 step 7; HTML "is a registrable domain suffix of or is equal to"),
 * decided with the Public Suffix List (through tldts, private section included as the URL Standard
 * does), and the origin must be a secure context: https, or http on localhost.
 */

/** A tuple origin (HTML §7.1.1), as WebAuthn's clientDataJSON serialises it. */
export interface ParsedOrigin {
  readonly scheme: 'https' | 'http';
  /** Lower-cased host: a domain, an IPv4 address or a bracketed IPv6 address. */
  readonly host: string;
  readonly port?: number;
  /** `scheme://host[:port]`, default ports omitted. */
  readonly serialized: string;
  /** True when the host is a domain (not an IP address): only then is there an effective domain to compare. */
  readonly isDomain: boolean;
}

const ORIGIN_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(\[[0-9a-fA-F:.]+\]|[^/:?#\s[\]@]+)(?::(\d{1,5}))?$/;
const IPV4_RE = /^\d{1,3}(\.\d{1,3}){3}$/;
const LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Parse a serialized origin (`https://login.example.com:8443`); anything else is an error string. */
export function parseOrigin(origin: string): ParsedOrigin | { error: string } {
  if (typeof origin !== 'string') return { error: `expected an origin string, got ${typeof origin}` };
  const m = ORIGIN_RE.exec(origin);
  if (!m) return { error: `"${origin}" is not a serialized origin (scheme://host[:port], no path)` };
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') return { error: `"${origin}" has scheme "${scheme}"; WebAuthn origins are https (or http on localhost)` };
  const host = m[2]!.toLowerCase();
  let port = m[3] !== undefined ? Number(m[3]) : undefined;
  if (port !== undefined && port > 65535) return { error: `"${origin}" has port ${port}, over 65535` };
  if ((scheme === 'https' && port === 443) || (scheme === 'http' && port === 80)) port = undefined;
  const isDomain = !host.startsWith('[') && !IPV4_RE.test(host);
  if (isDomain && !isValidDomain(host)) return { error: `"${origin}" has host "${host}", which is not a valid ASCII domain` };
  return { scheme, host, ...(port !== undefined ? { port } : {}), serialized: `${scheme}://${host}${port !== undefined ? `:${port}` : ''}`, isDomain };
}

/** A lower-case ASCII domain of LDH labels (IDNA is not modelled: non-ASCII input is rejected). */
export function isValidDomain(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => LABEL_RE.test(label));
}

/**
 * True for origins that are potentially trustworthy (Secure Contexts §3.1): https, or http on
 * localhost / *.localhost or a loopback address (127.0.0.0/8, [::1]).
 */
export function isSecureOrigin(origin: ParsedOrigin): boolean {
  return origin.scheme === 'https' || origin.host === 'localhost' || origin.host.endsWith('.localhost') || /^127\./.test(origin.host) || origin.host === '[::1]';
}

/** Outcome of the HTML algorithm, with the reason in words. */
export interface SuffixDecision {
  readonly ok: boolean;
  readonly reason: 'equal' | 'registrable-suffix' | 'not-a-domain' | 'not-a-suffix' | 'public-suffix' | 'crosses-public-suffix';
}

/**
 * HTML "is a registrable domain suffix of or is equal to" (hostSuffix vs originalHost): equal hosts
 * pass; otherwise both must be domains, hostSuffix must match the end of originalHost after a dot,
 * and hostSuffix must be neither a public suffix nor inside originalHost's public suffix.
 */
export function isRegistrableDomainSuffixOfOrEqualTo(hostSuffix: string, originalHost: string): SuffixDecision {
  const suffix = hostSuffix.toLowerCase();
  const host = originalHost.toLowerCase();
  if (suffix.length === 0) return { ok: false, reason: 'not-a-domain' };
  if (suffix === host) return { ok: true, reason: 'equal' };
  if (!isValidDomain(suffix) || !isValidDomain(host)) return { ok: false, reason: 'not-a-domain' };
  if (!host.endsWith(`.${suffix}`)) return { ok: false, reason: 'not-a-suffix' };
  const opts = { allowPrivateDomains: true };
  if (getPublicSuffix(suffix, opts) === suffix) return { ok: false, reason: 'public-suffix' };
  const hostPs = getPublicSuffix(host, opts) ?? '';
  if (hostPs === suffix || hostPs.endsWith(`.${suffix}`)) return { ok: false, reason: 'crosses-public-suffix' };
  return { ok: true, reason: 'registrable-suffix' };
}

/** Which ceremony runs the check, for the spec reference. */
export type Ceremony = 'create' | 'get';

/** The spec clause for the rpId check of a ceremony. */
export function rpIdSpec(ceremony: Ceremony): string {
  return ceremony === 'create'
    ? 'WebAuthn L3 §5.1.3 steps 6-8; HTML "is a registrable domain suffix of or is equal to"'
    : 'WebAuthn L3 §5.1.4.1 steps 5-7; HTML "is a registrable domain suffix of or is equal to"';
}

/**
 * The user agent's rpId check (`ua.rpId`): the origin must be a secure context with a domain, and
 * the rpId must be its effective domain or a registrable suffix of it. Returns a check, never throws.
 */
export function checkRpId(origin: string, rpId: string, ceremony: Ceremony = 'get'): CheckResult {
  const spec = rpIdSpec(ceremony);
  const fail = (detail: string) => check('ua.rpId', 'ua', spec, 'fail', detail);
  const parsed = parseOrigin(origin);
  if ('error' in parsed) return fail(`the page's origin cannot be used: ${parsed.error}`);
  if (!isSecureOrigin(parsed)) return fail(`origin ${parsed.serialized} is not a secure context: WebAuthn needs https (http only on localhost or a loopback address)`);
  if (!parsed.isDomain) return fail(`origin ${parsed.serialized}'s effective domain "${parsed.host}" is an IP address, not a valid domain, so no rpId can be used`);
  const effectiveDomain = parsed.host;
  if (typeof rpId !== 'string' || rpId.length === 0) return fail('rpId is empty');
  const d = isRegistrableDomainSuffixOfOrEqualTo(rpId, effectiveDomain);
  const at = `origin ${parsed.serialized}'s effective domain "${effectiveDomain}"`;
  switch (d.reason) {
    case 'equal':
      return check('ua.rpId', 'ua', spec, 'pass', `rpId "${rpId}" equals ${at}`);
    case 'registrable-suffix':
      return check('ua.rpId', 'ua', spec, 'pass', `rpId "${rpId}" is a registrable suffix of ${at}`);
    case 'not-a-domain':
      return fail(`rpId "${rpId}" is not a valid ASCII domain`);
    case 'not-a-suffix':
      return fail(`rpId "${rpId}" is not a registrable suffix of ${at}`);
    case 'public-suffix':
      return fail(`rpId "${rpId}" is a public suffix (Public Suffix List), which no site may claim as its rpId, although it ends ${at}`);
    case 'crosses-public-suffix':
      return fail(`rpId "${rpId}" lies inside the public suffix of ${at}, so it is not a registrable domain`);
  }
}
