export * from './contract.js';
export * from './session.js';
export * from './attacks.js';
export * from './trace.js';
