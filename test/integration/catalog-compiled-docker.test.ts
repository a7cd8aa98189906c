/**
 * The catalog's compiled languages, and TypeScript, through the real Docker sandbox (the process
 * sandbox has no compile stage; test/unit/catalog.test.ts judges JavaScript and Python): every
 * challenge that offers such a language has a reference there that passes every test (hidden
 * included) and a wrong solution that fails a visible one (and two-sum's starter builds without
 * solving it). Each solution is built once and run against the visible and the hidden tests in
 * fresh containers. TypeScript is here rather than in the unit tier because it is offered by
 * these six challenges only and its compiler costs about a second per run; its references must
 * also type-check without a single diagnostic.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_IDS, type LanguageId, type SubmissionMode, type SubmissionResult } from '../../protocol/index.js';
import { buildJob } from '../../judge-core/build-job.js';
import type { Catalog } from '../../judge-core/catalog.js';
import { CompileCache } from '../../judge-core/compile-cache.js';
import { DEFAULT_COMPILE_LIMITS, LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { runJob } from '../../judge-core/run-job.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { DockerSandbox } from '../../judge-server/sandbox/docker-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES, concurrencyGate } from '../support/verdict-table.js';

const CHALLENGES_DIR = fileURLToPath(new URL('../../challenges/', import.meta.url));
const COMPILED = LANGUAGE_IDS.filter((language) => LANGUAGE_RUNTIMES[language].compile || LANGUAGE_RUNTIMES[language].typeChecks);
const sandbox = new DockerSandbox({ image: process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest', tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });
const cache = new CompileCache();
const gate = concurrencyGate(2);
let catalog: Catalog;
let counter = 0;

beforeAll(async () => {
  catalog = await loadCatalog(CHALLENGES_DIR);
  await sandbox.ready();
});

afterAll(async () => {
  await sandbox.close();
});

async function judge(id: string, language: LanguageId, file: string, mode: SubmissionMode): Promise<SubmissionResult> {
  const code = await readFile(file, 'utf8');
  const job = buildJob(`catalog-compiled-${++counter}`, { language, code, challengeId: id, mode }, catalog, Date.now());
  return gate(
    async () =>
      (
        // TypeScript's cold container loads its compiler first (seconds on a loaded machine).
        await runJob(job, sandbox, { ...VERDICT_TABLE_LIMITS, wallTimeMs: LANGUAGE_RUNTIMES[language].typeChecks ? 30_000 : 10_000 }, {
          compileCache: cache,
          // These tests are about answers: a loaded machine must not turn a slow g++ into a compile error.
          compileLimits: { ...DEFAULT_COMPILE_LIMITS, wallTimeMs: 120_000 },
        })
      ).result,
  );
}

function failures(result: SubmissionResult): string {
  return JSON.stringify({ verdict: result.verdict, error: result.error, failed: result.tests.filter((t) => !t.passed) }).slice(0, 1500);
}

it('offers every language in two-sum and at least five other challenges', () => {
  const everywhere = catalog.list().filter((challenge) => LANGUAGE_IDS.every((language) => challenge.languages.includes(language)));
  expect(everywhere.map((challenge) => challenge.id)).toContain('two-sum');
  expect(everywhere.length).toBeGreaterThanOrEqual(6);
});

describe.concurrent.each(COMPILED)('%s', (language) => {
  const ext = LANGUAGES[language].extension;
  it.each(['two-sum', 'fizz-buzz', 'valid-parentheses', 'merge-intervals', 'trapping-rain-water', 'edit-distance'])(
    `%s: the reference passes every test and the wrong solution fails a visible one`,
    async (id) => {
      const ch = catalog.get(id)!;
      expect(ch.languages, `${id} offers ${language}`).toContain(language);
      const dir = path.join(CHALLENGES_DIR, id);
      // Starters are built for two-sum only: every build costs seconds on a loaded machine, and
      // the other starters follow the same pattern (a placeholder return).
      const [reference, wrong, starter] = await Promise.all([
        judge(id, language, path.join(dir, 'solutions', `reference.${ext}`), 'submit'),
        judge(id, language, path.join(dir, 'solutions', `wrong.${ext}`), 'run'),
        id === 'two-sum' ? judge(id, language, path.join(dir, `starter.${ext}`), 'run') : undefined,
      ]);
      expect(reference.verdict, `reference.${ext}: ${failures(reference)}`).toBe('accepted');
      expect(reference.tests.map((t) => t.name)).toEqual(ch.tests.map((t) => t.name));
      expect(wrong.verdict, `wrong.${ext} must not be accepted`).not.toBe('accepted');
      expect(wrong.tests.some((t) => !t.hidden && !t.passed), `wrong.${ext}: ${failures(wrong)}`).toBe(true);
      // No type error (a check that did not finish in time on a loaded machine says so in a note
      // without a TS code; that is not the reference's fault).
      expect((reference.diagnostics ?? []).filter((d) => /^TS\d+/.test(d.message)), `reference.${ext} type-checks`).toEqual([]);
      if (starter) {
        expect(starter.verdict, `starter.${ext} solves it`).not.toBe('accepted');
        expect(starter.verdict, `starter.${ext} builds`).not.toBe('compile_error');
      }
    },
    600_000,
  );
});
