/**
 * A real response opened with "Open response…" and saved as a trace re-verifies from its payloads
 * alone (core/response/replayResponse.ts): the bundle is rebuilt from the bytes and the RP's
 * expectations, verified again with check-response's code, the run built again and compared field
 * by field. Round trips (authentication; registration with no trust input, with roots, with an MDS
 * BLOB, with a capture time), an edit of every display field, corrupted and missing payloads,
 * hostile payloads and the schema's rules for the `response` member.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yubicoVectors from '../vectors/yubico-java-webauthn-server.json';
import { findMoreSuites } from '../vectors/sharedVectors.js';
import { EXPECTED } from '../rp/craft.js';
import { issue, makeChain, mdsBlob, mdsEntry, packedX5cRegistration } from '../rp/pki.js';
import '../../core/flows/all.js';
import { parseBundle } from '../../core/bundle/index.js';
import { openResponse, RESPONSE_STEPS } from '../../core/response/index.js';
import { fromBase64url, toBase64url } from '../../core/codec/base64url.js';
import { bytesToUtf8 } from '../../core/codec/bytes.js';
import type { Run } from '../../core/flows/types.js';
import { createTrace, parseTrace, serializeTrace } from '../../core/trace/trace.js';
import { verifyTrace } from '../../core/trace/verify.js';
import type { TraceJson } from '../../core/trace/schema.js';

type Case = { id: string };
const yubico = yubicoVectors as unknown as Case[];
const NOW = Date.parse('2026-12-02T06:00:00Z');
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

function saved(run: Run): string {
  return serializeTrace(createTrace([run], { title: 'A real response', created: '2026-12-02T06:00:00Z', generator: { name: 'test', version: '0' } }));
}

async function reverify(text: string) {
  return verifyTrace(parseTrace(text));
}

const bundleOf = (json: unknown) => parseBundle(json);

async function authentication(): Promise<Run> {
  return openResponse(bundleOf(yubico.find((c) => c.id === 'yubico/real/YubiKey5/authentication')), 'YubiKey5.json', NOW);
}

async function packedRegistration(): Promise<Run> {
  const text = readFileSync(join(findMoreSuites(), 'webauthn-ruby__security_key_packed_x5c.json'), 'utf8');
  return openResponse(bundleOf(JSON.parse(text)), 'webauthn-ruby__security_key_packed_x5c.json', NOW);
}

async function rootedRegistration(at: string | undefined = 'now'): Promise<Run> {
  const { root, inter, leaf } = await makeChain();
  const reg = await packedX5cRegistration(leaf, [inter], Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex')));
  const { storedSignCount: _unused, ...expected } = EXPECTED;
  return openResponse(
    bundleOf({
      ceremony: 'registration',
      expected,
      trust: { roots: [root.pem], ...(at ? { at } : {}) },
      response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } },
    }),
    'rooted.json',
    NOW,
  );
}

const trustOf = (run: Run) => JSON.parse(bytesToUtf8(run.steps[RESPONSE_STEPS.verify]!.payloads.find((p) => p.name === 'trust')!.bytes)) as Record<string, unknown>;

describe('a saved response re-verifies from its payloads', () => {
  it('an authentication (a YubiKey 5 assertion): the file agrees, and its run is rebuilt', async () => {
    const run = await authentication();
    expect(run.response).toEqual({ name: 'YubiKey5.json' });
    const text = saved(run);
    const json = JSON.parse(text) as TraceJson;
    expect(json.runs[0]!.spec.seed).toBeNull();
    expect(json.runs[0]!.response).toEqual({ name: 'YubiKey5.json' });
    const v = await reverify(text);
    expect(v.disagreements).toEqual([]);
    expect(v.runs[0]!.run.outcome).toEqual(run.outcome);
    expect(v.runs[0]!.run.ledger).toEqual(run.ledger);
    expect(v.runs[0]!.run.steps.map((s) => s.checks)).toEqual(run.steps.map((s) => s.checks));
    // What the RP received is what it holds a receipt of.
    expect(run.steps[RESPONSE_STEPS.response]!.knowledge.rp!.map((k) => k.key)).toEqual(['received:clientDataJSON', 'received:authenticatorData', 'received:signature', 'received:credentialId']);
  });

  it('a registration with no trust input: judged at the time it was opened, which the run states', async () => {
    const run = await packedRegistration();
    expect(trustOf(run)).toEqual({ at: new Date(NOW).toISOString(), atSource: 'stated' });
    expect(run.ledger.find((l) => l.property === 'authenticator-model')!.level).toBe('asserted');
    const v = await reverify(saved(run));
    expect(v.disagreements).toEqual([]);
  });

  it('a registration whose bundle trusts a root "now": attested, at a stated time, and the same on re-verification', async () => {
    const run = await rootedRegistration('now');
    const trust = trustOf(run);
    expect(trust.at).toBe(new Date(NOW).toISOString());
    expect(trust.atSource).toBe('stated');
    expect((trust.roots as string[])[0]).toMatch(/BEGIN CERTIFICATE/);
    expect(run.ledger.find((l) => l.property === 'authenticator-model')!.level).toBe('attested');
    expect(run.steps[RESPONSE_STEPS.verify]!.caption).toMatch(/chain verified to Proofline Test Root at 2026-12-02T06:00:00Z, a root you trust/);
    const v = await reverify(saved(run));
    expect(v.disagreements).toEqual([]);
    expect(v.runs[0]!.run.ledger.find((l) => l.property === 'authenticator-model')!.level).toBe('attested');
  });

  it('a registration judged at the capture time its policy states (policy.attestationTime)', async () => {
    const { root, inter, leaf } = await makeChain();
    const reg = await packedX5cRegistration(leaf, [inter]);
    const { storedSignCount: _unused, ...expected } = EXPECTED;
    const bundle = bundleOf({
      ceremony: 'registration',
      expected,
      policy: { attestationTime: '2026-11-30T12:00:00Z', requireAttestation: true },
      trust: { roots: [root.pem] },
      response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } },
    });
    const run = await openResponse(bundle, 'captured.json', NOW);
    expect(trustOf(run)).toMatchObject({ at: '2026-11-30T12:00:00Z', atSource: 'capture' });
    expect(run.steps[RESPONSE_STEPS.expected]!.payloads.map((p) => p.name)).toEqual(['expected', 'policy']);
    expect(run.steps[RESPONSE_STEPS.verify]!.caption).toMatch(/\(capture time\)/);
    const v = await reverify(saved(run));
    expect(v.disagreements).toEqual([]);
  });

  it('a registration described by an MDS BLOB verified to the FIDO root the user gave', async () => {
    const fidoRoot = await issue('CN=Test FIDO MDS Root', { ca: true });
    const signer = await issue('CN=Test MDS Signer', { ca: false, issuer: fidoRoot });
    const { root, inter, leaf } = await makeChain();
    const aaguid = '01020304-0506-0708-090a-0b0c0d0e0f10';
    const blob = await mdsBlob(signer, [], [mdsEntry(aaguid, 'Test Key 5 NFC', root, [{ status: 'FIDO_CERTIFIED_L2', effectiveDate: '2021-01-01' }])]);
    const reg = await packedX5cRegistration(leaf, [inter], Uint8Array.from(Buffer.from(aaguid.replaceAll('-', ''), 'hex')));
    const { storedSignCount: _unused, ...expected } = EXPECTED;
    const run = await openResponse(
      bundleOf({ ceremony: 'registration', expected, trust: { mds: blob, mdsRoots: [fidoRoot.pem] }, response: { id: b64u(reg.credentialId), rawId: b64u(reg.credentialId), type: 'public-key', response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) } } }),
      'mds.json',
      NOW,
    );
    expect(run.steps[RESPONSE_STEPS.verify]!.caption).toMatch(/Test Key 5 NFC, FIDO L2, chain verified to Proofline Test Root at .* \(MDS\)/);
    const v = await reverify(saved(run));
    expect(v.disagreements).toEqual([]);
  });

  it('a rejected response (its signature tampered) re-verifies as rejected, at the same check', async () => {
    const bad = structuredClone(yubico.find((c) => c.id === 'yubico/real/YubiKey5/authentication')) as unknown as { response: { response: { signature: string } } };
    const sig = bad.response.response.signature;
    bad.response.response.signature = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    const run = await openResponse(bundleOf(bad), 'tampered.json', NOW);
    expect(run.outcome).toMatchObject({ outcome: 'blocked', check: 'rp.signature' });
    const v = await reverify(saved(run));
    expect(v.disagreements).toEqual([]);
    expect(v.runs[0]!.run.outcome).toMatchObject({ outcome: 'blocked', check: 'rp.signature' });
  });

  it("keeps the trainer's notes, which are never verified", async () => {
    const json = JSON.parse(saved(await authentication())) as TraceJson;
    json.runs[0]!.steps[2]!.notes = 'Ask the room: which check would catch a replay?';
    const v = await reverify(JSON.stringify(json));
    expect(v.disagreements).toEqual([]);
    expect(v.runs[0]!.run.steps[2]!.notes).toBe('Ask the room: which check would catch a replay?');
  });
});

describe('every real response of the shared vectors round-trips', () => {
  /** The bundles of test/vectors (172, from five verifiers and the spec) and ../shared/vectors/more-suites (150). */
  function bundles(): { id: string; json: unknown }[] {
    const lists = ['w3c-webauthn-l3.json', 'simplewebauthn.json', 'py_webauthn.json', 'go-webauthn.json', 'yubico-java-webauthn-server.json'];
    const local = lists.flatMap((f) => (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'vectors', f), 'utf8')) as { id: string }[]).map((c) => ({ id: c.id, json: c as unknown })));
    const dir = findMoreSuites();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: { id: string; file: string }[] };
    return [...local, ...manifest.cases.map((c) => ({ id: c.id, json: JSON.parse(readFileSync(join(dir, c.file.replace(/^cases\//, '')), 'utf8')) as unknown }))];
  }

  it('opened, saved and opened again, each re-verifies to the same verdict, checks and ledger', async () => {
    const all = bundles();
    expect(all.length).toBeGreaterThan(300);
    const failed: string[] = [];
    let opened = 0;
    for (const { id, json } of all) {
      let run: Run;
      try {
        run = await openResponse(parseBundle(json), `${id}.json`, NOW);
      } catch {
        continue; // a bundle check-response refuses to read (ERR_BUNDLE) is never opened, so never saved
      }
      opened++;
      const v = await reverify(saved(run));
      const again = v.runs[0]!.run;
      if (!v.agrees || again.outcome.outcome !== run.outcome.outcome || JSON.stringify(again.ledger) !== JSON.stringify(run.ledger)) failed.push(`${id}: ${v.disagreements.map((d) => `${d.path} ${d.what}: ${d.recomputed}`).join('; ').slice(0, 300)}`);
    }
    expect(opened).toBeGreaterThan(300);
    expect(failed).toEqual([]);
  }, 300_000);
});

type Json = TraceJson['runs'][number];
type Edit = [string, (r: Json) => void];

/** Every display-affecting edit of a saved response run: each field of each step, every claim, the run's spec, actors and name. */
function edits(run: Json): Edit[] {
  const out: Edit[] = [];
  for (const [j, s] of run.steps.entries()) {
    out.push([`steps[${j}].label`, (r) => void (r.steps[j]!.label += ' (edited)')]);
    out.push([`steps[${j}].caption`, (r) => void (r.steps[j]!.caption = 'Everything is fine.')]);
    out.push([`steps[${j}].phase`, (r) => void (r.steps[j]!.phase = s.phase === 'verify' ? 'proof' : 'verify')]);
    out.push([`steps[${j}].from`, (r) => void (r.steps[j]!.from = 'attacker')]);
    out.push([`steps[${j}].to`, (r) => void (r.steps[j]!.to = s.to === 'rp' ? 'authn' : 'rp')]);
    out.push([`steps[${j}].op`, (r) => void (r.steps[j]!.op = 'rp.verifyAssertion')]);
    out.push([`steps[${j}].kind`, (r) => void (r.steps[j]!.kind = s.kind === 'local' ? 'message' : 'local')]);
    out.push([`steps[${j}].attacker`, (r) => void (r.steps[j]!.attacker = true)]);
    out.push([`steps[${j}].knowledge added`, (r) => void (r.steps[j]!.knowledge.user = [{ key: 'x', text: 'the user saw the amount' }])]);
    if (s.payloads.length > 0) out.push([`steps[${j}].payloads renamed`, (r) => void (r.steps[j]!.payloads[0]!.name = 'other')]);
    if (s.payloads.length > 0) out.push([`steps[${j}].payloads encoding`, (r) => void (r.steps[j]!.payloads[0]!.encoding = r.steps[j]!.payloads[0]!.encoding === 'text' ? 'binary' : 'text')]);
    for (const [k] of (s.knowledge.rp ?? []).entries()) {
      out.push([`steps[${j}].knowledge.rp[${k}].text`, (r) => void (r.steps[j]!.knowledge.rp![k]!.text += '!')]);
      out.push([`steps[${j}].knowledge.rp[${k}].never`, (r) => void (r.steps[j]!.knowledge.rp![k]!.never = true)]);
    }
    for (const [k, c] of s.checks.entries()) {
      out.push([`steps[${j}].checks[${k}].status`, (r) => void (r.steps[j]!.checks[k]!.status = c.status === 'pass' ? 'fail' : 'pass')]);
      out.push([`steps[${j}].checks[${k}].detail`, (r) => void (r.steps[j]!.checks[k]!.detail += ' (edited)')]);
      out.push([`steps[${j}].checks[${k}].spec`, (r) => void (r.steps[j]!.checks[k]!.spec = 'WebAuthn L3 §1')]);
      out.push([`steps[${j}].checks[${k}].actor`, (r) => void (r.steps[j]!.checks[k]!.actor = 'ua')]);
      out.push([`steps[${j}].checks[${k}] twice`, (r) => void r.steps[j]!.checks.push({ ...c, status: c.status === 'pass' ? 'fail' : 'pass' })]);
      out.push([`steps[${j}].checks[${k}] removed`, (r) => void r.steps[j]!.checks.splice(k, 1)]);
    }
    if (s.checks.length > 1) out.push([`steps[${j}].checks order`, (r) => void r.steps[j]!.checks.reverse()]);
  }
  out.push(['a step added', (r) => void r.steps.push({ ...structuredClone(r.steps[3]!), index: 4 })]);
  out.push(['the last step removed', (r) => void r.steps.pop()]);
  out.push(['outcome.outcome', (r) => void (r.outcome.outcome = r.outcome.outcome === 'ok' ? 'breach' : 'ok')]);
  out.push(['outcome.sentence', (r) => void (r.outcome.sentence += ' (edited)')]);
  out.push(['outcome.actor', (r) => void (r.outcome.actor = 'ua')]);
  out.push(['outcome.check', (r) => void (r.outcome.check = 'rp.origin')]);
  out.push(['outcome.step', (r) => void (r.outcome.step = 1)]);
  for (const [i, l] of run.ledger.entries()) {
    out.push([`ledger[${i}].level`, (r) => void (r.ledger[i]!.level = l.level === 'proven' ? 'absent' : 'proven')]);
    out.push([`ledger[${i}].why`, (r) => void (r.ledger[i]!.why += ' (edited)')]);
    out.push([`ledger[${i}].evidence`, (r) => void (r.ledger[i]!.evidence = [{ step: 1, check: 'rp.signature' }])]);
    out.push([`ledger[${i}] twice`, (r) => void r.ledger.push({ ...l, level: l.level === 'proven' ? 'absent' : 'proven' })]);
    out.push([`ledger[${i}] removed`, (r) => void r.ledger.splice(i, 1)]);
  }
  out.push(['ledger order', (r) => void r.ledger.reverse()]);
  out.push(['actors[0].name', (r) => void (r.actors[0]!.name = 'Chrome')]);
  out.push(['actors[1].role', (r) => void (r.actors[1]!.role = 'expects anything')]);
  out.push(['an actor added', (r) => void r.actors.push({ id: 'attacker', name: 'Mallory', role: 'on path' })]);
  out.push(['spec.scenario', (r) => void (r.spec.scenario = 'replay')]);
  out.push(['spec.options', (r) => void (r.spec.options = { userVerification: 'required' })]);
  out.push(['spec.flow', (r) => void (r.spec.flow = 'device-key')]);
  out.push(['intended', (r) => void (r.intended = { kind: 'payment', amount: { value: '10.00', currency: 'EUR' }, payee: { name: 'Alice', iban: 'DE00' }, reference: 'x' })]);
  out.push(['response.name', (r) => void (r.response!.name = 'another.json')]);
  return out;
}

describe('an edit of a saved response is a disagreement naming the step and field', () => {
  for (const [what, make] of [['authentication', authentication], ['registration with a trusted root', rootedRegistration]] as const) {
    it(`every display field of a ${what}`, async () => {
      const text = saved(await make());
      const base = JSON.parse(text) as TraceJson;
      const missed: string[] = [];
      const list = edits(base.runs[0]!);
      expect(list.length).toBeGreaterThan(100);
      for (const [name, edit] of list) {
        const json = structuredClone(base);
        edit(json.runs[0]!);
        const step = /^steps\[(\d+)\]/.exec(name)?.[1];
        const v = await reverify(JSON.stringify(json));
        // The disagreement names where: the edited step, or the run for its spec, actors, outcome and ledger.
        // A payload the bundle needs, renamed: the run cannot be rebuilt, and the one disagreement names the step and payload.
        const named = (d: { path: string; recomputed: string }) => d.path === `runs[0].steps[${step}]` || (d.path === 'runs[0]' && d.recomputed.includes(`step ${Number(step) + 1} has no payload`));
        const located = step === undefined ? v.disagreements.length > 0 : v.disagreements.some(named);
        if (!located) missed.push(`${name}: ${JSON.stringify(v.disagreements.map((d) => `${d.path} ${d.what}`))}`);
      }
      expect(missed).toEqual([]);
    }, 120_000);
  }

  it('a label edit names its step and field, with what the response rebuilds', async () => {
    const json = JSON.parse(saved(await authentication())) as TraceJson;
    json.runs[0]!.steps[3]!.label = 'Rejected';
    const v = await reverify(JSON.stringify(json));
    expect(v.disagreements).toEqual([{ run: 0, path: 'runs[0].steps[3]', step: 3, what: 'label', recorded: 'Rejected', recomputed: 'Accepted' }]);
  });
});

describe('corrupted, missing and hostile payloads', () => {
  it('a flipped byte anywhere in any payload is detected', async () => {
    for (const make of [authentication, rootedRegistration]) {
      const base = JSON.parse(saved(await make())) as TraceJson;
      const missed: string[] = [];
      for (const [j, s] of base.runs[0]!.steps.entries()) {
        for (const [k, p] of s.payloads.entries()) {
          const n = fromBase64url(p.bytes).length;
          for (const at of [0, n >> 1, n - 1]) {
            const json = structuredClone(base);
            const bytes = fromBase64url(p.bytes);
            bytes[at]! ^= 0x01;
            json.runs[0]!.steps[j]!.payloads[k]!.bytes = toBase64url(bytes);
            const v = await reverify(JSON.stringify(json));
            if (!v.disagreements.some((d) => d.path === `runs[0].steps[${j}]` || d.path === 'runs[0]')) missed.push(`${p.name} byte ${at}`);
          }
        }
      }
      expect(missed).toEqual([]);
    }
  }, 120_000);

  it('a missing payload is one clear disagreement naming the step and the payload', async () => {
    for (const make of [authentication, rootedRegistration]) {
      const base = JSON.parse(saved(await make())) as TraceJson;
      for (const [j, s] of base.runs[0]!.steps.entries()) {
        for (const p of s.payloads) {
          const json = structuredClone(base);
          json.runs[0]!.steps[j]!.payloads = s.payloads.filter((x) => x.name !== p.name);
          const v = await reverify(JSON.stringify(json));
          expect(v.agrees, p.name).toBe(false);
          // A payload the bundle needs: the run cannot be rebuilt, and the one disagreement says which.
          if (v.disagreements.length === 1 && v.disagreements[0]!.what === 're-verification') {
            expect(v.disagreements[0]!.recomputed).toMatch(new RegExp(`step ${j + 1} has no payload .*“${p.name}”`));
          }
        }
      }
    }
  }, 60_000);

  it('the payloads a bundle cannot do without each give that one disagreement', async () => {
    const base = JSON.parse(saved(await authentication())) as TraceJson;
    for (const [j, name] of [[0, 'expected'], [1, 'clientDataJSON'], [1, 'authenticatorData'], [1, 'signature'], [1, 'credentialId'], [2, 'credentialPublicKey']] as const) {
      const json = structuredClone(base);
      json.runs[0]!.steps[j]!.payloads = json.runs[0]!.steps[j]!.payloads.filter((x) => x.name !== name);
      const v = await reverify(JSON.stringify(json));
      expect(v.disagreements.map((d) => d.recomputed)).toEqual([expect.stringMatching(new RegExp(`step ${j + 1} has no payload .*“${name}”`))]);
    }
  });

  it('hostile payloads give a disagreement, never an exception', async () => {
    const base = JSON.parse(saved(await rootedRegistration())) as TraceJson;
    const set = (j: number, name: string, bytes: Uint8Array) => {
      const json = structuredClone(base);
      json.runs[0]!.steps[j]!.payloads.find((p) => p.name === name)!.bytes = toBase64url(bytes);
      return JSON.stringify(json);
    };
    const enc = new TextEncoder();
    const cases: [string, string][] = [
      ['expected: not JSON', set(0, 'expected', enc.encode('{"rpId": '))],
      ['expected: an array', set(0, 'expected', enc.encode('[1,2]'))],
      ['expected: a duplicate key', set(0, 'expected', enc.encode('{"rpId":"a","rpId":"b","origin":"x","challenge":"y"}'))],
      ['expected: deep', set(0, 'expected', enc.encode('['.repeat(5000) + ']'.repeat(5000)))],
      ['trust: an unknown member', set(2, 'trust', enc.encode('{"at":"2026-12-02T06:00:00Z","fetch":"https://mds.fidoalliance.org"}'))],
      ['trust: no time', set(2, 'trust', enc.encode('{"roots":[]}'))],
      ['trust: a root that is no certificate', set(2, 'trust', enc.encode('{"roots":["-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----"],"at":"2026-12-02T06:00:00Z"}'))],
      ['attestationObject: a CBOR bignum', set(1, 'attestationObject', Uint8Array.from([0xc2, 0x5a, 0x00, 0x01, 0x00, 0x00, ...new Uint8Array(65536)]))],
      ['attestationObject: empty', set(1, 'attestationObject', new Uint8Array())],
      ['clientDataJSON: not UTF-8', set(1, 'clientDataJSON', Uint8Array.from([0xff, 0xfe, 0x00]))],
    ];
    for (const [what, text] of cases) {
      const started = performance.now();
      const v = await reverify(text);
      expect(v.agrees, what).toBe(false);
      expect(v.disagreements.length, what).toBeGreaterThan(0);
      expect(performance.now() - started, what).toBeLessThan(5_000);
    }
  }, 60_000);
});

describe('the trace schema for a real response', () => {
  async function json() {
    return JSON.parse(saved(await authentication())) as TraceJson;
  }
  it('refuses a name with control characters, an empty one, or one over 255 characters', async () => {
    for (const name of ['evil\u001b[32m ok.json', '', 'x'.repeat(256)]) {
      const j = await json();
      j.runs[0]!.response!.name = name;
      expect(() => parseTrace(JSON.stringify(j))).toThrow(expect.objectContaining({ code: 'ERR_TRACE_SHAPE', path: 'runs[0].response.name' }));
    }
  });

  it('refuses an unknown member, a seed, and a response that is also captured or a fork', async () => {
    const j1 = await json();
    (j1.runs[0]!.response as Record<string, unknown>).verdict = 'accepted';
    expect(() => parseTrace(JSON.stringify(j1))).toThrow(expect.objectContaining({ code: 'ERR_TRACE_SHAPE', path: 'runs[0].response.verdict' }));
    const j2 = await json();
    j2.runs[0]!.spec.seed = 1;
    expect(() => parseTrace(JSON.stringify(j2))).toThrow(expect.objectContaining({ code: 'ERR_TRACE_SHAPE', path: 'runs[0].spec.seed' }));
    const j3 = await json();
    j3.runs[0]!.capture = { at: '2026-12-02T06:00:00Z', userAgent: 'x', origin: 'http://localhost:1', device: null };
    expect(() => parseTrace(JSON.stringify(j3))).toThrow(expect.objectContaining({ code: 'ERR_TRACE_SHAPE', path: 'runs[0].response' }));
  });

  it('a name the app could not store is kept printable and short (responseName)', async () => {
    const run = await openResponse(bundleOf(yubico.find((c) => c.id === 'yubico/real/YubiKey5/authentication')), 'a\u0007b'.padEnd(400, 'x'), NOW);
    expect(run.response!.name).toMatch(/^a\uFFFDbx+$/);
    expect([...run.response!.name]).toHaveLength(255);
    expect((await reverify(saved(run))).disagreements).toEqual([]);
    // Cut at 255 UTF-16 units without splitting a surrogate pair (the schema's maxLength counts code points, zod units).
    const astral = await openResponse(bundleOf(yubico.find((c) => c.id === 'yubico/real/YubiKey5/authentication')), `${'x'.repeat(254)}😀`, NOW);
    expect(astral.response!.name).toBe('x'.repeat(254));
  });
});
