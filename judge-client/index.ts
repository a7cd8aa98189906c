/** The judge client every shell uses: desktop main, the browser guest and the command line. */
export { IDEMPOTENCY_KEY_HEADER, JudgeClientError, createJudgeClient } from './judge-client.js';
export type { JudgeClient, JudgeClientOptions, SubmitProgress } from './judge-client.js';
export type { HealthInfo, JudgeError, JudgeErrorKind, LanguageEntry } from './judge-error.js';
