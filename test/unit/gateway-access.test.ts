/**
 * API tokens and authored challenges through app.inject: who may do what (401/403), rate limits
 * per token, validation naming the field, hidden tests never served, CORS and security headers.
 * No broker: reference solutions go to an injected verifier here (the real judge checks them in
 * test/integration/authored-challenges.test.ts), and the stores are a SQLite file in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { LoadedChallenge } from '../../judge-core/catalog.js';
import { buildGateway } from '../../judge-server/gateway/app.js';
import { readGatewayConfig } from '../../judge-server/gateway/config.js';
import { RequestError } from '../../judge-server/gateway/request-error.js';
import { openAccessStores, type AccessStores } from '../../judge-server/storage/access-stores.js';
import { generateToken, hashToken, type Role } from '../../judge-server/tokens/token-secret.js';
import { REVERSE_REFERENCE, reverseChallenge } from '../support/authored-fixtures.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pairjudge-access-'));
let stores: AccessStores;
let app: FastifyInstance;
const verified: { id: string; languages: string[] }[] = [];
const tokens: Record<string, string> = {};

async function addToken(name: string, role: Role): Promise<string> {
  const { token, id, hash } = generateToken();
  await stores.tokens.add({ id, name, role, hash, createdAt: Date.now() });
  return token;
}

function build(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = readGatewayConfig({
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
    QUEUE_PREFIX: 'unit-access',
    DATA_DIR: dataDir,
    RATE_LIMIT_MAX: '1000',
    ...env,
  });
  return buildGateway({
    config,
    logger: false,
    brokerWaitMs: 0,
    accessStores: stores,
    // Stands in for the judge: a reference containing "WRONG" fails, like a wrong_answer would.
    async verifyReference(challenge: LoadedChallenge, reference: Record<string, string>) {
      for (const [language, code] of Object.entries(reference)) {
        if (code.includes('WRONG')) throw new RequestError(400, 'invalid_request', `reference.${language}`, `reference.${language} does not pass the tests`);
      }
      verified.push({ id: challenge.id, languages: Object.keys(reference) });
      return Object.keys(reference);
    },
  });
}

beforeAll(async () => {
  stores = await openAccessStores({ dataDir, databaseUrl: '' });
  tokens.coach = await addToken('Coach Ada', 'coach');
  tokens.otherCoach = await addToken('Coach Bob', 'coach');
  tokens.admin = await addToken('Operator', 'admin');
  tokens.user = await addToken('Candidate', 'user');
  app = await build();
});

afterAll(async () => {
  await app.close();
  await stores.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function create(token = tokens.coach!, body: unknown = { ...reverseChallenge(), reference: REVERSE_REFERENCE }) {
  return app.inject({ method: 'POST', url: '/v1/challenges', headers: bearer(token), payload: body as object });
}

describe('API tokens', () => {
  it('stores only the SHA-256 of a token, never the token', async () => {
    const all = await stores.tokens.list();
    expect(all.map((t) => t.hash)).toContain(hashToken(tokens.coach!));
    expect(JSON.stringify(all)).not.toContain(tokens.coach!);
  });

  it('answers 401 without a token when writing a challenge', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/challenges', payload: reverseChallenge() });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthorized', field: 'authorization' } });
  });

  it('answers 401 with a well-formed but unknown token, on any route', async () => {
    const unknown = generateToken().token;
    const submission = { language: 'javascript', code: 'function twoSum(){}', challengeId: 'two-sum' };
    for (const [method, url, payload] of [
      ['POST', '/v1/challenges', reverseChallenge()],
      ['POST', '/v1/submissions?wait=0', submission],
      ['GET', '/v1/challenges', undefined],
      ['GET', '/v1/languages', undefined],
    ] as const) {
      const response = await app.inject({ method, url, headers: bearer(unknown), ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.message).toMatch(/not known/);
      expect(response.body).not.toContain(unknown);
    }
  });

  it('answers 401 to a malformed Authorization header without echoing it', async () => {
    for (const header of ['Basic abc', 'Bearer', `Bearer ${tokens.coach}x`, 'Bearer pj_short']) {
      const response = await app.inject({ method: 'GET', url: '/v1/challenges', headers: { authorization: header } });
      expect(response.statusCode, header).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
  });

  it('answers 403 to a user-role token writing a challenge, and saves nothing', async () => {
    const before = (await stores.authored.list()).length;
    const response = await create(tokens.user);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringMatching(/user role; this needs coach/) } });
    expect((await stores.authored.list()).length).toBe(before);
  });

  it('lets a user-role token read the catalog like anyone', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/challenges', headers: bearer(tokens.user!) });
    expect(response.statusCode).toBe(200);
  });
});

describe('authored challenges', () => {
  it('creates one with a coach token, after its reference solutions pass', async () => {
    const response = await create();
    expect(response.statusCode).toBe(201);
    const saved = response.json();
    expect(saved).toMatchObject({ title: 'Reverse a word', owner: 'Coach Ada', verifiedLanguages: ['javascript', 'python'] });
    expect(saved.id).toMatch(/^reverse-a-word-[0-9a-f]{6}$/);
    expect(response.headers.location).toBe(`/v1/challenges/${saved.id}`);
    expect(verified.at(-1)).toEqual({ id: saved.id, languages: ['javascript', 'python'] });
  });

  it('lists it after the catalog, marked as authored with its owner', async () => {
    const { id } = (await create()).json();
    const list = (await app.inject({ method: 'GET', url: '/v1/challenges' })).json().challenges as Record<string, unknown>[];
    const entry = list.find((c) => c.id === id);
    expect(entry).toEqual({ id, title: 'Reverse a word', difficulty: 'easy', tags: ['string'], languages: ['javascript', 'python'], authored: true, owner: 'Coach Ada' });
    expect(list.findIndex((c) => c.id === 'two-sum')).toBeLessThan(list.findIndex((c) => c.id === id));
    expect(list.find((c) => c.id === 'two-sum')?.authored).toBeUndefined();
  });

  it('serves it with hidden tests reduced to a count, like catalog challenges', async () => {
    const { id } = (await create()).json();
    const response = await app.inject({ method: 'GET', url: `/v1/challenges/${id}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.tests.map((t: { name: string }) => t.name)).toEqual(['visible abc', 'visible empty']);
    expect(body.hiddenTestCount).toBe(2);
    expect(body).toMatchObject({ authored: true, owner: 'Coach Ada', entry: { javascript: 'reverseWord' } });
    // Neither hidden inputs, hidden expected values nor the reference solution leave the gateway.
    for (const secret of ['secret-input-xyzzy', 'yzzyx-tupni-terces', 'hidden long', 'reverse().join']) {
      expect(response.body).not.toContain(secret);
      expect((await app.inject({ method: 'GET', url: '/v1/challenges' })).body).not.toContain(secret);
    }
  });

  it("lists a coach's own challenges with mine=1, and needs a token for it", async () => {
    const mine = (await create(tokens.otherCoach)).json().id as string;
    const response = await app.inject({ method: 'GET', url: '/v1/challenges?mine=1', headers: bearer(tokens.otherCoach!) });
    expect(response.statusCode).toBe(200);
    const ids = response.json().challenges.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain('two-sum');
    expect(response.json().challenges.every((c: { owner: string }) => c.owner === 'Coach Bob')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/v1/challenges?mine=1' })).statusCode).toBe(401);
  });

  it('refuses a reference solution that fails, and saves nothing', async () => {
    const before = (await stores.authored.list()).length;
    const response = await create(tokens.coach, { ...reverseChallenge(), reference: { python: 'WRONG' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('reference.python');
    expect((await stores.authored.list()).length).toBe(before);
  });

  const invalid: { name: string; body: unknown; field: string; message: RegExp }[] = [
    { name: 'the title is missing', body: { ...reverseChallenge(), title: undefined }, field: 'title', message: /title is required/ },
    { name: 'a test lacks its expected value', body: reverseChallenge({ tests: [{ name: 'x', args: [], hidden: false } as never] }), field: 'tests[0].expected', message: /expected is required/ },
    {
      name: 'two tests share a name',
      body: reverseChallenge({ tests: [{ name: 'same', args: ['a'], expected: 'a', hidden: false }, { name: 'same', args: ['b'], expected: 'b', hidden: true }] }),
      field: 'tests[1].name',
      message: /duplicate test name "same"/,
    },
    { name: 'the starter of an offered language is missing', body: reverseChallenge({ starter: { javascript: 'function reverseWord(w) {}' } }), field: 'starter.python', message: /starter\.python is missing/ },
    { name: 'the statement is blank', body: reverseChallenge({ statement: '   \n' }), field: 'statement', message: /statement is empty/ },
    { name: 'no entry names a language the judge runs', body: reverseChallenge({ entry: { cobol: 'REVERSE' }, starter: {} }), field: 'entry', message: /names no language/ },
    { name: 'an entry name is not an identifier', body: reverseChallenge({ entry: { javascript: 'reverse word' } }), field: 'entry.javascript', message: /must match pattern/ },
    { name: 'a test nests absurdly deep', body: reverseChallenge({ tests: [{ name: 'deep', args: [JSON.parse('['.repeat(80) + ']'.repeat(80))], expected: 1, hidden: false }] }), field: 'tests[0]', message: /nests deeper than 64/ },
    {
      name: 'there are more than 100 tests',
      body: reverseChallenge({ tests: Array.from({ length: 101 }, (_, i) => ({ name: `t${i}`, args: [], expected: i, hidden: false })) }),
      field: 'tests',
      message: /tests must NOT have more than 100 items/,
    },
    { name: 'the difficulty is unknown', body: reverseChallenge({ difficulty: 'trivial' as never }), field: 'difficulty', message: /difficulty must be one of/ },
    { name: 'a field is unknown', body: { ...reverseChallenge(), id: 'two-sum' }, field: 'id', message: /id is not a known field/ },
    { name: 'a reference is for a language the challenge lacks', body: { ...reverseChallenge(), reference: { typescript: 'x' } }, field: 'reference.typescript', message: /no entry function for typescript/ },
  ];
  for (const c of invalid) {
    it(`answers 400 naming the field when ${c.name}, and saves nothing`, async () => {
      const before = (await stores.authored.list()).length;
      const response = await create(tokens.coach, c.body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid_request', field: c.field, message: expect.stringMatching(c.message) });
      expect((await stores.authored.list()).length).toBe(before);
    });
  }

  it('lets only the owner or an admin replace or delete one', async () => {
    const { id } = (await create()).json();
    const changed = { ...reverseChallenge({ title: 'Reverse a word, again' }) };
    const byOther = await app.inject({ method: 'PUT', url: `/v1/challenges/${id}`, headers: bearer(tokens.otherCoach!), payload: changed });
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json().error.message).toMatch(/belongs to "Coach Ada"/);
    expect((await app.inject({ method: 'DELETE', url: `/v1/challenges/${id}`, headers: bearer(tokens.otherCoach!) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/v1/challenges/${id}`, headers: bearer(tokens.user!) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/v1/challenges/${id}` })).statusCode).toBe(401);

    const byOwner = await app.inject({ method: 'PUT', url: `/v1/challenges/${id}`, headers: bearer(tokens.coach!), payload: changed });
    expect(byOwner.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/challenges/${id}` })).json().title).toBe('Reverse a word, again');

    // An admin may edit, without becoming the owner.
    const byAdmin = await app.inject({ method: 'PUT', url: `/v1/challenges/${id}`, headers: bearer(tokens.admin!), payload: reverseChallenge({ title: 'Edited by admin' }) });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().owner).toBe('Coach Ada');

    expect((await app.inject({ method: 'DELETE', url: `/v1/challenges/${id}`, headers: bearer(tokens.admin!) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/v1/challenges/${id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/challenges/${id}`, headers: bearer(tokens.coach!) })).statusCode).toBe(404);
  });

  it('refuses to change or delete a catalog challenge', async () => {
    const put = await app.inject({ method: 'PUT', url: '/v1/challenges/two-sum', headers: bearer(tokens.admin!), payload: reverseChallenge() });
    expect(put.statusCode).toBe(403);
    const del = await app.inject({ method: 'DELETE', url: '/v1/challenges/two-sum', headers: bearer(tokens.admin!) });
    expect(del.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/challenges/two-sum' })).statusCode).toBe(200);
  });

  it('serves challenges another gateway on the same store wrote', async () => {
    const second = await build();
    // Started before the challenge exists, so only the store can tell it about it.
    const third = await build();
    try {
      const { id } = (await second.inject({ method: 'POST', url: '/v1/challenges', headers: bearer(tokens.coach!), payload: reverseChallenge() })).json();
      expect((await app.inject({ method: 'GET', url: `/v1/challenges/${id}` })).statusCode).toBe(200);
      // A submission naming it is built from the store's current copy: with the broker down here,
      // that means 202 (stored, waiting for the broker), where an unknown challenge is 404.
      const submission = { language: 'javascript', code: 'function reverseWord(w) { return w; }', challengeId: id };
      expect((await third.inject({ method: 'POST', url: '/v1/submissions?wait=0', payload: submission })).statusCode).toBe(202);
      expect((await second.inject({ method: 'DELETE', url: `/v1/challenges/${id}`, headers: bearer(tokens.coach!) })).statusCode).toBe(204);
      expect((await third.inject({ method: 'POST', url: '/v1/submissions?wait=0', payload: submission })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/v1/challenges/${id}` })).statusCode).toBe(404);
    } finally {
      await second.close();
      await third.close();
    }
  });
});

describe('rate limits per token', () => {
  // The broker is down, so each accepted submission waits in the store (202); what matters is
  // which requests the limiter lets through (anything but 429) and which it stops.
  const body = { language: 'javascript', code: 'function twoSum(){ return [0, 1]; }', challengeId: 'two-sum' };
  let limited: FastifyInstance;
  beforeAll(async () => {
    limited = await build({ RATE_LIMIT_MAX: '2', TOKEN_RATE_LIMIT_MAX: '5' });
  });
  afterAll(async () => {
    await limited.close();
  });
  const statuses = async (headers: Record<string, string>, n: number, from: string) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await limited.inject({ method: 'POST', url: '/v1/submissions?wait=0', headers, payload: body, remoteAddress: from })).statusCode);
    return out;
  };

  it('gives anonymous callers RATE_LIMIT_MAX per address and a token TOKEN_RATE_LIMIT_MAX of its own', async () => {
    const anonymous = await statuses({}, 3, '10.0.0.1');
    expect(anonymous.slice(0, 2)).not.toContain(429);
    expect(anonymous[2]).toBe(429);
    // Same address, with a token: counted apart, with the higher limit.
    const withToken = await statuses(bearer(tokens.user!), 6, '10.0.0.1');
    expect(withToken.slice(0, 5)).not.toContain(429);
    expect(withToken[5]).toBe(429);
    // The count follows the token, not the address.
    const elsewhere = await limited.inject({ method: 'POST', url: '/v1/submissions?wait=0', headers: bearer(tokens.user!), payload: body, remoteAddress: '10.0.0.9' });
    expect(elsewhere.statusCode).toBe(429);
    expect(elsewhere.headers['retry-after']).toBeDefined();
    expect(elsewhere.json().error.code).toBe('rate_limited');
  });
});

describe('browser protections', () => {
  it('sends no CORS headers to other origins by default', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/challenges', headers: { origin: 'https://evil.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/challenges', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the origins listed in CORS_ORIGINS, with the Authorization header', async () => {
    const withCors = await build({ CORS_ORIGINS: 'https://coach.example,https://school.example' });
    try {
      const preflight = await withCors.inject({
        method: 'OPTIONS',
        url: '/v1/challenges',
        headers: { origin: 'https://school.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBe('https://school.example');
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/);
      const other = await withCors.inject({ method: 'GET', url: '/v1/challenges', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await withCors.close();
    }
  });

  it('puts security headers on API answers and leaves the docs page working', async () => {
    const api = await app.inject({ method: 'GET', url: '/v1/languages' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    expect(api.headers['strict-transport-security']).toMatch(/max-age=/);
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy'] ?? '').not.toContain("default-src 'none'");
  });
});
