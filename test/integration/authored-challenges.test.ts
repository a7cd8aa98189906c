/**
 * Authored challenges on the real judge: a coach token writes a challenge whose reference
 * solutions are judged in real sandboxes before it is saved (SQLite file in a fresh DATA_DIR),
 * candidates submit against its hidden tests, and it is deleted. Needs RabbitMQ and Docker with
 * the sandbox image (`npm run setup`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import { openAccessStores, type AccessStores } from '../../judge-server/storage/access-stores.js';
import { generateToken, type Role } from '../../judge-server/tokens/token-secret.js';
import { REVERSE_REFERENCE, REVERSE_VISIBLE_ONLY, reverseChallenge } from '../support/authored-fixtures.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pairjudge-authored-'));
const HIDDEN_SECRETS = ['secret-input-xyzzy', 'yzzyx-tupni-terces', 'abcdefghij', 'jihgfedcba'];
let judge: TestJudge;
let stores: AccessStores;
let coach: string;
let user: string;
let challengeId: string;

async function addToken(name: string, role: Role): Promise<string> {
  const { token, id, hash } = generateToken();
  await stores.tokens.add({ id, name, role, hash, createdAt: Date.now() });
  return token;
}

async function api(method: string, url: string, token?: string, body?: unknown) {
  const response = await fetch(`${judge.url}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

beforeAll(async () => {
  judge = await startTestJudge({ DATA_DIR: dataDir });
  // The gateway and this test share the SQLite file, as the token command and a gateway do.
  stores = await openAccessStores({ dataDir, databaseUrl: '' });
  coach = await addToken('Coach Ada', 'coach');
  user = await addToken('Candidate', 'user');
});

afterAll(async () => {
  await stores?.close();
  await judge?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('authored challenges on the real judge', () => {
  it('refuses a write without a token (401), with a wrong token (401) and with a user token (403)', async () => {
    expect((await api('POST', '/v1/challenges', undefined, reverseChallenge())).status).toBe(401);
    expect((await api('POST', '/v1/challenges', generateToken().token, reverseChallenge())).status).toBe(401);
    expect((await api('POST', '/v1/challenges', user, reverseChallenge())).status).toBe(403);
    expect(await stores.authored.list()).toEqual([]);
  });

  it('refuses a reference solution that fails a hidden test on the judge, saving nothing', async () => {
    const response = await api('POST', '/v1/challenges', coach, { ...reverseChallenge(), reference: REVERSE_VISIBLE_ONLY });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: { field: 'reference.javascript', message: expect.stringMatching(/wrong_answer.*hidden/) } });
    expect(await stores.authored.list()).toEqual([]);
  });

  it('saves a challenge once its JavaScript and Python references are accepted', async () => {
    const response = await api('POST', '/v1/challenges', coach, { ...reverseChallenge(), reference: REVERSE_REFERENCE });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ owner: 'Coach Ada', verifiedLanguages: ['javascript', 'python'] });
    challengeId = response.json.id as string;
    expect((await stores.authored.get(challengeId))?.challenge.tests).toHaveLength(4);
  });

  it('lists it, marked with its owner, and never sends its hidden tests', async () => {
    const list = await api('GET', '/v1/challenges');
    expect(list.json.challenges).toContainEqual(expect.objectContaining({ id: challengeId, authored: true, owner: 'Coach Ada' }));
    const mine = await api('GET', '/v1/challenges?mine=1', coach);
    expect((mine.json.challenges as { id: string }[]).map((c) => c.id)).toEqual([challengeId]);
    const one = await api('GET', `/v1/challenges/${challengeId}`);
    expect(one.json).toMatchObject({ hiddenTestCount: 2, tests: [{ name: 'visible abc' }, { name: 'visible empty' }] });
    for (const answer of [list, mine, one]) {
      for (const secret of HIDDEN_SECRETS) expect(answer.text).not.toContain(secret);
    }
  });

  it('judges submissions against its hidden tests, withholding their values', async () => {
    const wrong = await judge.submit({ language: 'javascript', code: REVERSE_VISIBLE_ONLY.javascript, challengeId, mode: 'submit' });
    expect(wrong.status).toBe(200);
    const wrongResult = wrong.body as SubmissionResult;
    expect(wrongResult.verdict).toBe('wrong_answer');
    expect(wrongResult.tests.filter((t) => t.hidden && !t.passed).map((t) => t.name)).toEqual(['hidden palindrome-ish', 'hidden long']);
    for (const secret of HIDDEN_SECRETS) expect(JSON.stringify(wrongResult)).not.toContain(secret);

    const run = await judge.submit({ language: 'javascript', code: REVERSE_VISIBLE_ONLY.javascript, challengeId, mode: 'run' });
    expect((run.body as SubmissionResult).verdict).toBe('accepted');
    expect((run.body as SubmissionResult).tests.map((t) => t.name)).toEqual(['visible abc', 'visible empty']);

    const right = await judge.submit({ language: 'python', code: REVERSE_REFERENCE.python, challengeId });
    expect((right.body as SubmissionResult).verdict).toBe('accepted');
    expect((right.body as SubmissionResult).tests).toHaveLength(4);
  });

  it('is gone after its owner deletes it: no longer listed, and submissions answer 404', async () => {
    expect((await api('DELETE', `/v1/challenges/${challengeId}`, user)).status).toBe(403);
    expect((await api('DELETE', `/v1/challenges/${challengeId}`, coach)).status).toBe(204);
    expect((await api('GET', `/v1/challenges/${challengeId}`)).status).toBe(404);
    expect(((await api('GET', '/v1/challenges')).json.challenges as { id: string }[]).map((c) => c.id)).not.toContain(challengeId);
    const late = await judge.submit({ language: 'python', code: REVERSE_REFERENCE.python, challengeId });
    expect(late.status).toBe(404);
    expect(late.body).toMatchObject({ error: { field: 'challengeId' } });
  });
});
