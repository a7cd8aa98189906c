/**
 * A partner's code and the process sandbox: with the judge unreachable, a local Run of room code
 * on a machine without Docker asks the person first (the process sandbox is for trusted code).
 * The main process refuses without the yes (nothing runs); the workspace asks and runs only on yes.
 */
import { describe, expect, it } from 'vitest';
import type { SubmissionRequest, SubmissionResult } from '../../protocol/index.js';
import type { PairJudgeBridge } from '../../desktop/renderer/bridge/bridge-api.js';
import { CHANNELS } from '../../desktop/renderer/bridge/channels.js';
import { WEAK_SANDBOX_CODE, type LocalRunConsent, type OfflineBridge } from '../../desktop/renderer/bridge/offline-api.js';
import { judgeWithFallback } from '../../desktop/renderer/offline/judge-offline.js';
import { JudgeModeStore } from '../../desktop/renderer/offline/judge-mode.js';
import { createWorkspaceStore } from '../../desktop/renderer/state/workspace-store.js';
import { createOfflineHandlers } from '../../desktop/main/offline/offline-handlers.js';
import { createLocalRunner } from '../../desktop/main/offline/local-runner.js';
import { openOutboxStore } from '../../desktop/main/offline/outbox-store.js';
import { createOutboxSender } from '../../desktop/renderer/offline/outbox-sender.js';
import { APP_INDEX_URL, isTrustedSender } from '../../desktop/main/security.js';
import type { Sandbox } from '../../judge-core/sandbox.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { twoSum, wrongAnswer } from '../component/fixtures.js';

const request: SubmissionRequest = { language: 'javascript', code: 'function twoSum() { return [0, 1]; }', challengeId: 'two-sum', mode: 'run' };

function handlersOn(kind: 'docker' | 'process') {
  let runs = 0;
  const sandbox: Sandbox = {
    kind,
    ready: async () => undefined,
    close: async () => undefined,
    run: async () => {
      runs += 1;
      throw new Error('stops here: the handler under test decided to run');
    },
  };
  const runner = createLocalRunner({
    challenge: () => ({ ...twoSum, tests: [{ name: 'basic', args: [[2, 7], 9], expected: [0, 1] }], hiddenTestCount: 0 }),
    openSandbox: async () => sandbox,
    limits: { wallTimeMs: 1000, memoryBytes: 1, cpus: 1, pids: 1, rawOutputBytes: 1, testTimeoutMs: 1, outputBytes: 1, valueBytes: 1 },
  });
  const outbox = openOutboxStore(join(mkdtempSync(join(tmpdir(), 'pairjudge-consent-')), 'outbox'));
  const handlers = createOfflineHandlers({
    runner,
    outbox,
    sender: createOutboxSender({ queue: outbox, send: async () => wrongAnswer }),
    broadcast: () => undefined,
    isTrustedSender: (sender) => isTrustedSender(sender, {}),
  });
  const call = (...args: unknown[]) => handlers[CHANNELS.runLocal]!({ url: APP_INDEX_URL, isMainFrame: true }, args);
  return { call, runs: () => runs };
}

describe('local Run of a partner’s code (main process)', () => {
  it('refuses it on the process sandbox without the person’s yes, naming the consent field, and runs nothing', async () => {
    const main = handlersOn('process');
    const answer = await main.call(request, { partnerCode: true, acceptWeakSandbox: false });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', code: WEAK_SANDBOX_CODE, field: 'consent.acceptWeakSandbox' } });
    expect((answer as { error: { message: string } }).error.message).toContain('no Docker');
    expect(main.runs()).toBe(0);
    // With the yes, or for the person's own code, the sandbox is given the job.
    await main.call(request, { partnerCode: true, acceptWeakSandbox: true });
    await main.call(request, { partnerCode: false, acceptWeakSandbox: false });
    expect(main.runs()).toBe(2);
  });

  it('runs it on Docker without asking', async () => {
    const main = handlersOn('docker');
    await main.call(request, { partnerCode: true, acceptWeakSandbox: false });
    expect(main.runs()).toBe(1);
  });

  it('refuses a call without a well-formed consent, naming the field', async () => {
    const main = handlersOn('process');
    expect(await main.call(request)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'arguments' } });
    expect(await main.call(request, { partnerCode: 'yes', acceptWeakSandbox: false })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'consent.partnerCode' } });
    expect(main.runs()).toBe(0);
  });
});

describe('local Run of a partner’s code (workspace)', () => {
  function workspace(consentNeeded: boolean) {
    const store = createWorkspaceStore();
    store.dispatch({ type: 'open', challenge: twoSum });
    const calls: LocalRunConsent[] = [];
    const offline: Pick<OfflineBridge, 'runLocal'> = {
      runLocal: async (_request, consent) => {
        calls.push(consent);
        if (consentNeeded && consent.partnerCode && !consent.acceptWeakSandbox) {
          return { ok: false, error: { kind: 'invalid', code: WEAK_SANDBOX_CODE, message: 'This machine has no Docker…' } };
        }
        return { ok: true, value: wrongAnswer as SubmissionResult };
      },
    };
    const bridge = {
      judge: { submit: async () => ({ ok: false, error: { kind: 'unreachable', message: 'The judge is unreachable.' } }) },
      offline,
    } as unknown as Pick<PairJudgeBridge, 'judge' | 'offline'>;
    return { store, bridge, calls };
  }

  it('asks with main’s reason, and on no leaves the code unrun and says why', async () => {
    const { store, bridge, calls } = workspace(true);
    const asked: string[] = [];
    const outcome = await judgeWithFallback(store, bridge, new JudgeModeStore(), 'run', {
      partnerCode: true,
      confirmWeakSandbox: async (reason) => (asked.push(reason), false),
    });
    expect(outcome).toEqual({ started: true });
    expect(asked).toEqual(['This machine has no Docker…']);
    expect(calls).toEqual([{ partnerCode: true, acceptWeakSandbox: false }]);
    expect(store.getState().run).toMatchObject({ status: 'failed', error: { kind: 'unreachable', message: expect.stringContaining("partner's code was not run") } });
  });

  it('on yes runs it once, marked local', async () => {
    const { store, bridge, calls } = workspace(true);
    const outcome = await judgeWithFallback(store, bridge, new JudgeModeStore(), 'run', { partnerCode: true, confirmWeakSandbox: async () => true });
    expect(outcome).toMatchObject({ started: true, origin: 'local' });
    expect(calls).toEqual([
      { partnerCode: true, acceptWeakSandbox: false },
      { partnerCode: true, acceptWeakSandbox: true },
    ]);
  });

  it('never asks about the person’s own code', async () => {
    const { store, bridge, calls } = workspace(true);
    let asked = false;
    await judgeWithFallback(store, bridge, new JudgeModeStore(), 'run', { partnerCode: false, confirmWeakSandbox: async () => (asked = true) });
    expect(asked).toBe(false);
    expect(calls).toEqual([{ partnerCode: false, acceptWeakSandbox: false }]);
  });
});
