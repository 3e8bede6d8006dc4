export * from './hotp.js';
export * from './totp.js';
export * from './ocra.js';
export * from './password.js';
export * from './smsText.js';
export * from './secret.js';
