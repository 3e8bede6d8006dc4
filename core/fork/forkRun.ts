import { sha256 } from '@noble/hashes/sha2.js';
import type { CheckStatus } from '../check.js';
import { canonicalAction, parseAction, type Action } from '../codec/action.js';
import { FLAG } from '../codec/authenticatorData.js';
import { bytesToHex, bytesToUtf8, readU32, u32, utf8ToBytes } from '../codec/bytes.js';
import type { EvalState } from '../ops/evaluate.js';
import { jsonBytes } from '../ops/payloads.js';
import { judgeSteps, reevaluateSteps } from '../flows/runs.js';
import { assertionExpectations, rpMemory } from '../ops/rp.js';
import { RP_FLAWS, type RpFlaw } from '../rp/flaws.js';
import type { FlowOptions, Payload, Run, Step } from '../flows/types.js';
import { FORK_FLAGS, FORK_KINDS, type ChangedCheck, type ChangedLedgerEntry, type ForkableChange, type ForkChange, type ForkFlag, type ForkResult } from './types.js';

/** Said after the caption of every step a fork rewrote. */
export const FORK_CAPTION_SUFFIX = '(changed in this what-if)';

/** The op whose `expected` payload is the RP's own record of its inputs (core/flows/webauthn.ts). */
const VERIFY_ASSERTION_OP = 'rp.verifyAssertion';

/** The op that records the WebAuthn RP's configuration (its `policy` payload names the rpFlaw). */
const RP_POLICY_OP = 'rp.policy';

/**
 * Where a value the user types travels: the op where it is typed (a top-level member of its
 * payload) and the op that submits it (a member of the request's `body`). A fork at the typed step
 * changes both, as a different keystroke would; a fork at the submission changes only what is sent.
 */
const TYPED: Readonly<Record<'number' | 'code', { typed: string; submit: string }>> = {
  number: { typed: 'app.tap', submit: 'bank.receivePushApproval' },
  code: { typed: 'ua.enterCode', submit: 'bank.receiveOtp' },
};

const FLAG_BITS: Record<ForkFlag, number> = { UP: FLAG.UP, UV: FLAG.UV, BE: FLAG.BE, BS: FLAG.BS };

