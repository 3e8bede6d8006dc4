/**
 * Trust inputs carried by a trace (the `trust` payload of the registration's rp.verifyRegistration
 * step, docs/trace-format.md): a captured registration with a packed x5c chain re-verifies to the
 * same verdict from the file alone, and changing the roots, the time or the BLOB is a disagreement.
 * Hostile trust payloads are a failed check, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../core/authenticator/index.js';
import { CaptureSession, captureTrace } from '../../core/capture/index.js';
import { fromBase64url, toBase64url } from '../../core/codec/base64url.js';
import { createRandom } from '../../core/crypto/random.js';
import '../../core/flows/all.js';
import { parseTrace, serializeTrace, verifyTrace } from '../../core/trace/index.js';
import { createCredential, registrationToJSON } from '../../core/ua/index.js';
import type { TrustTexts } from '../../core/rp/attestation/trustInputs.js';
import { issue, makeChain, mdsBlob, mdsEntry, withPackedX5c, type Issued } from '../rp/pki.js';

const PORT = 49153;
const ORIGIN = `http://localhost:${PORT}`;
const CAPTURED = new Date('2026-12-01T10:00:00Z');
const YUBIKEY_5 = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
const aaguid = Uint8Array.from(Buffer.from(YUBIKEY_5.replace(/-/g, ''), 'hex'));

/** A capture session whose authenticator answers with a packed x5c chain by `leaf`, the RP trusting `trust`. */
async function captured(leaf: Issued, chain: Issued[], trust?: TrustTexts) {
  const rng = createRandom('trust inputs');
  const session = new CaptureSession(PORT, { random: (n) => rng.fork('rp').bytes(n), now: () => CAPTURED, ...(trust ? { trust } : {}) });
  const device = createAuthenticator({ rng: rng.fork('authn'), name: 'key', aaguid });
  const o = session.registerOptions({ userVerification: 'preferred', binding: 'none' }).body.publicKey as { challenge: string; user: { id: string } };
  const created = createCredential(device, { origin: ORIGIN, publicKey: { challenge: fromBase64url(o.challenge), rp: { id: 'localhost', name: 'x' }, user: { id: fromBase64url(o.user.id), name: 'x', displayName: 'x' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], userVerification: 'preferred', attestation: 'direct' } });
  if (created.status !== 'ok') throw new Error(created.message);
  const json = registrationToJSON(created.credential);
  const ao = await withPackedX5c(fromBase64url(json.response.attestationObject), fromBase64url(json.response.clientDataJSON), leaf, chain);
  const reply = await session.register({ ...json, response: { ...json.response, attestationObject: toBase64url(ao) } }, 'Mozilla/5.0 Chrome/131.0');
  session.finish();
  const result = (await captureTrace(session, { random: (n) => rng.fork('attacker').bytes(n), created: '2026-12-01T10:01:00Z', generator: { name: 'test', version: '0' } }))!;
  return { reply, text: serializeTrace(result.trace) };
}

const run0 = (text: string) => parseTrace(text).runs[0]!;
const trustCheck = (text: string) => run0(text).steps.flatMap((s) => s.checks).find((c) => c.id === 'rp.attestationTrust')!;
const model = (text: string) => run0(text).ledger.find((l) => l.property === 'authenticator-model')!;

/** The trace with its trust payload rewritten by `edit` (the payload is JSON, stored as base64url). */
function editTrust(text: string, edit: (t: Record<string, unknown>) => void): string {
  const json = JSON.parse(text) as { runs: { steps: { op: string; payloads: { name: string; bytes: string }[] }[] }[] };
  for (const run of json.runs) {
    for (const step of run.steps) {
      const p = step.op === 'rp.verifyRegistration' ? step.payloads.find((x) => x.name === 'trust') : undefined;
      if (!p) continue;
      const t = JSON.parse(Buffer.from(p.bytes, 'base64url').toString('utf8')) as Record<string, unknown>;
      edit(t);
      p.bytes = Buffer.from(JSON.stringify(t)).toString('base64url');
    }
  }
  return JSON.stringify(json);
}

