// Regenerates the prepared traces in traces/ with the CLI (`npm run traces`). Fixed seed and date,
// so a regeneration changes nothing unless the flows changed. test/traces re-verifies them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';

const CREATED = '2026-11-24T09:00:00Z';
const SIDE_BY_SIDE = ['--flow', 'webauthn', '--flow', 'biometric-only'];
const BINDINGS = ['--flow', 'webauthn:binding=none', '--flow', 'webauthn:binding=challenge', '--flow', 'webauthn:binding=spc', '--flow', 'device-key'];

const TRACES = [
  ['01-honest', 'honest', SIDE_BY_SIDE, 'Start here: the same approval, two designs',
    'Bob pays 10 EUR to Alice, approving with a passkey (left) and with the bank app’s fingerprint prompt (right). Both succeed. Step through and watch the ledger: on the left the bank proves which key signed and for which site; on the right it only hears the app say “approved”.'],
  ['02-replay', 'replay', SIDE_BY_SIDE, 'Replay: the same proof, sent again',
    'The attacker recorded an earlier approval and sends it for a new transaction it started. The passkey’s signed, single-use challenge stops it at the relying party; the biometric-only approval is just a JSON body, so the bank accepts it.'],
  ['03-phishing-relay', 'phishing-relay', SIDE_BY_SIDE, 'Phishing relay: a look-alike site in the middle',
    'Bob is on https://examp1e-bank.com, which relays the real bank. The browser refuses to use example.com’s passkey on another site; the mobile approval has no idea which site Bob was on.'],
  ['04-forged-approval', 'forged-approval', SIDE_BY_SIDE, 'Forged approval: calling the API without the device',
    'With a stolen session token the attacker calls the bank directly. Without Bob’s private key the WebAuthn signature fails; the biometric-only API has nothing to check but the token.'],
  ['05-tx-swap-after-approval', 'tx-swap-after-approval', SIDE_BY_SIDE, 'The submission gap: swapped after approval',
    'Malware changes 10 EUR to Alice into 5000 EUR to Mallory after the user approved. A plain passkey assertion does not cover the amount, and neither does the mobile approval: both banks pay Mallory. See 11-binding-after-approval for the fixes.'],
  ['06-tx-swap-before-display', 'tx-swap-before-display', SIDE_BY_SIDE, 'What you see is not what you sign',
    'Malware shows Bob the honest payment while the bank is asked to approve the swapped one. Only a surface the malware cannot draw on would let Bob notice; see 12-binding-before-display.'],
  ['07-stolen-unlocked-device', 'stolen-unlocked-device', SIDE_BY_SIDE, 'A stolen, unlocked phone',
    'The thief holds Bob’s unlocked phone but not his finger. The authenticator refuses to sign without user verification; the phone’s OS refuses the fingerprint too — but on the right the bank only ever hears a boolean.'],
  ['08-cloned-authenticator', 'cloned-authenticator', SIDE_BY_SIDE, 'A cloned key and its counter',
    'The credential key was copied to another device. The device-bound passkey’s signature counter lags behind and the relying party rejects it as a possible clone; the mobile approval has no counter and no key to clone — copying the session is enough.'],
  ['09-byte-tamper', 'byte-tamper', SIDE_BY_SIDE, 'Tampering in transit',
    'An on-path proxy rewrites the approval so it points at its own transaction. Every byte of the WebAuthn assertion is under the signature; the biometric-only approval has no integrity of its own.'],
  ['10-synced-new-device', 'synced-new-device', SIDE_BY_SIDE, 'A new phone (benign)',
    'Bob moves to a new phone. Her device-bound passkey stays on the old one, so the bank falsely rejects him; record with --option credential=synced to see a synced passkey work (and lose device binding).'],
  ['11-binding-after-approval', 'tx-swap-after-approval', BINDINGS, 'Binding the action: swap after approval',
    'The same swap against four designs: no binding, dynamic linking (challenge = nonce ‖ SHA-256(action)), Secure Payment Confirmation, and a device key signing the action. Only the first pays Mallory.'],
  ['12-binding-before-display', 'tx-swap-before-display', BINDINGS, 'Binding the action: swap before display',
    'The swap happens before Bob sees anything. Dynamic linking and a device key faithfully bind the swapped action he was tricked into approving; only SPC’s browser-drawn dialog shows him the real amount, and he declines.'],
];

mkdirSync('traces', { recursive: true });
for (const f of readdirSync('traces')) if (f.endsWith('.proofline.json')) rmSync(`traces/${f}`);
for (const [name, scenario, flows, title, description] of TRACES) {
  const args = ['cli/proofline.mjs', 'record', ...flows, '--scenario', scenario, '--seed', '1', '--created', CREATED, '--title', title, '--description', description, '--out', `traces/${name}.proofline.json`];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`wrote ${TRACES.length} traces to traces/`);
