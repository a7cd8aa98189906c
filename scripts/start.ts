/**
 * `npm start`: runs a judge and the desktop app against it. The judge is the embedded one (in
 * this process: in-process queue, Docker when its engine answers, else the process sandbox), so
 * a fresh machine needs no broker; when AMQP_URL is set (environment or .env) it is the RabbitMQ
 * stack of `npm run judge` instead. Where Electron's binary is not installed (its download was
 * unreachable at set-up, CI, servers) it keeps the judge running and points at the browser app
 * the judge serves. Ctrl-C stops everything it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { loadEnvFile } from '../judge-server/config/load-env-file.js';
import { startEmbeddedJudge, type RunningEmbeddedJudge } from '../judge-server/embedded-judge.js';

const root = resolve(import.meta.dirname, '..');
loadEnvFile();
const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '8080';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const children: ChildProcess[] = [];
let embedded: RunningEmbeddedJudge | undefined;

/** The Electron executable, or undefined when the package was installed without its binary. */
export function findElectronBinary(): string | undefined {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    // The electron package throws when its binary was never downloaded.
    return undefined;
  }
}

function runOrExit(args: string[], what: string): void {
  console.log(`start: ${what}…`);
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: ${what} failed`);
    process.exit(result.status ?? 1);
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  return false;
}

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const closing = embedded?.close() ?? Promise.resolve();
  // Running jobs may finish; a stuck one must not keep Ctrl-C from working.
  const timer = setTimeout(() => process.exit(code), 10_000);
  void closing.finally(() => {
    clearTimeout(timer);
    setTimeout(() => process.exit(code), 500).unref();
  });
}

/** The RabbitMQ stack in a child process (`npm run judge`), for AMQP_URL. */
async function startBrokerJudge(): Promise<string | undefined> {
  const gatewayUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  console.log(`start: AMQP_URL is set, so the judge is the RabbitMQ stack (npm run judge)`);
  const judge = spawn(npm, ['run', 'judge'], { cwd: root, stdio: 'inherit', env: process.env });
  children.push(judge);
  judge.on('exit', (code) => {
    console.error(`start: the judge stopped (exit ${code ?? 'signal'})`);
    stopAll(code ?? 1);
  });
  if (!(await waitForHealth(gatewayUrl, 60_000))) {
    console.error(`start: the judge did not answer ${gatewayUrl}/healthz within 60 s (is RabbitMQ running? try \`npm run setup\`)`);
    stopAll(1);
    return undefined;
  }
  return gatewayUrl;
}

/** The embedded judge in this process: no broker. */
async function startJudgeHere(): Promise<string | undefined> {
  try {
    embedded = await startEmbeddedJudge({ env: process.env, logLevel: process.env.LOG_LEVEL ?? 'warn' });
  } catch (error) {
    console.error(`start: the embedded judge could not start: ${(error as Error).message}\n       (is the Docker engine running? try \`npm run setup\`)`);
    stopAll(1);
    return undefined;
  }
  const sandbox = embedded.sandboxKind === 'process' ? 'a process sandbox (weaker than a container: your own code only)' : 'Docker containers';
  console.log(`start: judge at ${embedded.url} (embedded: in-process queue, no broker; sandbox: ${sandbox})`);
  return embedded.url.replace('://0.0.0.0:', '://127.0.0.1:');
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'out/web/index.html'))) runOrExit(['run', 'build:web'], 'building the browser-guest app');

  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
  const gatewayUrl = process.env.AMQP_URL ? await startBrokerJudge() : await startJudgeHere();
  if (!gatewayUrl) return;

  const electron = findElectronBinary();
  if (!electron) {
    console.log(
      `\nstart: Electron's binary is not installed here, so the desktop window cannot open.\n` +
        `       The same app runs as a browser guest: open ${gatewayUrl}/\n` +
        `       (to get the desktop window: run \`npm install\` where Electron's download host can be reached)\n`,
    );
    return;
  }

  if (!existsSync(join(root, 'out/main/index.js'))) runOrExit(['exec', '--', 'electron-vite', 'build'], 'building the desktop app');
  const app = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, PAIRJUDGE_GATEWAY_URL: gatewayUrl } });
  children.push(app);
  app.on('exit', () => stopAll(0));
}

void main();
