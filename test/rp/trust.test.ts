// Trust as a choice (WebAuthn L3 §7.1 steps 23–24): self or none, a chain verified to a root you
// trust at a stated time, a FIDO metadata entry — with roots, chains and an MDS BLOB made here.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundle, verifyBundle } from '../../core/bundle/index.js';
import { authenticatorModelLine } from '../../core/rp/modelLine.js';
import { readMdsBlob } from '../../core/rp/attestation/mds.js';
import { pemCertificates } from '../../core/rp/attestation/pem.js';
import { verifyRegistration } from '../../core/rp/verifyRegistration.js';
import { hexToBytes } from '../../core/codec/bytes.js';
import { EXPECTED, craftRegistration } from './craft.js';
import { issue, makeChain, mdsBlob, mdsEntry, packedX5cRegistration } from './pki.js';
import { findMoreSuites } from '../vectors/sharedVectors.js';

const NOW = Date.now();
const trustOf = (r: Awaited<ReturnType<typeof verifyRegistration>>) => r.checks.find((c) => c.id === 'rp.attestationTrust')!;
const AAGUID = 'cb69481e-8ff7-4039-93ec-0a2729a154a8'; // YubiKey 5 Series (community list)
const aaguidBytes = (s: string) => hexToBytes(s.replace(/-/g, ''));

describe('self or none: nobody vouches', () => {
  it('packed self and none skip the trust step, naming the level', async () => {
    for (const fmt of ['packed', 'none'] as const) {
      const r = await verifyRegistration(craftRegistration({ fmt }), EXPECTED, { trust: { at: NOW, atSource: 'now' } });
      expect(trustOf(r)).toMatchObject({ status: 'skip', spec: 'WebAuthn L3 §7.1 steps 23–24', detail: expect.stringMatching(/nobody vouches/) });
      expect(r.info.trust?.level).toBe(fmt === 'none' ? 'none' : 'self');
      expect(r.verdict).toBe('accepted');
    }
  });
});

describe('a chain verified to a root you trust, at a stated time', () => {
  it('verifies x5c through the intermediate to the root given, and says when', async () => {
    const { root, inter, leaf } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter], aaguidBytes(AAGUID));
    const r = await verifyRegistration(reg, EXPECTED, { trust: { roots: [root.der], at: NOW, atSource: 'now' } });
    expect(r.verdict).toBe('accepted');
    expect(trustOf(r)).toMatchObject({ status: 'pass', detail: expect.stringMatching(/chain verified at .* \(now\) to a root you trust: CN=Proofline Test Root/) });
    expect(r.info.trust).toMatchObject({ level: 'chain', anchor: expect.stringContaining('Proofline Test Root'), atSource: 'now', model: { name: expect.stringMatching(/YubiKey 5/), source: 'aaguid-list' } });
    // Without a root, the chain is not checked and only the AAGUID's claim names the model.
    const bare = await verifyRegistration(reg, EXPECTED);
    expect(trustOf(bare)).toMatchObject({ status: 'skip', detail: expect.stringMatching(/no trust anchor was given.*claims to be "YubiKey 5/) });
    expect(bare.info.trust?.level).toBe('unverified-chain');
  });

  it('fails a chain to another root, an expired certificate now, and passes it at the capture time', async () => {
    const { root, inter, leaf } = await makeChain({ leafNotAfter: new Date(NOW - 10 * 86_400_000) });
    const other = await issue('CN=Someone Else Root', { ca: true });
    const reg = await packedX5cRegistration(leaf, [inter]);
    const wrong = await verifyRegistration(reg, EXPECTED, { trust: { roots: [other.der], at: NOW - 20 * 86_400_000, atSource: 'stated' } });
    expect(trustOf(wrong)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/neither the next certificate nor a trust anchor/) });
    expect(wrong.verdict).toBe('rejected');
    const expired = await verifyRegistration(reg, EXPECTED, { trust: { roots: [root.der], at: NOW, atSource: 'now' } });
    expect(trustOf(expired)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/x5c\[0\] .* is not valid at .*: valid .* to /) });
    const then = await verifyRegistration(reg, EXPECTED, { trust: { roots: [root.der], at: NOW - 20 * 86_400_000, atSource: 'capture' } });
    expect(trustOf(then)).toMatchObject({ status: 'pass', detail: expect.stringMatching(/\(the capture time\)/) });
  });

  it('fails a chain whose intermediate is not a CA', async () => {
    const root = await issue('CN=Root', { ca: true });
    const notCa = await issue('CN=Not a CA', { ca: false, issuer: root });
    const leaf = await issue('C=SE, O=V, OU=Authenticator Attestation, CN=K', { ca: false, issuer: notCa });
    const r = await verifyRegistration(await packedX5cRegistration(leaf, [notCa]), EXPECTED, { trust: { roots: [root.der], at: NOW, atSource: 'now' } });
    expect(trustOf(r)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/is not a CA/) });
  });
});

