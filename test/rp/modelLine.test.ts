/**
 * The authenticator-model line (core/rp/modelLine.ts) the registration knowledge and an opened
 * response show: every trust level, with and without a name, worded as a claim when the name
 * comes from the community AAGUID list, and the judging time with its source.
 */
import { describe, expect, it } from 'vitest';
import { authenticatorModelLine } from '../../core/rp/modelLine.js';
import type { TrustInfo } from '../../core/rp/types.js';

const line = (t: TrustInfo | undefined) => authenticatorModelLine(t);
const listed = { name: 'Key X', source: 'aaguid-list' as const };
const metadata = { name: 'Key M', source: 'metadata' as const };
const ANCHOR = 'C=US, O=Maker Inc, CN=Maker Root CA 1, OU=Attestation';

describe('authenticatorModelLine', () => {
  it('says when the registration did not verify', () => {
    expect(line(undefined)).toBe('unknown authenticator (the registration did not verify)');
  });

  it('metadata: the model, its certification, the root (its CN) and the time with its source', () => {
    expect(line({ level: 'metadata', model: metadata, certification: 'FIDO L2', anchor: ANCHOR, at: '2026-01-02T03:04:05Z', atSource: 'stated' })).toBe(
      'Key M, FIDO L2, chain verified to Maker Root CA 1 at 2026-01-02T03:04:05Z (MDS)',
    );
    expect(line({ level: 'metadata', anchor: 'CN=Only Root', at: 'T', atSource: 'capture' })).toBe('unnamed model, chain verified to Only Root at T (capture time) (MDS)');
    expect(line({ level: 'metadata', model: metadata, anchor: 'O=No Common Name', at: 'T', atSource: 'now' })).toBe('Key M, chain verified to O=No Common Name at T (now) (MDS)');
    expect(line({ level: 'metadata', model: metadata, anchor: 'CN=R+SN=1' })).toBe('Key M, chain verified to R (MDS)');
  });

  it('chain: a listed name stays a claim; a metadata name is not used as one', () => {
    expect(line({ level: 'chain', model: listed, anchor: 'CN=Root A', at: 'T' })).toBe('claims to be Key X; chain verified to Root A at T, a root you trust');
    expect(line({ level: 'chain', model: metadata, anchor: 'CN=Root A' })).toBe('unnamed model; chain verified to Root A, a root you trust');
  });

  it('unverified chain, self and none: a claim when listed, else unknown', () => {
    expect(line({ level: 'unverified-chain', model: listed })).toBe('claims to be Key X (AAGUID; its certificate chain is not checked against a root)');
    expect(line({ level: 'unverified-chain' })).toBe('unknown model (certificate chain not checked against a root)');
    expect(line({ level: 'self', model: listed })).toBe('claims to be Key X (AAGUID, self attestation)');
    expect(line({ level: 'self', model: metadata })).toBe('unknown model (self attestation, no AAGUID name)');
    expect(line({ level: 'none', model: listed })).toBe('claims to be Key X (AAGUID, no attestation)');
    expect(line({ level: 'none' })).toBe('unknown model (no attestation, no AAGUID name)');
  });

  it('failed: the best name known, then that the trust check failed', () => {
    expect(line({ level: 'failed', model: metadata })).toBe('Key M: the trust check failed');
    expect(line({ level: 'failed', model: listed })).toBe('Key X: the trust check failed');
    expect(line({ level: 'failed' })).toBe('unknown model: the trust check failed');
  });
});
