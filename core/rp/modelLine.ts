import type { TrustInfo } from './types.js';

/**
 * One line for a person: which authenticator made the credential, and how much is known about
 * it — e.g. `YubiKey 5 NFC, FIDO L2, chain verified to Yubico's root (MDS)` or `claims to be
 * iCloud Keychain (AAGUID, no attestation)`. A name from the community AAGUID list is always
 * worded as the authenticator's claim.
 */
export function authenticatorModelLine(trust: TrustInfo | undefined): string {
  if (!trust) return 'unknown authenticator (the registration did not verify)';
  const claimed = trust.model?.source === 'aaguid-list' ? trust.model.name : undefined;
  const root = trust.anchor ? trust.anchor.replace(/^.*?CN=([^,+]+).*$/, '$1') : undefined;
  const at = trust.at ? ` at ${trust.at}${trust.atSource === 'capture' ? ' (capture time)' : trust.atSource === 'now' ? ' (now)' : ''}` : '';
  switch (trust.level) {
    case 'metadata':
      return `${trust.model?.name ?? 'unnamed model'}${trust.certification ? `, ${trust.certification}` : ''}, chain verified to ${root}${at} (MDS)`;
    case 'chain':
      return `${claimed ? `claims to be ${claimed}` : 'unnamed model'}; chain verified to ${root}${at}, a root you trust`;
    case 'unverified-chain':
      return claimed ? `claims to be ${claimed} (AAGUID; its certificate chain is not checked against a root)` : 'unknown model (certificate chain not checked against a root)';
    case 'self':
      return claimed ? `claims to be ${claimed} (AAGUID, self attestation)` : 'unknown model (self attestation, no AAGUID name)';
    case 'none':
      return claimed ? `claims to be ${claimed} (AAGUID, no attestation)` : 'unknown model (no attestation, no AAGUID name)';
    case 'failed':
      return `${trust.model?.name ?? claimed ?? 'unknown model'}: the trust check failed`;
  }
}
