/**
 * Redaction hides what it promises, in every export and every spelling: amounts in any common
 * notation, IBANs with or without spaces, names in free text and descriptions, and every value
 * derived from a redacted one (challenges = nonce ‖ SHA-256(action), hashes, signatures).
 */
import { toBase64url } from '../../core/codec/base64url.js';
import { bytesToHex, bytesToUtf8 } from '../../core/codec/bytes.js';
import { actionHash } from '../../core/codec/action.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFlows, ATTACKER_ACTION, INTENDED_ACTION, recordRun, SCENARIOS, type FlowOptions, type Run } from '../../core/index.js';
import { applies } from '../../core/flows/catalog.js';
import { redact, runToMermaid, runToSvg, traceToHtml, traceToMarkdown, type ExportNotes } from '../../core/export/index.js';
import { createTrace, parseTrace, serializeTrace, verifyTrace, type Trace } from '../../core/trace/index.js';

const META = { created: '2026-01-02T03:04:05.000Z', generator: { name: 'proofline', version: '0.0.0-test' } };

/** Every export of a redacted trace, and the redacted trace file itself, as one text. */
function everyExport(trace: Trace, notes: ExportNotes): string {
  const parts = [serializeTrace(trace), traceToMarkdown(trace, notes), traceToHtml(trace, notes)];
  for (const run of trace.runs) parts.push(runToSvg([run], notes), runToMermaid(run, notes));
  for (const run of trace.runs) for (const s of run.steps) for (const p of s.payloads) if (p.encoding === 'json' || p.encoding === 'text') parts.push(bytesToUtf8(p.bytes));
  return parts.join('\n');
}

/** Values that must not be recoverable: the actions' hashes (hex and base64url) and every challenge the runs carry. */
function derivedValues(runs: readonly Run[]): string[] {
  const out = new Set<string>();
  for (const a of [INTENDED_ACTION, ATTACKER_ACTION]) {
    const h = actionHash(a);
    out.add(bytesToHex(h).slice(0, 16));
    out.add(toBase64url(h).slice(0, 12));
  }
  for (const run of runs) for (const s of run.steps) for (const p of s.payloads) {
    if (p.encoding !== 'json') continue;
    const text = bytesToUtf8(p.bytes);
    for (const m of text.matchAll(/"challenge":"([A-Za-z0-9_-]{22,})"/g)) {
      // Any 12 characters of the challenge's SHA-256 part (after the 16-byte nonce: 22 base64url characters).
      out.add(m[1]!.slice(22, 34));
      out.add(m[1]!.slice(0, 12));
    }
  }
  return [...out];
}

