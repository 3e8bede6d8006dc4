// Speaker notes for the prepared traces (issue 12 item 8): one per step, written for a trainer —
// what to point at, what to ask the room, and which seed idea (/work/shared/seeds/) the step shows.
// Built from the step itself (who sends what to whom, its payloads and failed checks) and its
// phase; `make-traces.mjs` writes them into each step's `notes`. Notes are the trainer's text: the
// re-verification never reads them.

/** The three seed ideas the workshop is built on. */
const SEED = {
  possession: 'Seed idea — proof of possession: a signature over fresh bytes proves the key was there; a message that only says “approved” proves nothing.',
  uv: 'Seed idea — passkey user verification: the UV flag is the authenticator’s word that it checked a PIN or biometric; the RP proves who holds the key, not who the user is.',
  scope: 'Seed idea — what the assertion proves: key, site (rpIdHash, origin) and challenge; not the amount or payee unless something binds them in.',
};

/** Per phase: what to ask the room, and which seed idea it shows. */
const PHASE = {
  enroll: { ask: 'Ask: what does the server keep after this step — a secret, or only a public key?', seed: SEED.possession },
  challenge: { ask: 'Ask: who chose this value, and who will be able to check that it comes back unchanged?', seed: SEED.possession },
  display: { ask: 'Ask: who drew what the user sees here — could malware on this screen have drawn it?', seed: SEED.scope },
  gesture: { ask: 'Ask: what does the touch or fingerprint unlock — and who learns that it happened?', seed: SEED.uv },
  proof: { ask: 'Ask: which bytes are under the signature here, and which are only carried beside it?', seed: SEED.scope },
  submit: { ask: 'Ask: could someone between the device and the server change this message without anyone noticing?', seed: SEED.possession },
  verify: { ask: 'Ask: which of these checks could the server not do without the public key it stored?', seed: SEED.possession },
  decide: { ask: 'Ask: what exactly did the server execute, and is it what the user meant to approve?', seed: SEED.scope },
};

/**
 * The note for one step of a run: point at the arrow (or box) and its payloads, name a failed
 * check or an attacker's hand, ask the phase's question, and name the seed idea. `decisive` (the
 * trace's own sentence for the deciding step) comes first where there is one.
 */
export function speakerNote(run, step, decisive) {
  const who = (id) => run.actors.find((a) => a.id === id)?.name ?? (id === 'attacker' ? 'the attacker' : id);
  const where = step.from === step.to ? `the box on ${who(step.from)}’s lifeline` : `the arrow from ${who(step.from)} to ${who(step.to)}`;
  const payloads = step.payloads.map((p) => p.name);
  const point = `Point at ${where}, “${step.label}”${payloads.length ? ` — it carries ${payloads.join(', ')}; open it in the inspector` : ''}.`;
  const failed = step.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  const marks = [
    step.attacker ? 'The attacker does this step: ask the room who could notice.' : '',
    failed.length ? `✗ ${failed.join(', ')} fails here: read its detail aloud — this is where it is stopped.` : '',
    run.outcome.step === step.index && run.outcome.outcome === 'breach' ? 'Breach: show the executed action beside what Bob approved — that difference is what the attacker gained.' : '',
  ].filter(Boolean);
  const phase = PHASE[step.phase] ?? PHASE.decide;
  return [decisive ?? '', point, ...marks, phase.ask, phase.seed].filter(Boolean).join(' ');
}