/** A JSON object payload, or undefined. */
function jsonObject(p: Payload): Record<string, unknown> | undefined {
  if (p.encoding !== 'json') return undefined;
  try {
    const v: unknown = JSON.parse(bytesToUtf8(p.bytes));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Where an action sits in a JSON payload: the whole payload (`intent`), `body.action` or a top-level `action`. */
type ActionSite = { where: 'whole' | 'body' | 'top'; json: Record<string, unknown>; action: Action };

function actionSite(p: Payload): ActionSite | undefined {
  const json = jsonObject(p);
  if (!json) return undefined;
  if (p.name === 'intent') {
    const a = parseAction(json);
    return typeof a === 'string' ? undefined : { where: 'whole', json, action: a };
  }
  const body = json.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'action' in body) {
    const a = parseAction((body as Record<string, unknown>).action);
    return typeof a === 'string' ? undefined : { where: 'body', json, action: a };
  }
  if ('action' in json) {
    const a = parseAction(json.action);
    return typeof a === 'string' ? undefined : { where: 'top', json, action: a };
  }
  return undefined;
}

function authenticatorData(step: Step): Payload[] {
  return step.payloads.filter((p) => p.name === 'authenticatorData' && p.bytes.length >= 37);
}

function clientData(step: Step): { payload: Payload; json: Record<string, unknown> }[] {
  return step.payloads.flatMap((p) => {
    if (p.name !== 'clientDataJSON') return [];
    const json = jsonObject(p);
    return json ? [{ payload: p, json }] : [];
  });
}

/** The index of the run's RP policy step, when the flow has one (WebAuthn). */
function policyIndex(run: Pick<Run, 'steps'>): number | undefined {
  const i = run.steps.findIndex((s) => s.op === RP_POLICY_OP && s.payloads.some((p) => p.name === 'policy'));
  return i < 0 ? undefined : i;
}

/** The rpFlaw a policy payload names (absent or unknown: none, as the RP reads it). */
function policyFlaw(json: Record<string, unknown>): RpFlaw {
  return (RP_FLAWS as readonly string[]).includes(String(json.rpFlaw)) ? (json.rpFlaw as RpFlaw) : 'none';
}

/** A typed value's member in a payload: top-level at the typed op, in `body` at the submission. */
function typedSite(step: Step, p: Payload, kind: 'number' | 'code'): { json: Record<string, unknown>; inBody: boolean; value: string } | undefined {
  const json = jsonObject(p);
  if (!json) return undefined;
  if (step.op === TYPED[kind].typed && typeof json[kind] === 'string') return { json, inBody: false, value: json[kind] as string };
  const body = json.body;
  if (step.op === TYPED[kind].submit && body !== null && typeof body === 'object' && !Array.isArray(body) && typeof (body as Record<string, unknown>)[kind] === 'string') {
    return { json, inBody: true, value: (body as Record<string, unknown>)[kind] as string };
  }
  return undefined;
}

/** The changes that apply at a step of a run, with their current values (for the what-if UI). */
export function forkableChanges(run: Pick<Run, 'steps'>, at: number): ForkableChange[] {
  const step = stepAt(run, at);
  const out: ForkableChange[] = [];
  const ad = authenticatorData(step)[0];
  if (ad) {
    const byte = ad.bytes[32]!;
    const current = Object.fromEntries(FORK_FLAGS.map((f) => [f, (byte & FLAG_BITS[f]) !== 0])) as Record<ForkFlag, boolean>;
    out.push({ kind: 'flag', payload: ad.name, current });
    out.push({ kind: 'counter', payload: ad.name, current: readU32(ad.bytes, 33) });
  }
  const cd = clientData(step)[0];
  if (cd) {
    if (typeof cd.json.origin === 'string') out.push({ kind: 'origin', payload: cd.payload.name, current: cd.json.origin });
    if (typeof cd.json.challenge === 'string') out.push({ kind: 'challenge', payload: cd.payload.name, current: cd.json.challenge });
  }
  for (const p of step.payloads) {
    const site = actionSite(p);
    if (site && site.action.kind === 'payment') {
      out.push({ kind: 'action', payload: p.name, current: site.action });
      break;
    }
  }
  for (const kind of ['number', 'code'] as const) {
    for (const p of step.payloads) {
      const site = typedSite(step, p, kind);
      if (site) {
        out.push({ kind, payload: p.name, current: site.value });
        break;
      }
    }
  }
  // The RP's configuration, offered where it is recorded and where it decides (the assertion's verification).
  const policy = policyIndex(run);
  if (policy !== undefined && policy <= at && (step.op === RP_POLICY_OP || step.op === VERIFY_ASSERTION_OP)) {
    const json = jsonObject(run.steps[policy]!.payloads.find((p) => p.name === 'policy')!);
    if (json) out.push({ kind: 'rpFlaw', payload: 'policy', current: policyFlaw(json) });
  }
  return out;
}

function stepAt(run: Pick<Run, 'steps'>, at: number): Step {
  if (!Number.isInteger(at) || at < 0 || at >= run.steps.length) {
    throw new RangeError(`"at" expected a step index from 0 to ${run.steps.length - 1}, got ${String(at)}`);
  }
  return run.steps[at]!;
}

function validateChange(change: ForkChange): void {
  switch (change.kind) {
    case 'flag':
      if (!FORK_FLAGS.includes(change.flag)) throw new RangeError(`"flag" expected one of ${FORK_FLAGS.join(', ')}, got ${String(change.flag)}`);
      if (typeof (change.value as unknown) !== 'boolean') throw new TypeError(`"value" expected boolean, got ${typeof change.value}`);
      return;
    case 'counter':
      if (!Number.isInteger(change.value) || change.value < 0 || change.value > 0xffffffff) throw new RangeError(`"value" expected an integer from 0 to 4294967295, got ${String(change.value)}`);
      return;
    case 'origin':
    case 'challenge':
      if (typeof (change.value as unknown) !== 'string') throw new TypeError(`"value" expected string, got ${typeof change.value}`);
      return;
    case 'action': {
      if (!change.amount && !change.payee) throw new RangeError('"action" expected an amount or a payee to change, got neither');
      if (change.amount && (typeof change.amount.value !== 'string' || typeof change.amount.currency !== 'string')) throw new TypeError('"amount" expected {value: string, currency: string}');
      if (change.payee && (typeof change.payee.name !== 'string' || typeof change.payee.iban !== 'string')) throw new TypeError('"payee" expected {name: string, iban: string}');
      return;
    }
    case 'rpFlaw':
      if (!(RP_FLAWS as readonly string[]).includes(change.value as string)) throw new RangeError(`"value" expected one of ${RP_FLAWS.join(', ')}, got ${String(change.value)}`);
      return;
    case 'number':
    case 'code':
      if (typeof (change.value as unknown) !== 'string') throw new TypeError(`"value" expected string, got ${typeof change.value}`);
      if (!/^[0-9]{1,10}$/.test(change.value)) throw new RangeError(`"value" expected 1 to 10 decimal digits, got ${JSON.stringify(change.value)}`);
      return;
    default:
      throw new RangeError(`"kind" expected one of ${FORK_KINDS.join(', ')}, got ${String((change as { kind: unknown }).kind)}`);
  }
}

/**
 * The byte replacements a change makes at its step: original bytes (hex) → new bytes. A changed
 * clientDataJSON also maps SHA-256 of the old bytes to SHA-256 of the new (the browser's
 * clientDataHash follows its input); nothing signed is recomputed.
 */
function replacements(step: Step, change: Exclude<ForkChange, { kind: 'rpFlaw' | 'number' | 'code' }>): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  switch (change.kind) {
    case 'flag':
    case 'counter': {
      const ads = authenticatorData(step);
      if (ads.length === 0) throw new RangeError(`step ${step.index} carries no authenticatorData`);
      for (const p of ads) {
        const bytes = p.bytes.slice();
        if (change.kind === 'flag') bytes[32] = change.value ? bytes[32]! | FLAG_BITS[change.flag] : bytes[32]! & ~FLAG_BITS[change.flag];
        else bytes.set(u32(change.value), 33);
        map.set(bytesToHex(p.bytes), bytes);
      }
      return map;
    }
    case 'origin':
    case 'challenge': {
      const cds = clientData(step);
      if (cds.length === 0) throw new RangeError(`step ${step.index} carries no clientDataJSON`);
      for (const { payload, json } of cds) {
        const bytes = utf8ToBytes(JSON.stringify({ ...json, [change.kind]: change.value }));
        map.set(bytesToHex(payload.bytes), bytes);
        map.set(bytesToHex(sha256(payload.bytes)), sha256(bytes));
      }
      return map;
    }
    case 'action': {
      const sites = step.payloads.flatMap((p) => {
        const s = actionSite(p);
        return s && s.action.kind === 'payment' ? [{ p, s }] : [];
      });
      if (sites.length === 0) throw new RangeError(`step ${step.index} carries no action`);
      for (const { p, s } of sites) {
        const a = s.action as Extract<Action, { kind: 'payment' }>;
        const changed: Action = { ...a, amount: change.amount ? { value: change.amount.value, currency: change.amount.currency } : a.amount, payee: change.payee ? { name: change.payee.name, iban: change.payee.iban } : a.payee };
        let bytes: Uint8Array;
        if (s.where === 'whole') bytes = canonicalAction(changed);
        else if (s.where === 'top') bytes = utf8ToBytes(JSON.stringify({ ...s.json, action: changed }));
        else bytes = utf8ToBytes(JSON.stringify({ ...s.json, body: { ...(s.json.body as Record<string, unknown>), action: changed } }));
        map.set(bytesToHex(p.bytes), bytes);
      }
      return map;
    }
  }
}

