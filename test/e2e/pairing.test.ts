/**
 * Live pairing end to end: two isolated Chromium contexts (two people, no shared storage) pair
 * through the real gateway's signaling socket and a real WebRTC data channel on loopback, in the
 * browser-guest build the gateway serves. The judge (RabbitMQ, Docker sandbox) is real too.
 * Screenshots of every state land in test-results/e2e/pairing/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_CODE_PATTERN } from '../../protocol/signaling.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { launchChromium } from './support/chromium.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/pairing');

// Chromium hides host candidates behind mDNS names, which do not resolve in a container; with
// real addresses two pages on one machine connect over loopback without STUN.
const WEBRTC_ARGS = ['--disable-features=WebRtcHideLocalIpsWithMdns'];

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

/** The name label painted over the first remote caret (y-monaco head + our ::after rule). */
async function remoteCursorLabel(page: Page): Promise<string | null> {
  const label = await page.evaluate(`(() => {
    const head = document.querySelector('.monaco-editor .yRemoteSelectionHead');
    return head ? getComputedStyle(head, '::after').content : null;
  })()`);
  return typeof label === 'string' ? label.replace(/^"|"$/g, '') : null;
}

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

async function status(page: Page): Promise<string | null> {
  return page.getByTestId('pairing-status').getAttribute('data-status');
}

async function participants(page: Page): Promise<string[]> {
  return (await page.getByTestId('participant').allTextContents()).map((text) => text.trim()).sort();
}

/** Puts the caret at the start or the end of the document, in the editor of `page`. */
async function caretTo(page: Page, where: 'start' | 'end'): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press(where === 'start' ? 'ControlOrMeta+Home' : 'ControlOrMeta+End');
}

async function openPairingPanel(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await page.getByLabel('Your name').fill(name);
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(250); // let caret blinks and colour transitions settle
  await page.screenshot({ path: join(SHOTS, file) });
}

