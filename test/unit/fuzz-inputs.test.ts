/**
 * Bad input, fuzzed (fast-check): 10 000 random and mutated inputs in all.
 * - 6 000 submission bodies (random JSON, and valid bodies with fields removed, replaced or added,
 *   with random Idempotency-Keys and `wait` values) through app.inject;
 * - 2 000 challenge requests (random ids and query strings) through app.inject;
 * - 2 000 signaling frames (random and mutated) through the signaling parser.
 * Never a 5xx; every 400 names the field; a refused submission stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { parseClientMessage, SignalMessageError } from '../../protocol/index.js';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { SqliteSubmissionStore } from '../../judge-server/gateway/store/sqlite-submission-store.js';
import { FakeJobQueue } from '../support/fake-job-queue.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
let app: FastifyInstance;
const store = new SqliteSubmissionStore(':memory:');
const counts: Record<string, Record<string, number>> = { submissions: {}, challenges: {}, signaling: {} };
const tally = (kind: string, status: string) => (counts[kind]![status] = (counts[kind]![status] ?? 0) + 1);

beforeAll(async () => {
  // The broker "down": accepted submissions stay queued in the store, where they are counted.
  const config = readGatewayConfig({ QUEUE_PREFIX: 'unit-fuzz', RATE_LIMIT_MAX: '100000', MAX_QUEUED_SUBMISSIONS: '100000' });
  app = await buildGateway({ config, logger: false, store, queue: new FakeJobQueue(false).factory() });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
  console.log(`fuzz counts (seed ${SEED}): ${JSON.stringify(counts)}`);
});

const VALID_BODIES: Record<string, unknown>[] = [
  { language: 'javascript', code: 'function twoSum(a, t) { return [0, 1]; }', challengeId: 'two-sum' },
  { language: 'python', code: 'def two_sum(n, t):\n    return [0, 1]\n', challengeId: 'two-sum', mode: 'run' },
  { language: 'javascript', code: 'function inc(a) { return a + 1; }', tests: { entry: 'inc', cases: [{ name: 'one', args: [1], expected: 2 }] } },
  { language: 'python', code: 'x = 1', tests: { script: 'test("x", lambda: None)' } },
  { language: 'javascript', code: 'function f(){}', challengeId: 'fizz-buzz', mode: 'submit', tests: { cases: [{ name: 'c', args: [[1, { a: null }]], expected: 'x' }] } },
];

type Mutation = { op: 'set' | 'delete' | 'add'; path: string[]; value?: unknown };

/** A JSON path into a body: its keys, or made-up ones. */
const pathArb = fc.array(fc.oneof(fc.constantFrom('language', 'code', 'challengeId', 'mode', 'tests', 'entry', 'cases', 'script', '0', 'args', 'expected', 'name'), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 4 });
const mutationArb: fc.Arbitrary<Mutation> = fc.record({ op: fc.constantFrom('set', 'delete', 'add'), path: pathArb, value: fc.jsonValue({ maxDepth: 4 }) });

function mutate(body: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: unknown = copy;
  for (const key of mutation.path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return copy;
    node = (node as Record<string, unknown>)[key];
  }
  if (!node || typeof node !== 'object') return copy;
  const last = mutation.path.at(-1)!;
  const target = node as Record<string, unknown>;
  if (mutation.op === 'delete') delete target[last];
  else if (mutation.op === 'add') target[`${last}_extra`] = mutation.value;
  else target[last] = mutation.value;
  return copy;
}

const bodyArb = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('language', 'code', 'challengeId', 'mode', 'tests', 'x'), fc.jsonValue({ maxDepth: 4 })) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...VALID_BODIES), fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([body, mutations]) => mutations.reduce<unknown>(mutate, body)),
  },
);
const headerArb = fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('same-key')), { nil: undefined });
const waitArb = fc.oneof(fc.constant('0'), fc.constant('-1'), fc.constant('abc'), fc.constant(''), fc.double().map(String));

describe('fuzzed bad input', () => {
  it('never answers 5xx to 6 000 random and mutated submissions; every 400 names the field; refusals store nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, headerArb, waitArb, async (body, key, wait) => {
        const before = await store.countQueued();
        const response = await app.inject({
          method: 'POST',
          url: `/v1/submissions?wait=${encodeURIComponent(wait === '' || Number(wait) > 0 ? '0' : wait)}`,
          headers: { 'content-type': 'application/json', ...(key !== undefined ? { 'idempotency-key': key } : {}) },
          payload: JSON.stringify(body),
        });
        tally('submissions', String(response.statusCode));
        expect(response.statusCode).toBeLessThan(500);
        const after = await store.countQueued();
        if (response.statusCode === 202) {
          expect(after - before).toBeLessThanOrEqual(1);
          return;
        }
        expect(after).toBe(before);
        if (response.statusCode === 400 || response.statusCode === 422 || response.statusCode === 404) {
          const field = response.json().error.field;
          expect(typeof field === 'string' && field.length > 0, `${response.statusCode} without a field: ${response.body}`).toBe(true);
        }
      }),
      { numRuns: 6000, seed: SEED },
    );
  }, 600_000);

  it('never answers 5xx to 2 000 random challenge requests; every 400 names the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('two-sum', 'fizz-buzz', '..', '%00', 'a'.repeat(70))), fc.string({ maxLength: 20 }), async (id, query) => {
        const response = await app.inject({ method: 'GET', url: `/v1/challenges/${encodeURIComponent(id)}?${encodeURIComponent(query)}=1` });
        tally('challenges', String(response.statusCode));
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 400) expect(response.json().error.field).toBe('id');
        if (response.statusCode === 404) expect(response.json().error.code).toBe('not_found');
      }),
      { numRuns: 2000, seed: SEED },
    );
  }, 600_000);

  it('refuses 2 000 random and mutated signaling frames with a SignalMessageError, never anything else', () => {
    const validFrames = [{ type: 'create-room', maxPeers: 2 }, { type: 'join-room', code: 'K7QX-M3PD-9TZR' }, { type: 'signal', to: '0123456789abcdef', data: { sdp: 'x' } }, { type: 'leave' }];
    const frameArb = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.constantFrom(...validFrames), fc.array(fc.record({ op: fc.constantFrom('set', 'delete', 'add'), path: fc.array(fc.constantFrom('type', 'code', 'to', 'data', 'maxPeers', 'x'), { minLength: 1, maxLength: 2 }), value: fc.jsonValue({ maxDepth: 3 }) }), { minLength: 1, maxLength: 3 }))
        .map(([frame, mutations]) => JSON.stringify((mutations as Mutation[]).reduce<unknown>(mutate, frame))),
    );
    fc.assert(
      fc.property(frameArb, (text) => {
        try {
          parseClientMessage(text);
          tally('signaling', 'valid');
        } catch (error) {
          expect(error).toBeInstanceOf(SignalMessageError);
          tally('signaling', (error as SignalMessageError).field ? 'refused, field named' : 'refused (not a JSON object)');
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