/** How a fork rewrites a run: the first step it touches, and a step's new payloads (null: unchanged). */
interface Rewriter {
  readonly from: number;
  rewrite(step: Step): Payload[] | null;
  /** Whether a rewritten step reads as the attacker's: a configuration is the RP's own, not an attack. */
  readonly attacker: boolean;
}

function byBytes(map: Map<string, Uint8Array>, from: number): Rewriter {
  return {
    from,
    attacker: true,
    rewrite(step) {
      if (step.index < from) return null;
      let changed = false;
      const payloads = step.payloads.map((p) => {
        const next = map.get(bytesToHex(p.bytes));
        if (!next || bytesToHex(next) === bytesToHex(p.bytes)) return p;
        changed = true;
        return { ...p, bytes: next };
      });
      return changed ? payloads : null;
    },
  };
}

/** `rpFlaw`: the RP's policy payload names the new flaw (absent for none, as a recorded run writes it). */
function flawRewriter(run: Pick<Run, 'steps'>, at: number, flaw: RpFlaw): Rewriter {
  const index = policyIndex(run);
  if (index === undefined || index > at) throw new RangeError(`run records no RP policy at or before step ${at}: rpFlaw applies to WebAuthn runs`);
  return {
    from: index,
    attacker: false,
    rewrite(step) {
      if (step.index !== index) return null;
      let changed = false;
      const payloads = step.payloads.map((p) => {
        const json = p.name === 'policy' ? jsonObject(p) : undefined;
        if (!json) return p;
        const { rpFlaw: _old, ...rest } = json;
        const bytes = jsonBytes({ ...rest, ...(flaw !== 'none' ? { rpFlaw: flaw } : {}) });
        if (bytesToHex(bytes) === bytesToHex(p.bytes)) return p;
        changed = true;
        return { ...p, bytes };
      });
      return changed ? payloads : null;
    },
  };
}

