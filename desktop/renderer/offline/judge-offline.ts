/**
 * Run or Submit with the judge possibly unreachable. The cloud (or LAN) judge first, unless
 * Settings force the local judge; when it cannot be reached (and Settings allow), a Run is judged
 * on this machine and marked "local", and a Submit goes into the outbox and shows as queued. Any
 * other failure (a refused request, a server error) is shown as it is: only "unreachable" means
 * the judge is away.
 */
import type { SubmissionMode } from '../../../protocol/index.js';
import type { PairJudgeBridge } from '../bridge/bridge-api.js';
import { buildSubmission } from '../state/build-submission.js';
import type { JudgeOutcome } from '../state/judge-workspace.js';
import { isJudging } from '../state/workspace-state.js';
import type { WorkspaceStore } from '../state/workspace-store.js';
import { WEAK_SANDBOX_CODE } from '../bridge/offline-api.js';
import type { JudgeModeStore } from './judge-mode.js';

export type OfflineOutcome = JudgeOutcome & { origin?: 'official' | 'local' | 'queued' };

/** Whose code this is, and how to ask the person before a partner's code runs in a weak sandbox. */
export interface LocalRunContext {
  partnerCode: boolean;
  /** Shows the reason and answers the person's choice; false leaves the code unrun. */
  confirmWeakSandbox(reason: string): Promise<boolean>;
}

const SOLO: LocalRunContext = { partnerCode: false, confirmWeakSandbox: async () => false };

export async function judgeWithFallback(
  store: WorkspaceStore,
  bridge: Pick<PairJudgeBridge, 'judge' | 'offline'>,
  modes: JudgeModeStore,
  mode: SubmissionMode,
  context: LocalRunContext = SOLO,
): Promise<OfflineOutcome> {
  const state = store.getState();
  if (isJudging(state)) return { started: false, reason: 'Already judging.', problems: [] };
  const built = buildSubmission(state, mode);
  if (!built.ok) return { started: false, reason: built.message, problems: built.problems };
  const { setting } = modes.getSnapshot();
  const offline = bridge.offline;
  store.dispatch({ type: 'runStarted', mode });

  if (setting !== 'local' || !offline) {
    const answer = await bridge.judge.submit(built.request);
    if (answer.ok) {
      modes.setReachable(true);
      store.dispatch({ type: 'runFinished', result: answer.value, origin: 'official' });
      return { started: true, result: answer.value, origin: 'official' };
    }
    const away = answer.error.kind === 'unreachable';
    if (away) modes.setReachable(false);
    // Forced to the cloud, or a failure that is not about reachability: say it as it is.
    if (!away || setting === 'cloud' || !offline) {
      store.dispatch({ type: 'runFailed', error: answer.error });
      return { started: true };
    }
  }

  // Whatever goes wrong below, the workspace must leave "judging": a stuck spinner loses the Run.
  const failed = (error: unknown): OfflineOutcome => {
    store.dispatch({ type: 'runFailed', error: { kind: 'protocol', message: `The local judge failed: ${error instanceof Error ? error.message : String(error)}` } });
    return { started: true };
  };
  if (mode === 'submit') {
    const queued = await offline.enqueue(built.request).catch((error: unknown) => ({ ok: false as const, thrown: error }));
    if ('thrown' in queued) return failed(queued.thrown);
    if (!queued.ok) {
      store.dispatch({ type: 'runFailed', error: queued.error });
      return { started: true };
    }
    store.dispatch({ type: 'runQueued', key: queued.value.key });
    return { started: true, origin: 'queued' };
  }
  const runLocal = (acceptWeakSandbox: boolean) =>
    offline.runLocal(built.request, { partnerCode: context.partnerCode, acceptWeakSandbox }).catch((error: unknown) => ({ ok: false as const, thrown: error }));
  let local = await runLocal(false);
  if (!('thrown' in local) && !local.ok && local.error.code === WEAK_SANDBOX_CODE) {
    if (!(await context.confirmWeakSandbox(local.error.message))) {
      store.dispatch({
        type: 'runFailed',
        error: { kind: 'unreachable', message: "The judge cannot be reached, and your partner's code was not run on this machine (no Docker here). Start Docker, or Run again when the judge is back." },
      });
      return { started: true };
    }
    local = await runLocal(true);
  }
  if ('thrown' in local) return failed(local.thrown);
  if (!local.ok) {
    store.dispatch({ type: 'runFailed', error: local.error });
    return { started: true };
  }
  store.dispatch({ type: 'runFinished', result: local.value, origin: 'local' });
  return { started: true, result: local.value, origin: 'local' };
}
