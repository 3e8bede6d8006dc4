/**
 * checkTrust (core/rp/attestation/trust.ts) without metadata, branch by branch: the
 * `rp.attestationTrust` sentence a person reads (who vouches, at what time and on whose word,
 * and what the AAGUID claims) and the trust level the model line is built from.
 * test/rp/trust.test.ts covers metadata BLOBs and whole registrations.
 */
import { describe, expect, it } from 'vitest';
import { checkTrust, communityName } from '../../core/rp/attestation/trust.js';
import { makeChain } from './pki.js';

const YUBIKEY_5 = Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex'));
const UNLISTED = new Uint8Array(16).fill(0x11);
const ZERO = new Uint8Array(16);
const AT = Date.UTC(2026, 11, 1);
const LISTED_WORDS = '; the AAGUID cb69481e-8ff7-4039-93ec-0a2729a154a8 claims to be "YubiKey 5 Series" (community list; nobody vouches)';
const pick = (r: Awaited<ReturnType<typeof checkTrust>>) => [r.check.status, r.check.detail, r.trust];

describe('checkTrust without metadata', () => {
  it('none, self and an unverified statement: nobody vouches, with what the AAGUID claims', async () => {
    expect(pick(await checkTrust({ type: 'none', verified: true }, YUBIKEY_5, undefined))).toEqual(['skip', `nobody vouches for the authenticator: no attestation (fmt "none")${LISTED_WORDS}`, { level: 'none', model: { name: 'YubiKey 5 Series', source: 'aaguid-list' } }]);
    expect(pick(await checkTrust({ verified: false }, UNLISTED, undefined))).toEqual(['skip', 'nobody vouches for the authenticator: no attestation (fmt "none"); AAGUID 11111111-1111-1111-1111-111111111111 is not in the community list', { level: 'none' }]);
    expect(pick(await checkTrust({ type: 'self', verified: true }, ZERO, undefined))).toEqual(['skip', 'nobody vouches for the authenticator: self attestation, the credential key signs for itself; no AAGUID (all zero)', { level: 'self' }]);
    expect(pick(await checkTrust({ type: 'basic', verified: false, x5c: [new Uint8Array(1)] }, undefined, undefined))).toEqual(['skip', 'cannot run: the attestation statement did not verify (see rp.attestation); no AAGUID (all zero)', { level: 'none' }]);
    expect((await checkTrust({ type: 'basic', verified: true }, ZERO, undefined)).trust.level).toBe('none');
  });

  it('a chain and nothing to check it against: not checked, counted', async () => {
    const { leaf, inter } = await makeChain();
    expect(pick(await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der, inter.der] }, YUBIKEY_5, undefined))).toEqual([
      'skip',
      `no trust anchor was given (--trust FILE or --mds FILE): the chain of 2 certificates is not checked, so nobody is known to vouch${LISTED_WORDS}`,
      { level: 'unverified-chain', model: { name: 'YubiKey 5 Series', source: 'aaguid-list' } },
    ]);
    // Without anything to check it against, the chain is not even read.
    const junk = await checkTrust({ type: 'basic', verified: true, x5c: [new Uint8Array([1, 2, 3])] }, ZERO, undefined);
    expect(pick(junk)).toEqual(['skip', 'no trust anchor was given (--trust FILE or --mds FILE): the chain of 1 certificate is not checked, so nobody is known to vouch; no AAGUID (all zero)', { level: 'unverified-chain' }]);
    const one = await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der] }, ZERO, { roots: [], at: AT, atSource: 'now' });
    expect(one.check.detail).toBe('no trust anchor was given (--trust FILE or --mds FILE): the chain of 1 certificate is not checked, so nobody is known to vouch; no AAGUID (all zero)');
  });

  it('roots the user trusts: verified at the stated time, or the reason it is not', async () => {
    const { root, inter, leaf } = await makeChain();
    const x5c = [leaf.der, inter.der];
    const at = Date.now();
    const iso = new Date(at).toISOString().replace(/\.000Z$/, 'Z');
    const ok = await checkTrust({ type: 'basic', verified: true, x5c }, YUBIKEY_5, { roots: [root.der], at, atSource: 'stated' });
    expect(ok.check.status).toBe('pass');
    expect(ok.check.detail).toBe(`chain verified at ${iso} (the stated time) to a root you trust: ${ok.trust.anchor}${LISTED_WORDS}`);
    expect(ok.trust).toEqual({ level: 'chain', model: { name: 'YubiKey 5 Series', source: 'aaguid-list' }, anchor: expect.stringContaining('Proofline Test Root'), at: iso, atSource: 'stated' });
    const capture = await checkTrust({ type: 'attca', verified: true, x5c }, UNLISTED, { roots: [root.der], at, atSource: 'capture' });
    expect(capture.check.detail).toMatch(new RegExp(`^chain verified at ${iso} \\(the capture time\\) to a root you trust: `));
    const now = await checkTrust({ type: 'basic', verified: true, x5c }, UNLISTED, { roots: [root.der], at, atSource: 'now' });
    expect(now.check.detail).toContain(`at ${iso} (now)`);
    const other = (await makeChain()).root;
    const no = await checkTrust({ type: 'basic', verified: true, x5c }, ZERO, { roots: [other.der], at, atSource: 'now' });
    expect(no.check.status).toBe('fail');
    expect(no.check.detail).toMatch(new RegExp(`^expected x5c to verify to a root you trust at ${iso} \\(now\\), but x5c\\[1\\] is issued by .+; no AAGUID \\(all zero\\)$`));
    expect(no.trust).toEqual({ level: 'failed', at: iso, atSource: 'now' });
  });

  it('certificates that do not parse fail naming which', async () => {
    const { root, inter, leaf } = await makeChain();
    const badPath = await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der, new Uint8Array([0x30, 0x01, 0x00])] }, ZERO, { roots: [root.der], at: AT, atSource: 'now' });
    expect(badPath.check.status).toBe('fail');
    expect(badPath.check.detail).toMatch(/^expected a trust path of X\.509 certificates, but x5c\[1\]/);
    expect(badPath.trust).toEqual({ level: 'failed' });
    const badRoot = await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der, inter.der] }, YUBIKEY_5, { roots: [root.der, new Uint8Array([1])], at: AT, atSource: 'now' });
    expect(badRoot.check.detail).toMatch(/^expected the trust roots to be certificates, but trust root 1/);
    expect(badRoot.trust).toMatchObject({ level: 'failed', model: { source: 'aaguid-list' }, atSource: 'now' });
  });

  it('an MDS BLOB that could not be used fails with its reason', async () => {
    const { leaf } = await makeChain();
    const r = await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der] }, ZERO, { mds: { ok: false, reason: 'its signature does not verify' }, at: AT, atSource: 'now' });
    expect(pick(r)).toEqual(['fail', 'expected a FIDO metadata BLOB verified to the FIDO root given, but its signature does not verify', { level: 'failed', at: '2026-12-01T00:00:00Z', atSource: 'now' }]);
  });

  it('communityName answers only for listed AAGUIDs', async () => {
    expect(await communityName('cb69481e-8ff7-4039-93ec-0a2729a154a8')).toBe('YubiKey 5 Series');
    expect(await communityName('11111111-1111-1111-1111-111111111111')).toBeUndefined();
    expect(await communityName('constructor')).toBeUndefined();
  });
});