/**
 * `number` / `code`: the value the user typed, at the typed step and in the submission that
 * forwards it (the first one after it), or at the submission alone when the fork is made there.
 */
function typedRewriter(run: Pick<Run, 'steps'>, at: number, kind: 'number' | 'code', value: string): Rewriter {
  const step = run.steps[at]!;
  const original = step.payloads.map((p) => typedSite(step, p, kind)).find((x) => x !== undefined)?.value;
  if (original === undefined) throw new RangeError(`step ${at} carries no typed ${kind}`);
  const submit = step.op === TYPED[kind].submit ? at : run.steps.findIndex((s) => s.index > at && s.op === TYPED[kind].submit);
  const last = submit < 0 ? at : submit;
  return {
    from: at,
    attacker: true,
    rewrite(s) {
      if (s.index < at || s.index > last) return null;
      let changed = false;
      const payloads = s.payloads.map((p) => {
        const site = typedSite(s, p, kind);
        if (!site || site.value !== original || value === original) return p;
        changed = true;
        const json = site.inBody ? { ...site.json, body: { ...(site.json.body as Record<string, unknown>), [kind]: value } } : { ...site.json, [kind]: value };
        return { ...p, bytes: utf8ToBytes(JSON.stringify(json)) };
      });
      return changed ? payloads : null;
    },
  };
}

function rewriterFor(run: Pick<Run, 'steps'>, at: number, change: ForkChange): Rewriter {
  switch (change.kind) {
    case 'rpFlaw':
      return flawRewriter(run, at, change.value);
    case 'number':
    case 'code':
      return typedRewriter(run, at, change.kind, change.value);
    default:
      return byBytes(replacements(run.steps[at]!, change), at);
  }
}

/** The options a fork runs with: a changed rpFlaw is part of the spec (left out when none). */
function forkOptions(options: FlowOptions, change: ForkChange): FlowOptions {
  if (change.kind !== 'rpFlaw') return options;
  const { rpFlaw: _old, ...rest } = options;
  return (change.value === 'none' ? rest : { ...rest, rpFlaw: change.value }) as FlowOptions;
}

/**
 * A verifier's own record of its inputs, written from its memory when the run was recorded (the
 * RP's `expected` before §7.2), follows from what it received, so a fork writes it again from the
 * re-evaluated memory: the altered submission is judged by the checks, not by a stale record.
 */
