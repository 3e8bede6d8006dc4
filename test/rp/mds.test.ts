/**
 * Reading a FIDO MDS3 BLOB (core/rp/attestation/mds.ts) and an entry's status: the reason a
 * person reads when a BLOB cannot be used, the entries kept, and the status and certification
 * level `rp.attestationTrust` reports. BLOBs are made and signed in the test (test/rp/pki.ts).
 */
import { describe, expect, it } from 'vitest';
import { aaguidString, BAD_STATUSES, entryStatus, readMdsBlob, type MdsEntry } from '../../core/rp/attestation/mds.js';
import { makeChain, mdsBlob, mdsEntry } from './pki.js';

const b64u = (s: string) => Buffer.from(s).toString('base64url');
const NOW = Date.now();

describe('readMdsBlob', () => {
  it('verifies the signature and the chain to the FIDO root, then keeps entries with an AAGUID and a statement, by lower-case AAGUID', async () => {
    const { root, inter, leaf } = await makeChain();
    const entries = [
      mdsEntry('CB69481E-8FF7-4039-93EC-0A2729A154A8', 'Key A', root, [{ status: 'FIDO_CERTIFIED_L2', effectiveDate: '2024-01-01' }]),
      { aaguid: '00000000-0000-0000-0000-00000000000b', statusReports: [] },
      { metadataStatement: { description: 'no aaguid' }, statusReports: [] },
    ];
    const r = await readMdsBlob(`  ${await mdsBlob(leaf, [inter], entries)}\n`, [root.der], NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.blob.no).toBe(42);
    expect(r.blob.nextUpdate).toBe('2030-01-01');
    expect(r.blob.anchor).toContain('Proofline Test Root');
    expect([...r.blob.entries.keys()]).toEqual(['cb69481e-8ff7-4039-93ec-0a2729a154a8']);
    const e = r.blob.entries.get('cb69481e-8ff7-4039-93ec-0a2729a154a8')!;
    expect(e).toMatchObject({ aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', description: 'Key A', roots: [root.der] });
    expect(e.statusReports).toEqual([{ status: 'FIDO_CERTIFIED_L2', effectiveDate: '2024-01-01' }]);
  });

  it('says why a BLOB cannot be used', async () => {
    const { root, inter, leaf } = await makeChain();
    const good = await mdsBlob(leaf, [inter], []);
    const [h, p, s] = good.split('.');
    const reason = async (jwt: string, roots = [root.der]) => {
      const r = await readMdsBlob(jwt, roots, NOW);
      return r.ok ? 'ok' : r.reason;
    };
    expect(await reason('a.b')).toBe('the BLOB is not a JWT (expected 3 parts, got 2)');
    expect(await reason(`${b64u('{"alg":"ES256"}')}.${p}.${s}`)).toMatch(/^the JWT header has no usable alg and x5c \(/);
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString());
    expect(await reason(`${b64u(JSON.stringify({ ...header, alg: 'HS256' }))}.${p}.${s}`)).toBe('the JWT alg "HS256" is not supported');
    expect(await reason(await mdsBlob(leaf, [inter], [], { corrupt: true }))).toMatch(/^the BLOB's ES256 signature does not verify with its x5c\[0\] \(/);
    const other = (await makeChain()).root;
    expect(await reason(good, [other.der])).toMatch(/^the BLOB's signing chain does not verify to the FIDO root given: x5c\[1\] is issued by /);
    expect(await reason(await mdsBlob(leaf, [inter], [{ aaguid: 5 }]))).toMatch(/^the BLOB payload is not MDS3 \(entries\.0\.aaguid: /);
    expect(await reason(`!.${p}.${s}`)).toMatch(/^the BLOB cannot be read \(/);
    expect(await reason(good)).toBe('ok');
  });
});

describe('entryStatus', () => {
  const entry = (statusReports: MdsEntry['statusReports']): MdsEntry => ({ aaguid: 'x', description: 'd', roots: [], statusReports });
  it('the latest report by date is the status; the best FIDO level is the certification', () => {
    expect(entryStatus(entry([]))).toEqual({ status: undefined, since: undefined, certification: undefined });
    expect(entryStatus(entry([{ status: 'REVOKED', effectiveDate: '2025-02-01' }, { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2023-01-01' }, { status: 'FIDO_CERTIFIED_L2', effectiveDate: '2024-01-01' }]))).toEqual({ status: 'REVOKED', since: '2025-02-01', certification: 'FIDO L2' });
    expect(entryStatus(entry([{ status: 'FIDO_CERTIFIED' }]))).toEqual({ status: 'FIDO_CERTIFIED', since: undefined, certification: 'FIDO L1' });
    expect(entryStatus(entry([{ status: 'FIDO_CERTIFIED_L3plus', effectiveDate: '2020-01-01' }, { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2021-01-01' }])).certification).toBe('FIDO L3plus');
    expect(entryStatus(entry([{ status: 'NOT_FIDO_CERTIFIED', effectiveDate: '2020-01-01' }, { status: 'FIDO_CERTIFIED_Lx' }])).certification).toBeUndefined();
    expect(entryStatus(entry([{ status: 'UPDATE_AVAILABLE', effectiveDate: '2024-01-01' }, { status: 'FIDO_CERTIFIED', effectiveDate: '2023-01-01' }])).status).toBe('UPDATE_AVAILABLE');
  });
  it('the statuses that forbid trust, and the AAGUID as MDS writes it', () => {
    expect([...BAD_STATUSES].sort()).toEqual(['ATTESTATION_KEY_COMPROMISE', 'REVOKED', 'USER_KEY_PHYSICAL_COMPROMISE', 'USER_KEY_REMOTE_COMPROMISE', 'USER_VERIFICATION_BYPASS']);
    expect(aaguidString(Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex')))).toBe('cb69481e-8ff7-4039-93ec-0a2729a154a8');
    expect(aaguidString(new Uint8Array(16).fill(0x0a))).toBe('0a0a0a0a-0a0a-0a0a-0a0a-0a0a0a0a0a0a');
  });
});

describe('readMdsBlob with an RSA signer', () => {
  it('verifies an RS256 BLOB as it is (only ECDSA signatures are converted from r ‖ s)', async () => {
    const { makeCert, signWith } = await import('./attestationCerts.js');
    const signer = await makeCert({ kind: 'RSA', subject: 'CN=Test Attestation CA', ca: true });
    const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const header = b({ alg: 'RS256', x5c: [Buffer.from(signer.der).toString('base64')] });
    const payload = b({ no: 7, nextUpdate: '2030-01-01', entries: [] });
    const sig = Buffer.from(await signWith(signer.keys, new TextEncoder().encode(`${header}.${payload}`))).toString('base64url');
    const r = await readMdsBlob(`${header}.${payload}.${sig}`, [signer.der], NOW);
    expect(r).toMatchObject({ ok: true, blob: { no: 7, anchor: 'CN=Test Attestation CA' } });
    const wrong = await readMdsBlob(`${header}.${payload}.${sig.slice(0, -4)}AAAA`, [signer.der], NOW);
    expect(!wrong.ok && wrong.reason).toMatch(/^the BLOB's RS256 signature does not verify with its x5c\[0\] \(/);
  });
});
