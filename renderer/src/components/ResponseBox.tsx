import { useId, useMemo, useState } from 'react';
import { bundleFromCredential, readResponseInput } from '../coreWorkshop.js';
import { ProoflineError } from '../core.js';
import { EXAMPLE_CREDENTIAL, EXAMPLE_EXPECTED, EXAMPLE_PUBLIC_KEY } from '../model/responseExample.js';
import { useResponseActions, useResponseBox, useResponseError } from '../store/hooks.js';
import { TermHelp } from './SpecLink.js';
import { useAnchoredDialog } from './useAnchoredDialog.js';

type Uv = 'required' | 'preferred' | 'discouraged';

/** The RP's side a bare credential lacks, as typed in the form. */
interface Expected {
  challenge: string;
  origin: string;
  rpId: string;
  userVerification: Uv;
  storedSignCount: string;
  publicKey: string;
  /** What the RP trusts (a registration): PEM roots, an MDS BLOB and its FIDO root, the time. */
  roots: string;
  mds: string;
  mdsRoot: string;
  at: string;
}

const BLANK: Expected = { challenge: '', origin: '', rpId: '', userVerification: 'preferred', storedSignCount: '', publicKey: '', roots: '', mds: '', mdsRoot: '', at: '' };

/** The bundle's `trust` member from the form (docs/cli.md), or nothing when no trust input is given. */
function trustFrom(e: Expected): Record<string, unknown> {
  const t = { ...(e.roots.trim() ? { roots: [e.roots.trim()] } : {}), ...(e.mds.trim() ? { mds: e.mds.trim(), mdsRoots: e.mdsRoot.trim() ? [e.mdsRoot.trim()] : [] } : {}), ...(e.at.trim() ? { at: e.at.trim() } : {}) };
  return Object.keys(t).length ? { trust: t } : {};
}

/** What the pasted text is, or why it is neither a bundle nor a credential (null while empty). */
function classify(text: string): { input: ReturnType<typeof readResponseInput> } | { problem: string } | null {
  if (text.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problem: `This is not valid JSON yet (${e instanceof Error ? e.message : String(e)}).` };
  }
  try {
    return { input: readResponseInput(json) };
  } catch (e) {
    return { problem: e instanceof ProoflineError ? e.message : String(e) };
  }
}

/** The host of an origin, as a first guess at the RP ID. */
function hostOf(origin: string | undefined): string {
  try {
    return origin ? new URL(origin).hostname : '';
  } catch {
    return '';
  }
}

/**
 * "Open response…": paste a PublicKeyCredential JSON as browsers and `toJSON()` give it (or a whole
 * response bundle, DESIGN.md §5), fill in what the relying party expected in one form, and verify
 * it offline. An example to start from is one click away; errors are said here, in the dialog.
 */