function rederiveRecords(step: Step, state: EvalState): Step {
  if (step.op !== VERIFY_ASSERTION_OP) return step;
  const ex = assertionExpectations(rpMemory(state));
  const bytes = jsonBytes(ex?.expected ?? {});
  const payloads = step.payloads.map((p) => (p.name === 'expected' && bytesToHex(p.bytes) !== bytesToHex(bytes) ? { ...p, bytes } : p));
  return { ...step, payloads };
}

function statusOf(step: Step | undefined, id: string): CheckStatus | null {
  return step?.checks.find((c) => c.id === id)?.status ?? null;
}

/**
 * A what-if fork of a recorded run: from step `at`, change one thing in the bytes and continue
 * through the real checks. The change is applied to the payload at step `at` and to every later
 * step that carries an identical copy of the original bytes (authenticatorData travels
 * authn → ua → rp); nothing is re-signed. Three kinds reach further: `rpFlaw` rewrites the RP's
 * policy step (before `at`; the fork's options name the flaw), `number` and `code` the typed value
 * and the submission that forwards it. Rewritten steps are marked `attacker: true` (not the RP's
 * own policy) with {@link FORK_CAPTION_SUFFIX} after the caption. The whole run is then re-evaluated by the same
 * evaluators as `reverifyRun`, stopping after the first step at or after `at` where an actor halts
 * (later steps are dropped); the RP's own record of its expectations is written again from its
 * re-evaluated memory, as the recorder writes it. Ledger and outcome are derived again — as an attack, since a
 * step was altered. Throws RangeError when `at` is out of range or the step carries no payload the
 * change needs (e.g. "step 3 carries no authenticatorData").
 *
 * @param options.of index of the original run in the trace the fork will be saved in (default 0)
 */
export async function forkRun(run: Run, at: number, change: ForkChange, options: { of?: number } = {}): Promise<ForkResult> {
  stepAt(run, at);
  validateChange(change);
  const rw = rewriterFor(run, at, change);
  const from = rw.from;
  const changedSteps: number[] = [];
  const rewritten: Step[] = run.steps.map((step) => {
    const payloads = rw.rewrite(step);
    if (!payloads) return step;
    changedSteps.push(step.index);
    return { ...step, payloads, ...(rw.attacker ? { attacker: true } : {}), caption: `${step.caption} ${FORK_CAPTION_SUFFIX}` };
  });
  const { steps: evaluated, state } = await reevaluateSteps(rewritten, { haltFrom: from, prepare: (step, st) => (step.index > from ? rederiveRecords(step, st) : step) });
  const steps = evaluated.map((e) => e.step);
  const forkedOptions = forkOptions(run.options, change);
  const { ledger, outcome } = judgeSteps({ ...run, options: forkedOptions }, steps, state);
  const droppedSteps = run.steps.slice(steps.length).map((s) => s.index);
  const kept = changedSteps.filter((i) => i < steps.length);

  const changedChecks: ChangedCheck[] = [];
  for (const original of run.steps.slice(from)) {
    const forked = steps[original.index];
    const ids = [...new Set([...original.checks.map((c) => c.id), ...(forked?.checks.map((c) => c.id) ?? [])])];
    for (const id of ids) {
      const before = statusOf(original, id);
      const after = statusOf(forked, id);
      if (before === after) continue;
      const detail = forked?.checks.find((c) => c.id === id)?.detail ?? original.checks.find((c) => c.id === id)?.detail ?? '';
      changedChecks.push({ step: original.index, id, before, after, detail });
    }
  }
  const changedLedger: ChangedLedgerEntry[] = [];
  for (const entry of ledger) {
    const before = run.ledger.find((l) => l.property === entry.property);
    if (before && before.level !== entry.level) changedLedger.push({ property: entry.property, before: before.level, after: entry.level, why: entry.why });
  }
  return {
    run: { ...run, options: forkedOptions, steps, outcome, ledger, fork: { of: options.of ?? 0, at, change } },
    changedSteps: kept,
    droppedSteps,
    changedChecks,
    changedLedger,
  };
}
