import { check, type CheckResult } from '../../check.js';
import { parseClientDataJSON, type ClientData } from '../../codec/clientData.js';
import { errorMessage } from '../../errors.js';
import type { Ceremony } from '../types.js';
import { specRef } from '../specTable.js';

/**
 * UTF-8-decode and JSON-parse clientDataJSON into the client data C (WebAuthn L3 §7.1 steps 5–6,
 * §7.2 steps 8–9). Parsed as JSON, never compared with a template.
 */
export function checkClientDataJSON(raw: Uint8Array): { check: (ceremony: Ceremony) => CheckResult; clientData?: ClientData } {
  // Intent: every clientData check below reads C; if C cannot be parsed they all skip.
  if (raw.length === 0) return { check: (c) => check('rp.clientDataJSON', 'rp', specRef('rp.clientDataJSON', c), 'skip', 'cannot run: the response has no clientDataJSON (see rp.shape)') };
  try {
    const clientData = parseClientDataJSON(raw);
    const legacy = Object.keys(clientData.members).filter((k) => !['type', 'challenge', 'origin', 'crossOrigin', 'topOrigin', 'payment'].includes(k));
    const extra = legacy.length ? `; other members ignored: ${legacy.join(', ')}` : '';
    return { clientData, check: (c) => check('rp.clientDataJSON', 'rp', specRef('rp.clientDataJSON', c), 'pass', `clientDataJSON is a JSON object with type, challenge and origin (${raw.length} bytes${extra})`) };
  } catch (e) {
    return { check: (c) => check('rp.clientDataJSON', 'rp', specRef('rp.clientDataJSON', c), 'fail', `expected UTF-8 JSON client data, but ${errorMessage(e)}`) };
  }
}
