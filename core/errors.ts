import { printable } from './printable.js';

/**
 * One error class for everything core rejects, identified by a string code so that tests and
 * the UI match codes, not message text. Hostile protocol data never escapes core as an
 * exception: verifiers catch a ProoflineError and turn it into a failed check.
 */
export type ProoflineErrorCode =
  | 'ERR_BASE64URL'
  | 'ERR_BASE32'
  | 'ERR_CBOR'
  | 'ERR_COSE'
  | 'ERR_AUTH_DATA'
  | 'ERR_CLIENT_DATA'
  | 'ERR_ATTESTATION'
  | 'ERR_DER'
  | 'ERR_SIGNATURE'
  | 'ERR_ACTION'
  | 'ERR_BUNDLE'
  | 'ERR_TRACE_JSON'
  | 'ERR_TRACE_SIZE'
  | 'ERR_TRACE_VERSION'
  | 'ERR_TRACE_SHAPE'
  | 'ERR_TRACE_KEY'
  | 'ERR_TRACE_DEPTH'
  | 'ERR_UNSUPPORTED'
  | 'ERR_NOT_APPLICABLE';

/** An error core raises on data it cannot read; `path` says where (a JSON path or a byte range). */
export class ProoflineError extends Error {
  readonly code: ProoflineErrorCode;
  readonly path: string | undefined;
  constructor(code: ProoflineErrorCode, message: string, path?: string) {
    // Messages quote what a file holds (a key, a name): escaped once here, so no caller prints raw file text.
    const safePath = path === undefined ? undefined : printable(path);
    const safeMessage = printable(message);
    super(safePath ? `${safePath}: ${safeMessage}` : safeMessage);
    this.name = 'ProoflineError';
    this.code = code;
    this.path = safePath;
  }
}

/** Message of any thrown value, for turning foreign exceptions into check details. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
