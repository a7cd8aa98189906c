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
import { ProcessSandbox } from '../../judge-server/sandbox/process-sandbox.js';
import type { Sandbox } from '../../judge-core/sandbox.js';
import { createLocalRunner, WeakSandboxConsentError } from '../../desktop/main/offline/local-runner.js';

const SOLO = { partnerCode: false, acceptWeakSandbox: false };
const TWO_SUM_JS = 'function twoSum(nums, target) { for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [i, j]; return []; }';

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
      const result = await local.run({
        language: 'javascript',
        code: TWO_SUM_JS,
        challengeId: 'two-sum',
        mode: 'submit',
        tests: { entry: 'twoSum', cases: [{ name: 'mine', args: [[1, 4, 5], 9], expected: [1, 2] }] },
      }, SOLO);
      expect(result.verdict).toBe('accepted');
      // Visible tests plus the custom case: asked as a Submit, judged as a Run.
      expect(result.tests.map((test) => test.name)).toEqual([...twoSum.tests.map((test) => test.name), 'mine']);
      expect(result.tests.some((test) => test.hidden)).toBe(false);
    } finally {
      await local.close();
    }
  }, 120_000);

  it('refuses a challenge it has never seen, naming the field', async () => {
    await expect(runner.run({ language: 'javascript', code: 'function f() {}', challengeId: 'two-sum', mode: 'run' }, SOLO)).rejects.toMatchObject({
      name: 'SubmissionRejectedError',
      field: 'challengeId',
    });
  });

  it("runs a partner's code in the process sandbox only once the person said yes; solo code without asking", async () => {
    const catalog = await loadCatalog('challenges');
    const twoSum = catalog.publicView('two-sum')!;
    const processSandbox = new ProcessSandbox({ tmpfsBytes: 16 * 1024 * 1024 });
    let runs = 0;
    // The real process sandbox, counting the jobs it is given.
    const counted: Sandbox = {
      kind: 'process',
      ready: () => processSandbox.ready(),
      run: (request) => {
        runs += 1;
        return processSandbox.run(request);
      },
      close: () => processSandbox.close(),
    };
    const local = createLocalRunner({ challenge: () => twoSum, openSandbox: async () => counted, limits: runLimits(workerConfig) });
    const request = { language: 'javascript' as const, code: TWO_SUM_JS, challengeId: 'two-sum', mode: 'run' as const };
    try {
      await expect(local.run(request, { partnerCode: true, acceptWeakSandbox: false })).rejects.toBeInstanceOf(WeakSandboxConsentError);
      expect(runs).toBe(0);
      const agreed = await local.run(request, { partnerCode: true, acceptWeakSandbox: true });
      expect(agreed).toMatchObject({ verdict: 'accepted', sandbox: 'process' });
      const solo = await local.run(request, SOLO);
      expect(solo.verdict).toBe('accepted');
      expect(runs).toBeGreaterThanOrEqual(2);
    } finally {
      await local.close();
    }
  }, 120_000);

  it("runs a partner's code in Docker without asking: the container is the wall", async () => {
    const { sandbox } = await chooseEmbeddedSandbox(workerConfig);
    expect(sandbox.kind, 'these tests need the Docker engine: npm run setup starts it').toBe('docker');
    await sandbox.ready();
    const catalog = await loadCatalog('challenges');
    const twoSum = catalog.publicView('two-sum')!;
    // The runner closes the sandbox it was given.
    const local = createLocalRunner({ challenge: () => twoSum, openSandbox: async () => sandbox, limits: runLimits(workerConfig) });
    try {
      const result = await local.run({ language: 'javascript', code: TWO_SUM_JS, challengeId: 'two-sum', mode: 'run' }, { partnerCode: true, acceptWeakSandbox: false });
      expect(result.verdict).toBe('accepted');
    } finally {
      await local.close();
    }
  }, 120_000);
});
