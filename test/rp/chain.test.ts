/**
 * verifyChain (core/rp/attestation/chain.ts), which `rp.attestationTrust` reports: an x5c path to a
 * root the RP trusts at a stated time, and each way it can fail with the reason a person reads.
 * Certificates are made in the test (test/rp/pki.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../core/rp/attestation/certificate.js';
import { issuedBy, verifyChain } from '../../core/rp/attestation/chain.js';
import { issue, makeChain, type Issued } from './pki.js';

const P = (i: Issued, where = 'x5c') => parseCertificate(i.der, where);
const NOW = Date.now();
const iso = (t: number | Date) => new Date(t).toISOString().replace(/\.000Z$/, 'Z');

describe('verifyChain', () => {
  it('reaches the root through the intermediate, or from the intermediate alone, or when x5c ends in the root', async () => {
    const { root, inter, leaf } = await makeChain();
    const anchors = [P(root)];
    expect(await verifyChain([P(leaf), P(inter)], anchors, NOW)).toMatchObject({ ok: true, length: 2, anchor: { subject: expect.stringContaining('Proofline Test Root') } });
    expect(await verifyChain([P(inter)], anchors, NOW)).toMatchObject({ ok: true, length: 1 });
    expect(await verifyChain([P(leaf), P(inter), P(root)], anchors, NOW)).toMatchObject({ ok: true, length: 2 });
    // The intermediate itself trusted: the leaf chains to it directly.
    expect(await verifyChain([P(leaf), P(inter)], [P(inter)], NOW)).toMatchObject({ ok: true, length: 1 });
  });

  it('says why not: no anchor, a path that ends, another root, a gap, a non-CA signer', async () => {
    const { root, inter, leaf } = await makeChain();
    const other = await makeChain();
    expect(await verifyChain([P(leaf)], [], NOW)).toEqual({ ok: false, reason: 'no trust anchor was given' });
    expect(await verifyChain([], [P(root)], NOW)).toEqual({ ok: false, reason: 'the path ends without reaching a trust anchor' });
    const lone = await verifyChain([P(leaf)], [P(root)], NOW);
    expect(lone).toEqual({ ok: false, reason: `x5c[0] is issued by ${P(leaf).issuer}, which is neither the next certificate nor a trust anchor` });
    // A root with the intermediate's name but another key: tried, and its failure named.
    const impostor = await issue('CN=Proofline Test Intermediate, O=Proofline Test', { ca: true });
    const tried = await verifyChain([P(leaf)], [P(impostor)], NOW);
    expect(tried.ok).toBe(false);
    expect(!tried.ok && tried.reason).toMatch(/^x5c\[0\] is issued by .+, which is neither the next certificate nor a trust anchor \(anchor .*Proofline Test Intermediate.*: the ecdsa-with-SHA256 signature does not verify with the issuer's key\)$/);
    // The next certificate has the issuer's name but did not sign it.
    const wrongNext = await verifyChain([P(leaf), P(impostor)], [P(root)], NOW);
    expect(!wrongNext.ok && wrongNext.reason).toBe("x5c[0] is not signed by x5c[1]: the ecdsa-with-SHA256 signature does not verify with the issuer's key");
    // A leaf (not a CA) that signs another certificate.
    const notCa = await issue('CN=Not A CA', { ca: false, issuer: inter });
    const below = await issue('CN=Below', { ca: false, issuer: notCa });
    const r = await verifyChain([P(below), P(notCa), P(inter)], [P(root)], NOW);
    expect(!r.ok && r.reason).toBe(`x5c[1] (${P(notCa).subject}) signs x5c[0] but is not a CA (basic constraints)`);
    // …unless that signer is itself a trust anchor.
    expect((await verifyChain([P(below), P(notCa)], [P(notCa)], NOW)).ok).toBe(true);
    expect((await verifyChain([P(leaf), P(inter)], [P(other.root)], NOW)).ok).toBe(false);
  });

  it('judges every certificate and the anchor at the stated time', async () => {
    const { root, inter, leaf } = await makeChain();
    const at = P(leaf).notAfter.getTime() + 1000;
    const late = await verifyChain([P(leaf), P(inter)], [P(root)], at);
    expect(!late.ok && late.reason).toBe(`x5c[0] (${P(leaf).subject}) is not valid at ${iso(at)}: valid ${iso(P(leaf).notBefore)} to ${iso(P(leaf).notAfter)}`);
    expect((await verifyChain([P(leaf), P(inter)], [P(root)], P(leaf).notAfter.getTime())).ok).toBe(true);
    expect((await verifyChain([P(leaf), P(inter)], [P(root)], P(leaf).notBefore.getTime())).ok).toBe(true);
    expect((await verifyChain([P(leaf), P(inter)], [P(root)], P(leaf).notBefore.getTime() - 1)).ok).toBe(false);
    // An anchor that expired before the leaf did.
    const oldRoot = await issue('CN=Old Root', { ca: true, notBefore: new Date(NOW - 90 * 86_400_000), notAfter: new Date(NOW - 86_400_000) });
    const young = await issue('CN=Young Leaf', { ca: false, issuer: oldRoot, notBefore: new Date(NOW - 10 * 86_400_000), notAfter: new Date(NOW + 86_400_000) });
    const expired = await verifyChain([P(young)], [P(oldRoot)], NOW);
    expect(!expired.ok && expired.reason).toBe(`the trust anchor ${P(oldRoot).subject} is not valid at ${iso(NOW)} (${iso(P(oldRoot).notBefore)} to ${iso(P(oldRoot).notAfter)})`);
    const endsInIt = await verifyChain([P(young), P(oldRoot)], [P(oldRoot)], NOW);
    expect(!endsInIt.ok && endsInIt.reason).toMatch(/^the trust anchor .*Old Root.* is not valid at /);
  });

  it('issuedBy names the algorithm it verified, or why it could not', async () => {
    const { root, inter } = await makeChain();
    expect(await issuedBy(P(inter), P(root))).toEqual({ ok: true, why: 'ecdsa-with-SHA256' });
    expect(await issuedBy(P(inter), P(inter))).toEqual({ ok: false, why: "the ecdsa-with-SHA256 signature does not verify with the issuer's key" });
    expect(await issuedBy({ ...P(inter), signatureAlgorithm: '1.2.3.4' }, P(root))).toEqual({ ok: false, why: 'its signature algorithm 1.2.3.4 is not supported' });
  });
});

describe('issuedBy: each kind of certificate signature', () => {
  it('RSA and P-384 issuers; a signature algorithm the issuer\'s key cannot make; an issuer key that cannot be read', async () => {
    const { makeCert, freshKeys } = await import('./attestationCerts.js');
    const { parseCertificate: parse } = await import('../../core/rp/attestation/certificate.js');
    const rsaCa = await makeCert({ kind: 'RSA', subject: 'CN=RSA CA', ca: true });
    const rsaKeys = await freshKeys('RSA');
    const signedByRsa = parse((await makeCert({ subject: 'CN=Leaf', signer: { keys: rsaKeys, kind: 'RSA' } })).der);
    expect(signedByRsa.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    const other = parse(rsaCa.der);
    const r = await issuedBy(signedByRsa, other);
    expect(r.ok).toBe(false);
    expect(r.why).toMatch(/^the sha256WithRSAEncryption signature does not verify with the issuer's key \(.+\)$/);
    const rsaIssuer = { ...other, subjectPublicKey: parse((await makeCert({ kind: 'RSA', keys: rsaKeys })).der).subjectPublicKey };
    expect(await issuedBy(signedByRsa, rsaIssuer)).toEqual({ ok: true, why: 'sha256WithRSAEncryption' });
    // An ECDSA signature needs an EC issuer key.
    const ecLeaf = parse((await makeCert({ subject: 'CN=EC Leaf' })).der);
    expect(await issuedBy(ecLeaf, other)).toEqual({ ok: false, why: 'ecdsa-with-SHA256 needs an EC issuer key, got RSA' });
    // A P-384 issuer signs with ecdsa-with-SHA384.
    const p384Keys = await freshKeys('P-384');
    const by384 = parse((await makeCert({ subject: 'CN=Below 384', signer: { keys: p384Keys, kind: 'P-384' } })).der);
    expect(by384.signatureAlgorithm).toBe('1.2.840.10045.4.3.3');
    const ca384 = parse((await makeCert({ kind: 'P-384', keys: p384Keys })).der);
    expect(await issuedBy(by384, ca384)).toEqual({ ok: true, why: 'ecdsa-with-SHA384' });
    expect(await issuedBy(by384, parse((await makeCert({ kind: 'P-384' })).der))).toEqual({ ok: false, why: "the ecdsa-with-SHA384 signature does not verify with the issuer's key" });
    // An issuer whose key cannot be read: the reason is the reader's.
    expect(await issuedBy(ecLeaf, { ...ca384, spkiAlgorithm: '1.2.3' })).toEqual({ ok: false, why: 'x5c[0]: public key algorithm 1.2.3 is not supported' });
  });
});
