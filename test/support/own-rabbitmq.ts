/**
 * A RabbitMQ node of the test's own, so that a test may stop and start a broker without touching
 * the machine's shared one (127.0.0.1:5672). Debian's `rabbitmq-server` wrapper runs the node as
 * the `rabbitmq` user (so it shares that user's Erlang cookie with `rabbitmqctl`) and passes
 * RABBITMQ_* variables through; the node gets its own name, ports, config file (the system one
 * pins port 5672), plugin list, Mnesia and log folders. epmd is shared, which is fine.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, portOpen, waitFor } from './free-port.js';

const run = promisify(execFile);

export interface OwnRabbit {
  url: string;
  node: string;
  /** Starts (or restarts) the node and waits for its AMQP port. */
  start(): Promise<void>;
  /** Stops the node (its durable queues and persistent messages stay on disk). */
  stop(): Promise<void>;
  /** Stops it and removes its folders. */
  destroy(): Promise<void>;
}

/** The rabbitmq user's ids, from /etc/passwd (name:x:uid:gid:...). */
function rabbitmqUser(): { uid: number; gid: number } {
  if (os.userInfo().uid !== 0) throw new Error('the fault tests must run as root to start their own RabbitMQ node (as the rabbitmq user)');
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('rabbitmq:'));
  if (!entry) throw new Error('no rabbitmq user: install RabbitMQ (`npm run setup`)');
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startOwnRabbit(): Promise<OwnRabbit> {
  const { uid, gid } = rabbitmqUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pjfault-rabbit-'));
  const port = await freePort();
  const distPort = await freePort();
  const node = `pjfault-${randomBytes(4).toString('hex')}@localhost`;
  writeFileSync(path.join(dir, 'rabbitmq.conf'), `listeners.tcp.default = 127.0.0.1:${port}\n`);
  writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  for (const file of ['', 'rabbitmq.conf', 'enabled_plugins']) chownSync(path.join(dir, file), uid, gid);
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: path.join(dir, 'pid'),
  };
  const rabbit: OwnRabbit = {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    node,
    async start() {
      await run('rabbitmq-server', ['-detached'], { env });
      await waitFor(`RabbitMQ node ${node} on port ${port}`, 60_000, () => portOpen(port), 250);
    },
    async stop() {
      await run('rabbitmqctl', ['-n', node, 'stop'], { env }).catch(() => undefined);
      await waitFor(`RabbitMQ node ${node} to stop`, 30_000, async () => !(await portOpen(port)), 250);
    },
    async destroy() {
      await rabbit.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await rabbit.start();
  } catch (error) {
    await rabbit.destroy();
    throw error;
  }
  return rabbit;
}
