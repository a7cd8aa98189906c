/**
 * A Docker engine of the test's own, so that a test may stop and start an engine without touching
 * the machine's shared one: its own socket, data root, exec root and pid file, no bridge network
 * and no iptables rules (sandboxes have no network anyway). Its managed containerd lives under its
 * exec root. The sandbox image is copied in from the main engine (`docker save | docker load`).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { waitFor } from './free-port.js';

const run = promisify(execFile);

export interface OwnDockerd {
  /** DOCKER_HOST for processes that should use this engine. */
  host: string;
  docker: Docker;
  start(): Promise<void>;
  /** Stops the engine (SIGTERM, as a service restart does) and waits for it to exit. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
  loadImage(image: string): Promise<void>;
}

export async function startOwnDockerd(): Promise<OwnDockerd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pjfault-docker-'));
  const socket = path.join(dir, 'docker.sock');
  const pidFile = path.join(dir, 'docker.pid');
  const docker = new Docker({ socketPath: socket });
  const alive = async () => {
    try {
      await docker.ping();
      return true;
    } catch {
      return false;
    }
  };
  const pid = (): number | undefined => {
    try {
      return Number(readFileSync(pidFile, 'utf8').trim()) || undefined;
    } catch {
      return undefined;
    }
  };
  const engine: OwnDockerd = {
    host: `unix://${socket}`,
    docker,
    async start() {
      const child = spawn(
        'dockerd',
        [
          '--host', `unix://${socket}`,
          '--data-root', path.join(dir, 'root'),
          '--exec-root', path.join(dir, 'exec'),
          '--pidfile', pidFile,
          '--bridge', 'none',
          '--iptables=false',
          '--ip6tables=false',
        ],
        { detached: true, stdio: 'ignore' },
      );
      child.unref();
      await waitFor('the test Docker engine', 60_000, alive, 250);
    },
    async stop() {
      const running = pid();
      if (!running) return;
      try {
        process.kill(running, 'SIGTERM');
      } catch {
        return;
      }
      await waitFor('the test Docker engine to exit', 60_000, () => {
        try {
          process.kill(running, 0);
          return false;
        } catch {
          return true;
        }
      }, 250);
    },
    async destroy() {
      await engine.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
    async loadImage(image) {
      await run('sh', ['-c', `docker save '${image}' | docker -H 'unix://${socket}' load`], { maxBuffer: 1 << 20 });
    },
  };
  try {
    await engine.start();
  } catch (error) {
    await engine.destroy();
    throw error;
  }
  return engine;
}
