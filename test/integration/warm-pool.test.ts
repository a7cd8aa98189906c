/**
 * The warm pool against the real Docker engine: every submission gets a container of its own
 * (each reports the container it ran in, and whether anything of a previous run was there), a
 * pooled container that dies is replaced, a drained pool falls back to cold containers, a new
 * sandbox image retires the old pool, and closing removes every pooled container.
 * Needs Docker and the sandbox image (`npm run setup`; SANDBOX_IMAGE picks the tag).
 */
import path from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { buildJob } from '../../judge-core/build-job.js';
import { runJob } from '../../judge-core/run-job.js';
import type { Catalog } from '../../judge-core/catalog.js';
import type { LanguageId, SubmissionResult } from '../../protocol/index.js';
import { loadCatalog } from '../../judge-server/catalog/load-catalog.js';
import { DockerSandbox, OWNER_LABEL, POOL_LABEL, ownerId, type WarmPoolSettings } from '../../judge-server/sandbox/docker-sandbox.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { runLimits } from '../../judge-server/worker/worker.js';

const IMAGE = process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest';
const docker = new Docker();
const limits = runLimits(readWorkerConfig({ ...process.env, SANDBOX_IMAGE: IMAGE }));
const cleanups: (() => Promise<unknown>)[] = [];
let catalog: Catalog | undefined;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Reports the container it ran in (a container's hostname is its short id) and whether a file
// left in /tmp by an earlier submission is there: it never may be.
const WHO_AM_I = [
  'import os',
  "seen = os.path.exists('/tmp/left-behind')",
  "open('/tmp/left-behind', 'w').write('x')",
  "print('CONTAINER', open('/etc/hostname').read().strip(), 'SEEN', seen)",
  'def one():',
  '    return 1',
].join('\n');

function startSandbox(pool: Partial<WarmPoolSettings> & Pick<WarmPoolSettings, 'sizes'>, image = IMAGE): DockerSandbox {
  const sandbox = new DockerSandbox({
    image,
    tmpfsBytes: 16 * 1024 * 1024,
    pool: { ttlMs: 600_000, limits, busyRuns: 2, maintenanceMs: 500, ...pool },
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

/** One function case (`one()` must return 1): a single sandbox run per submission. */
async function judge(sandbox: DockerSandbox, language: LanguageId, code: string): Promise<SubmissionResult> {
  catalog ??= await loadCatalog(path.resolve(import.meta.dirname, '../../challenges'));
  const tests = { entry: 'one', cases: [{ name: 'one', args: [], expected: 1 }] };
  const job = buildJob(`pool-test-${Math.random().toString(36).slice(2)}`, { language, code, tests }, catalog, Date.now());
  return (await runJob(job, sandbox, limits)).result;
}

async function whoAmI(sandbox: DockerSandbox): Promise<{ container: string; seen: boolean }> {
  const result = await judge(sandbox, 'python', WHO_AM_I);
  expect(result.verdict, JSON.stringify(result)).toBe('accepted');
  const match = /CONTAINER (\w+) SEEN (True|False)/.exec(result.stdout);
  expect(match, result.stdout).not.toBeNull();
  return { container: match![1]!, seen: match![2] === 'True' };
}

async function pooledContainers(language?: LanguageId): Promise<Docker.ContainerInfo[]> {
  const label = [`${OWNER_LABEL}=${ownerId()}`, language ? `${POOL_LABEL}=${language}` : POOL_LABEL];
  return docker.listContainers({ all: true, filters: { label } });
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function metric(sandbox: DockerSandbox, name: string, labels: string): Promise<number> {
  const text = await sandbox.metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('warm sandbox pool', () => {
  it('runs each submission in a container of its own, taken from the pool', async () => {
    const sandbox = startSandbox({ sizes: { python: 2 } });
    await sandbox.ready();
    await until('a full pool', 60_000, () => (sandbox.pool!.idleCount('python') === 2 ? true : undefined));
    const runs: { container: string; seen: boolean }[] = [];
    for (let i = 0; i < 3; i++) runs.push(...(await Promise.all([whoAmI(sandbox), whoAmI(sandbox)])));
    expect(runs.map((r) => r.seen)).toEqual(runs.map(() => false));
    expect(new Set(runs.map((r) => r.container)).size).toBe(runs.length);
    expect(await metric(sandbox, 'pairjudge_sandbox_pool_hits_total', 'language="python"')).toBeGreaterThanOrEqual(2);
    // A used container is removed, never given back to the pool.
    await until('used containers removed', 20_000, async () => {
      const all = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${ownerId()}`] } });
      const ids = new Set(all.map((c) => c.Id.slice(0, runs[0]!.container.length)));
      return runs.every((r) => !ids.has(r.container)) ? true : undefined;
    });
  });

  it('replaces a pooled container that is killed', async () => {
    const sandbox = startSandbox({ sizes: { python: 1 } });
    await sandbox.ready();
    const [first] = await until('a pooled container', 60_000, async () => {
      const list = await pooledContainers('python');
      return list.length === 1 && sandbox.pool!.idleCount('python') === 1 ? list : undefined;
    });
    await docker.getContainer(first!.Id).kill({ signal: 'SIGKILL' });
    const replacement = await until('a replacement', 60_000, async () => {
      const list = (await pooledContainers('python')).filter((c) => c.Id !== first!.Id && c.State === 'running');
      return list.length === 1 && sandbox.pool!.idleCount('python') === 1 ? list[0] : undefined;
    });
    expect(await metric(sandbox, 'pairjudge_sandbox_pool_retired_total', 'language="python",reason="died"')).toBe(1);
    // The killed one is gone, and the next submission runs in the replacement.
    await until('the killed container removed', 20_000, async () =>
      (await pooledContainers('python')).some((c) => c.Id === first!.Id) ? undefined : true,
    );
    const run = await whoAmI(sandbox);
    expect(replacement!.Id.startsWith(run.container)).toBe(true);
  });

  it('falls back to a cold container when the pool is drained', async () => {
    // One warm container for three submissions at once: at least one of them finds none.
    const sandbox = startSandbox({ sizes: { python: 1 }, busyRuns: 1 });
    await sandbox.ready();
    await until('a full pool', 60_000, () => (sandbox.pool!.idleCount('python') === 1 ? true : undefined));
    const runs = await Promise.all([whoAmI(sandbox), whoAmI(sandbox), whoAmI(sandbox)]);
    expect(new Set(runs.map((r) => r.container)).size).toBe(3);
    expect(runs.every((r) => !r.seen)).toBe(true);
    expect(await metric(sandbox, 'pairjudge_sandbox_pool_hits_total', 'language="python"')).toBeGreaterThanOrEqual(1);
    expect(await metric(sandbox, 'pairjudge_sandbox_pool_misses_total', 'language="python"')).toBeGreaterThanOrEqual(1);
  });

  it('retires the pool when the sandbox image changes', async () => {
    // A tag of our own, moved from one image to another the way a rebuild moves it.
    const tag = `pairjudge/sandbox-pool-test:${process.pid}`;
    const [repo, version] = tag.split(':') as [string, string];
    const first = (await docker.getImage(IMAGE).inspect()).Id;
    // The image a rebuild would leave: the same files under another id (a label of its own).
    const holder = await docker.createContainer({ Image: IMAGE, Cmd: ['true'] });
    const secondTag = `pairjudge/sandbox-pool-test:second-${process.pid}`;
    cleanups.push(() => docker.getImage(secondTag).remove({ noprune: true }).catch(() => undefined));
    cleanups.push(() => holder.remove({ force: true }).catch(() => undefined));
    await holder.commit({ repo: 'pairjudge/sandbox-pool-test', tag: `second-${process.pid}`, changes: 'LABEL pairjudge.pool-test=second' });
    const second = (await docker.getImage(secondTag).inspect()).Id;
    expect(second).not.toBe(first);
    await docker.getImage(first).tag({ repo, tag: version });
    cleanups.push(() => docker.getImage(tag).remove({ noprune: true }).catch(() => undefined));

    const sandbox = startSandbox({ sizes: { python: 1 } }, tag);
    await sandbox.ready();
    const [old] = await until('a pooled container of the first image', 60_000, async () => {
      const list = await pooledContainers('python');
      return list.length === 1 && sandbox.pool!.idleCount('python') === 1 ? list : undefined;
    });
    expect(old!.ImageID).toBe(first);
    await docker.getImage(second).tag({ repo, tag: version });
    const fresh = await until('a pooled container of the new image', 60_000, async () => {
      const list = (await pooledContainers('python')).filter((c) => c.ImageID === second && c.State === 'running');
      return list.length === 1 && sandbox.pool!.idleCount('python') === 1 ? list[0] : undefined;
    });
    expect(fresh!.Id).not.toBe(old!.Id);
    expect(await metric(sandbox, 'pairjudge_sandbox_pool_retired_total', 'language="python",reason="image"')).toBe(1);
  });

  it('removes every pooled container on close', async () => {
    const sandbox = startSandbox({ sizes: { javascript: 2, python: 2 } });
    await sandbox.ready();
    await until('a full pool', 90_000, async () => ((await pooledContainers()).length === 4 ? true : undefined));
    await sandbox.close();
    expect(await pooledContainers()).toEqual([]);
    await expect(whoAmI(sandbox)).rejects.toThrow(/closed/);
  });
});
