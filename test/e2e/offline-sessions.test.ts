/**
 * Sessions kept on this machine, in the browser guest against the real judge (gateway, RabbitMQ,
 * Docker) and real Chromium: the History of a solo session with its code diff and restore; the
 * session surviving a reload (y-indexeddb, no localStorage draft); Recent sessions reopening with
 * the network gone; and two people who edited one room while apart merging when they meet again.
 * Screenshots land in test-results/e2e/offline-sessions/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_CODE_PATTERN } from '../../protocol/signaling.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';
import { launchChromium } from './support/chromium.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/offline-sessions');
// Real host addresses in ICE candidates, so two pages on one machine connect over loopback.
const WEBRTC_ARGS = ['--disable-features=WebRtcHideLocalIpsWithMdns'];

const WRONG_JS = `function twoSum(nums, target) {
  // first try: always the first two
  return [0, 1];
}
`;
const CORRECT_JS = `function twoSum(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]);
    if (i !== undefined) return [i, j];
    seen.set(nums[j], j);
  }
  return [];
}
`;

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

async function status(page: Page): Promise<string | null> {
  return page.getByTestId('pairing-status').getAttribute('data-status');
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SHOTS, file) });
}

/** The editor's text without Monaco's rendering of trailing blank lines. */
async function code(page: Page): Promise<string> {
  return (await editorText(page)).trimEnd();
}

