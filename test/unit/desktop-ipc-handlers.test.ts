import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmissionRequest, SubmissionResult } from '../../protocol/index.js';
import { CHANNELS } from '../../desktop/renderer/bridge/channels.js';
import { UntrustedSenderError, createIpcHandlers, type IpcHandler } from '../../desktop/main/ipc-handlers.js';
import { JudgeClientError, type JudgeClient } from '../../desktop/main/judge-client.js';
import { APP_INDEX_URL, isTrustedSender, type SenderInfo } from '../../desktop/main/security.js';
import { createSettingsStore } from '../../desktop/main/settings-store.js';

const app = {};
const trusted: SenderInfo = { url: APP_INDEX_URL, isMainFrame: true };
const result: SubmissionResult = { id: 's', status: 'done', verdict: 'accepted', tests: [], stdout: '', durationMs: 1 };

/** A judge client that records what reached it: these tests are about what never does. */
function recordingJudge(calls: unknown[]): JudgeClient {
  return {
    listChallenges: async () => [],
    getChallenge: async (id) => {
      calls.push(id);
      throw new JudgeClientError({ kind: 'not_found', message: 'no such challenge', status: 404 });
    },
    listLanguages: async () => [],
    submit: async (request) => {
      calls.push(request);
      return result;
    },
    health: async () => ({ ok: true, url: 'http://127.0.0.1:8080' }),
    listMyChallenges: async () => [],
    saveChallenge: async (id, challenge) => {
      calls.push(challenge);
      return { id: id ?? 'new-1', title: challenge.title, owner: 'me', verifiedLanguages: [] };
    },
    deleteChallenge: async (id) => {
      calls.push(id);
      return null;
    },
  };
}

describe('desktop IPC handlers', () => {
  let dir: string;
  let calls: unknown[];
  let opened: string[];
  let handlers: Record<string, IpcHandler>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pairjudge-ipc-'));
    calls = [];
    opened = [];
    handlers = createIpcHandlers({
      judge: recordingJudge(calls),
      settings: createSettingsStore(dir),
      openExternal: async (url) => {
        opened.push(url);
      },
      isTrustedSender: (sender) => isTrustedSender(sender, app),
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const call = (channel: string, ...args: unknown[]) => handlers[channel]!(trusted, args);

  it('has one handler per invoke channel', () => {
    // Sessions, LAN and offline channels have handlers of their own (desktop-session-ipc.test.ts,
    // desktop-offline-handlers.test.ts).
    const invokeChannels = Object.values(CHANNELS).filter((channel) => channel !== CHANNELS.settingsChanged && !/^(sessions|lan|offline):/.test(channel));
    expect(Object.keys(handlers).sort()).toEqual([...invokeChannels].sort());
  });

  it('passes a valid submission to the judge and answers its result', async () => {
    const request: SubmissionRequest = { language: 'javascript', code: 'function twoSum() {}', challengeId: 'two-sum', mode: 'run' };
    expect(await call(CHANNELS.submit, request)).toEqual({ ok: true, value: result });
    expect(calls).toEqual([request]);
  });

  it('rejects a submission with an unknown language, naming the field', async () => {
    const answer = await call(CHANNELS.submit, { language: 'cobol', code: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'request.language' } });
    expect(calls).toEqual([]);
  });

  it('rejects extra fields and oversized code before they reach the judge', async () => {
    expect(await call(CHANNELS.submit, { language: 'python', code: 'x', shell: 'rm -rf /' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await call(CHANNELS.submit, { language: 'python', code: 'x'.repeat(70_000) })).toMatchObject({ ok: false, error: { field: 'request.code' } });
    expect(calls).toEqual([]);
  });

  it('rejects a challenge id that is not an id and a wrong argument count', async () => {
    expect(await call(CHANNELS.getChallenge, '../../etc/passwd')).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(await call(CHANNELS.getChallenge)).toMatchObject({ ok: false, error: { field: 'arguments' } });
    expect(await call(CHANNELS.listChallenges, 'extra')).toMatchObject({ ok: false, error: { field: 'arguments' } });
    expect(calls).toEqual([]);
  });

  it('passes a valid authored challenge to the judge and refuses a bad one naming the field', async () => {
    const challenge = {
      title: 'Add',
      difficulty: 'easy',
      tags: [],
      statement: 'Add.',
      entry: { javascript: 'add' },
      starter: { javascript: 'function add() {}' },
      tests: [{ name: 'small', args: [1, 2], expected: 3, hidden: true }],
    };
    expect(await call(CHANNELS.saveChallenge, null, challenge)).toMatchObject({ ok: true, value: { id: 'new-1' } });
    expect(await call(CHANNELS.saveChallenge, 'add-1', { ...challenge, tests: [{ name: 'x', args: 'no', expected: 1, hidden: false }] })).toMatchObject({ ok: false, error: { field: 'challenge.tests.0.args' } });
    expect(await call(CHANNELS.saveChallenge, '../x', challenge)).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(await call(CHANNELS.deleteChallenge, 'Not An Id')).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(calls).toEqual([challenge]);
  });

  it('answers judge failures as data the renderer can show', async () => {
    expect(await call(CHANNELS.getChallenge, 'two-sum')).toEqual({ ok: false, error: { kind: 'not_found', message: 'no such challenge', status: 404 } });
  });

  it('updates settings and refuses a bad theme naming the field', async () => {
    expect(await call(CHANNELS.updateSettings, { displayName: 'Ada' })).toMatchObject({ ok: true, value: { displayName: 'Ada' } });
    expect(await call(CHANNELS.updateSettings, { theme: 'neon' })).toMatchObject({ ok: false, error: { field: 'settings.theme' } });
    expect(await call(CHANNELS.getSettings)).toMatchObject({ displayName: 'Ada', theme: 'system' });
  });

  it('opens only http(s) links externally', async () => {
    await call(CHANNELS.openExternal, 'https://example.org/docs');
    await expect(call(CHANNELS.openExternal, 'file:///etc/passwd')).rejects.toThrow(/url/);
    await expect(call(CHANNELS.openExternal, 'javascript:alert(1)')).rejects.toThrow(/url/);
    expect(opened).toEqual(['https://example.org/docs']);
  });

  it('refuses messages from an iframe or a foreign page', async () => {
    const request = { language: 'javascript', code: 'x' };
    await expect(handlers[CHANNELS.submit]!({ url: APP_INDEX_URL, isMainFrame: false }, [request])).rejects.toThrow(UntrustedSenderError);
    await expect(handlers[CHANNELS.submit]!({ url: 'https://evil.example/', isMainFrame: true }, [request])).rejects.toThrow(UntrustedSenderError);
    await expect(handlers[CHANNELS.getSettings]!({ url: 'file:///opt/PairJudge/resources/app/out/renderer/index.html', isMainFrame: true }, [])).rejects.toThrow(UntrustedSenderError);
    expect(calls).toEqual([]);
  });
});
