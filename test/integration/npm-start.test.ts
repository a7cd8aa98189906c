/**
 * `npm start` as README gives it: without AMQP_URL it runs the embedded judge (in-process queue,
 * no broker; AMQP_URL is unset, so nothing points at RabbitMQ); with AMQP_URL it runs the RabbitMQ
 * stack of `npm run judge`. Electron's binary is not installed here, so both end serving the
 * browser app and saying so; Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const running: { stop: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) await run.stop();
});

function npmStart(env: NodeJS.ProcessEnv) {
  // detached: its own process group, so Ctrl-C (SIGINT to the group) reaches npm and its children.
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  /** Ctrl-C: SIGINT to the whole group, as a terminal sends it. npm itself then ends by that signal. */
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) signalGroup('SIGINT');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 30_000);
    const ended = await exited;
    clearTimeout(timer);
    return ended;
  };
  running.push({ stop });
  const waitFor = (pattern: RegExp, timeoutMs = 150_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not print ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const look = () => {
        const match = pattern.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      look();
    });
  return { waitFor, stop, output: () => output };
}

function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of names) delete env[name];
  return env;
}

describe('npm start', () => {
  it('runs the app on the embedded judge when AMQP_URL is not set: no broker', async () => {
    const port = await freePort();
    const start = npmStart({ ...envWithout('AMQP_URL'), PORT: String(port), HOST: '127.0.0.1' });
    const [, url] = await start.waitFor(/judge at (http:\/\/\S+) \(embedded: in-process queue, no broker; sandbox: Docker containers\)/);
    await start.waitFor(/The same app runs as a browser guest: open http:\/\/127\.0\.0\.1:\d+\//);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ queue: 'in-process' });
    expect((await fetch(`${url}/`)).headers.get('content-type')).toContain('text/html');
    const ended = await start.stop();
    // npm ends by the signal it was sent; the judge under it stopped (nothing answers any more).
    expect(ended.code === 0 || ended.signal === 'SIGINT').toBe(true);
    expect(start.output()).not.toMatch(/SIGKILL|Error:/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('runs the RabbitMQ stack (npm run judge) when AMQP_URL is set', async () => {
    const port = await freePort();
    const start = npmStart({
      ...envWithout(),
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      QUEUE_PREFIX: `npm-start-${process.pid}-${Date.now()}`,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await start.waitFor(/AMQP_URL is set, so the judge is the RabbitMQ stack/);
    await start.waitFor(/The same app runs as a browser guest: open http:\/\/127\.0\.0\.1:\d+\//);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ queue: 'rabbitmq' });
    const ended = await start.stop();
    expect(ended.code === 0 || ended.signal === 'SIGINT').toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
