/**
 * Interview mode end to end: three isolated Chromium contexts (interviewer, candidate, observer)
 * pair over real WebRTC through the real gateway's signaling socket, and the candidate submits to
 * the real judge (RabbitMQ, Docker sandbox). Every data-channel message the candidate and the
 * observer receive is recorded (RTCDataChannel wrapped before the app loads), so the test can
 * show the interviewer's private note never reaches them. Screenshots land in
 * test-results/e2e/interview/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_CODE_PATTERN } from '../../protocol/signaling.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { launchChromium } from './support/chromium.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const SHOTS = join(REPO_ROOT, 'test-results/e2e/interview');
const WEBRTC_ARGS = ['--disable-features=WebRtcHideLocalIpsWithMdns'];
const SECRET_NOTE = 'NOTE-5c1e: hesitant about edge cases, ask about empty input';
const SECRET_WORD = 'NOTE-5c1e';

const CORRECT_JS = `// first idea: a hash map
function twoSum(nums, target) {
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]);
    if (i !== undefined) return [i, j];
    if (!seen.has(nums[j])) seen.set(nums[j], j);
  }
  return [];
}
`;

/**
 * Runs in every page before the app: keeps the text of each data-channel message received
 * (binary messages decoded as UTF-8, as any string inside them is), and its type byte.
 */
const RECORD_DATA_CHANNEL = `(() => {
  window.__received = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const record = (data) => {
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      window.__received.push(bytes ? { type: bytes[0], text: decoder.decode(bytes) } : { type: -1, text: String(data) });
    } catch (e) { window.__received.push({ type: -2, text: String(e) }); }
  };
  const proto = RTCDataChannel.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'onmessage');
  Object.defineProperty(proto, 'onmessage', {
    configurable: true,
    get() { return descriptor.get.call(this); },
    set(handler) {
      descriptor.set.call(this, handler && function (event) { record(event.data); return handler.call(this, event); });
    },
  });
  const addEventListener = proto.addEventListener;
  proto.addEventListener = function (type, listener, options) {
    if (type === 'message' && typeof listener === 'function') {
      const wrapped = function (event) { record(event.data); return listener.call(this, event); };
      return addEventListener.call(this, type, wrapped, options);
    }
    return addEventListener.call(this, type, listener, options);
  };
})();`;

/** Everything this page keeps: localStorage values and every IndexedDB record, as text. */
const STORED_TEXT = `(async () => {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) out.push(localStorage.key(i) + '=' + localStorage.getItem(localStorage.key(i)));
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const asText = (value) => {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return decoder.decode(value);
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => k + ':' + asText(v)).join(' ');
    return String(value);
  };
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => { const r = indexedDB.open(info.name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    for (const store of db.objectStoreNames) {
      const rows = await new Promise((resolve, reject) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      for (const row of rows) out.push(info.name + '/' + store + ': ' + asText(row));
    }
    db.close();
  }
  return out;
})()`;

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

async function status(page: Page): Promise<string | null> {
  return page.getByTestId('pairing-status').getAttribute('data-status');
}

/** `name role` per participant, e.g. `Cato Candidate`, `Iris (you) Interviewer`, sorted. */
async function roster(page: Page): Promise<string[]> {
  const rows = await page.getByTestId('participant').all();
  const out: string[] = [];
  for (const row of rows) {
    const name = (await row.locator('.participant-name').textContent())?.trim() ?? '';
    const self = (await row.locator('.muted').count()) > 0 ? ' (you)' : '';
    const role = (await row.getByTestId('participant-role').count()) > 0 ? ` ${(await row.getByTestId('participant-role').textContent())?.trim()}` : '';
    out.push(`${name}${self}${role}`);
  }
  return out.sort();
}

async function remainingSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').textContent())?.trim() ?? '';
  const parts = text.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, file) });
}

