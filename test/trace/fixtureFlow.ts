/**
 * A tiny test-only flow, registered under the id `biometric-only` (flow ids are a closed union),
 * so the trace format can be recorded and re-verified without the real flows. Its ops are named
 * `fixture.*`. Real ed25519 signatures; one option (`replayGuard`) so option sets exist.
 * Import it only in test files that do not import core/index.ts (that registers the real flows).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { check, type CheckResult } from '../../core/check.js';
import { canonicalAction, type Action } from '../../core/codec/action.js';
import { bytesToHex, bytesToUtf8, concatBytes, equalBytes } from '../../core/codec/bytes.js';
import { defineOp, payload, type EvalState, type StepView } from '../../core/ops/evaluate.js';
import { registerFlow } from '../../core/flows/registry.js';
import type { FlowOptions, LedgerEntry, Step } from '../../core/flows/types.js';

const mem = <T>(state: EvalState, key: string): T | undefined => state.memory.get(key) as T | undefined;

defineOp('fixture.enroll', (step: StepView, state) => {
  const pk = payload(step, 'publicKey');
  const ok = pk !== undefined && pk.length === 32;
  if (ok) state.memory.set('publicKey', pk);
  return { checks: [check('server.enrolKey', 'server', 'fixture §1', ok ? 'pass' : 'fail', ok ? 'a 32-byte Ed25519 key' : 'not a 32-byte key')], knowledge: {} };
});

defineOp('fixture.challenge', (step, state) => {
  const c = payload(step, 'challenge');
  if (c) state.memory.set('pending', c);
  return { checks: [], knowledge: { server: [{ key: 'pending', text: `pending challenge ${c ? bytesToHex(c) : 'none'}` }] } };
});

defineOp('fixture.sign', (step) => {
  const d = payload(step, 'signedData') ?? new Uint8Array();
  return { checks: [], knowledge: { app: [{ key: 'signed', text: `signed ${bytesToHex(sha256(d))}` }] } };
});

defineOp('fixture.submit', (step, state) => {
  const checks: CheckResult[] = [];
  const c = payload(step, 'challenge');
  const a = payload(step, 'action');
  const sig = payload(step, 'signature');
  const pending = mem<Uint8Array>(state, 'pending');
  const used = mem<Set<string>>(state, 'used') ?? new Set<string>();
  const cOk = c !== undefined && pending !== undefined && equalBytes(c, pending);
  checks.push(check('server.challenge', 'server', 'fixture §2', cOk ? 'pass' : 'fail', cOk ? 'the pending challenge' : 'not the pending challenge'));
  let action: Action | undefined;
  try {
    action = a ? (JSON.parse(bytesToUtf8(a)) as Action) : undefined;
  } catch {
    action = undefined;
  }
  const pk = mem<Uint8Array>(state, 'publicKey');
  let sOk = false;
  try {
    sOk = !!(pk && c && a && sig && ed25519.verify(sig, concatBytes(c, sha256(a)), pk));
  } catch {
    sOk = false;
  }
  checks.push(check('server.signature', 'server', 'fixture §3', sOk ? 'pass' : 'fail', sOk ? 'valid Ed25519 signature' : 'invalid signature'));
  if (mem<boolean>(state, 'guard') && c) {
    const fresh = !used.has(bytesToHex(c));
    checks.push(check('server.txState', 'server', 'fixture §4', fresh ? 'pass' : 'fail', fresh ? 'first use' : 'already used'));
    if (!fresh) sOk = false;
  }
  if (c) used.add(bytesToHex(c));
  state.memory.set('used', used);
  if (cOk && sOk && action) state.executions.push({ action, step: step.index, by: 'server', tainted: step.attacker ? 'submission' : false });
  return { checks, knowledge: {} };
});

defineOp('fixture.guard', (step, state) => {
  const g = payload(step, 'guard');
  state.memory.set('guard', g !== undefined && g[0] === 1);
  return { checks: [], knowledge: { server: [{ key: 'guard', text: `${g && g[0] === 1 ? 'tx-state' : 'none'} (byte ${g ? bytesToHex(g) : '-'})` }] } };
});

function ledger(steps: readonly Step[], _state: EvalState, _options: FlowOptions): LedgerEntry[] {
  const sig = [...steps].reverse().find((s) => s.checks.some((c) => c.id === 'server.signature'));
  const c = sig?.checks.find((x) => x.id === 'server.signature');
  return [
    { property: 'key-possession', level: c ? (c.status === 'pass' ? 'proven' : 'failed') : 'absent', evidence: sig ? [{ step: sig.index, check: 'server.signature' }] : [], why: c ? c.detail : 'no signature' },
    { property: 'freshness', level: 'absent', evidence: [], why: 'fixture' },
  ];
}

registerFlow({
  id: 'biometric-only',
  title: 'Fixture flow',
  summary: 'Test-only flow for the trace format.',
  actors: [
    { id: 'server', name: 'Server', role: 'verifier' },
    { id: 'app', name: 'App', role: 'prover' },
  ],
  options: [{ key: 'replayGuard', values: ['none', 'tx-state'], description: 'replay guard' }],
  async simulate(rec, ctx) {
    const { secretKey, publicKey } = ed25519.keygen(ctx.rng.bytes(32));
    rec.secrets.push({ actor: 'app', label: 'fixture key', alg: 'EdDSA', secretKey });
    await rec.step({ phase: 'enroll', from: 'app', to: 'server', label: 'enrol', caption: 'The app enrols its key.', op: 'fixture.enroll', payloads: [{ name: 'publicKey', encoding: 'binary', bytes: publicKey }] });
    await rec.step({ phase: 'enroll', from: 'server', label: 'guard', caption: 'The server sets its replay guard.', op: 'fixture.guard', payloads: [{ name: 'guard', encoding: 'binary', bytes: new Uint8Array([ctx.options.replayGuard === 'tx-state' ? 1 : 0]) }] });
    const challenge = ctx.rng.bytes(16);
    const actionBytes = canonicalAction(ctx.intended);
    await rec.step({ phase: 'challenge', from: 'server', to: 'app', label: 'challenge', caption: 'The server sends a challenge.', op: 'fixture.challenge', payloads: [{ name: 'challenge', encoding: 'binary', bytes: challenge }, { name: 'action', encoding: 'json', bytes: actionBytes }] });
    const signed = concatBytes(challenge, sha256(actionBytes));
    await rec.step({ phase: 'proof', from: 'app', label: 'sign', caption: 'The app signs.', op: 'fixture.sign', payloads: [{ name: 'signedData', encoding: 'binary', bytes: signed }] });
    const signature = ed25519.sign(signed, secretKey);
    if (ctx.scenario.id === 'forged-approval') {
      const evil = canonicalAction(ctx.attackerAction);
      await rec.step({ phase: 'submit', from: 'attacker', to: 'server', label: 'forged', caption: 'The attacker forges.', op: 'fixture.submit', attacker: true, payloads: [{ name: 'challenge', encoding: 'binary', bytes: challenge }, { name: 'action', encoding: 'json', bytes: evil }, { name: 'signature', encoding: 'binary', bytes: ctx.rng.bytes(64) }] });
      return;
    }
    const submit = [{ name: 'challenge', encoding: 'binary' as const, bytes: challenge }, { name: 'action', encoding: 'json' as const, bytes: actionBytes }, { name: 'signature', encoding: 'binary' as const, bytes: signature }];
    await rec.step({ phase: 'submit', from: 'app', to: 'server', label: 'submit', caption: 'The app submits.', op: 'fixture.submit', payloads: submit });
    if (ctx.scenario.id === 'replay') {
      await rec.step({ phase: 'submit', from: 'attacker', to: 'server', label: 'replay', caption: 'The attacker replays.', op: 'fixture.submit', attacker: true, payloads: submit });
    }
  },
  ledger,
});
