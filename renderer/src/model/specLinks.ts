/**
 * Spec references as links: a check's clause (`WebAuthn L3 §7.2 step 15`, `SPC §4.1.5 … (#sctn-…)`)
 * to the section of the W3C text it cites. Only w3.org addresses are made; the desktop shell opens
 * them in the system browser (main/contract.ts `openSpec`, which accepts w3.org https links only).
 */
export const WEBAUTHN_L3 = 'https://www.w3.org/TR/webauthn-3/';
export const SPC = 'https://www.w3.org/TR/secure-payment-confirmation/';

/** WebAuthn Level 3 section numbers → their anchors in the Recommendation. */
const WEBAUTHN_ANCHORS: Readonly<Record<string, string>> = {
  '4': 'sctn-terminology',
  '5.1.3': 'sctn-createCredential',
  '5.1.4': 'sctn-getAssertion',
  '5.1.4.1': 'sctn-discover-from-external-source',
  '5.8.1.1': 'clientdatajson-serialization',
  '6.1': 'sctn-authenticator-data',
  '6.1.1': 'sctn-sign-counter',
  '6.3.2': 'sctn-op-make-cred',
  '6.3.3': 'sctn-op-get-assertion',
  '6.5.1': 'sctn-attested-credential-data',
  '6.5.5': 'sctn-signature-attestation-types',
  '7': 'sctn-rp-operations',
  '7.1': 'sctn-registering-a-new-credential',
  '7.2': 'sctn-verifying-assertion',
  '8': 'sctn-defined-attestation-formats',
  '8.2': 'sctn-packed-attestation',
  '8.3': 'sctn-tpm-attestation',
  '8.4': 'sctn-android-key-attestation',
  '8.5': 'sctn-android-safetynet-attestation',
  '8.6': 'sctn-fido-u2f-attestation',
  '8.7': 'sctn-none-attestation',
  '8.8': 'sctn-apple-anonymous-attestation',
  '13.5.3': 'sctn-cryptographic-challenges',
};

/** The W3C address a clause cites, or null when it cites no W3C text (RFC 8785, CTAP, …). */
export function specUrl(spec: string): string | null {
  const own = /\(#(sctn-[\w-]+)\)/.exec(spec);
  if (spec.startsWith('SPC')) return own ? `${SPC}#${own[1]}` : SPC;
  const m = /^WebAuthn L3(?: §([\d.]+))?/.exec(spec);
  if (!m) return null;
  if (!m[1]) return WEBAUTHN_L3;
  // The most specific section with a known anchor: §6.3.3 for "§6.3.3 step 7", §8.2 for "§8.2.1".
  for (let n = m[1]; n; n = n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : '') {
    const anchor = WEBAUTHN_ANCHORS[n];
    if (anchor) return `${WEBAUTHN_L3}#${anchor}`;
  }
  return WEBAUTHN_L3;
}

/** True for the only addresses the app opens outside itself: https on www.w3.org. */
export function isSpecUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === 'www.w3.org' && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}