describe('described by metadata (an MDS3 BLOB verified to the FIDO root the user gives)', () => {
  async function setup(opts: { corrupt?: boolean } = {}) {
    const fidoRoot = await issue('CN=Test FIDO MDS Root', { ca: true });
    const signer = await issue('CN=Test MDS Signer', { ca: false, issuer: fidoRoot });
    const { root, inter, leaf } = await makeChain();
    const revoked = '11111111-2222-3333-4444-555555555555';
    const entries = [
      mdsEntry(AAGUID, 'Test Key 5 NFC', root, [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2020-01-01' }, { status: 'FIDO_CERTIFIED_L2', effectiveDate: '2021-01-01' }]),
      mdsEntry(revoked, 'Revoked Test Key', root, [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2020-01-01' }, { status: 'REVOKED', effectiveDate: '2023-05-01' }]),
    ];
    const blob = await mdsBlob(signer, [], entries, opts);
    return { fidoRoot, blob, root, inter, leaf, revoked };
  }

  it('names the model, its certification level and the root its chain verifies to', async () => {
    const { fidoRoot, blob, inter, leaf } = await setup();
    const mds = await readMdsBlob(blob, [fidoRoot.der], NOW);
    expect(mds.ok).toBe(true);
    const r = await verifyRegistration(await packedX5cRegistration(leaf, [inter], aaguidBytes(AAGUID)), EXPECTED, { trust: { mds, at: NOW, atSource: 'now' } });
    expect(trustOf(r)).toMatchObject({ status: 'pass', detail: expect.stringMatching(/described by metadata: "Test Key 5 NFC", FIDO L2, status FIDO_CERTIFIED_L2; x5c verified at .* to its root CN=Proofline Test Root.*MDS BLOB no\. 42/) });
    expect(r.info.trust).toMatchObject({ level: 'metadata', model: { name: 'Test Key 5 NFC', source: 'metadata' }, certification: 'FIDO L2' });
  });

  it('fails a REVOKED entry', async () => {
    const { fidoRoot, blob, inter, leaf, revoked } = await setup();
    const mds = await readMdsBlob(blob, [fidoRoot.der], NOW);
    const r = await verifyRegistration(await packedX5cRegistration(leaf, [inter], aaguidBytes(revoked)), EXPECTED, { trust: { mds, at: NOW, atSource: 'now' } });
    expect(trustOf(r)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/got REVOKED since 2023-05-01 for "Revoked Test Key"/) });
    expect(r.verdict).toBe('rejected');
  });

  it('refuses a BLOB with a bad signature, or one not chained to the FIDO root given', async () => {
    const bad = await setup({ corrupt: true });
    const m1 = await readMdsBlob(bad.blob, [bad.fidoRoot.der], NOW);
    expect(m1).toMatchObject({ ok: false, reason: expect.stringMatching(/signature does not verify/) });
    const good = await setup();
    const stranger = await issue('CN=Not the FIDO root', { ca: true });
    expect(await readMdsBlob(good.blob, [stranger.der], NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify to the FIDO root given/) });
    expect(await readMdsBlob('not.a.jwt!', [good.fidoRoot.der], NOW)).toMatchObject({ ok: false });
    const r = await verifyRegistration(await packedX5cRegistration(bad.leaf, [bad.inter], aaguidBytes(AAGUID)), EXPECTED, { trust: { mds: m1, at: NOW, atSource: 'now' } });
    expect(trustOf(r)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/metadata BLOB .* signature does not verify/) });
  });
});

describe('real certificates from the vectors', () => {
  it('a YubiKey packed x5c registration: chain unchecked without roots, the model only claimed; a foreign root fails', async () => {
    const bundle: unknown = JSON.parse(readFileSync(join(findMoreSuites(), 'webauthn-ruby__security_key_packed_x5c.json'), 'utf8'));
    const r = await verifyBundle(bundle);
    expect(r.verdict).toBe('accepted');
    const t = r.checks.find((c) => c.id === 'rp.attestationTrust')!;
    expect(t.status).toBe('skip');
    const other = await issue('CN=Not Yubico', { ca: true });
    const f = await verifyBundle(bundle, { trust: { roots: pemCertificates(other.pem, 'test') } });
    expect(f.checks.find((c) => c.id === 'rp.attestationTrust')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Yubico/) });
  });
});

