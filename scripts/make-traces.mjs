// Regenerates the prepared traces in traces/ with the CLI (`npm run traces`). Fixed seed and date,
// so a regeneration changes nothing unless the flows changed. test/traces re-verifies them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { speakerNote } from './speaker-notes.mjs';

const CREATED = '2026-11-24T09:00:00Z';
const SIDE_BY_SIDE = ['--flow', 'webauthn', '--flow', 'biometric-only'];
const BINDINGS = ['--flow', 'webauthn:binding=none', '--flow', 'webauthn:binding=challenge', '--flow', 'webauthn:binding=spc', '--flow', 'device-key'];

const TRACES = [
  ['01-honest', 'honest', SIDE_BY_SIDE, 'Start here: the same approval, two designs',
    'Bob pays 10 EUR to Alice, approving with a passkey (left) and with the bank app’s fingerprint prompt (right). Both succeed. Step through and watch the ledger: on the left the bank proves which key signed and for which site; on the right it only hears the app say “approved”.'],
  ['02-replay', 'replay', SIDE_BY_SIDE, 'Replay: the same proof, sent again',
    'The attacker recorded an earlier approval and sends it for a new transaction it started. The passkey’s signed, single-use challenge stops it at the relying party; the biometric-only approval is just a JSON body, so the bank accepts it.'],
  ['03-phishing-relay', 'phishing-relay', SIDE_BY_SIDE, 'Phishing relay: a look-alike site in the middle',
    'Bob is on https://examp1e-bank.com, which relays the real bank. The browser refuses to use example.com’s passkey on another site. The mobile approval has no idea which site Bob was on: his fingerprint approves the relay’s sign-in, and the relay then approves its own 5000 EUR to Mallory with the session it got.',
    ['The browser refuses: example.com’s passkey does not work on examp1e-bank.com, so the relay gets nothing.', 'Bob approved a sign-in the relay started (step 10: no site, no amount on the prompt); the bank executed 5000.00 EUR to Mallory, which the relay approved itself with that session.']],
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
    'Bob moves to a new phone. His device-bound passkey stays on the old one, so the bank falsely rejects him; record with --option credential=synced to see a synced passkey work (and lose device binding).'],
  ['11-binding-after-approval', 'tx-swap-after-approval', BINDINGS, 'Binding the action: swap after approval',
    'The same swap against four designs: no binding, dynamic linking (challenge = nonce ‖ SHA-256(action)), Secure Payment Confirmation, and a device key signing the action. Only the first pays Mallory.'],
  ['12-binding-before-display', 'tx-swap-before-display', BINDINGS, 'Binding the action: swap before display',
    'The swap happens before Bob sees anything. Dynamic linking and a device key faithfully bind the swapped action he was tricked into approving; only SPC’s browser-drawn dialog shows him the real amount, and he declines.'],
  // DESIGN.md §11.5: the most telling workshop pairs of part two. The last member is a speaker
  // note per run, written on that run's deciding step (notes are the trainer's text, never verified).
  ['13-mfa-fatigue', 'mfa-fatigue', ['--flow', 'push-approval:numberMatching=none', '--flow', 'push-approval:numberMatching=code', '--flow', 'biometric-only', '--flow', 'webauthn'], 'MFA fatigue: the fourth prompt',
    'The attacker knows Bob’s password and keeps signing in. With a plain push Bob gives in at the fourth prompt; with number matching he has no number to type and his guess misses; the biometric-only app takes his own fingerprint for the attacker; no passkey prompt can reach him at all.',
    ['Bob taps Approve on a sign-in he never started: the push carried no way to tell whose screen asked.', 'Number matching: the number was on the attacker’s screen, not Bob’s. His guess misses (1 in 90 hits).', 'His own fingerprint approves the attacker’s sign-in: a biometric proves who tapped, not why.', 'The attacker’s laptop holds no credential for example.com: nothing reaches Bob.']],
  ['14-phishing-relay-codes', 'phishing-relay', ['--flow', 'push-approval:numberMatching=code,approvalKey=signed', '--flow', 'otp:channel=sms,linking=dynamic', '--flow', 'webauthn'], 'Relays carry numbers and codes',
    'Bob is on a look-alike that relays the real bank. The relay shows him the real page’s number, and his dynamically linked SMS names his own payment: both get through. Only origin binding — the browser’s rpId check — stops the relay.',
    ['The number matched: the relay showed Bob the real page’s number. Nothing names the site.', 'The SMS named Bob’s own payment, so the code was right — and the relay submitted it.', 'The browser refuses: example.com’s passkey does not work on examp1e-bank.com.']],
  ['15-sim-swap', 'sim-swap', ['--flow', 'otp:channel=sms,linking=none', '--flow', 'otp:channel=sms,linking=dynamic', '--flow', 'otp:channel=totp', '--flow', 'push-approval'], 'SIM swap: who receives the code',
    'The attacker has Bob’s number moved to its own SIM and signs in. Both SMS variants deliver the code to the attacker — dynamic linking protects what a code means, not who reads it. The TOTP app and the push go to Bob’s phone, not to his number.',
    ['The carrier routed the code to the attacker’s SIM; the bank cannot see which SIM.', 'Dynamic linking: the SMS said “to sign in” — to the attacker.', 'Nothing of TOTP travels by number; the attacker can only guess.', 'The push goes to the app’s push token; Bob declines a sign-in he did not start.']],
  ['16-second-display', 'tx-swap-before-display', ['--flow', 'otp:channel=sms,linking=none', '--flow', 'otp:channel=sms,linking=dynamic', '--flow', 'push-approval', '--flow', 'webauthn:binding=challenge', '--flow', 'webauthn:binding=spc'], 'What you see counts only where malware cannot draw',
    'Browser malware shows 10 EUR to Alice and asks for 5000 EUR to Mallory. A bare SMS code and a dynamically linked WebAuthn challenge approve the swap; the dynamic SMS, the push app and the browser’s SPC dialog show the real amount, and Bob declines.',
    ['A bare code says nothing of the payment: Bob types it.', 'The SMS states 5000 EUR to Mallory: Bob declines.', 'The app fetched the request from the bank and shows 5000 EUR: Bob declines.', 'Dynamic linking binds faithfully what Bob was tricked into approving.', 'The browser’s own dialog shows the real amount: Bob declines.']],
  ['17-byte-tamper-codes', 'byte-tamper', ['--flow', 'otp:channel=sms,linking=none', '--flow', 'otp:channel=sms,linking=dynamic', '--flow', 'otp:channel=totp', '--flow', 'push-approval:approvalKey=signed'], 'Code confusion and a signature that holds',
    'A proxy opens its own transaction and rewrites Bob’s submission. Two bare SMS codes look alike and Bob types the newer — the proxy’s; the dynamic SMS names Mallory, so Bob uses his own code and the MAC fails. A TOTP code fits any transaction; the signed push approval does not.',
    ['Bob typed the most recent code — the proxy’s transaction’s.', 'The server recomputed the MAC over the proxy’s transaction: no match.', 'A TOTP code fits any transaction in its window.', 'The signature was over Bob’s challenge and action, not the proxy’s.']],
  ['18-subdomain-takeover-rp-flaw', 'subdomain-takeover', ['--flow', 'webauthn:rpFlaw=none', '--flow', 'webauthn:rpFlaw=accept-related-origin'], 'A taken-over subdomain and a lax origin check',
    'The attacker claimed promo.example.com. The browser lets it use rpId example.com, so only the relying party’s exact origin check stands between it and Bob’s approval — and 40 of 103 relying parties accept related origins.',
    ['The exact origin list rejects https://promo.example.com.', 'Disabled by configuration: the RP accepted a host under example.com. Breach.']],
  ['19-replay-reuse-challenge', 'replay', ['--flow', 'webauthn:rpFlaw=reuse-challenge', '--flow', 'webauthn:rpFlaw=reuse-challenge,credential=synced'], 'Flaws compound: a reused challenge and a counter',
    'This relying party accepts any challenge it ever issued (22 of 103 do). A device-bound key’s counter still stops the replay; a synced passkey’s counter stays 0, so nothing does — and 57 of 103 ignore counters anyway.',
    ['The counter is a second replay barrier: the replayed assertion carries the stored count.', 'A synced passkey counts nothing: the replay goes through.']],
  ['20-uv-downgrade', 'uv-downgrade', ['--flow', 'webauthn', '--flow', 'webauthn:userVerification=required', '--flow', 'webauthn:userVerification=required,rpFlaw=ignore-uv'], '“preferred” is not a requirement',
    'A thief at Bob’s unlocked laptop asks for a touch only. Under “preferred” the relying party accepts UV=0 — that is the policy. “required” stops it, unless the relying party never looks at the flag (10 of 103).',
    ['UV=0 under “preferred”: accepted by policy.', 'required: UV=0 fails rp.userVerified.', 'Disabled by configuration: the RP never looked at UV.']],
];

mkdirSync('traces', { recursive: true });
for (const f of readdirSync('traces')) if (f.endsWith('.proofline.json')) rmSync(`traces/${f}`);
for (const [name, scenario, flows, title, description, notes] of TRACES) {
  const file = `traces/${name}.proofline.json`;
  const args = ['cli/proofline.mjs', 'record', ...flows, '--scenario', scenario, '--seed', '1', '--created', CREATED, '--title', title, '--description', description, '--out', file];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // Speaker notes on every step (scripts/speaker-notes.mjs); a trace's own sentence for a run's
  // deciding step, where it has one, leads that step's note.
  const trace = JSON.parse(readFileSync(file, 'utf8'));
  trace.runs.forEach((run, i) => {
    const at = run.outcome.step ?? run.steps.length - 1;
    for (const step of run.steps) step.notes = speakerNote(run, step, step.index === at ? notes?.[i] : undefined);
  });
  writeFileSync(file, `${JSON.stringify(trace, null, 2)}\n`);
}
console.log(`wrote ${TRACES.length} traces to traces/`);
