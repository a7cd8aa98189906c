/**
 * The browser guest's local Run worker in real Chromium: the code it runs (the person's, or their
 * pair's) finds no way out of the worker — no network, no storage, and no nested worker, which
 * would start with all of those again.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerSource } from '../../desktop/renderer/offline/js-worker-harness.js';
import { launchChromium } from './support/chromium.js';

const PROBE = `function main() {
  return ['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'indexedDB', 'caches',
    'importScripts', 'BroadcastChannel', 'Worker', 'SharedWorker'].filter((name) => typeof self[name] !== 'undefined');
}`;

describe('local Run worker in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end('<!doctype html><title>worker</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('leaves the code no network, storage or worker constructors', async () => {
    const page = await browser.newPage();
    await page.goto(origin);
    // Page code as a string: the test compiles against Node's types, not the DOM's.
    const reachable: unknown = await page.evaluate(`(async () => {
      const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(workerSource(PROBE, 'main'))}], { type: 'text/javascript' })));
      const value = await new Promise((resolve, reject) => {
        worker.onerror = (event) => reject(new Error(event.message));
        worker.onmessage = (event) => { if (event.data.type === 'test') resolve(event.data.report.value); };
        worker.postMessage({ cases: [{ name: 'probe', args: [] }], limits: { outputBytes: 65536, valueBytes: 65536 } });
      });
      worker.terminate();
      return value;
    })()`);
    expect(reachable).toEqual([]);
    await page.close();
  });
});
