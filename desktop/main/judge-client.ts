/**
 * The desktop main process's judge client is the one every shell shares (judge-client/); main
 * gives it the gateway URL from the settings (index.ts) and passes its errors to the renderer as
 * data (ipc-handlers.ts).
 */
export { JudgeClientError, createJudgeClient } from '../../judge-client/index.js';
export type { JudgeClient, JudgeClientOptions } from '../../judge-client/index.js';
