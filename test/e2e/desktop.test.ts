/**
 * The desktop renderer as a browser guest, end to end: the real gateway and worker (RabbitMQ,
 * Docker sandbox) serve the current web build, and Debian's Chromium drives it like a person.
 * Screenshots of every state land in test-results/e2e/desktop/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';
import { launchChromium } from './support/chromium.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/desktop');

const CORRECT_JS = `function twoSum(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]);
    if (i !== undefined) return [i, j];
    if (!seen.has(nums[j])) seen.set(nums[j], j);
  }
  return [];
}
`;

// Uses one element twice: [3, 2, 4], 6 answers [0, 0].
const WRONG_JS = `function twoSum(nums, target) {
  console.log('checking', nums.length, 'numbers');
  for (let i = 0; i < nums.length; i++) {
    for (let j = i; j < nums.length; j++) {
      if (nums[i] + nums[j] === target) return [i, j];
    }
  }
  return [];
}
`;

const BROKEN_JS = `function twoSum(nums, target) {
  const index = new Map();
  return index.get(target).value;
}
`;

const CORRECT_PY = `def two_sum(nums, target):
    seen = {}
    for j, value in enumerate(nums):
        i = seen.get(target - value)
        if i is not None:
            return [i, j]
        seen.setdefault(value, j)
    return []
`;

/** Pastes a solution and waits until the editor shows it. */
async function replaceCode(page: Page, code: string): Promise<void> {
  await pasteIntoEditor(page, code);
  const firstLine = code.split('\n')[0]!;
  await expect.poll(() => editorText(page)).toContain(firstLine);
}

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

