export * from './languages.js';
export * from './verdict.js';
export * from './limits.js';
export * from './submission.js';
export * from './challenge.js';
export * from './harness.js';
export * from './signaling.js';
export * from './pairing-messages.js';
