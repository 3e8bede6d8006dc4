import { fromBase64url } from '../codec/base64url.js';
import { fromBase32 } from '../codec/base32.js';
import { bytesToUtf8 } from '../codec/bytes.js';

/**
 * The shared secret of an enrolment, as the app scanned it: an otpauth:// URI carries the TOTP seed
 * (RFC 4648 base32 in `secret`), a JSON `{suite, key}` the OCRA key (base64url). What cannot be read
 * gives neither. The bank's ops and the inspector's decoder read it the same way.
 */
export function parseSharedSecret(raw: Uint8Array): { seed?: Uint8Array; ocraKey?: Uint8Array } {
  const text = bytesToUtf8(raw);
  try {
    if (text.startsWith('otpauth://')) {
      const secret = /[?&]secret=([A-Za-z2-7]+)/.exec(text)?.[1] ?? '';
      return { seed: fromBase32(secret) };
    }
    const j = JSON.parse(text) as Record<string, unknown>;
    return { ocraKey: fromBase64url(String(j.key ?? ''), 'key') };
  } catch {
    return {};
  }
}