describe('desktop app as a browser guest', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let webDir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/desktop-web-build'));
    judge = await startTestJudge({ WEB_DIR: webDir });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
  });

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
  });

  it('lists the catalog with two-sum', async () => {
    await page.goto(`${judge!.url}/`);
    await page.getByRole('heading', { name: 'Challenges' }).waitFor();
    const row = page.locator('[data-challenge-id="two-sum"]');
    await expect.poll(() => row.textContent()).toContain('Two Sum');
    expect(await row.textContent()).toContain('Easy');
    await page.screenshot({ path: join(SHOTS, '01-catalog.png') });
  });

  it('opens Settings with the gateway fixed to this page for a browser guest', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Judge gateway').inputValue()).toBe(judge!.url);
    expect(await dialog.getByLabel('Judge gateway').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, '01-settings.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('opens two-sum with its statement and the starter code in Monaco', async () => {
    await page.locator('[data-challenge-id="two-sum"]').click();
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    await page.locator('.monaco-editor .view-lines').waitFor();
    await expect.poll(() => editorText(page)).toContain('function twoSum');
    expect(await verdict(page)).toBe('Not run yet');
    await page.screenshot({ path: join(SHOTS, '02-workspace.png') });
  });

  it('submits a correct JavaScript solution and shows "Accepted"', async () => {
    await replaceCode(page, CORRECT_JS);
    const run = page.getByRole('button', { name: 'Run', exact: true });
    const submit = page.getByRole('button', { name: 'Submit', exact: true });
    await submit.click();
    // While judging: a progress status and both buttons disabled.
    await expect.poll(() => verdict(page)).toMatch(/Judging all tests…|Accepted/);
    // Read the buttons first, then the verdict: a verdict still in progress after the read means
    // the buttons were read while judging (a fast judge may finish in between).
    const runDisabled = await run.isDisabled();
    const submitDisabled = await submit.isDisabled();
    if ((await verdict(page)) !== 'Accepted') {
      expect(runDisabled).toBe(true);
      expect(submitDisabled).toBe(true);
      await page.screenshot({ path: join(SHOTS, '03-judging.png') });
    }
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Accepted');
    expect(await run.isEnabled()).toBe(true);
    expect(await page.locator('[data-testid="test-row"][data-outcome="failed"]').count()).toBe(0);
    expect(await page.locator('[data-testid="test-row"]').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(SHOTS, '04-accepted-javascript.png') });
  });

  it('submits a wrong solution and shows "Wrong answer" with a failing visible row', async () => {
    await replaceCode(page, WRONG_JS);
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Wrong answer');
    const failingVisible = page.locator('[data-testid="test-row"][data-outcome="failed"]').filter({ hasText: 'example 2' });
    expect(await failingVisible.count()).toBe(1);
    const text = (await failingVisible.textContent()) ?? '';
    expect(text).toContain('Expected');
    expect(text).toContain('[1, 2]');
    expect(text).toContain('[0, 0]');
    // Each visible test shows what it printed under its own row; hidden tests' output is withheld
    // (it could reveal their inputs), and the panel says so.
    expect(await page.getByLabel('Console output of example 1').textContent()).toMatch(/checking \d+ numbers/);
    expect(await page.getByTestId('test-output').count()).toBe(3);
    expect(await page.locator('.console-output:not([data-testid="test-output"])').textContent()).toContain('output of hidden tests is not shown');
    await page.screenshot({ path: join(SHOTS, '05-wrong-answer.png') });
  });

  it('marks the line of a runtime error in the editor', async () => {
    await replaceCode(page, BROKEN_JS);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Runtime error');
    expect(await page.locator('[data-testid="test-row"]').first().textContent()).toContain('(line 3)');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.screenshot({ path: join(SHOTS, '06-runtime-error.png') });
  });

  it('runs custom tests with Run', async () => {
    await replaceCode(page, WRONG_JS);
    // The runtime error's marker belonged to the code that was judged; editing clears it.
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBe(0);
    await page.getByRole('tab', { name: /Custom tests/ }).click();
    await page.getByRole('button', { name: 'Add test case' }).click();
    const card = page.getByTestId('custom-case').first();
    await card.getByLabel('Arguments (JSON array)').fill('[[1, 5, 4], 9]');
    await card.getByLabel('Expected (JSON)').fill('[1, 2]');
    await page.screenshot({ path: join(SHOTS, '07-custom-tests.png') });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Wrong answer');
    const custom = page.locator('[data-testid="test-row"]').filter({ hasText: 'custom: my test 1' });
    expect(await custom.getAttribute('data-outcome')).toBe('passed');
  });

  it('switches to Python, keeps the JavaScript code, and passes', async () => {
    await page.getByLabel('Language').selectOption('python');
    await expect.poll(() => editorText(page)).toContain('def two_sum');
    await replaceCode(page, CORRECT_PY);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Accepted');
    await page.screenshot({ path: join(SHOTS, '08-accepted-python.png') });
    // The theme follows the OS: the same state in dark mode.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await page.waitForTimeout(400); // let the 120-ms colour transitions finish before the picture
    await page.screenshot({ path: join(SHOTS, '09-accepted-python-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel('Language').selectOption('javascript');
    await expect.poll(() => editorText(page)).toContain("console.log('checking'");
  });

  it('marks two-sum as solved in the catalog', async () => {
    await page.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    const row = page.locator('[data-challenge-id="two-sum"]');
    await expect.poll(() => row.textContent()).toContain('(solved)');
    await page.screenshot({ path: join(SHOTS, '10-catalog-solved.png') });
  });

  it('shows the unreachable state with the URL it tried when the gateway stops, and recovers on Retry', async () => {
    const url = judge!.url;
    // The guest's service worker controls the page by now, and has kept the catalog list it
    // asked for again on taking control (offline/warm-catalog-cache.ts), though the page loaded
    // the list before the worker was there.
    await expect.poll(() => page.evaluate('navigator.serviceWorker.ready.then(() => Boolean(navigator.serviceWorker.controller))'), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.evaluate("caches.match('/v1/challenges').then(Boolean)"), { timeout: 30_000 }).toBe(true);
    await judge!.stop();
    judge = undefined;
    await page.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    // The catalog seen before still opens (the service worker's cache), under the local judge;
    // a challenge never opened cannot, and says why.
    await page.locator('[data-challenge-id="fizz-buzz"]').click();
    await page.getByTestId('problem-state').waitFor();
    // The indicator follows the judge's reachability, checked every 5 s.
    await expect.poll(() => page.getByTestId('judge-mode').textContent(), { timeout: 15_000 }).toContain('Local judge (offline)');
    expect(await page.getByTestId('problem-state').getAttribute('data-kind')).toBe('unreachable');
    expect(await page.getByRole('heading', { name: 'Cannot reach the judge' }).count()).toBe(1);
    expect(await page.getByTestId('tried-url').textContent()).toBe(url);
    await page.screenshot({ path: join(SHOTS, '11-unreachable.png') });

    // Back on the same port, Retry brings the catalog back.
    judge = await startTestJudge({ WEB_DIR: webDir, PORT: new URL(url).port });
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Fizz Buzz', level: 1 }).waitFor();
  });
});