describe('a trace carries the trust inputs its registration was judged with', () => {
  it('a chain verified to a root you trust: the trace re-verifies to the same verdict, and another root, time or a junk root is a disagreement', async () => {
    const { root, inter, leaf } = await makeChain();
    const { reply, text } = await captured(leaf, [inter], { roots: [root.pem] });
    expect(reply.body.verdict).toBe('accepted');
    // Recorded: the chain verified at the capture time, the model attested.
    expect(trustCheck(text)).toMatchObject({ status: 'pass', detail: expect.stringMatching(/chain verified at 2026-12-01T10:00:00Z \(the capture time\) to a root you trust: CN=Proofline Test Root/) });
    expect(model(text)).toMatchObject({ level: 'attested', why: expect.stringMatching(/claims to be YubiKey 5 Series; chain verified to Proofline Test Root at 2026-12-01T10:00:00Z \(capture time\)/) });
    // The file alone reproduces it: same checks, same ledger.
    const again = await verifyTrace(parseTrace(text));
    expect(again.disagreements).toEqual([]);

    // Another root: the chain no longer verifies — the recorded pass is disputed, and the ledger with it.
    const other = await issue('CN=Someone Else Root', { ca: true });
    const swapped = await verifyTrace(parseTrace(editTrust(text, (t) => (t.roots = [other.pem]))));
    expect(swapped.disagreements.map((d) => d.what)).toEqual(expect.arrayContaining(['check rp.attestationTrust', 'ledger authenticator-model']));
    expect(swapped.runs[0]!.run.ledger.find((l) => l.property === 'authenticator-model')!.level).toBe('failed');

    // Another time, after the certificates expire: the same bytes are judged otherwise.
    const later = await verifyTrace(parseTrace(editTrust(text, (t) => (t.at = '2099-01-01T00:00:00Z'))));
    expect(later.disagreements.find((d) => d.what === 'check rp.attestationTrust')?.recomputed).toMatch(/not valid at 2099-01-01/);

    // Without the trust inputs, the chain is not checked and the model is only claimed.
    const bare = await verifyTrace(parseTrace(editTrust(text, (t) => delete t.roots)));
    expect(bare.runs[0]!.run.ledger.find((l) => l.property === 'authenticator-model')!.level).toBe('asserted');

    // A root that is not PEM: a failed check that says where, never an exception.
    const junk = await verifyTrace(parseTrace(editTrust(text, (t) => (t.roots = ['not a certificate']))));
    expect(junk.runs[0]!.run.steps.flatMap((s) => s.checks).find((c) => c.id === 'rp.trustInputs')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/trust\.roots\[0\].*no PEM certificate/) });
    expect(junk.agrees).toBe(false);
  }, 60_000);

  it('metadata: an MDS BLOB and its FIDO root travel in the trace; a BLOB for another root is a disagreement', async () => {
    const fidoRoot = await issue('CN=Test FIDO MDS Root', { ca: true });
    const signer = await issue('CN=Test MDS Signer', { ca: false, issuer: fidoRoot });
    const { root, inter, leaf } = await makeChain();
    const blob = await mdsBlob(signer, [], [mdsEntry(YUBIKEY_5, 'Test Key 5 NFC', root, [{ status: 'FIDO_CERTIFIED_L2', effectiveDate: '2021-01-01' }])]);
    const { text } = await captured(leaf, [inter], { mds: blob, mdsRoots: [fidoRoot.pem] });
    expect(model(text)).toMatchObject({ level: 'attested', why: expect.stringMatching(/^Test Key 5 NFC, FIDO L2, chain verified to Proofline Test Root .* \(MDS\)/) });
    expect((await verifyTrace(parseTrace(text))).disagreements).toEqual([]);
    const otherFido = await issue('CN=Another FIDO Root', { ca: true });
    const swapped = await verifyTrace(parseTrace(editTrust(text, (t) => (t.mdsRoots = [otherFido.pem]))));
    expect(swapped.disagreements.find((d) => d.what === 'check rp.attestationTrust')?.recomputed).toMatch(/^fail: .*signing chain does not verify to the FIDO root given/);
  }, 60_000);

  it('refuses hostile trust payloads by their size caps and shape, as a failed check', async () => {
    const { root, inter, leaf } = await makeChain();
    const { text } = await captured(leaf, [inter], { roots: [root.pem] });
    const cases: [string, (t: Record<string, unknown>) => void, RegExp][] = [
      ['too many roots', (t) => (t.roots = Array.from({ length: 33 }, () => root.pem)), /roots .*at most 32|roots.*<=32|Too big/i],
      ['a BLOB over 8 MiB', (t) => { t.mds = 'x'.repeat(8 * 1024 * 1024 + 1); t.mdsRoots = [root.pem]; }, /mds .*Too big|mds.*8388608/i],
      ['an unknown member', (t) => (t.pinned = true), /unknown member "pinned"/],
      ['no stated time', (t) => delete t.at, /at /],
      ['a BLOB without its FIDO root', (t) => (t.mds = 'a.b.c'), /needs mdsRoots/],
    ];
    for (const [name, edit, why] of cases) {
      const v = await verifyTrace(parseTrace(editTrust(text, edit)));
      const c = v.runs[0]!.run.steps.flatMap((s) => s.checks).find((x) => x.id === 'rp.trustInputs');
      expect(c, name).toMatchObject({ status: 'fail' });
      expect(c!.detail, name).toMatch(why);
    }
  }, 120_000);
});