describe('sessions on this machine (browser guest)', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  let contextA: BrowserContext;
  let contextB: BrowserContext;
  let alice: Page;
  let bob: Page;
  const pageErrors: string[] = [];
  /** Pages that have been offline in this file: a worker fetch that failed offline may report later. */
  const wentOffline = new Set<Page>();
  async function setOffline(context: BrowserContext, page: Page, value: boolean): Promise<void> {
    // Marked before the switch: a fetch cut by it can report while setOffline is still awaited.
    if (value) wentOffline.add(page);
    await context.setOffline(value);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/offline-sessions-web-build'));
    judge = await startTestJudge({ WEB_DIR: webDir, SANDBOX_TEST_TIMEOUT_MS: '10000', SANDBOX_WALL_TIME_MS: '30000' });
    browser = await launchChromium(WEBRTC_ARGS);
    const options = { viewport: { width: 1400, height: 860 }, colorScheme: 'light' as const };
    contextA = await browser.newContext(options);
    contextB = await browser.newContext(options);
    alice = await contextA.newPage();
    bob = await contextB.newPage();
    for (const [who, page] of [['alice', alice], ['bob', bob]] as const) {
      page.on('pageerror', (error) => {
        // Offline, Monaco cannot fetch a web worker script it starts on demand and rejects with a
        // bare Event (no message, no stack); caching the app shell for offline use is the service
        // worker's job, not the sessions'. Any other error fails the test.
        // Monaco reports such a failed start later, when it next asks for the worker (seen after the
        // page came back online), so a page that has been offline is excused that one bare Event.
        if (wentOffline.has(page) && error.message === 'Event') return;
        pageErrors.push(`${who}: ${error.message} (during "${expect.getState().currentTestName ?? 'set-up'}")`);
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
  });

  it('lists every Run and Submit in History, shows a run’s code as a diff, and restores it as one undoable edit', async () => {
    await alice.goto(`${judge!.url}/#/challenge/two-sum`);
    await expect.poll(() => editorText(alice), { timeout: 30_000 }).toContain('function twoSum');
    await pasteIntoEditor(alice, WRONG_JS);
    await alice.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => verdict(alice), { timeout: 60_000 }).toBe('Wrong answer');
    await pasteIntoEditor(alice, CORRECT_JS);
    await alice.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(alice), { timeout: 60_000 }).toBe('Accepted');

    await alice.getByRole('tab', { name: /^History/ }).click();
    const items = alice.getByTestId('history-item');
    await expect.poll(() => items.count()).toBe(2);
    // Newest first: the accepted Submit, then the wrong Run; both judged by the cloud judge.
    expect(await items.nth(0).getAttribute('data-verdict')).toBe('accepted');
    expect(await items.nth(1).getAttribute('data-verdict')).toBe('wrong_answer');
    expect(await alice.getByTestId('history-origin').allTextContents()).toEqual(['official', 'official']);
    expect(await items.nth(1).textContent()).toMatch(/Run · JavaScript/);

    await items.nth(1).click();
    const diff = alice.getByTestId('code-diff');
    await diff.waitFor();
    // The run's code on the left (its own lines marked removed), the current code on the right.
    expect(await diff.locator('.code-diff-cell.removed').allTextContents()).toContain('  // first try: always the first two');
    expect(await diff.locator('.code-diff-cell.added').allTextContents()).toContain('  const seen = new Map();');
    await shoot(alice, '01-history-diff.png');

    await alice.getByRole('button', { name: 'Restore this code' }).click();
    await expect.poll(() => code(alice)).toBe(WRONG_JS.trimEnd());
    await expect.poll(() => diff.locator('.code-diff-same').count()).toBe(1);
    await shoot(alice, '02-history-restored.png');
    // One undo brings back the code from before the restore.
    await alice.locator('.monaco-editor .view-lines').first().click();
    await alice.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => code(alice)).toBe(CORRECT_JS.trimEnd());
    await alice.keyboard.press('ControlOrMeta+Shift+Z');
    await expect.poll(() => code(alice)).toBe(WRONG_JS.trimEnd());
  });

  it('keeps the solo session across a reload from IndexedDB alone, history included', async () => {
    // Nothing in localStorage holds the code: drafts are no longer written.
    expect(await alice.evaluate("localStorage.getItem('pairjudge.draft.two-sum')")).toBeNull();
    await alice.waitForTimeout(400); // the session saves on a short debounce
    await alice.reload();
    await expect.poll(() => code(alice), { timeout: 30_000 }).toBe(WRONG_JS.trimEnd());
    await alice.getByRole('tab', { name: /^History/ }).click();
    await expect.poll(() => alice.getByTestId('history-item').count()).toBe(2);
  });

  it('reopens a recent session with no network at all: the code and the cached statement show', async () => {
    // Another challenge first, so reopening Two Sum really loads it again (not the one on screen).
    await alice.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    await alice.locator('[data-challenge-id="fizz-buzz"]').click();
    await expect.poll(() => editorText(alice), { timeout: 30_000 }).toContain('fizz');
    await alice.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    const recent = alice.locator('[data-testid="recent-session"][data-session-id="solo-two-sum"]');
    await recent.waitFor({ timeout: 10_000 });
    expect(await recent.textContent()).toContain('Two Sum');
    expect(await recent.textContent()).toContain('JavaScript · solo');
    expect(await alice.getByTestId('lan-unavailable').textContent()).toContain('needs the desktop app');
    await shoot(alice, '03-recent-sessions.png');

    await setOffline(contextA, alice, true);
    try {
      await recent.click();
    await expect.poll(() => code(alice), { timeout: 45_000 }).toBe(WRONG_JS.trimEnd());
    // The statement comes from the service worker's cache of the catalog seen before.
    await alice.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor();
    await alice.getByRole('tab', { name: /^History/ }).click();
    await expect.poll(() => alice.getByTestId('history-item').count()).toBe(2);
      await shoot(alice, '04-reopened-offline.png');
      // Edits made offline are kept too.
      await pasteIntoEditor(alice, CORRECT_JS);
      await alice.waitForTimeout(400);
    } finally {
      await setOffline(contextA, alice, false);
    }
    await alice.reload();
    await expect.poll(() => code(alice), { timeout: 30_000 }).toBe(CORRECT_JS.trimEnd());
  });

  it('merges what two people typed in one room while apart, once they meet again', async () => {
    await alice.getByRole('button', { name: 'Pair', exact: true }).click();
    await alice.getByLabel('Your name').fill('Alice');
    await alice.getByRole('button', { name: 'Create room' }).click();
    const codeOutput = alice.getByLabel('Room code');
    await expect.poll(() => codeOutput.textContent(), { timeout: 20_000 }).toMatch(new RegExp(ROOM_CODE_PATTERN));
    const room = (await codeOutput.textContent())!.trim();

    await bob.goto(`${judge!.url}/`);
    await bob.getByRole('heading', { name: 'Challenges' }).waitFor({ timeout: 30_000 });
    await bob.getByRole('button', { name: 'Pair', exact: true }).click();
    await bob.getByLabel('Your name').fill('Bob');
    await bob.getByLabel('Room code').fill(room);
    await bob.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => status(bob), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => code(bob), { timeout: 20_000 }).toBe(CORRECT_JS.trimEnd());

    // Both lose the network. The app closes the peer link and the signaling socket itself
    // (a data channel on loopback would outlive the emulated outage).
    await setOffline(contextA, alice, true);
    await setOffline(contextB, bob, true);
    await expect.poll(() => status(alice)).toBe('offline');
    await expect.poll(() => status(bob)).toBe('offline');

    await alice.locator('.monaco-editor .view-lines').first().click();
    await alice.keyboard.press('ControlOrMeta+End');
    await alice.keyboard.type('\n// alice: typed while apart');
    await bob.locator('.monaco-editor .view-lines').first().click();
    await bob.keyboard.press('ControlOrMeta+Home');
    await bob.keyboard.type('// bob: typed while apart\n');
    // Really apart: neither edit reaches the other.
    await alice.waitForTimeout(1500);
    expect(await code(bob)).not.toContain('alice: typed while apart');
    expect(await code(alice)).not.toContain('bob: typed while apart');
    await shoot(alice, '05-alice-apart.png');
    await shoot(bob, '05-bob-apart.png');

    await setOffline(contextA, alice, false);
    await setOffline(contextB, bob, false);
    await expect.poll(() => status(alice), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => status(bob), { timeout: 30_000 }).toBe('connected');
    for (const page of [alice, bob]) {
      await expect.poll(() => code(page), { timeout: 30_000 }).toContain('// alice: typed while apart');
      await expect.poll(() => code(page), { timeout: 30_000 }).toContain('// bob: typed while apart');
    }
    await expect.poll(async () => (await code(alice)) === (await code(bob)), { timeout: 10_000 }).toBe(true);
    const merged = await code(bob);
    expect(merged.startsWith('// bob: typed while apart\n')).toBe(true);
    expect(merged.endsWith('// alice: typed while apart')).toBe(true);
    expect(merged).toContain('const seen = new Map();');
    await shoot(bob, '06-bob-merged.png');

    // The room is a recent session too, with its partner.
    await alice.waitForTimeout(1000);
    await alice.getByRole('button', { name: 'PairJudge: all challenges' }).click();
    const roomEntry = alice.locator(`[data-testid="recent-session"][data-session-id="room-${room}"]`);
    await roomEntry.waitFor({ timeout: 10_000 });
    expect(await roomEntry.textContent()).toContain('with Bob');
    await shoot(alice, '07-recent-with-room.png');
  });

  it('reopens the room from Recent sessions with no network: the room’s code comes from this machine', async () => {
    const merged = await code(bob);
    await bob.getByRole('button', { name: 'Leave room' }).click();
    await expect.poll(() => status(bob)).toBe('offline');
    // Out of the room, the editor is Bob's own again: change it, so the room's text must come back from storage.
    await pasteIntoEditor(bob, '// bob alone\n');
    await expect.poll(() => code(bob)).toBe('// bob alone');
    await bob.waitForTimeout(1200); // the session's summary is saved once edits settle
    await setOffline(contextB, bob, true);
    try {
      await bob.getByRole('button', { name: 'PairJudge: all challenges' }).click();
      const roomEntry = bob.locator('[data-testid="recent-session"][data-session-id^="room-"]');
      await roomEntry.waitFor({ timeout: 10_000 });
      expect(await roomEntry.textContent()).toContain('with Alice');
      // What Bob typed alone after leaving is a solo session of its own.
      expect(await bob.locator('[data-testid="recent-session"][data-session-id="solo-two-sum"]').textContent()).toContain('solo');
      // The start screen without a judge: the reason, then what is on this machine.
      await bob.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 30_000 });
      await shoot(bob, '08-bob-offline-start.png');
      await roomEntry.click();
      await expect.poll(() => code(bob), { timeout: 30_000 }).toBe(merged);
      expect(await status(bob)).not.toBe('connected');
      await shoot(bob, '09-bob-room-reopened-offline.png');
    } finally {
      await setOffline(contextB, bob, false);
    }
  });

  it('raised no uncaught error in either page', () => {
    expect(pageErrors).toEqual([]);
  });
});
