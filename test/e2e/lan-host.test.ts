/**
 * `pairjudge host` end to end: the host runs as its own process with AMQP_URL pointing at nothing
 * (no broker anywhere on its path); two isolated Chromium contexts open the URL it prints, pair
 * through its signaling socket, and one Submit, judged by its embedded judge, shows the verdict
 * to both. A second process finds the host by mDNS/DNS-SD on the loopback interface. Ctrl-C stops it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_CODE_PATTERN } from '../../protocol/signaling.js';
import { startHostProcess, type RunningHostProcess } from '../support/run-host.js';
import { launchChromium } from './support/chromium.js';
import { editorText, pasteIntoEditor } from './support/monaco.js';
import { REPO_ROOT, buildWebApp } from './support/web-build.js';

const BROWSE_MDNS = fileURLToPath(new URL('../support/browse-mdns.mjs', import.meta.url));
// Chromium hides host candidates behind mDNS names that do not resolve here; with real
// addresses two pages on one machine connect over loopback without STUN.
const WEBRTC_ARGS = ['--disable-features=WebRtcHideLocalIpsWithMdns'];
const SERVICE_NAME = `PairJudge test ${process.pid}`;

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

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('verdict').textContent())?.trim() ?? '';
}

describe('pairjudge host: a LAN session with no broker and no cloud', () => {
  let host: RunningHostProcess;
  let browser: Browser | undefined;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    const webDir = await buildWebApp(join(REPO_ROOT, 'test-results/e2e/lan-host-web-build'));
    host = await startHostProcess(['--port', '0', '--address', '127.0.0.1', '--name', SERVICE_NAME], {
      AMQP_URL: 'amqp://127.0.0.1:1',
      WEB_DIR: webDir,
      // A correct solution must not time out because the shared machine is busy.
      SANDBOX_TEST_TIMEOUT_MS: '10000',
      SANDBOX_WALL_TIME_MS: '30000',
    });
    browser = await launchChromium(WEBRTC_ARGS);
    alice = await (await browser.newContext()).newPage();
    bob = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.interrupt();
  });

  it('prints the URL to open, the sandbox and the mDNS name, and is ready with its in-process queue', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.output()).toContain('judge: Docker containers');
    expect(host.output()).toContain(`advertised by mDNS as "${SERVICE_NAME}" (_pairjudge._tcp)`);
    const ready = await fetch(`${host.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ queue: 'in-process' });
  });

  it('is found by another process browsing mDNS/DNS-SD on the interface', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BROWSE_MDNS, '127.0.0.1', SERVICE_NAME, '15000'], { cwd: REPO_ROOT });
    const found = JSON.parse(stdout.trim()) as { name: string; port: number; txt: Record<string, string> };
    expect(found.name).toBe(SERVICE_NAME);
    expect(found.port).toBe(Number(new URL(host.url).port));
    expect(found.txt).toMatchObject({ path: '/', api: 'v1', sandbox: 'docker' });
  });

  it('pairs two browsers on its URL, and one Submit shows the verdict to both', async () => {
    await alice.goto(`${host.url}/#/challenge/two-sum`);
    await expect.poll(() => editorText(alice), { timeout: 60_000 }).toContain('function twoSum');
    await alice.getByRole('button', { name: 'Pair', exact: true }).click();
    await alice.getByLabel('Your name').fill('Alice');
    await alice.getByRole('button', { name: 'Create room' }).click();
    const codeOutput = alice.getByLabel('Room code');
    await expect.poll(() => codeOutput.textContent()).toMatch(new RegExp(ROOM_CODE_PATTERN));
    const code = (await codeOutput.textContent())!.trim();

    await bob.goto(`${host.url}/`);
    await bob.getByRole('heading', { name: 'Challenges' }).waitFor({ timeout: 60_000 });
    await bob.getByRole('button', { name: 'Pair', exact: true }).click();
    await bob.getByLabel('Your name').fill('Bob');
    await bob.getByLabel('Room code').fill(code);
    await bob.getByRole('button', { name: 'Join', exact: true }).click();
    await bob.getByRole('heading', { name: 'Two Sum', level: 1 }).waitFor({ timeout: 30_000 });
    await expect.poll(() => bob.getByTestId('pairing-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('connected');

    await pasteIntoEditor(alice, CORRECT_JS);
    await expect.poll(() => editorText(bob), { timeout: 20_000 }).toContain('const seen = new Map();');
    await alice.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => verdict(alice), { timeout: 90_000 }).toBe('Accepted');
    await expect.poll(() => verdict(bob), { timeout: 20_000 }).toBe('Accepted');
    expect(await bob.getByTestId('partner-run').textContent()).toBe('Alice’s run');
    // Two browsers, Monaco, WebRTC and a judged submission: generous on a shared machine.
  }, 300_000);

  it('stops cleanly on Ctrl-C', async () => {
    await browser?.close();
    browser = undefined;
    const code = await host.interrupt();
    expect(code).toBe(0);
    expect(host.output()).toContain('stopped');
    await expect(fetch(`${host.url}/healthz`)).rejects.toThrow();
  });
});
