/**
 * Test-only, hand-made runs for the renderer's component tests: small, stable, and independent
 * of the real flows (which the browser tests exercise). Bytes are real encodings built with
 * core's codecs, so the inspector decodes them as it would a recorded run.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeAuthenticatorData } from '../../core/codec/authenticatorData.js';
import { toBase64url } from '../../core/codec/base64url.js';
import { utf8ToBytes, concatBytes } from '../../core/codec/bytes.js';
import { buildClientDataJSON } from '../../core/codec/clientData.js';
import { encodeCoseKey } from '../../core/codec/cose.js';
import { createRandom } from '../../core/crypto/random.js';
import { specRef } from '../../core/rp/specTable.js';
import { generateKeyPair, signMessage } from '../../core/crypto/sign.js';
import { INTENDED_ACTION } from '../../core/flows/runs.js';
import { PROPERTIES, type LedgerEntry, type Run, type Step } from '../../core/flows/types.js';
import type { ViewDeps } from '../../renderer/src/store/types.js';
import type { FlowOptions } from '../../core/flows/types.js';
import type { Matrix } from '../../core/matrix/index.js';
import type { ForkChange, ForkResult } from '../../core/fork/index.js';
import type { HostBridge } from '../../renderer/src/host/HostBridge.js';

type StepInit = Omit<Step, 'index' | 'kind' | 'checks' | 'knowledge' | 'payloads'> & Partial<Pick<Step, 'checks' | 'knowledge' | 'payloads'>>;

function steps(inits: StepInit[]): Step[] {
  return inits.map((s, index) => ({ checks: [], knowledge: {}, payloads: [], ...s, index, kind: s.from === s.to ? 'local' : 'message' }));
}

function ledger(levels: Partial<Record<(typeof PROPERTIES)[number], [LedgerEntry['level'], number | null]>>): LedgerEntry[] {
  return PROPERTIES.map((property) => {
    const [level, step] = levels[property] ?? ['absent', null];
    return { property, level, evidence: step === null ? [] : [{ step }], why: `${property} is ${level} in the fixture` };
  });
}

const rpIdHash = sha256(utf8ToBytes('example.com'));
const key = generateKeyPair('ES256', createRandom('fixture'));
export const fixtureAuthData = encodeAuthenticatorData({ rpIdHash, flags: { up: true, uv: true }, signCount: 7 });
export const fixtureClientData = buildClientDataJSON({ type: 'webauthn.get', challenge: toBase64url(new Uint8Array(32).fill(9)), origin: 'https://example.com' });
export const fixtureSignature = signMessage(key, concatBytes(fixtureAuthData, sha256(fixtureClientData)));

/** A WebAuthn-like run: enroll ×2, challenge ×1, proof ×2, verify ×1, decide ×1. */
export function webauthnFixture(): Run {
  return {
    flow: 'webauthn',
    scenario: 'honest',
    options: { userVerification: 'preferred', uvAvailable: true, credential: 'device-bound', binding: 'none' },
    seed: 1,
    intended: INTENDED_ACTION,
    actors: [
      { id: 'user', name: 'Alice', role: 'User' },
      { id: 'ua', name: 'Browser', role: 'User agent' },
      { id: 'authn', name: 'Authenticator', role: 'Platform authenticator' },
      { id: 'rp', name: 'Relying party', role: 'Verifier' },
    ],
    steps: steps([
      { phase: 'enroll', from: 'rp', to: 'ua', label: 'Creation options', caption: 'The RP asks for a credential.', op: 'fx', knowledge: { ua: [{ key: 'options', text: 'creation options' }] } },
      { phase: 'enroll', from: 'authn', to: 'rp', label: 'Attestation', caption: 'The authenticator returns a new public key.', op: 'fx', payloads: [{ name: 'credentialPublicKey', encoding: 'cose', bytes: encodeCoseKey(key.publicKey) }], knowledge: { rp: [{ key: 'credential', text: 'the credential public key' }] } },
      { phase: 'challenge', from: 'rp', to: 'ua', label: 'Request options', caption: 'The RP sends a fresh challenge.', op: 'fx', knowledge: { ua: [{ key: 'challenge', text: 'challenge 0909…' }] } },
      {
        phase: 'proof',
        from: 'ua',
        to: 'authn',
        label: 'authenticatorGetAssertion',
        caption: 'The browser asks the authenticator to sign.',
        op: 'fx',
        payloads: [{ name: 'clientDataJSON', encoding: 'json', bytes: fixtureClientData }],
        knowledge: { authn: [{ key: 'clientDataHash', text: 'SHA-256 of clientDataJSON' }, { key: 'amount', text: 'the amount and payee', never: true }] },
      },
      {
        phase: 'proof',
        from: 'authn',
        to: 'ua',
        label: 'Assertion',
        caption: 'The authenticator signs.',
        op: 'fx',
        payloads: [
          { name: 'authenticatorData', encoding: 'binary', bytes: fixtureAuthData },
          { name: 'signature', encoding: 'der', bytes: fixtureSignature },
        ],
        knowledge: { authn: [{ key: 'signed', text: 'signed authenticatorData ‖ clientDataHash' }] },
      },
      {
        phase: 'verify',
        from: 'rp',
        to: 'rp',
        label: 'Verify assertion',
        caption: 'The RP runs every check.',
        op: 'fx',
        checks: [
          { id: 'rp.challenge', actor: 'rp', spec: specRef('rp.challenge', 'authentication'), status: 'pass', detail: 'challenge matches the one issued' },
          { id: 'rp.signature', actor: 'rp', spec: specRef('rp.signature', 'authentication'), status: 'pass', detail: 'ES256 signature valid over authenticatorData ‖ SHA-256(clientDataJSON)' },
          { id: 'rp.payment', actor: 'rp', spec: 'SPC §4.3', status: 'skip', detail: 'not a payment.get ceremony' },
        ],
      },
      { phase: 'decide', from: 'rp', to: 'rp', label: 'Execute?', caption: 'The RP executes the payment.', op: 'fx', checks: [{ id: 'rp.execute', actor: 'rp', spec: 'Proofline', status: 'pass', detail: 'executed 10.00 EUR to Alice' }] },
    ]),
    outcome: { outcome: 'ok', actor: null, check: null, step: 6, sentence: 'OK: “10.00 EUR to Alice” was approved by the legitimate user and executed.' },
    ledger: ledger({ 'user-presence': ['attested', 5], 'key-possession': ['proven', 5], freshness: ['proven', 5] }),
  };
}