const SPELLINGS = ['EUR 10', '10,00 EUR', '€10', '10 €', 'EUR10.00', '10.00 EUR', '5000 EUR', '5.000,00 EUR', '5,000.00 EUR', '€ 5 000', 'USD 123.45', '99,90 €'];
const IBANS = ['DE89 3704 0044 0532 0130 00', 'GB33 BUKB 2020 1555 5555 55', 'de89370400440532013000', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91ABNA0417164300'];

let runs: Run[];
beforeAll(async () => {
  runs = [
    await recordRun({ flow: 'webauthn', scenario: 'tx-swap-after-approval', options: { binding: 'challenge' }, seed: 1 }),
    await recordRun({ flow: 'webauthn', scenario: 'honest', options: { binding: 'spc' }, seed: 1 }),
    await recordRun({ flow: 'device-key', scenario: 'tx-swap-after-approval', options: {}, seed: 1 }),
  ];
});

describe('redaction in every spelling', () => {
  it('amounts in any common notation and IBANs with or without spaces are masked; names in free text too', () => {
    const prose = `Pay ${SPELLINGS.join(' or ')}; to ${IBANS.join(' / ')}; mallory and ALICE were told.`;
    const trace = { ...createTrace(runs, { title: `Alice pays ${SPELLINGS[0]}`, description: prose, ...META }) };
    trace.runs = trace.runs.map((r) => ({ ...r, steps: r.steps.map((s, i) => (i === 0 ? { ...s, notes: prose } : s)) }));
    const r = redact(trace, 'all');
    const text = everyExport(r.value, { redacted: r.removed });
    for (const v of [...SPELLINGS, ...IBANS]) expect(text, v).not.toContain(v);
    for (const v of ['123.45', '99,90']) expect(text, v).not.toMatch(new RegExp(`(?<![\\w.,\\[])${v.replace('.', '\\.')}(?![\\w]|[.,]\\d)`));
    for (const name of ['Alice', 'Mallory', 'Bob']) expect(text, name).not.toMatch(new RegExp(`(?<![\\p{L}\\p{N}])${name}(?![\\p{L}\\p{N}])`, 'iu'));
    // One token per value, whatever the spelling.
    expect(r.value.description).toBe(`Pay ${[1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 4].map((n) => `[amount ${n}]`).join(' or ')}; to [IBAN 1] / [IBAN 2] / [IBAN 1] / [IBAN 3] / [IBAN 4]; [name 1] and [name 2] were told.`);
    expect(r.removed.join('\n')).toMatch(/IBANs: 4 distinct[\s\S]*amounts: 4 distinct/);
  });

  it('amounts only: names stay, amounts go; names only: amounts stay', () => {
    const trace = createTrace(runs.slice(0, 1), { title: 't', description: 'Malware swaps 10 EUR to Alice for 5000 EUR to Mallory.', ...META });
    const amounts = redact(trace, 'amounts').value.description;
    expect(amounts).toBe('Malware swaps [amount 1] to Alice for [amount 2] to Mallory.');
    const names = redact(trace, 'names').value.description;
    expect(names).toMatch(/^Malware swaps 10 EUR to \[name \d\] for 5000 EUR to \[name \d\]\.$/);
  });
});

describe('a run that stops early', () => {
  it('every flow × scenario (webauthn also with UV required but unavailable) with the scenario’s summary as description: --redact all leaves no payee, amount or IBAN in md and html', async () => {
    let leaks = 0;
    let stoppedEarly = 0;
    for (const flow of allFlows()) {
      const optionSets: FlowOptions[] = flow.id === 'webauthn' ? [{ binding: 'challenge' }, { binding: 'spc', uvAvailable: false }, { userVerification: 'required', uvAvailable: false }] : [{}];
      for (const options of optionSets) {
        for (const s of SCENARIOS) {
          if (applies(flow.id, s.id, options) !== true) continue; // n/a: no run exists to export
          const run = await recordRun({ flow: flow.id, scenario: s.id, options, seed: 2 });
          const payloads = run.steps.flatMap((x) => x.payloads.filter((p) => p.encoding === 'json' || p.encoding === 'text').map((p) => bytesToUtf8(p.bytes))).join('\n');
          // The case of the issue: the attacker's payee is named only in the description.
          if (s.summary.includes('Mallory') && !payloads.includes('Mallory')) stoppedEarly++;
          const r = redact(createTrace([run], { title: s.title, description: s.summary, ...META }), 'all');
          const text = `${traceToMarkdown(r.value, { redacted: r.removed })}\n${traceToHtml(r.value, { redacted: r.removed })}`;
          if (/Mallory|Alice|5000|GB33|DE89/i.test(text)) leaks++;
        }
      }
    }
    expect(stoppedEarly).toBeGreaterThan(0);
    expect(leaks).toBe(0);
  }, 120_000);
});

describe('values derived from the action', () => {
  it('challenges (nonce ‖ SHA-256(action)), hashes and signatures do not appear in any export; binary payloads are dropped; the note says so', () => {
    const trace = createTrace(runs, { title: 't', description: 'd', ...META });
    const secrets = derivedValues(runs);
    expect(secrets.length).toBeGreaterThan(4);
    // Without redaction they are there (the test can fail).
    const plain = everyExport(trace, {});
    expect(secrets.some((v) => plain.includes(v))).toBe(true);
    for (const profile of ['names', 'amounts', 'all'] as const) {
      const r = redact(trace, profile);
      const text = everyExport(r.value, { redacted: r.removed });
      for (const v of secrets) expect(text, `${profile}: ${v}`).not.toContain(v);
      for (const run of r.value.runs) for (const s of run.steps) for (const p of s.payloads) if (p.encoding !== 'json' && p.encoding !== 'text') expect(p.bytes.length).toBe(0);
      expect(r.removed.join('\n')).toMatch(/challenges, nonces, hashes and signatures \(derived from the masked action\): \d+ distinct[\s\S]*binary payloads: \d+ dropped/);
      expect(r.reverifies).toBe(false);
    }
    // Secrets only: nothing masked or dropped, the bytes still re-verify.
    expect(redact(trace, 'secrets').reverifies).toBe(true);
  });

  it('a redacted file still loads; re-verifying it reports disagreements rather than passing', async () => {
    const r = redact(createTrace(runs.slice(0, 1), { title: 't', description: 'd', ...META }), 'all');
    const back = parseTrace(serializeTrace(r.value));
    expect((await verifyTrace(back)).agrees).toBe(false);
  });
});

describe('the export note says what the report shows', () => {
  it('when claims disagree, the note says the export shows what the bytes support, and it does', async () => {
    const trace = createTrace(runs.slice(0, 1), { title: 't', description: 'd', ...META });
    const json = JSON.parse(serializeTrace(trace));
    const step = json.runs[0].steps.findIndex((s: { checks: { status: string }[] }) => s.checks.some((c) => c.status === 'fail'));
    const failed = json.runs[0].steps[step].checks.find((c: { status: string }) => c.status === 'fail');
    failed.status = 'pass';
    failed.detail = 'EDITED: all fine';
    const edited = parseTrace(JSON.stringify(json));
    const v = await verifyTrace(edited);
    expect(v.agrees).toBe(false);
    const shown: Trace = { ...edited, runs: v.runs.map((r) => r.run) };
    const notes: ExportNotes = { verification: { agrees: false, disagreements: v.disagreements.length } };
    const md = traceToMarkdown(shown, notes);
    expect(md).toContain('this export shows what the bytes support (the recomputed checks, outcome and ledger), not the file’s claims');
    expect(md).not.toContain('EDITED: all fine');
    expect(md).toMatch(new RegExp(`\`${failed.id.replace('.', '\\.')}\` \\|[^\\n]*\\*\\*fail\\*\\*`));
    expect(traceToHtml(shown, notes)).toContain('not the file’s claims');
    expect(runToSvg(shown.runs, notes)).toContain('not the file’s claims');
    expect(runToMermaid(shown.runs[0]!, notes)).toContain('not the file’s claims');
    expect(traceToMarkdown(edited, { verification: { agrees: false, disagreements: 2, shows: 'claims' } })).toContain('this export shows the file’s claims, which its bytes do not support');
  });
});
