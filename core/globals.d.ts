/**
 * The few platform globals core may use, declared by hand because core compiles without DOM or
 * Node typings (a DOM or Node global is a compile error). Each is present in Node, Chromium and
 * Electron alike.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
