/** The sessions and LAN IPC handlers: sender checks, argument validation, and what reaches the store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../desktop/renderer/bridge/channels.js';
import { UntrustedSenderError, type IpcHandler } from '../../desktop/main/ipc-handlers.js';
import type { LanService } from '../../desktop/main/lan/lan-service.js';
import { APP_INDEX_URL, isTrustedSender, type SenderInfo } from '../../desktop/main/security.js';
import { createSessionIpcHandlers } from '../../desktop/main/session-ipc-handlers.js';
import { createSessionStore, type SessionStore } from '../../desktop/main/sessions/session-store.js';

const trusted: SenderInfo = { url: APP_INDEX_URL, isMainFrame: true };

function oneEdit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('code:javascript').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('desktop sessions and LAN IPC', () => {
  let dir: string;
  let store: SessionStore;
  let handlers: Record<string, IpcHandler>;
  let hosted = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pairjudge-session-ipc-'));
    store = createSessionStore(dir);
    hosted = 0;
    const lan: LanService = {
      host: async () => {
        hosted++;
        return { urls: ['http://10.0.0.2:9190/'], localUrl: 'http://127.0.0.1:9190', port: 9190, sandboxKind: 'docker' };
      },
      stopHost: async () => undefined,
      current: () => null,
      find: async () => [],
      close: async () => undefined,
    };
    handlers = createSessionIpcHandlers({ sessions: store, lan, isTrustedSender: (sender) => isTrustedSender(sender, {}) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has one handler per sessions and LAN channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.values(CHANNELS).filter((channel) => /^(sessions|lan):/.test(channel)).sort());
  });

  it('appends and loads a session through the channels', async () => {
    expect(await handlers[CHANNELS.appendSession]!(trusted, ['solo-two-sum', oneEdit('hello')])).toEqual({ ok: true, value: null });
    const loaded = (await handlers[CHANNELS.loadSession]!(trusted, ['solo-two-sum'])) as { ok: true; value: Uint8Array };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.value);
    expect(doc.getText('code:javascript').toString()).toBe('hello');
  });

  it('refuses a frame that is not the app, before touching anything', async () => {
    const iframe: SenderInfo = { url: APP_INDEX_URL, isMainFrame: false };
    await expect(handlers[CHANNELS.appendSession]!(iframe, ['solo-two-sum', oneEdit('x')])).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(handlers[CHANNELS.lanHost]!({ url: 'https://evil.example/', isMainFrame: true }, [])).rejects.toBeInstanceOf(UntrustedSenderError);
    expect(hosted).toBe(0);
    expect(await store.load('solo-two-sum')).toBeNull();
  });

  it('answers invalid, naming the field, for a bad id, a bad update, a bad summary or extra arguments', async () => {
    expect(await handlers[CHANNELS.loadSession]!(trusted, ['../../etc/passwd'])).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'id' } });
    expect(await handlers[CHANNELS.appendSession]!(trusted, ['solo-two-sum', 'text'])).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'update' } });
    expect(await handlers[CHANNELS.appendSession]!(trusted, ['solo-two-sum', new Uint8Array([9, 9, 9])])).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'update' } });
    expect(
      await handlers[CHANNELS.describeSession]!(trusted, [{ id: 'solo-two-sum', kind: 'solo', partners: [], updatedAt: 1, extra: true }]),
    ).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'summary.extra' } });
    expect(await handlers[CHANNELS.lanHost]!(trusted, ['now'])).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'arguments' } });
    expect(store.list()).toEqual([]);
    expect(await store.load('solo-two-sum')).toBeNull();
  });

  it('describes and lists sessions, and hosts through the LAN service', async () => {
    const summary = { id: 'room-ABCD-EFGH-JKLM', kind: 'room', challengeId: 'two-sum', language: 'javascript', partners: ['Bob'], roomCode: 'ABCD-EFGH-JKLM', updatedAt: 5 };
    expect(await handlers[CHANNELS.describeSession]!(trusted, [summary])).toEqual({ ok: true, value: null });
    expect(await handlers[CHANNELS.listSessions]!(trusted, [])).toEqual([summary]);
    expect(await handlers[CHANNELS.lanHost]!(trusted, [])).toMatchObject({ ok: true, value: { port: 9190 } });
    expect(hosted).toBe(1);
  });
});
