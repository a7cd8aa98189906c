import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_STORAGE_KEY, createWebBridge } from '../../desktop/renderer/bridge/web-bridge.js';

const summary = { id: 'two-sum', title: 'Two Sum', difficulty: 'easy', tags: [], languages: ['javascript'] };
const result = { id: 's-9', status: 'done', verdict: 'accepted', tests: [], stdout: '', durationMs: 3 };

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

// The bridge wraps the one judge client (test/unit/judge-client.test.ts) in BridgeResults and keeps settings.
describe('browser-guest bridge', () => {
  let server: FastifyInstance;
  let origin: string;
  let challengeHits = 0;
  let pollHits = 0;

  beforeAll(async () => {
    server = Fastify();
    server.get('/v1/challenges', async (_request, reply) => {
      challengeHits++;
      if (challengeHits === 1) return reply.code(503).header('retry-after', '1').send({ error: { code: 'unavailable', message: 'starting' } });
      return [summary];
    });
    server.post('/v1/submissions', async (request, reply) => {
      const body = request.body as { language?: string };
      if (body.language !== 'javascript') return reply.code(400).send({ error: { code: 'bad_request', message: 'language: unknown', field: 'language' } });
      return reply.code(202).send({ id: 's-9', status: 'queued' });
    });
    server.get('/v1/submissions/s-9', async (_request, reply) => {
      pollHits++;
      return pollHits < 2 ? reply.code(202).send({ id: 's-9', status: 'running' }) : result;
    });
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('retries a 503 after Retry-After and answers the catalog', async () => {
    const sleeps: number[] = [];
    const bridge = createWebBridge({ origin, storage: memoryStorage(), sleep: async (ms) => void sleeps.push(ms) });
    expect(await bridge.judge.listChallenges()).toEqual({ ok: true, value: [summary] });
    expect(sleeps).toEqual([1000]);
  });

  it('polls a queued submission until it is done', async () => {
    const bridge = createWebBridge({ origin, storage: memoryStorage(), sleep: async () => {} });
    expect(await bridge.judge.submit({ language: 'javascript', code: 'x', challengeId: 'two-sum' })).toEqual({ ok: true, value: result });
  });

  it('passes on the field the gateway named', async () => {
    const bridge = createWebBridge({ origin, storage: memoryStorage() });
    expect(await bridge.judge.submit({ language: 'python', code: 'x' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'language' } });
  });

  it('reports an unreachable gateway with the URL it tried', async () => {
    const closed = Fastify();
    const dead = await closed.listen({ port: 0, host: '127.0.0.1' });
    await closed.close();
    const answer = await createWebBridge({ origin: dead, storage: memoryStorage() }).judge.listChallenges();
    expect(answer).toEqual({ ok: false, error: { kind: 'unreachable', url: dead, detail: 'connection refused', message: `Cannot reach the judge at ${dead} (connection refused).` } });
  });

  it('keeps settings in storage, validated, with the gateway fixed to the page origin', async () => {
    const storage = memoryStorage();
    const bridge = createWebBridge({ origin, storage });
    const seen: string[] = [];
    const unsubscribe = bridge.settings.onChange((settings) => seen.push(settings.theme));
    expect(await bridge.settings.update({ theme: 'dark', displayName: 'Ada' })).toMatchObject({ ok: true });
    expect(await bridge.settings.update({ theme: 'neon' } as never)).toMatchObject({ ok: false, error: { field: 'settings.theme' } });
    unsubscribe();
    storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ ...JSON.parse(storage.items.get(SETTINGS_STORAGE_KEY)!), gatewayUrl: 'https://elsewhere.example' }));
    expect(await bridge.settings.get()).toEqual({ gatewayUrl: origin, displayName: 'Ada', iceServers: [], theme: 'dark', coachToken: '', judgeMode: 'auto' });
    expect(seen).toEqual(['dark']);
  });
});