/** A biometric-only-like run: enroll ×1, challenge ×2, gesture ×1, proof ×1, submit ×1 (attacker), decide ×1. */
export function biometricFixture(): Run {
  return {
    flow: 'biometric-only',
    scenario: 'honest',
    options: { replayGuard: 'none' },
    seed: 1,
    intended: INTENDED_ACTION,
    actors: [
      { id: 'user', name: 'Alice', role: 'User' },
      { id: 'app', name: 'Mobile app', role: 'Bank app' },
      { id: 'sensor', name: 'OS biometric', role: 'Fingerprint' },
      { id: 'server', name: 'Bank server', role: 'Verifier' },
    ],
    steps: steps([
      { phase: 'enroll', from: 'server', to: 'app', label: 'Session issued', caption: 'The app gets a session.', op: 'fx' },
      { phase: 'challenge', from: 'app', to: 'server', label: 'POST /transactions', caption: 'The app starts a payment.', op: 'fx' },
      { phase: 'challenge', from: 'server', to: 'app', label: '201 Created', caption: 'The server answers.', op: 'fx' },
      { phase: 'gesture', from: 'user', to: 'sensor', label: 'Biometric', caption: 'Alice touches the sensor.', op: 'fx' },
      { phase: 'proof', from: 'sensor', to: 'app', label: 'Biometric result', caption: 'The OS says success: a boolean.', op: 'fx', knowledge: { app: [{ key: 'result', text: 'success = true' }], sensor: [{ key: 'amount', text: 'the amount', never: true }] } },
      { phase: 'submit', from: 'app', to: 'server', label: 'POST /approvals', caption: 'The app submits the approval.', op: 'fx', attacker: true, payloads: [{ name: 'request', encoding: 'json', bytes: utf8ToBytes('{"txId":"tx-1","approved":true,"biometricVerified":true}') }] },
      { phase: 'decide', from: 'server', to: 'server', label: 'Execute?', caption: 'The server executes.', op: 'fx' },
    ]),
    outcome: { outcome: 'breach', actor: null, check: null, step: 6, sentence: 'Breach: the attacker got “5000.00 EUR to Mallory” accepted by the bank server.' },
    ledger: ledger({ 'user-verification': ['asserted', 5] }),
  };
}

