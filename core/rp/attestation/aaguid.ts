/**
 * An AAGUID as FIDO metadata writes it: lower-case hex with dashes (8-4-4-4-12). On its own so
 * the ledger and the start of the app can name an AAGUID without the metadata reader's imports.
 */
export function aaguidString(bytes: Uint8Array): string {
  const h = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
