/**
 * Both bridges' authoring calls (the browser guest's fetch bridge and the desktop main process's
 * axios client) against a real gateway on a random port: the coach token from the settings goes
 * out as a bearer token, refusals come back as data naming the field, nothing is sent without one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createJudgeClient, JudgeClientError } from '../../desktop/main/judge-client.js';
import { createWebBridge } from '../../desktop/renderer/bridge/web-bridge.js';
import { draftToInput, emptyDraft } from '../../desktop/renderer/authoring/challenge-draft.js';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { openAccessStores, type AccessStores } from '../../judge-server/storage/access-stores.js';
import { generateToken } from '../../judge-server/tokens/token-secret.js';
import { reverseChallenge } from '../support/authored-fixtures.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pairjudge-bridges-'));
let stores: AccessStores;
let app: FastifyInstance;
let origin: string;
let coachToken: string;
let userToken: string;

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

beforeAll(async () => {
  stores = await openAccessStores({ dataDir, databaseUrl: '' });
  for (const [role, assign] of [['coach', (t: string) => (coachToken = t)], ['user', (t: string) => (userToken = t)]] as const) {
    const { token, id, hash } = generateToken();
    await stores.tokens.add({ id, name: `${role} one`, role, hash, createdAt: 1 });
    assign(token);
  }
  const config = readGatewayConfig({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', QUEUE_PREFIX: 'unit-bridges', DATA_DIR: dataDir, PORT: '0' });
  app = await buildGateway({ config, logger: false, brokerWaitMs: 0, accessStores: stores, verifyReference: async () => [] });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  await stores.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the browser guest bridge', () => {
  it('saves, lists and deletes with the coach token from the settings', async () => {
    const bridge = createWebBridge({ origin, storage: memoryStorage() });
    expect(await bridge.settings.update({ coachToken })).toMatchObject({ ok: true });
    const saved = await bridge.authoring.save(null, reverseChallenge());
    expect(saved).toMatchObject({ ok: true, value: { owner: 'coach one' } });
    const id = saved.ok ? saved.value.id : '';
    expect(await bridge.authoring.listMine()).toMatchObject({ ok: true, value: [{ id, authored: true }] });
    expect(await bridge.authoring.save(id, reverseChallenge({ title: 'Renamed' }))).toMatchObject({ ok: true, value: { id, title: 'Renamed' } });
    expect(await bridge.authoring.remove(id)).toEqual({ ok: true, value: null });
    expect(await bridge.authoring.listMine()).toEqual({ ok: true, value: [] });
  });

  it('sends a challenge written in the form exactly as the gateway accepts it', async () => {
    const draft = emptyDraft();
    draft.title = 'Add two';
    draft.statement = '# Add two\n\nReturn a + b.';
    draft.languages.javascript = { enabled: true, entry: 'add', starter: 'function add(a, b) {}', reference: '' };
    draft.languages.python = { enabled: false, entry: '', starter: '', reference: '' };
    draft.hiddenTests = '[{ "name": "big", "args": [1000, 2000], "expected": 3000 }]';
    const input = draftToInput(draft);
    expect(input.ok).toBe(true);
    const bridge = createWebBridge({ origin, storage: memoryStorage() });
    await bridge.settings.update({ coachToken });
    const saved = await bridge.authoring.save(null, input.ok ? input.value : (undefined as never));
    expect(saved.ok).toBe(true);
    const served = await bridge.judge.getChallenge(saved.ok ? saved.value.id : '');
    expect(served).toMatchObject({ ok: true, value: { title: 'Add two', hiddenTestCount: 1, tests: [{ name: 'example' }] } });
  });

  it('answers unauthorized without a token, without calling the judge, and 403 for a user token', async () => {
    const bridge = createWebBridge({ origin, storage: memoryStorage() });
    expect(await bridge.authoring.listMine()).toMatchObject({ ok: false, error: { kind: 'unauthorized', field: 'coachToken' } });
    await bridge.settings.update({ coachToken: userToken });
    expect(await bridge.authoring.save(null, reverseChallenge())).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 403 } });
  });

  it('refuses a malformed token in the settings, naming the field', async () => {
    const bridge = createWebBridge({ origin, storage: memoryStorage() });
    expect(await bridge.settings.update({ coachToken: 'hunter2' })).toMatchObject({ ok: false, error: { field: 'settings.coachToken' } });
  });

  it('passes on the field the gateway named for bad input', async () => {
    const bridge = createWebBridge({ origin, storage: memoryStorage() });
    await bridge.settings.update({ coachToken });
    expect(await bridge.authoring.save(null, reverseChallenge({ starter: { javascript: 'x' } }))).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'starter.python' } });
  });
});

describe('the desktop judge client', () => {
  it('saves, lists and deletes with the coach token from the settings', async () => {
    let token = coachToken;
    const client = createJudgeClient({ baseUrl: () => origin, coachToken: () => token });
    const saved = await client.saveChallenge(null, reverseChallenge());
    expect((await client.listMyChallenges()).map((c) => c.id)).toContain(saved.id);
    await client.deleteChallenge(saved.id);
    expect((await client.listMyChallenges()).map((c) => c.id)).not.toContain(saved.id);
    token = generateToken().token;
    await expect(client.listMyChallenges()).rejects.toThrow(JudgeClientError);
    await expect(client.listMyChallenges()).rejects.toMatchObject({ info: { kind: 'unauthorized', status: 401 } });
    token = '';
    await expect(client.saveChallenge(null, reverseChallenge())).rejects.toMatchObject({ info: { kind: 'unauthorized', field: 'coachToken' } });
  });
});