describe('live pairing between two browser guests', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  let contextA: BrowserContext;
  let contextB: BrowserContext;
  let alice: Page;
  let bob: Page;
  let code = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/pairing-web-build'));
    judge = await startTestJudge({ WEB_DIR: webDir });
    browser = await launchChromium(WEBRTC_ARGS);
    const options = { viewport: { width: 1400, height: 820 }, colorScheme: 'light' as const };
    contextA = await browser.newContext(options);
    contextB = await browser.newContext(options);
    await contextA.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: judge.url });
    alice = await contextA.newPage();
    bob = await contextB.newPage();
    for (const [who, page] of [['alice', alice], ['bob', bob]] as const) {
      page.on('pageerror', (error) => {
        console.error(`${who} page error:`, error.stack);
        pageErrors.push(`${who}: ${error.message}`);
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
  });

  it('creates a room from an open challenge and shows its code, join link and state', async () => {
    await alice.goto(`${judge!.url}/#/challenge/two-sum`);
    await expect.poll(() => editorText(alice), { timeout: 30_000 }).toContain('function twoSum');
    await openPairingPanel(alice, 'Alice');
    await alice.getByRole('button', { name: 'Create room' }).click();
    const codeOutput = alice.getByLabel('Room code');
    await expect.poll(() => codeOutput.textContent()).toMatch(new RegExp(ROOM_CODE_PATTERN));
    code = (await codeOutput.textContent())!.trim();
    // Alone in the room counts as connected: ready for a partner.
    await expect.poll(() => status(alice)).toBe('connected');
    expect(await alice.getByLabel('Join link').inputValue()).toBe(`${judge!.url}/#/join/${code}`);
    // The address names the room, so a reload rejoins it.
    expect(new URL(alice.url()).hash).toBe(`#/join/${code}`);
    await alice.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => alice.evaluate('navigator.clipboard.readText()')).toBe(code);
    await shoot(alice, '01-alice-created-room.png');
  });

  it('joins with the code and gets the room challenge and code, with both people listed', async () => {
    await bob.goto(`${judge!.url}/`);
    await bob.getByRole('heading', { name: 'Challenges' }).waitFor();
    await openPairingPanel(bob, 'Bob');
    // A code nobody created: the reason, and the form again.
    await bob.getByLabel('Room code').fill('ZZZZ-ZZZZ-ZZZZ');
    await bob.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => bob.getByRole('alert').textContent()).toContain('No room has this code');
    expect(await status(bob)).toBe('offline');
    await shoot(bob, '02-bob-unknown-code.png');
    await bob.getByLabel('Room code').fill(code.toLowerCase());
    await shoot(bob, '02-bob-before-join.png');
    await bob.getByRole('button', { name: 'Join', exact: true }).click();
    await bob.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
    await expect.poll(() => status(bob), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => editorText(bob)).toBe(await editorText(alice));
    await expect.poll(() => participants(bob)).toEqual(['Alice', 'Bob (you)']);
    await expect.poll(() => participants(alice)).toEqual(['Alice (you)', 'Bob']);
    await shoot(bob, '03-bob-joined.png');
  });

  it('merges both people typing at the same time on different lines', async () => {
    await caretTo(alice, 'end');
    await caretTo(bob, 'start');
    await Promise.all([
      alice.keyboard.type('\n// alice: use a hash map', { delay: 25 }),
      bob.keyboard.type('// bob: one pass is enough\n', { delay: 25 }),
    ]);
    await expect.poll(() => editorText(alice)).toContain('// bob: one pass is enough');
    await expect.poll(() => editorText(bob)).toContain('// alice: use a hash map');
    await expect.poll(async () => (await editorText(alice)) === (await editorText(bob))).toBe(true);
    const text = await editorText(bob);
    expect(text.startsWith('// bob: one pass is enough\n')).toBe(true);
    expect(text.trimEnd().endsWith('// alice: use a hash map')).toBe(true);
  });

  it("shows Alice's cursor with her name in Bob's editor", async () => {
    await alice.keyboard.press('ArrowLeft');
    await expect.poll(() => remoteCursorLabel(bob)).toBe('Alice');
    await expect.poll(() => remoteCursorLabel(alice)).toBe('Bob');
    await shoot(bob, '04-bob-sees-alice-cursor.png');
    await shoot(alice, '04-alice-sees-bob-cursor.png');
  });

  it('undoes only your own edits', async () => {
    await caretTo(alice, 'end');
    await alice.keyboard.type(' (A)');
    await expect.poll(() => editorText(bob)).toContain('hash map (A)');
    await caretTo(bob, 'start');
    await bob.keyboard.press('End');
    await bob.keyboard.type(' (B)');
    await expect.poll(() => editorText(alice)).toContain('enough (B)');
    // Alice's undo removes her " (A)", not Bob's later " (B)".
    await alice.locator('.monaco-editor .view-lines').first().click();
    await alice.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => editorText(bob)).not.toContain('(A)');
    expect(await editorText(alice)).toContain('enough (B)');
    expect(await editorText(bob)).toContain('enough (B)');
  });

  it('carries chat messages', async () => {
    await alice.getByLabel('Chat message').fill('I will submit now');
    await alice.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => bob.getByRole('list', { name: 'Chat', exact: true }).textContent()).toContain('AliceI will submit now');
  });

  it('follows a language switch by either person', async () => {
    await bob.getByLabel('Language').selectOption('python');
    await expect.poll(() => alice.getByLabel('Language').inputValue()).toBe('python');
    await expect.poll(() => editorText(alice)).toContain('def two_sum');
    await expect.poll(async () => (await editorText(alice)) === (await editorText(bob))).toBe(true);
    await alice.getByLabel('Language').selectOption('javascript');
    await expect.poll(() => bob.getByLabel('Language').inputValue()).toBe('javascript');
    await expect.poll(() => editorText(bob)).toContain('hash map');
    await expect.poll(() => bob.getByRole('list', { name: 'Chat', exact: true }).textContent()).toContain('Alice switched to JavaScript.');
  });

  it("shows Alice's submit verdict to Bob, marked as her run", async () => {
    await pasteIntoEditor(alice, CORRECT_JS);
    await expect.poll(() => editorText(bob)).toContain('const seen = new Map();');
    await alice.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(alice), { timeout: 60_000 }).toBe('Accepted');
    await expect.poll(() => verdict(bob), { timeout: 10_000 }).toBe('Accepted');
    expect(await bob.getByTestId('partner-run').textContent()).toBe('Alice’s run');
    expect(await alice.getByTestId('partner-run').count()).toBe(0);
    expect(await bob.locator('[data-testid="test-row"]').count()).toBeGreaterThan(3);
    await expect.poll(() => bob.getByRole('list', { name: 'Room runs' }).textContent()).toContain('Accepted');
    await shoot(alice, '05-alice-submitted.png');
    await shoot(bob, '05-bob-sees-alice-verdict.png');
  });

  it('rejoins after a reload with nothing lost, and keeps receiving edits', async () => {
    await caretTo(bob, 'end');
    await bob.keyboard.type('// bob: typed before the reload');
    await expect.poll(() => editorText(alice)).toContain('// bob: typed before the reload');
    await bob.reload();
    // The join link in the address brings Bob back into the same room and challenge.
    await bob.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
    await expect.poll(() => status(bob), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => bob.getByLabel('Room code').textContent()).toBe(code);
    await expect.poll(() => editorText(bob), { timeout: 20_000 }).toContain('// bob: typed before the reload');
    await expect.poll(async () => (await editorText(alice)) === (await editorText(bob))).toBe(true);
    await expect.poll(() => participants(alice)).toEqual(['Alice (you)', 'Bob']);

    await caretTo(alice, 'start');
    await alice.keyboard.type('// alice: after the reload\n');
    await expect.poll(() => editorText(bob)).toContain('// alice: after the reload');
    await expect.poll(async () => (await editorText(alice)) === (await editorText(bob))).toBe(true);
    await shoot(bob, '06-bob-after-reload.png');
  });

  it('follows a challenge switch: Alice opens Fizz Buzz from the catalog, Bob gets it too', async () => {
    await alice.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    await alice.locator('[data-challenge-id="fizz-buzz"]').click();
    for (const page of [alice, bob]) {
      await page.getByRole('heading', { name: 'Fizz Buzz', level: 1 }).waitFor({ timeout: 30_000 });
    }
    await expect.poll(() => editorText(bob)).toContain('fizz');
    await expect.poll(async () => (await editorText(alice)) === (await editorText(bob))).toBe(true);
    // Still in the room: the address keeps its join link.
    expect(new URL(bob.url()).hash).toBe(`#/join/${code}`);
    await caretTo(bob, 'end');
    await bob.keyboard.type('// bob: fizz buzz together');
    await expect.poll(() => editorText(alice)).toContain('// bob: fizz buzz together');
    await shoot(alice, '07-alice-switched-challenge.png');
  });

  it('leaves the room and goes offline', async () => {
    await bob.getByRole('button', { name: 'Leave room' }).click();
    await expect.poll(() => status(bob)).toBe('offline');
    await expect.poll(() => participants(alice)).toEqual(['Alice (you)']);
    expect(new URL(bob.url()).hash).toBe('#/challenge/fizz-buzz');
    await shoot(alice, '08-alice-after-bob-left.png');
  });

  it('keeps the room on this machine: alone after Alice is gone, the text comes from IndexedDB', async () => {
    const last = await editorText(alice);
    expect(last).toContain('// bob: fizz buzz together');
    await alice.close();
    // Without its localStorage draft, the only copy of this text on Bob's machine is the room in IndexedDB.
    await bob.evaluate("localStorage.removeItem('pairjudge.draft.fizz-buzz')");
    await bob.goto(`${judge!.url}/#/join/${code}`);
    await bob.reload();
    await expect.poll(() => status(bob), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => participants(bob)).toEqual(['Bob (you)']);
    await expect.poll(() => editorText(bob), { timeout: 20_000 }).toBe(last);
    await shoot(bob, '09-bob-alone-restored.png');
  });

  it('raised no uncaught error in either page', () => {
    expect(pageErrors).toEqual([]);
  });
});