describe('interview mode with an interviewer, a candidate and an observer', () => {
  let judge: TestJudge | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let iris: Page; // interviewer
  let cato: Page; // candidate
  let otto: Page; // observer
  let code = '';
  let runCount = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/interview-web-build'));
    // This test is about interview mode, not time limits: on a shared machine under load a
    // sandbox takes seconds just to start, so the deadlines are the settings' maximum.
    judge = await startTestJudge({ WEB_DIR: webDir, SANDBOX_WALL_TIME_MS: '30000', SANDBOX_TEST_TIMEOUT_MS: '10000' });
    browser = await launchChromium(WEBRTC_ARGS);
    const pages: Page[] = [];
    for (const who of ['iris', 'cato', 'otto']) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
      await context.addInitScript(RECORD_DATA_CHANNEL);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        console.error(`${who} page error:`, error.stack);
        pageErrors.push(`${who}: ${error.message}`);
      });
      pages.push(page);
    }
    [iris, cato, otto] = pages as [Page, Page, Page];
  });

  afterAll(async () => {
    await browser?.close();
    await judge?.stop();
  });

  it('asks the interviewer for a name, then starts an interview room', async () => {
    await iris.goto(`${judge!.url}/#/challenge/two-sum`);
    await expect.poll(() => editorText(iris), { timeout: 30_000 }).toContain('function twoSum');
    await iris.getByRole('button', { name: 'Pair', exact: true }).click();
    await iris.getByRole('button', { name: 'Start interview' }).click();
    await expect.poll(() => iris.getByRole('alert').filter({ hasText: 'Enter your name first' }).count()).toBe(1);
    expect(await status(iris)).toBe('offline');
    await iris.getByLabel('Your name').fill('Iris');
    await iris.getByRole('button', { name: 'Start interview' }).click();
    const codeOutput = iris.getByLabel('Room code');
    await expect.poll(() => codeOutput.textContent()).toMatch(new RegExp(ROOM_CODE_PATTERN));
    code = (await codeOutput.textContent())!.trim();
    await expect.poll(() => roster(iris)).toEqual(['Iris (you) Interviewer']);
    await expect.poll(() => iris.getByRole('timer').textContent()).toBe('45:00');
  });

  it('asks joiners from the link for their name; they join as candidates; the interviewer makes one an observer', async () => {
    for (const [page, name] of [[cato, 'Cato'], [otto, 'Otto']] as const) {
      await page.goto(`${judge!.url}/#/join/${code}`);
      await expect.poll(() => page.getByText(`Enter your name to join room ${code}`).count(), { timeout: 20_000 }).toBe(1);
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
      await expect.poll(() => status(page), { timeout: 30_000 }).toBe('connected');
    }
    await expect.poll(() => roster(iris), { timeout: 20_000 }).toEqual(['Cato Candidate', 'Iris (you) Interviewer', 'Otto Candidate']);
    await iris.getByLabel('Role of Otto').selectOption('observer');
    const expected = {
      iris: ['Cato Candidate', 'Iris (you) Interviewer', 'Otto Observer'],
      cato: ['Cato (you) Candidate', 'Iris Interviewer', 'Otto Observer'],
      otto: ['Cato Candidate', 'Iris Interviewer', 'Otto (you) Observer'],
    };
    await expect.poll(() => roster(iris)).toEqual(expected.iris);
    await expect.poll(() => roster(cato)).toEqual(expected.cato);
    await expect.poll(() => roster(otto)).toEqual(expected.otto);
    // Only the interviewer has role controls, notes and the replay.
    for (const page of [cato, otto]) {
      expect(await page.getByLabel(/^Role of /).count()).toBe(0);
      expect(await page.getByLabel('Private notes').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Replay' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Start', exact: true }).count()).toBe(0);
    }
  });

  it('keeps the interviewer’s private note on the interviewer’s side', async () => {
    await iris.getByLabel('Private notes').fill(SECRET_NOTE);
    await iris.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => iris.getByTestId('private-note').textContent()).toContain(SECRET_NOTE);
    // The note carries its time.
    expect(await iris.getByTestId('private-note').locator('time').textContent()).toMatch(/\d{1,2}:\d{2}:\d{2}/);
  });

  it('shows the same remaining time on all three screens once the interviewer starts the timer', async () => {
    await iris.getByLabel('Duration in minutes').fill('10');
    await iris.getByRole('button', { name: 'Set', exact: true }).click();
    await expect.poll(() => cato.getByRole('timer').textContent()).toBe('10:00');
    await iris.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => otto.getByRole('timer').getAttribute('data-running')).toBe('true');
    await iris.waitForTimeout(2500);
    const seconds = await Promise.all([iris, cato, otto].map(remainingSeconds));
    expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThanOrEqual(1);
    expect(seconds[0]).toBeLessThan(600);
    expect(seconds[0]).toBeGreaterThan(580);
    await shoot(iris, '01-interviewer-view.png');
  });

  it('lets the candidate run and submit; the interviewer sees the verdict', async () => {
    await cato.locator('.monaco-editor .view-lines').first().click();
    await cato.keyboard.press('ControlOrMeta+Home');
    await cato.keyboard.type('// first idea: a hash map\n', { delay: 20 });
    await expect.poll(() => editorText(iris)).toContain('// first idea: a hash map');
    await cato.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => verdict(cato), { timeout: 90_000 }).toMatch(/answer|error|limit|Accepted/i);
    const firstVerdict = await verdict(cato);
    expect(firstVerdict).toBe('Wrong answer');
    await expect.poll(() => verdict(iris), { timeout: 10_000 }).toBe(firstVerdict);
    await iris.waitForTimeout(1200); // the replay gets two clearly separate moments
    await pasteIntoEditor(cato, CORRECT_JS);
    await expect.poll(() => editorText(iris)).toContain('const seen = new Map();');
    await cato.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(cato), { timeout: 90_000 }).toBe('Accepted');
    await expect.poll(() => verdict(iris), { timeout: 10_000 }).toBe('Accepted');
    expect(await iris.getByTestId('partner-run').textContent()).toBe('Cato’s run');
    await shoot(cato, '02-candidate-view.png');
  });

  it('keeps the observer’s editor read-only: typing there changes nobody’s code', async () => {
    const before = await editorText(iris);
    await otto.locator('.monaco-editor .view-lines').first().click();
    await otto.keyboard.press('ControlOrMeta+End');
    await otto.keyboard.type('// observer typing', { delay: 10 });
    await otto.waitForTimeout(500);
    expect(await editorText(otto)).not.toContain('// observer typing');
    expect(await editorText(iris)).toBe(before);
    expect(await editorText(cato)).toBe(before);
    // The observer still sees what the candidate sees.
    expect(await editorText(otto)).toBe(before);
    await shoot(otto, '03-observer-view.png');
  });

  it('keeps the same remaining time on the candidate’s screen after a reload', async () => {
    await cato.reload();
    await cato.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
    await expect.poll(() => status(cato), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => cato.getByRole('timer').getAttribute('data-running'), { timeout: 20_000 }).toBe('true');
    const [a, b] = await Promise.all([iris, cato].map(remainingSeconds));
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1);
    await expect.poll(() => roster(cato)).toEqual(['Cato (you) Candidate', 'Iris Interviewer', 'Otto Observer']);
  });

  it('tells the candidate when the time is up', async () => {
    await iris.getByLabel('Duration in minutes').fill('0.05');
    await iris.getByRole('button', { name: 'Set', exact: true }).click();
    await iris.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => cato.getByRole('alert').filter({ hasText: 'Time is up' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await cato.getByRole('timer').textContent()).toBe('0:00');
    await expect.poll(() => iris.getByText('Time is up. Add time, reset, or let them finish.').count()).toBe(1);
    await shoot(cato, '04-candidate-time-up.png');
  });

  it('never puts the private note in the candidate’s or observer’s page, storage or received messages', async () => {
    for (const [who, page] of [['candidate', cato], ['observer', otto]] as const) {
      const html = await page.content();
      expect(html, `${who} DOM`).not.toContain(SECRET_WORD);
      const stored = (await page.evaluate(STORED_TEXT)) as string[];
      expect(stored.length, `${who} has stored something`).toBeGreaterThan(0);
      expect(stored.filter((row) => row.includes(SECRET_WORD)), `${who} storage`).toEqual([]);
      const received = (await page.evaluate('window.__received')) as { type: number; text: string }[];
      // The recording works: this peer did receive edits (type 0) over the data channel.
      // (Sync messages, and the interview chain; the candidate's reload restored the code from IndexedDB.)
      expect(received.some((message) => message.type === 0), `${who} received sync messages`).toBe(true);
      expect(received.some((message) => message.type === 7), `${who} received the interview chain`).toBe(true);
      expect(received.filter((message) => message.text.includes(SECRET_WORD)), `${who} messages`).toEqual([]);
      expect(received.filter((message) => message.type === 8), `${who} notes messages`).toEqual([]);
    }
    // The interviewer does hold it, on screen and in storage: the same checks can see a note.
    expect(await iris.content()).toContain(SECRET_WORD);
    await expect.poll(async () => ((await iris.evaluate(STORED_TEXT)) as string[]).some((row) => row.includes(SECRET_WORD))).toBe(true);
  });

  it('replays the candidate’s code at an earlier moment, with the runs on the timeline', async () => {
    await iris.getByRole('button', { name: 'Replay', exact: true }).click();
    const dialog = iris.getByRole('dialog', { name: 'Replay' });
    await dialog.waitFor();
    const runs = dialog.getByTestId('replay-run');
    await expect.poll(() => runs.count()).toBeGreaterThanOrEqual(2);
    runCount = await runs.count();
    expect(await runs.nth(0).getAttribute('data-verdict')).not.toBe('accepted');
    expect(await runs.nth(runCount - 1).getAttribute('data-verdict')).toBe('accepted');
    // At the end: the final code.
    expect(await dialog.getByTestId('replay-code').textContent()).toContain('const seen = new Map();');
    // Jump to the first run: the code as it was then (the comment typed, no solution yet).
    await runs.nth(0).click();
    const earlier = (await dialog.getByTestId('replay-code').textContent()) ?? '';
    expect(earlier).toContain('// first idea: a hash map');
    expect(earlier).not.toContain('const seen = new Map();');
    await shoot(iris, '05-replay.png');
    // The scrubber moves through time; play advances it.
    await dialog.getByRole('radio', { name: '16×' }).click();
    await dialog.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('replay-code').textContent(), { timeout: 10_000 }).toContain('const seen = new Map();');
  });

  it('exports a report with the final code and the verdicts, and a replay file the app opens again', async () => {
    const dialog = iris.getByRole('dialog', { name: 'Replay' });
    const [report] = await Promise.all([iris.waitForEvent('download'), dialog.getByRole('button', { name: 'Export report' }).click()]);
    const reportPath = join(SHOTS, 'report.html');
    await report.saveAs(reportPath);
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toContain('const seen = new Map();');
    expect(html).toContain('Accepted');
    expect(html).toContain(SECRET_NOTE);
    expect(html).toContain('<svg');
    const [replayFile] = await Promise.all([iris.waitForEvent('download'), dialog.getByRole('button', { name: 'Save replay' }).click()]);
    const replayPath = join(SHOTS, 'replay.json');
    await replayFile.saveAs(replayPath);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const reportPage = await contexts[0]!.newPage();
    await reportPage.setViewportSize({ width: 1000, height: 1400 });
    await reportPage.goto(`file://${reportPath}`);
    expect(await reportPage.locator('#final-code').textContent()).toContain('const seen = new Map();');
    await shoot(reportPage, '06-report.png');
    await reportPage.close();

    // Open replay, in a fresh window that was never in the room.
    const fresh = await browser!.newPage();
    await fresh.goto(`${judge!.url}/`);
    await fresh.getByRole('button', { name: 'Pair', exact: true }).click();
    await fresh.locator('input[type="file"]').setInputFiles(replayPath);
    const reopened = fresh.getByRole('dialog', { name: 'Replay' });
    await reopened.waitFor();
    expect(await reopened.getByTestId('replay-run').count()).toBe(runCount);
    expect(await reopened.getByTestId('replay-code').textContent()).toContain('const seen = new Map();');
    await fresh.close();
  });

  it('raised no uncaught error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
