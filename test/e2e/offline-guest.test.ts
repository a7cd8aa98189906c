/**
 * The browser guest with the judge gone, end to end: the real stack (gateway, RabbitMQ, Docker
 * worker, SQLite store) serves the current web build; Chromium opens two-sum, the gateway stops,
 * the page reloads from its service worker, Run is judged locally in a Web Worker ("Local"),
 * Submit waits in the IndexedDB outbox ("Queued"); the gateway starts again on the same address
 * and store, the outbox sends, and the official verdict appears once, judged exactly once.
 * Screenshots of the offline states land in test-results/e2e/offline/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../judge-server/gateway/store/open-submission-store.js';
import { freePort } from '../support/free-port.js';
import { freshDataDir, freshPrefix, startTestJudge, type TestJudge } from '../support/test-judge.js';
import { launchChromium } from './support/chromium.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/offline');

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

const HANGING_JS = `function twoSum(nums, target) {
  while (true) {}
}
`;

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

/** Origin label of each Submit in the History tab, newest first; the Results tab is shown again after. */
async function submitOrigins(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: /^History/ }).click();
  const submits = page.getByTestId('history-item').filter({ hasText: 'Submit' });
  const origins = await submits.getByTestId('history-origin').allTextContents();
  await page.getByRole('tab', { name: /^Results/ }).click();
  return origins.map((origin) => origin.trim());
}

async function judgeMode(page: Page): Promise<string> {
  return (await page.getByTestId('judge-mode').textContent())?.trim() ?? '';
}

async function replaceCode(page: Page, code: string): Promise<void> {
  await pasteIntoEditor(page, code);
  await expect.poll(() => editorText(page)).toContain(code.split('\n')[1]!.trim());
}

function submissionRows(dataDir: string): { key: string | null; status: string }[] {
  const db = new Database(sqliteFile(dataDir), { readonly: true });
  try {
    return db.prepare('SELECT idempotency_key AS key, status FROM submissions').all() as { key: string | null; status: string }[];
  } finally {
    db.close();
  }
}

describe('the browser guest with the judge unreachable', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let env: Record<string, string>;
  const dataDir = freshDataDir();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/offline-web-build'));
    // The same address and store after the restart: the service worker and the page's origin
    // are tied to the address, and exactly-once is a property of the store.
    // The wall deadline at its maximum: this test is about delivery, and the first container after
    // a restart on a loaded machine can take longer than the default 8 s to start.
    env = { WEB_DIR: webDir, PORT: String(await freePort()), DATA_DIR: dataDir, QUEUE_PREFIX: freshPrefix(), SANDBOX_WALL_TIME_MS: '30000' };
    judge = await startTestJudge(env);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
  });

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens two-sum online under the cloud judge and installs the service worker', async () => {
    await page.goto(`${judge!.url}/#/challenge/two-sum`);
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate('navigator.serviceWorker.ready.then(() => Boolean(navigator.serviceWorker.controller))'), { timeout: 60_000 }).toBe(true);
    // Now under the worker's control: this load puts the catalog answers into its cache.
    await page.reload();
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    await expect.poll(() => editorText(page)).toContain('function twoSum');
    expect(await judgeMode(page)).toBe('Cloud judge');
    expect(await page.evaluate(`document.querySelector('link[rel="manifest"]')?.getAttribute('href')`)).toBe('./manifest.webmanifest');
  });

  it('reloads with the gateway stopped and still opens the app and two-sum', async () => {
    await judge!.stop();
    judge = undefined;
    await page.reload();
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').waitFor();
    await expect.poll(() => editorText(page)).toContain('function twoSum');
    await expect.poll(() => judgeMode(page), { timeout: 15_000 }).toBe('Local judge (offline)');
    await page.screenshot({ path: join(SHOTS, '01-offline-reloaded.png') });
  });

  it('runs locally in the browser and marks the verdict "local"', async () => {
    await replaceCode(page, CORRECT_JS);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 30_000 }).toBe('Accepted');
    expect(await page.getByTestId('local-run').textContent()).toBe('Local');
    expect(await page.locator('[data-testid="test-row"][data-outcome="passed"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '02-local-run.png') });
  });

  it('ends a local Run that never returns with a time limit', async () => {
    await replaceCode(page, HANGING_JS);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 30_000 }).toBe('Time limit exceeded');
    expect(await page.getByTestId('local-run').count()).toBe(1);
    // The first test ran out of its own time budget; the others did not run.
    expect(await page.locator('[data-testid="test-row"]').first().getAttribute('data-outcome')).toBe('failed');
    await page.screenshot({ path: join(SHOTS, '03-local-time-limit.png') });
    await replaceCode(page, CORRECT_JS);
  });

  it('queues a Submit while the judge is away', async () => {
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe('Queued');
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toContain('1 queued');
    // History shows it at once, as queued.
    expect(await submitOrigins(page)).toEqual(['queued']);
    await page.screenshot({ path: join(SHOTS, '04-submit-queued.png') });
  });

  it('sends the queued Submit when the gateway is back: the official verdict appears once, judged once', async () => {
    judge = await startTestJudge(env);
    await expect.poll(() => verdict(page), { timeout: 60_000 }).not.toBe('Queued');
    await page.screenshot({ path: join(SHOTS, '05-official-verdict.png') });
    expect(await verdict(page)).toBe('Accepted');
    expect(await page.getByTestId('local-run').count()).toBe(0);
    await expect.poll(() => page.getByTestId('outbox-notice').count()).toBe(1);
    expect(await page.getByTestId('outbox-notice').textContent()).toContain('Official verdict');
    await expect.poll(() => judgeMode(page), { timeout: 15_000 }).toBe('Cloud judge');
    // The queued History entry became the official one: one Submit, not two.
    expect(await submitOrigins(page)).toEqual(['official']);

    // Another round of the outbox and a reload change nothing: the entry is settled and gone.
    await page.reload();
    await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    await page.waitForTimeout(6_000);
    expect(await page.getByTestId('outbox-notice').count()).toBe(0);
    const rows = submissionRows(dataDir);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', key: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
