/**
 * The slice of WebCrypto core uses. core compiles without DOM or Node typings, so the shape is
 * declared here; at run time it is `globalThis.crypto.subtle`, present in Node ≥ 20, Chromium
 * and Electron alike, so verification takes one code path everywhere.
 */
export interface SubtleLike {
  importKey(format: 'raw' | 'jwk' | 'spki', keyData: unknown, algorithm: unknown, extractable: boolean, usages: string[]): Promise<unknown>;
  verify(algorithm: unknown, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  deriveBits(algorithm: unknown, baseKey: unknown, length: number): Promise<ArrayBuffer>;
}

/** The platform's SubtleCrypto, or undefined where there is none. */
export function platformSubtle(): SubtleLike | undefined {
  const c = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto;
  return c?.subtle;
}
