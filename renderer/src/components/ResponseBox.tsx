import { useId, useState } from 'react';
import { useResponseActions, useResponseBox } from '../store/hooks.js';

/** "Open response…": paste a response bundle (DESIGN.md §5) or open its file. */
export function ResponseBox() {
  const open = useResponseBox();
  const { setResponseBox, openResponseText, openResponseFile } = useResponseActions();
  const [text, setText] = useState('');
  const id = useId();
  if (!open) return null;
  return (
    <div className="response-box" role="dialog" aria-modal="false" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Open a real WebAuthn response</h2>
      <p className="muted">
        A response bundle: the browser&apos;s <code>PublicKeyCredential</code> JSON plus what the relying party expected (rpId, origin, challenge, and the COSE public key for an assertion). It is verified here, offline.
      </p>
      <label htmlFor={`${id}-text`}>Response bundle JSON</label>
      <textarea id={`${id}-text`} rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <div className="row">
        <button type="button" className="primary" disabled={text.trim() === ''} onClick={() => void openResponseText('the pasted response', text)}>
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
