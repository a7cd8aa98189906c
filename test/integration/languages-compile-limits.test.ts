/**
 * GET /v1/languages lists the compile limits the judge was started with (COMPILE_* settings),
 * per language, not judge-core's defaults: a real gateway on the real broker, asked over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPILE_LIMITS } from '../../judge-core/languages.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

interface Listed {
  id: string;
  compileLimits?: { wallTimeMs: number; memoryBytes: number; pids: number; messageBytes: number; artefactBytes: number };
}

let judge: TestJudge;

beforeAll(async () => {
  judge = await startTestJudge(
    { COMPILE_WALL_TIME_MS: '45000', COMPILE_WALL_TIME_MS_BY_LANGUAGE: 'rust=90000,java=50000', COMPILE_MEMORY_MB: '1024', COMPILE_PIDS: '96' },
    { worker: false },
  );
});

afterAll(async () => {
  await judge?.stop();
});

describe('GET /v1/languages with COMPILE_* settings', () => {
  it('shows the configured limits, a language with its own deadline showing that one', async () => {
    const response = await fetch(`${judge.url}/v1/languages`);
    expect(response.status).toBe(200);
    const languages = ((await response.json()) as { languages: Listed[] }).languages;
    const limits = (id: string) => languages.find((l) => l.id === id)?.compileLimits;
    for (const id of ['c', 'cpp', 'go']) expect(limits(id), id).toEqual({
        wallTimeMs: 45_000,
        memoryBytes: 1024 * 1024 * 1024,
        pids: 96,
        messageBytes: DEFAULT_COMPILE_LIMITS.messageBytes,
        artefactBytes: DEFAULT_COMPILE_LIMITS.artefactBytes,
      });
    expect(limits('rust')?.wallTimeMs).toBe(90_000);
    expect(limits('java')?.wallTimeMs).toBe(50_000);
    expect(limits('rust')?.pids).toBe(96);
    expect(limits('javascript')).toBeUndefined();
  });
});