export function fakeHost(overrides: Partial<HostBridge> = {}): HostBridge {
  return {
    openTrace: async () => null,
    saveTrace: async () => true,
    listPreparedTraces: async () => [],
    loadPreparedTrace: async (name) => {
      throw new Error(`no prepared trace ${name}`);
    },
    exportFile: async () => true,
    ...overrides,
  };
}

/** Dependencies for a test store: runs come from the fixtures, traces are JSON lists of flows. */
export function fakeDeps(overrides: Partial<ViewDeps> = {}): ViewDeps {
  return {
    host: fakeHost(),
    recordRun: async (spec) => ({ ...(spec.flow === 'webauthn' ? webauthnFixture() : biometricFixture()), scenario: spec.scenario, seed: spec.seed, options: spec.options }),
    traces: {
      parse(text) {
        const v: unknown = JSON.parse(text);
        if (!Array.isArray(v)) throw new Error('not a fixture trace');
        return v;
      },
      async verify(trace) {
        const flows = trace as string[];
        return { title: `Fixture: ${flows.join(' vs ')}`, description: 'A hand-made trace.', runs: flows.map((flow) => ({ run: flow === 'webauthn' ? webauthnFixture() : biometricFixture(), disagreements: [] })) };
      },
      serialize: (runs) => JSON.stringify(runs.map((r) => r.flow)),
    },
    computeMatrix: async (options) => fixtureMatrix(options),
    forkRun: async (run, at, change, opts = {}) => fixtureFork(run, at, change, opts.of ?? 0),
    ...overrides,
  };
}

/** A two-column, two-row matrix in the shape core/matrix returns. */
export function fixtureMatrix(options: FlowOptions = {}): Matrix {
  return {
    options,
    seed: 1,
    columns: [
      { id: 'webauthn/challenge', title: 'webauthn · challenge', flow: 'webauthn', options: { ...options, binding: 'challenge' } },
      { id: 'biometric-only', title: 'biometric-only', flow: 'biometric-only', options: {} },
    ],
    rows: [
      { scenario: 'honest', cells: [{ column: 'webauthn/challenge', outcome: 'ok', actor: null, check: null, sentence: 'OK' }, { column: 'biometric-only', outcome: 'ok', actor: null, check: null, sentence: 'OK' }] },
      {
        scenario: 'replay',
        cells: [
          { column: 'webauthn/challenge', outcome: 'blocked', actor: 'rp', check: 'rp.challenge', sentence: 'Blocked by the relying party' },
          { column: 'biometric-only', outcome: 'breach', actor: null, check: null, sentence: 'Breach' },
        ],
      },
    ],
  };
}

/** A what-if fork in the shape core/fork returns: the signature check now fails and the run is blocked. */
export function fixtureFork(run: Run, at: number, change: ForkChange, of: number): ForkResult {
  const steps = run.steps.map((s) => (s.index === 5 ? { ...s, checks: s.checks.map((c) => (c.id === 'rp.signature' ? { ...c, status: 'fail' as const, detail: 'signature invalid' } : c)) } : s));
  return {
    run: { ...run, steps, outcome: { outcome: 'blocked', actor: 'rp', check: 'rp.signature', step: 5, sentence: 'Blocked by the relying party at rp.signature.' }, fork: { of, at, change } },
    changedSteps: [at],
    droppedSteps: [],
    changedChecks: [{ step: 5, id: 'rp.signature', before: 'pass', after: 'fail', detail: 'signature invalid' }],
    changedLedger: [{ property: 'key-possession', before: 'proven', after: 'failed', why: 'the signature does not verify' }],
  };
}
