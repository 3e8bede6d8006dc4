import { check, type ActorId } from '../check.js';
import { bytesToHex } from '../codec/bytes.js';
import { defineOp, payload, type EvalState } from './evaluate.js';
import { readJson, strOf } from './payloads.js';

/**
 * The phone: the OS biometric sensor, the platform keystore and the app, as steps. A biometric
 * match is decided by comparing the presented template id with the enrolled one, so it too is
 * recomputed from the recorded bytes.
 */

const SPEC_SENSOR = 'Android BiometricPrompt / iOS LocalAuthentication (local match, boolean result)';
const SPEC_KEYSTORE = 'Android Keystore setUserAuthenticationRequired / iOS SecAccessControl .biometryCurrentSet';

// The OS enrols the user's biometric; the bank never sees it.
function enrol(actor: ActorId) {
  return (step: Parameters<Parameters<typeof defineOp>[1]>[0], state: EvalState) => {
    const t = readJson(step, 'template');
    const id = typeof t === 'string' ? '' : strOf(t, 'templateId') ?? '';
    state.memory.set(`${actor}.template`, id);
    return { checks: [], knowledge: { [actor]: [{ key: 'template', text: `the enrolled biometric template ${id.slice(0, 12)}…` }], server: [{ key: 'biometric', text: 'the user’s biometric', never: true }] } };
  };
}
defineOp('sensor.enroll', enrol('sensor'));
defineOp('keystore.enroll', enrol('keystore'));

// A person presents a finger or face; the match is local to the device.
function match(actor: 'sensor' | 'keystore') {
  return (step: Parameters<Parameters<typeof defineOp>[1]>[0], state: EvalState) => {
    const t = readJson(step, 'presented');
    const presented = typeof t === 'string' ? undefined : strOf(t, 'templateId');
    const enrolled = state.memory.get(`${actor}.template`) as string | undefined;
    const ok = presented !== undefined && presented === enrolled;
    state.memory.set(`${actor}.matched`, ok);
    const spec = actor === 'sensor' ? SPEC_SENSOR : SPEC_KEYSTORE;
    const id = actor === 'sensor' ? 'sensor.match' : 'keystore.userAuthentication';
    if (!ok) state.halted ??= { step: step.index, actor, check: id };
    return {
      checks: [ok
        ? check(id, actor, spec, 'pass', 'the presented biometric matches the enrolled one')
        : check(id, actor, spec, 'fail', `the presented biometric does not match the enrolled one${actor === 'keystore' ? '; the key stays locked' : ''}`)],
      knowledge: { [actor]: [{ key: 'match', text: ok ? 'biometric matched' : 'biometric did not match' }] },
    };
  };
}
defineOp('sensor.match', match('sensor'));
defineOp('keystore.match', match('keystore'));

// The OS tells the app a boolean: all the app (and so the bank) ever learns of the biometric.
defineOp('app.biometricResult', (step) => {
  const r = readJson(step, 'result');
  const ok = typeof r !== 'string' && r.success === true;
  return { checks: [], knowledge: { app: [{ key: 'biometric', text: `the OS said: biometric ${ok ? 'succeeded' : 'failed'} (a boolean)` }] } };
});

// The keystore creates a non-exportable key whose use requires the biometric.
defineOp('keystore.generate', (step) => {
  const pub = payload(step, 'publicKey');
  const policy = readJson(step, 'policy');
  const onTap = typeof policy !== 'string' && policy.userAuthenticationRequired === false;
  return { checks: [], knowledge: { keystore: [{ key: 'key', text: onTap ? 'a non-exportable P-256 private key, usable with no user authentication (any tap, or any code running as the app)' : 'a non-exportable P-256 private key, usable only after a biometric match' }], app: [{ key: 'publicKey', text: `the device public key (${pub ? bytesToHex(pub).slice(0, 16) : '?'}…)` }] } };
});

// The keystore signs the digest it is given; it never sees the action itself.
defineOp('keystore.sign', (step, state) => {
  const matched = state.memory.get('keystore.matched') === true;
  const msg = payload(step, 'signedMessage');
  return {
    checks: [matched
      ? check('keystore.unlock', 'keystore', SPEC_KEYSTORE, 'pass', 'the key was unlocked by a matching biometric before signing')
      : check('keystore.unlock', 'keystore', SPEC_KEYSTORE, 'fail', 'the key signed without a biometric match')],
    knowledge: {
      keystore: [{ key: 'signed', text: `signed ${msg?.length ?? 0} bytes: challenge ‖ SHA-256(action)` }, { key: 'amount', text: 'the amount and payee (only their hash)', never: true }],
      app: [{ key: 'signature', text: 'a DER ECDSA signature from the device key' }],
    },
  };
});

// The bank's policy, recorded as bytes so a re-verification applies the same one.
defineOp('bank.policy', (step, state) => {
  const p = readJson(step, 'policy');
  const guard = typeof p === 'string' ? 'none' : strOf(p, 'replayGuard') ?? 'none';
  state.memory.set('bank.replayGuard', guard);
  return { checks: [], knowledge: { server: [{ key: 'policy', text: `replay guard: ${guard}` }] } };
});

// The new phone holds no device key: keystore keys are non-exportable and are not synced.
defineOp('keystore.noKey', (step, state) => {
  state.halted ??= { step: step.index, actor: 'keystore', check: 'keystore.key' };
  return { checks: [check('keystore.key', 'keystore', 'Android Keystore / Secure Enclave: keys are non-exportable', 'fail', 'this device holds no enrolled approval key: the key stayed on the old phone')], knowledge: { keystore: [{ key: 'key', text: 'no approval key on this device' }] } };
});

// The bank pushes the pending transaction to the user's phone.
defineOp('app.receivePush', (step) => {
  return { checks: [], knowledge: { app: [{ key: `push:${step.index}`, text: 'a push: a transaction awaits approval' }] } };
});
