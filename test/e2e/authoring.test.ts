/**
 * A coach writes a challenge in the browser app, end to end: the real gateway and worker
 * (RabbitMQ, Docker sandbox) serve the current web build, Debian's Chromium drives it. The coach
 * token is entered in Settings, the editor previews the markdown and names a bad box, the judge
 * runs the reference solution before saving, and a submission meets the hidden tests.
 * Screenshots land in test-results/e2e/authoring/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessStores } from '../../judge-server/storage/access-stores.js';
import { generateToken } from '../../judge-server/tokens/token-secret.js';
import { REVERSE_REFERENCE, REVERSE_VISIBLE_ONLY } from '../support/authored-fixtures.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';
import { launchChromium } from './support/chromium.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/authoring');
const dataDir = mkdtempSync(join(tmpdir(), 'pairjudge-e2e-authoring-'));

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

describe('writing a challenge in the app', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let coachToken: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/authoring-web-build'));
    judge = await startTestJudge({ WEB_DIR: webDir, DATA_DIR: dataDir });
    const stores = await openAccessStores({ dataDir, databaseUrl: '' });
    const { token, id, hash } = generateToken();
    await stores.tokens.add({ id, name: 'Coach Ada', role: 'coach', hash, createdAt: Date.now() });
    await stores.close();
    coachToken = token;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the coach token in Settings and then offers My challenges', async () => {
    await page.goto(`${judge!.url}/`);
    await page.getByRole('heading', { name: 'Challenges' }).waitFor();
    expect(await page.getByRole('button', { name: 'My challenges' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Coach token').fill(coachToken);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'My challenges' }).click();
    await page.getByRole('heading', { name: 'My challenges' }).waitFor();
    await page.getByText('You have not written a challenge yet.').waitFor();
  });

  it('previews the statement and names the box with bad JSON', async () => {
    await page.getByRole('button', { name: 'Write a challenge' }).click();
    const form = page.getByRole('form', { name: 'Write a challenge' });
    await form.waitFor();
    await form.getByLabel('Title').fill('Reverse a word');
    await form.getByLabel('Statement (markdown)').fill('Return `word` **reversed**.');
    await expect.poll(() => page.getByTestId('statement-preview').innerHTML()).toContain('<strong>reversed</strong>');
    await form.getByLabel('Python', { exact: true }).uncheck();
    await form.getByLabel('JavaScript function name').fill('reverseWord');
    await form.getByLabel('JavaScript starter code').fill('function reverseWord(word) {\n  return word;\n}\n');
    await form.getByLabel('JavaScript reference solution (optional, must pass)').fill(REVERSE_REFERENCE.javascript);
    await form.getByLabel('Visible tests (JSON)').fill('[{ "name": "visible abc", "args": ["abc"], "expected": "cba" }]');
    await form.getByLabel('Hidden tests (JSON)').fill('[{ "name": "hidden long", "args": ["abcdefghij"] }]');
    await form.getByRole('button', { name: 'Save challenge' }).click();
    const alert = form.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Hidden tests [0].expected');
    await page.screenshot({ path: join(SHOTS, '01-editor-bad-json.png'), fullPage: true });
  });

  it('refuses a reference solution that fails a hidden test, naming it', async () => {
    const form = page.getByRole('form', { name: 'Write a challenge' });
    await form.getByLabel('Hidden tests (JSON)').fill('[{ "name": "hidden long", "args": ["abcdefghij"], "expected": "jihgfedcba" }]');
    await form.getByLabel('JavaScript reference solution (optional, must pass)').fill(REVERSE_VISIBLE_ONLY.javascript);
    await form.getByRole('button', { name: /Save challenge/ }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 90_000 }).toMatch(/reference\.javascript does not pass the tests/);
    const message = (await form.getByRole('alert').textContent()) ?? '';
    // On a loaded machine the verdict could be a time limit; a wrong answer names the hidden test.
    if (message.includes('wrong_answer')) expect(message).toContain('first failing test: "hidden long"');
    else console.warn(`reference refused with: ${message}`);
  });

  it('saves once the reference passes on the judge and lists it as mine', async () => {
    const form = page.getByRole('form', { name: 'Write a challenge' });
    await form.getByLabel('JavaScript reference solution (optional, must pass)').fill(REVERSE_REFERENCE.javascript);
    await form.getByRole('button', { name: /Save challenge/ }).click();
    try {
      await page.getByRole('heading', { name: 'My challenges' }).waitFor({ timeout: 90_000 });
    } finally {
      await page.screenshot({ path: join(SHOTS, '02-after-save.png'), fullPage: true });
    }
    const mine = page.getByRole('list', { name: 'My challenges' });
    await expect.poll(() => mine.textContent()).toContain('Reverse a word');
    await page.screenshot({ path: join(SHOTS, '02-my-challenges.png'), fullPage: true });
  });

  it('opens it and judges a submission against its hidden test', async () => {
    await page.getByRole('button', { name: 'Reverse a word' }).click();
    await page.getByRole('heading', { name: 'Reverse a word', level: 1 }).waitFor();
    await expect.poll(() => editorText(page)).toContain('function reverseWord');
    await pasteIntoEditor(page, REVERSE_VISIBLE_ONLY.javascript);
    await expect.poll(() => editorText(page)).toContain('"nope"');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Wrong answer');
    expect(await page.locator('[data-testid="test-row"][data-outcome="failed"]').count()).toBe(1);
    // The hidden test's values never reach the page.
    expect(await page.content()).not.toContain('jihgfedcba');
    await page.screenshot({ path: join(SHOTS, '03-wrong-answer-hidden.png') });

    await pasteIntoEditor(page, REVERSE_REFERENCE.javascript);
    await expect.poll(() => editorText(page)).toContain('reverse().join');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 60_000 }).toBe('Accepted');
  });

  it('shows it in the catalog with its owner, and deletes it from My challenges', async () => {
    await page.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    await page.getByRole('heading', { name: 'Challenges' }).waitFor();
    await expect.poll(() => page.locator('.catalog-row', { hasText: 'Reverse a word' }).textContent()).toContain('by Coach Ada');
    await page.getByRole('button', { name: 'My challenges' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('You have not written a challenge yet.').waitFor();
  });
});
