import { base64 } from '@scure/base';
import { ProoflineError } from '../../errors.js';

/**
 * The certificates of a PEM text (RFC 7468 "CERTIFICATE" blocks) as DER. A text without any is
 * ERR_BUNDLE naming `where`; so is a block that is not base64.
 */
export function pemCertificates(text: string, where: string): Uint8Array[] {
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw new ProoflineError('ERR_BUNDLE', 'has no PEM certificate (-----BEGIN CERTIFICATE-----)', where);
  return blocks.map((m, i) => {
    try {
      return base64.decode(m[1]!.replace(/\s+/g, ''));
    } catch {
      throw new ProoflineError('ERR_BUNDLE', `certificate ${i + 1} is not base64`, where);
    }
  });
}
