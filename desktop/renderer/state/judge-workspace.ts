/**
 * Run or Submit: builds the request from the workspace, sends it through the bridge and puts
 * the outcome back into the store. Refuses to start while a judgement is in flight.
 */
import type { SubmissionMode, SubmissionResult } from '../../../protocol/index.js';
import type { JudgeBridge } from '../bridge/bridge-api.js';
import { buildSubmission, type CaseProblem } from './build-submission.js';
import { isJudging } from './workspace-state.js';
import type { WorkspaceStore } from './workspace-store.js';

export type JudgeOutcome =
  | { started: false; reason: string; problems: CaseProblem[] }
  | { started: true; result?: SubmissionResult };

export async function judgeWorkspace(store: WorkspaceStore, judge: Pick<JudgeBridge, 'submit'>, mode: SubmissionMode): Promise<JudgeOutcome> {
  const state = store.getState();
  if (isJudging(state)) return { started: false, reason: 'Already judging.', problems: [] };
  const built = buildSubmission(state, mode);
  if (!built.ok) return { started: false, reason: built.message, problems: built.problems };
  store.dispatch({ type: 'runStarted', mode });
  const answer = await judge.submit(built.request);
  if (answer.ok) {
    store.dispatch({ type: 'runFinished', result: answer.value });
    return { started: true, result: answer.value };
  }
  store.dispatch({ type: 'runFailed', error: answer.error });
  return { started: true };
}
