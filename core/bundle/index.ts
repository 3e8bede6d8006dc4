/** Response bundles (DESIGN.md §5): a real WebAuthn response plus what the RP expected. */
export { MAX_BUNDLE_BYTES, parseBundle, parseBundleText, type Bundle } from './parseBundle.js';
export { verifyBundle, type BundleResult, type VerifyBundleOptions } from './verifyBundle.js';
export { bundleSchema, type BundleJSON } from './schema.js';
export { bundleFromCredential, readResponseInput, type ExpectedInput, type ResponseInput } from './fromCredential.js';