describe('checkTrust with a metadata BLOB (as readMdsBlob gives it)', () => {
  const KEY_ID = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
  const at = Date.UTC(2026, 11, 1, 12);
  const ISO = '2026-12-01T12:00:00Z';
  const blobWith = (entries: { description: string; roots: Uint8Array[]; statusReports: { status: string; effectiveDate?: string }[] }[]) => ({
    ok: true as const,
    blob: { no: 3, nextUpdate: '2027-01-01', anchor: 'CN=FIDO Root', entries: new Map(entries.map((e) => [KEY_ID, { aaguid: KEY_ID, ...e }])) },
  });

  it('an entry for the AAGUID whose root the chain verifies to: the model, its certification and status, the root and the BLOB', async () => {
    const { root, inter, leaf } = await makeChain({ leafNotAfter: new Date(at + 86_400_000) });
    const mds = blobWith([{ description: 'Key 5', roots: [root.der], statusReports: [{ status: 'FIDO_CERTIFIED_L2', effectiveDate: '2024-01-01' }] }]);
    const r = await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der, inter.der] }, YUBIKEY_5, { mds, at, atSource: 'stated' });
    expect(r.check.status).toBe('pass');
    expect(r.check.detail).toBe(`described by metadata: "Key 5", FIDO L2, status FIDO_CERTIFIED_L2; x5c verified at ${ISO} (the stated time) to its root ${r.trust.anchor} (MDS BLOB no. 3, signed under CN=FIDO Root)`);
    expect(r.trust).toStrictEqual({ level: 'metadata', model: { name: 'Key 5', source: 'metadata' }, certification: 'FIDO L2', status: 'FIDO_CERTIFIED_L2', anchor: expect.stringContaining('Proofline Test Root'), at: ISO, atSource: 'stated' });
    const bare = await checkTrust({ type: 'basic', verified: true, x5c: [leaf.der, inter.der] }, YUBIKEY_5, { mds: blobWith([{ description: 'Key 5', roots: [root.der], statusReports: [] }]), at, atSource: 'capture' });
    expect(bare.check.detail).toBe(`described by metadata: "Key 5"; x5c verified at ${ISO} (the capture time) to its root ${bare.trust.anchor} (MDS BLOB no. 3, signed under CN=FIDO Root)`);
    expect(bare.trust).toStrictEqual({ level: 'metadata', model: { name: 'Key 5', source: 'metadata' }, anchor: bare.trust.anchor, at: ISO, atSource: 'capture' });
  });

  it('a status that forbids trust, roots that are not certificates, a chain to another root: each fails, the model named', async () => {
    const { root, inter, leaf } = await makeChain({ leafNotAfter: new Date(at + 86_400_000) });
    const x5c = [leaf.der, inter.der];
    const bypass = await checkTrust({ type: 'basic', verified: true, x5c }, YUBIKEY_5, { mds: blobWith([{ description: 'Key 5', roots: [root.der], statusReports: [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2020-01-01' }, { status: 'USER_VERIFICATION_BYPASS', effectiveDate: '2025-03-01' }] }]), at, atSource: 'now' });
    expect(pick(bypass)).toEqual(['fail', `expected a metadata status that allows trust, got USER_VERIFICATION_BYPASS since 2025-03-01 for "Key 5" (AAGUID ${KEY_ID})`, { level: 'failed', model: { name: 'Key 5', source: 'metadata' }, certification: 'FIDO L1', status: 'USER_VERIFICATION_BYPASS', at: ISO, atSource: 'now' }]);
    const revoked = await checkTrust({ type: 'basic', verified: true, x5c }, YUBIKEY_5, { mds: blobWith([{ description: 'Key 5', roots: [root.der], statusReports: [{ status: 'REVOKED' }] }]), at, atSource: 'now' });
    expect(pick(revoked)).toEqual(['fail', `expected a metadata status that allows trust, got REVOKED for "Key 5" (AAGUID ${KEY_ID})`, { level: 'failed', model: { name: 'Key 5', source: 'metadata' }, status: 'REVOKED', at: ISO, atSource: 'now' }]);
    const junk = await checkTrust({ type: 'basic', verified: true, x5c }, YUBIKEY_5, { mds: blobWith([{ description: 'Key 5', roots: [root.der, new Uint8Array([1])], statusReports: [] }]), at, atSource: 'now' });
    expect(junk.check.status).toBe('fail');
    expect(junk.check.detail).toMatch(/^expected the metadata entry's attestation roots to be certificates, but metadata attestationRootCertificates\[1\]: is not an X\.509 certificate/);
    expect(junk.trust).toStrictEqual({ level: 'failed', model: { name: 'Key 5', source: 'metadata' }, at: ISO, atSource: 'now' });
    const other = (await makeChain()).root;
    const foreign = await checkTrust({ type: 'basic', verified: true, x5c }, YUBIKEY_5, { mds: blobWith([{ description: 'Key 5', roots: [other.der], statusReports: [{ status: 'FIDO_CERTIFIED' }] }]), at, atSource: 'now' });
    expect(foreign.check.status).toBe('fail');
    expect(foreign.check.detail).toMatch(new RegExp(`^expected x5c to verify to an attestation root of "Key 5"'s metadata at ${ISO} \\(now\\), but x5c\\[1\\] is issued by `));
    expect(foreign.trust).toStrictEqual({ level: 'failed', model: { name: 'Key 5', source: 'metadata' }, certification: 'FIDO L1', at: ISO, atSource: 'now' });
  });

  it('no entry for the AAGUID: the roots given decide, else the chain is not checked', async () => {
    const { root, inter, leaf } = await makeChain({ leafNotAfter: new Date(at + 86_400_000) });
    const x5c = [leaf.der, inter.der];
    const mds = blobWith([{ description: 'Key 5', roots: [root.der], statusReports: [] }]);
    const none = await checkTrust({ type: 'basic', verified: true, x5c }, UNLISTED, { mds, at, atSource: 'now' });
    expect(pick(none)).toEqual(['skip', 'the metadata BLOB has no entry for AAGUID 11111111-1111-1111-1111-111111111111 and no trust anchor was given (--trust FILE or --mds FILE): the chain of 2 certificates is not checked, so nobody is known to vouch; AAGUID 11111111-1111-1111-1111-111111111111 is not in the community list', { level: 'unverified-chain' }]);
    const noAaguid = await checkTrust({ type: 'basic', verified: true, x5c }, undefined, { mds, at, atSource: 'now' });
    expect(noAaguid.check.detail.startsWith('the metadata BLOB has no entry for AAGUID (none) and ')).toBe(true);
    const byRoots = await checkTrust({ type: 'basic', verified: true, x5c }, UNLISTED, { mds, roots: [root.der], at, atSource: 'now' });
    expect(byRoots.check.status).toBe('pass');
    expect(byRoots.trust.level).toBe('chain');
  });
});
