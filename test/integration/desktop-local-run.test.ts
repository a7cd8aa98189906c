/**
 * Local Run of the desktop app for real: the main process's runner (judge core + this machine's
 * sandbox, Docker when it answers, else the process sandbox) on the public view of two-sum, as
 * the catalog cache holds it. Only visible tests and the person's own cases run; a Submit request
 * is judged as a Run, never officially.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { chooseEmbeddedSandbox } from '../../judge-server/embedded-judge.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { runLimits } from '../../judge-server/worker/worker.js';
import { createLocalRunner } from '../../desktop/main/offline/local-runner.js';

const workerConfig = readWorkerConfig(process.env);
const runner = createLocalRunner({
  challenge: () => undefined,
  openSandbox: async () => {
    const { sandbox } = await chooseEmbeddedSandbox(workerConfig);
    await sandbox.ready();
    return sandbox;
  },
  limits: runLimits(workerConfig),
});

afterAll(async () => {
  await runner.close();
});

describe('desktop local Run', () => {
  it('judges the visible tests and custom cases of the cached challenge, never the hidden ones', async () => {
    const catalog = await loadCatalog('challenges');
    const twoSum = catalog.publicView('two-sum')!;
    const local = createLocalRunner({
      challenge: (id) => (id === 'two-sum' ? twoSum : undefined),
      openSandbox: async () => {
        const { sandbox } = await chooseEmbeddedSandbox(workerConfig);
        await sandbox.ready();
        return sandbox;
      },
      limits: runLimits(workerConfig),
    });
    try {
      const code = 'function twoSum(nums, target) { for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [i, j]; return []; }';
      const result = await local.run({
        language: 'javascript',
        code,
        challengeId: 'two-sum',
        mode: 'submit',
        tests: { entry: 'twoSum', cases: [{ name: 'mine', args: [[1, 4, 5], 9], expected: [1, 2] }] },
      });
      expect(result.verdict).toBe('accepted');
      // Visible tests plus the custom case: asked as a Submit, judged as a Run.
      expect(result.tests.map((test) => test.name)).toEqual([...twoSum.tests.map((test) => test.name), 'mine']);
      expect(result.tests.some((test) => test.hidden)).toBe(false);
    } finally {
      await local.close();
    }
  }, 120_000);

  it('refuses a challenge it has never seen, naming the field', async () => {
    await expect(runner.run({ language: 'javascript', code: 'function f() {}', challengeId: 'two-sum', mode: 'run' })).rejects.toMatchObject({
      name: 'SubmissionRejectedError',
      field: 'challengeId',
    });
  });
});
