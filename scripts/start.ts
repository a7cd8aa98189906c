/**
 * `npm start`: runs the judge (gateway + worker) and the desktop app against it. Where
 * Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, e.g. CI and servers),
 * it keeps the judge running and points at the browser-guest build the gateway serves instead.
 * Ctrl-C stops everything it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '8080';
const gatewayUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const children: ChildProcess[] = [];

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
  setTimeout(() => process.exit(code), 500).unref();
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'out/web/index.html'))) runOrExit(['run', 'build:web'], 'building the browser-guest app');

  const judge = spawn(npm, ['run', 'judge'], { cwd: root, stdio: 'inherit', env: process.env });
  children.push(judge);
  judge.on('exit', (code) => {
    console.error(`start: the judge stopped (exit ${code ?? 'signal'})`);
    stopAll(code ?? 1);
  });
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));

  if (!(await waitForHealth(gatewayUrl, 60_000))) {
    console.error(`start: the judge did not answer ${gatewayUrl}/healthz within 60 s (is RabbitMQ running? try \`npm run setup\`)`);
    stopAll(1);
    return;
  }

  const electron = findElectronBinary();
  if (!electron) {
    console.log(
      `\nstart: Electron's binary is not installed here, so the desktop window cannot open.\n` +
        `       The same app runs as a browser guest: open ${gatewayUrl}/\n` +
        `       (install Electron without ELECTRON_SKIP_BINARY_DOWNLOAD=1 to get the desktop window)\n`,
    );
    return;
  }

  if (!existsSync(join(root, 'out/main/index.js'))) runOrExit(['exec', '--', 'electron-vite', 'build'], 'building the desktop app');
  const app = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, PAIRJUDGE_GATEWAY_URL: gatewayUrl } });
  children.push(app);
  app.on('exit', () => stopAll(0));
}

void main();
