/**
 * Python in the browser guest with the judge gone: the real gateway serves the current web build,
 * Chromium opens two-sum, the gateway stops, and a Python Run is judged locally by Pyodide (loaded
 * from the guest's own build, kept by the service worker) in a Web Worker with a deadline.
 * Screenshots land in test-results/e2e/local-python/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { freshDataDir, freshPrefix, startTestJudge, type TestJudge } from '../support/test-judge.js';
import { launchChromium } from './support/chromium.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/local-python');

// Right only where the worker has lost its network and worker APIs (js-worker-harness.ts's list).
const CORRECT = `def two_sum(nums, target):
    import js
    if any(getattr(js, name, None) is not None for name in ("fetch", "XMLHttpRequest", "WebSocket", "Worker", "indexedDB")):
        return [-1, -1]
    seen = {}
    for j, n in enumerate(nums):
        if target - n in seen:
            return [seen[target - n], j]
        seen.setdefault(n, j)
    return []
`;

const WRONG = `def two_sum(nums, target):
    return [0, 0]
`;

const HANGING = `def two_sum(nums, target):
    while True:
        pass
`;

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

async function run(page: Page, code: string): Promise<void> {
  await pasteIntoEditor(page, code);
  await expect.poll(() => editorText(page)).toContain(code.split('\n')[1]!.trim());
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

describe('a Python Run in the browser guest with the judge unreachable', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const dataDir = freshDataDir();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/local-python-web-build'));
    judge = await startTestJudge({ WEB_DIR: webDir, PORT: String(await freePort()), DATA_DIR: dataDir, QUEUE_PREFIX: freshPrefix() });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' })).newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(`${judge.url}/#/challenge/two-sum`);
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    await page.waitForFunction('navigator.serviceWorker.ready.then(() => Boolean(navigator.serviceWorker.controller))', undefined, { timeout: 60_000 });
    await page.reload();
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    // A guest that has used Python once: the runtime went through the service worker into its cache.
    await page.evaluate(`Promise.all(['pyodide.mjs','pyodide.asm.mjs','pyodide.asm.wasm','python_stdlib.zip','pyodide-lock.json'].map((f) => fetch('pyodide/' + f).then((r) => r.arrayBuffer())))`);
    await judge.stop();
    judge = undefined;
    await page.reload();
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Language').selectOption('python');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('judges a correct solution locally, without network APIs: Accepted, marked local', async () => {
    await run(page, CORRECT);
    // The first Python Run of the page waits for Pyodide to load, and says so.
    await expect.poll(() => page.locator('.judging-hint').textContent(), { interval: 50 }).toContain('Loading Python…');
    await page.screenshot({ path: join(SHOTS, '00-loading-python.png') });
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Accepted');
    expect(await page.getByTestId('local-run').textContent()).toBe('Local');
    expect(await page.locator('[data-testid="test-row"][data-outcome="passed"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '01-python-accepted.png') });
  });

  it('judges a wrong answer as Wrong answer', async () => {
    await run(page, WRONG);
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Wrong answer');
    expect(await page.getByTestId('local-run').textContent()).toBe('Local');
    await page.screenshot({ path: join(SHOTS, '02-python-wrong.png') });
  });

  it('ends a Run that never returns with a time limit', async () => {
    await run(page, HANGING);
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Time limit exceeded');
    expect(await page.locator('[data-testid="test-row"]').first().getAttribute('data-outcome')).toBe('failed');
    await page.screenshot({ path: join(SHOTS, '03-python-time-limit.png') });
  });
});
