/**
 * Removes sandbox containers that nobody will ever read: those of a worker process that died
 * (same host, pid gone) and any that outlived the longest possible run. A worker runs it at start
 * and then periodically, so a crash mid-job leaves nothing behind for long.
 *
 * Warm-pool containers (POOL_LABEL) wait before their job, up to the pool's time-to-live, so
 * theirs is a longer bound: time-to-live plus the longest run.
 */
import os from 'node:os';
import type Docker from 'dockerode';
import { OWNER_LABEL, POOL_LABEL, SANDBOX_LABEL, ownerId } from './docker-sandbox.js';

export interface SweepOptions {
  /** Containers older than this are orphans whatever their owner. */
  maxAgeMs: number;
  /** Warm-pool containers older than this are orphans whatever their owner; default `maxAgeMs`. */
  poolMaxAgeMs?: number;
  now?: () => number;
}

export async function sweepOrphanContainers(docker: Docker, options: SweepOptions): Promise<string[]> {
  const now = options.now ?? Date.now;
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=true`] } });
  const removed: string[] = [];
  for (const info of containers) {
    const owner = info.Labels[OWNER_LABEL] ?? '';
    const ageMs = now() - info.Created * 1000;
    const maxAgeMs = POOL_LABEL in info.Labels ? (options.poolMaxAgeMs ?? options.maxAgeMs) : options.maxAgeMs;
    // Younger than the longest possible wait and run, and owned by a live worker: someone will read it.
    if (ageMs < maxAgeMs && (owner === ownerId() || !ownerIsGone(owner))) continue;
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      removed.push(info.Id);
    } catch {
      // Another worker may be removing it at the same moment; the next sweep retries.
    }
  }
  return removed;
}

/** True when the owner (`host:pid:tag`) ran on this host and its process no longer exists. */
function ownerIsGone(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
