import type { CheckResult } from '../check.js';
import type { ClientData } from '../codec/clientData.js';
import { asList } from './steps/spec.js';
import { checkClientDataJSON } from './steps/checkClientDataJSON.js';
import { checkType } from './steps/checkType.js';
import { checkChallenge } from './steps/checkChallenge.js';
import { checkOrigin } from './steps/checkOrigin.js';
import { checkCrossOrigin } from './steps/checkCrossOrigin.js';
import { checkTopOrigin } from './steps/checkTopOrigin.js';
import type { AssertionInfo, Ceremony, RpExpected } from './types.js';

/**
 * The client-data steps both ceremonies run, in order (WebAuthn L3 §7.1 steps 5–11, §7.2 steps
 * 8–14): parse clientDataJSON, then type, challenge, origin, crossOrigin and topOrigin.
 * Returns the checks, the parsed client data (when it parsed) and its summary for the UI.
 */
export function checkCollectedClientData(
  clientDataJSON: Uint8Array,
  expected: RpExpected,
  ceremony: Ceremony,
): { checks: CheckResult[]; clientData: ClientData | undefined; summary: AssertionInfo['clientData'] } {
  const cd = checkClientDataJSON(clientDataJSON);
  const clientData = cd.clientData;
  const summary = clientData
    ? { type: clientData.type, challenge: clientData.challenge, origin: clientData.origin, ...(clientData.crossOrigin !== undefined ? { crossOrigin: clientData.crossOrigin } : {}), ...(clientData.topOrigin !== undefined ? { topOrigin: clientData.topOrigin } : {}) }
    : undefined;
  const allowCrossOrigin = expected.allowCrossOrigin ?? false;
  const checks = [
    cd.check(ceremony),
    checkType(clientData, expected.type !== undefined ? asList(expected.type) : [ceremony === 'registration' ? 'webauthn.create' : 'webauthn.get'], ceremony),
    checkChallenge(clientData, expected.challenge, ceremony),
    checkOrigin(clientData, asList(expected.origin), ceremony),
    checkCrossOrigin(clientData, allowCrossOrigin, ceremony),
    checkTopOrigin(clientData, allowCrossOrigin, expected.topOrigin !== undefined ? asList(expected.topOrigin) : undefined, ceremony),
  ];
  return { checks, clientData, summary };
}
