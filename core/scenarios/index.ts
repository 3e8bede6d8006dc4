import type { Property, ScenarioId } from '../flows/types.js';

/** What a scenario is, independent of any flow. Whether it wins is decided by the checks, never here. */
export interface ScenarioInfo {
  readonly id: ScenarioId;
  readonly title: string;
  /** True for an attack; false for a legitimate use (honest, synced-new-device). */
  readonly attack: boolean;
  /** Who does what, in one or two sentences. */
  readonly summary: string;
  /** The property the attack goes after; a breach sentence cites the ledger's entry for it. */
  readonly targets?: Property;
  /** What the attacker wants executed: a payment (the default) or being signed in (DESIGN.md §9.1). */
  readonly attackerAction?: 'payment' | 'sign-in';
}

/** The scenarios of DESIGN.md §2. */
export const SCENARIOS: readonly ScenarioInfo[] = [
  { id: 'honest', title: 'Honest approval', attack: false, summary: 'The legitimate user approves the action they intended, on their own device.' },
  { id: 'replay', title: 'Replay', attack: true, targets: 'freshness', summary: 'An attacker recorded an earlier legitimate proof and submits it for a new transaction the attacker started, editing any unsigned field freely.' },
  { id: 'phishing-relay', title: 'Phishing relay', attack: true, targets: 'origin-binding', summary: 'The user is on a look-alike origin (https://examp1e-bank.com) that relays the real site’s login and approval.' },
  { id: 'forged-approval', title: 'Forged approval', attack: true, targets: 'key-possession', summary: 'With a compromised app or a stolen session token, the attacker calls the server’s API directly, without the user’s device key or biometric.' },
  { id: 'tx-swap-after-approval', title: 'Swap after approval', attack: true, targets: 'action-binding', summary: 'Malware between proof and submission swaps the action (10 EUR to Alice → 5000 EUR to Mallory): the submission gap.' },
  { id: 'tx-swap-before-display', title: 'Swap before display', attack: true, targets: 'action-binding', summary: 'Malware shows the user the honest action but asks for approval of the swapped one. The user declines only if a surface the malware cannot control shows the real action.' },
  { id: 'stolen-unlocked-device', title: 'Stolen unlocked device', attack: true, targets: 'user-verification', summary: 'An attacker holds the user’s unlocked device, but not the user’s biometric or PIN.' },
  { id: 'cloned-authenticator', title: 'Cloned authenticator', attack: true, targets: 'clone-detection', summary: 'The credential’s private key was extracted and is used from another device whose counter lags.' },
  { id: 'byte-tamper', title: 'Byte tamper', attack: true, targets: 'key-possession', summary: 'An on-path attacker rewrites the user’s proof in transit so that it approves the attacker’s own pending transaction instead.' },
  { id: 'synced-new-device', title: 'New device via sync', attack: false, summary: 'Benign: the legitimate user approves from their new phone, reached through passkey sync.' },
  { id: 'mfa-fatigue', title: 'MFA fatigue', attack: true, targets: 'origin-binding', attackerAction: 'sign-in', summary: 'The attacker knows the user’s password and starts up to four sign-ins from its own browser; each one puts the flow’s second step in front of the user, who gives in after three unsolicited prompts.' },
  { id: 'sim-swap', title: 'SIM swap', attack: true, targets: 'device-binding', attackerAction: 'sign-in', summary: 'The attacker knows the password and talks the carrier into moving the user’s number to its own SIM, then signs in: whatever goes to the number now reaches the attacker.' },
  { id: 'subdomain-takeover', title: 'Subdomain takeover', attack: true, targets: 'origin-binding', summary: 'Like the phishing relay, but from https://promo.example.com: a dangling DNS record for a retired campaign site, claimed on the hosting provider. The browser lets that origin use rpId example.com.' },
  { id: 'silent-assertion', title: 'Silent assertion', attack: true, targets: 'user-presence', summary: 'Malware on the user’s computer talks CTAP2 to the plugged-in security key with up=false, for a transaction it opened with the browser session, and writes clientDataJSON itself: the key signs with no gesture (UP=0, UV=0).' },
  { id: 'uv-downgrade', title: 'UV downgrade', attack: true, targets: 'user-verification', summary: 'A thief at the user’s unlocked laptop calls navigator.credentials.get() from the bank’s own page with userVerification "discouraged"; the authenticator asks only for a touch.' },
];

/** Look up a scenario. */
export function scenarioInfo(id: ScenarioId): ScenarioInfo {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new RangeError(`"scenario" expected one of ${SCENARIOS.map((x) => x.id).join(', ')}, got ${String(id)}`);
  return s;
}