describe('check-response --trust / --mds / --at', () => {
  const run = promisify(execFile);
  const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'proofline-trust-'));
  const cli = (...args: string[]) =>
    run(process.execPath, ['cli/proofline.mjs', 'check-response', ...args], { cwd: ROOT }).then(
      (x) => ({ code: 0, out: x.stdout, err: x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );
  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
  }, 60_000);

  it('takes PEM roots and an MDS BLOB from files, and states the time', async () => {
    const fidoRoot = await issue('CN=Test FIDO MDS Root', { ca: true });
    const signer = await issue('CN=Test MDS Signer', { ca: false, issuer: fidoRoot });
    const { root, inter, leaf } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter], aaguidBytes(AAGUID));
    const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
    const bundle = { ceremony: 'registration', expected: EXPECTED, response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } } };
    const f = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const file = f('reg.json', JSON.stringify(bundle));
    const rootPem = f('root.pem', root.pem);
    const trusted = await cli(file, '--trust', rootPem, '--json');
    expect(trusted.code).toBe(0);
    expect((JSON.parse(trusted.out) as { checks: { id: string; status: string; detail: string }[] }).checks.find((c) => c.id === 'rp.attestationTrust')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/\(now\) to a root you trust/) });
    const later = await cli(file, '--trust', rootPem, '--at', '2099-01-01T00:00:00Z');
    expect(later.code).toBe(1);
    expect(later.out).toMatch(/FAIL\s+rp\.attestationTrust .*2099-01-01T00:00:00Z \(the stated time\).*not valid at 2099-01-01T00:00:00Z/);
    const blob = f('blob.jwt', await mdsBlob(signer, [], [mdsEntry(AAGUID, 'Test Key 5 NFC', root, [{ status: 'FIDO_CERTIFIED_L2', effectiveDate: '2021-01-01' }])]));
    const described = await cli(file, '--mds', blob, '--mds-root', f('fido.pem', fidoRoot.pem));
    expect(described.code).toBe(0);
    expect(described.out).toMatch(/PASS\s+rp\.attestationTrust .*described by metadata: "Test Key 5 NFC", FIDO L2/);
    const noRoot = await cli(file, '--mds', blob);
    expect(noRoot.code).toBe(2);
    expect(noRoot.err).toMatch(/--mds needs --mds-root/);
    const notPem = await cli(file, '--trust', file);
    expect(notPem.code).toBe(2);
    expect(notPem.err.trim().split('\n')).toHaveLength(1);
    expect(notPem.err).toMatch(/--trust .*reg\.json: has no PEM certificate/);
  }, 120_000);
});

describe('a bundle carries its trust inputs, and the model line says how much is known', () => {
  it('re-verifies with the roots it carries; a root that is not PEM is ERR_BUNDLE', async () => {
    const { root, inter, leaf } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter], aaguidBytes(AAGUID));
    const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
    const bundle = { ceremony: 'registration', expected: EXPECTED, response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } } };
    const bare = await verifyBundle(bundle);
    expect(bare.ceremony === 'registration' && authenticatorModelLine(bare.info.trust)).toBe('claims to be YubiKey 5 Series (AAGUID; its certificate chain is not checked against a root)');
    const carried = await verifyBundle({ ...bundle, trust: { roots: [root.pem], at: '2026-12-01T00:00:00Z' } });
    expect(carried.checks.find((c) => c.id === 'rp.attestationTrust')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/2026-12-01T00:00:00Z \(the stated time\)/) });
    expect(carried.ceremony === 'registration' && authenticatorModelLine(carried.info.trust)).toMatch(/^claims to be YubiKey 5 Series; chain verified to Proofline Test Root at 2026-12-01T00:00:00Z, a root you trust$/);
    expect(() => parseBundle({ ...bundle, trust: { roots: ['not pem'] } })).toThrow(/\$\.trust\.roots\[0\]: has no PEM certificate/);
    expect(() => parseBundle({ ...bundle, trust: { mds: 'a.b.c' } })).toThrow(/\$\.trust\.mds: needs mdsRoots/);
    const self = await verifyBundle(JSON.parse(readFileSync(join(findMoreSuites(), 'fido2-lib__registration__packed-self.json'), 'utf8')));
    expect(self.ceremony === 'registration' && authenticatorModelLine(self.info.trust)).toMatch(/self attestation/);
  });
});