export function ResponseBox() {
  const open = useResponseBox();
  const error = useResponseError();
  const { setResponseBox, openResponseText, openResponseFile } = useResponseActions();
  const [text, setText] = useState('');
  const [expected, setExpected] = useState<Expected>(BLANK);
  const [name, setName] = useState('the pasted response');
  const id = useId();
  const ref = useAnchoredDialog<HTMLDivElement>();
  const kind = useMemo(() => classify(text), [text]);
  if (!open) return null;

  const input = kind && 'input' in kind ? kind.input : null;
  const credential = input?.kind === 'credential' ? input : null;
  const says = credential?.says ?? {};
  const field = (k: keyof Expected) => (e: { target: { value: string } }) => setExpected((x) => ({ ...x, [k]: e.target.value }));
  const missing = credential
    ? (['challenge', 'origin', 'rpId', ...(credential.ceremony === 'authentication' ? (['publicKey'] as const) : [])] as const).filter((k) => expected[k].trim() === '')
    : [];
  const ready = input?.kind === 'bundle' || (credential !== null && missing.length === 0);

  const useExample = () => {
    setText(JSON.stringify(EXAMPLE_CREDENTIAL, null, 2));
    setExpected({ ...BLANK, challenge: EXAMPLE_EXPECTED.challenge, origin: EXAMPLE_EXPECTED.origin, rpId: EXAMPLE_EXPECTED.rpId, userVerification: EXAMPLE_EXPECTED.userVerification as Uv, storedSignCount: String(EXAMPLE_EXPECTED.storedSignCount), publicKey: EXAMPLE_PUBLIC_KEY });
    setName('the example assertion (SimpleWebAuthn test vector)');
  };
  const fromResponse = () => setExpected((x) => ({ ...x, challenge: says.challenge ?? x.challenge, origin: says.origin ?? x.origin, rpId: x.rpId || hostOf(says.origin) }));

  const verify = () => {
    if (input?.kind === 'bundle') {
      void openResponseText(name, text);
      return;
    }
    if (!credential) return;
    const count = expected.storedSignCount.trim();
    const bundle = bundleFromCredential(
      credential,
      {
        challenge: expected.challenge.trim(),
        origin: expected.origin.trim(),
        rpId: expected.rpId.trim(),
        userVerification: expected.userVerification,
        ...(count !== '' && /^\d+$/.test(count) ? { storedSignCount: Number(count) } : {}),
      },
      expected.publicKey.trim() || undefined,
    );
    void openResponseText(name, JSON.stringify({ ...bundle, ...(credential.ceremony === 'registration' ? trustFrom(expected) : {}) }));
  };

  return (
    <div ref={ref} className="response-box" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`} tabIndex={-1}>
      <h2 id={`${id}-h`}>Open a real WebAuthn response</h2>
      <p className="muted">
        Paste the <code>PublicKeyCredential</code> JSON your browser gave (<code>credential.toJSON()</code>, DevTools, webauthn.io) — or a whole response bundle. It is verified here, offline, as a relying party would.{' '}
        <button type="button" className="link" onClick={useExample}>
          Start from an example
        </button>
      </p>
      <label htmlFor={`${id}-text`}>PublicKeyCredential JSON or response bundle JSON</label>
      <textarea
        id={`${id}-text`}
        rows={7}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setName('the pasted response');
        }}
        spellCheck={false}
        placeholder={'{ "id": "…", "rawId": "…", "type": "public-key", "response": { "clientDataJSON": "…", "authenticatorData": "…", "signature": "…" } }'}
      />
      {kind && 'problem' in kind && <p className="muted" data-testid="response-kind">{kind.problem}</p>}
      {input?.kind === 'bundle' && <p data-testid="response-kind">A whole response bundle: it says what the relying party expected.</p>}
      {credential && (
        <fieldset className="expected">
          <legend>
            A {credential.ceremony === 'authentication' ? 'sign-in (assertion)' : 'registration'}: what did the relying party expect?
          </legend>
          <p className="muted">
            The response says challenge <code>{says.challenge ?? '?'}</code> and origin <code>{says.origin ?? '?'}</code>.{' '}
            <button type="button" className="link" onClick={fromResponse} disabled={!says.challenge && !says.origin}>
              Fill in what it says
            </button>{' '}
            — then the challenge and origin checks only show it is consistent; type what your server issued to test them.
          </p>
          <div className="expected-grid">
            <label htmlFor={`${id}-challenge`}>
              Challenge <span className="muted">(base64url, as issued)</span>
            </label>
            <span>
              <input id={`${id}-challenge`} value={expected.challenge} onChange={field('challenge')} spellCheck={false} />
              <TermHelp term="challenge" label="Challenge" />
            </span>
            <label htmlFor={`${id}-origin`}>Origin</label>
            <span>
              <input id={`${id}-origin`} value={expected.origin} onChange={field('origin')} placeholder="https://example.com" spellCheck={false} />
              <TermHelp term="origin" label="Origin" />
            </span>
            <label htmlFor={`${id}-rpid`}>RP ID</label>
            <span>
              <input id={`${id}-rpid`} value={expected.rpId} onChange={field('rpId')} placeholder={hostOf(says.origin) || 'example.com'} spellCheck={false} />
              <TermHelp term="rpId" label="RP ID" />
            </span>
            <label htmlFor={`${id}-uv`}>User verification</label>
            <span>
              <select id={`${id}-uv`} value={expected.userVerification} onChange={(e) => setExpected((x) => ({ ...x, userVerification: e.target.value as Uv }))}>
                <option value="preferred">preferred</option>
                <option value="required">required</option>
                <option value="discouraged">discouraged</option>
              </select>
              <TermHelp term="userVerification" label="User verification" />
            </span>
            {credential.ceremony === 'authentication' && (
              <>
                <label htmlFor={`${id}-key`}>
                  Stored public key <span className="muted">(COSE_Key, base64url, saved at registration)</span>
                </label>
                <span>
                  <input id={`${id}-key`} value={expected.publicKey} onChange={field('publicKey')} spellCheck={false} />
                </span>
                <label htmlFor={`${id}-count`}>
                  Stored sign count <span className="muted">(optional)</span>
                </label>
                <span>
                  <input id={`${id}-count`} value={expected.storedSignCount} onChange={field('storedSignCount')} inputMode="numeric" />
                  <TermHelp term="signCount" label="Sign count" />
                </span>
              </>
            )}
          </div>
          {credential.ceremony === 'registration' && (
            <details className="trust-inputs">
              <summary>
                What you trust <span className="muted">(optional: without it, nobody is known to vouch for the authenticator)</span> <TermHelp term="authenticatorModel" label="authenticator-model" />
              </summary>
              <div className="expected-grid">
                <label htmlFor={`${id}-roots`}>Roots you trust <span className="muted">(PEM)</span></label>
                <textarea id={`${id}-roots`} rows={2} value={expected.roots} onChange={field('roots')} placeholder="-----BEGIN CERTIFICATE-----" spellCheck={false} />
                <label htmlFor={`${id}-mds`}>FIDO metadata BLOB <span className="muted">(MDS3 JWT, as downloaded)</span></label>
                <textarea id={`${id}-mds`} rows={2} value={expected.mds} onChange={field('mds')} spellCheck={false} />
                <label htmlFor={`${id}-mdsroot`}>Its FIDO root <span className="muted">(PEM)</span></label>
                <textarea id={`${id}-mdsroot`} rows={2} value={expected.mdsRoot} onChange={field('mdsRoot')} placeholder="-----BEGIN CERTIFICATE-----" spellCheck={false} />
                <label htmlFor={`${id}-at`}>Judge certificates at <span className="muted">(ISO time; empty: now)</span></label>
                <input id={`${id}-at`} value={expected.at} onChange={field('at')} placeholder="2026-05-01T12:00:00Z" spellCheck={false} />
              </div>
              <p className="muted">Carried with the response: the view, and a trace saved from it, keep them, so the verdict can be reproduced.</p>
            </details>
          )}
          {missing.length > 0 && (
            <p className="muted" data-testid="response-missing">
              Still needed: {missing.map((k) => ({ challenge: 'the challenge', origin: 'the origin', rpId: 'the RP ID', publicKey: 'the stored public key' })[k as 'challenge']).join(', ')}.
            </p>
          )}
        </fieldset>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={!ready} onClick={verify}>
          Verify and show
        </button>
        <button type="button" onClick={() => void openResponseFile()}>
          Open file…
        </button>
        <button type="button" onClick={() => setResponseBox(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export default ResponseBox;
