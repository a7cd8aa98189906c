/**
 * CPU time spent by the parts of one benchmark row, read from the kernel (Linux only):
 * - sandboxes: the cpuacct counter of the cgroup parent all the bench's sandbox containers live
 *   under (SANDBOX_CGROUP_PARENT), so removed containers still count;
 * - judge: this process (gateway + worker + the benchmark's own HTTP client), plus its waited-for
 *   children (the plain-process floor's `node`/`python3`);
 * - engine: dockerd and containerd. They serve every Docker user on the machine, so on a shared
 *   host this part includes other people's work: read it as an upper bound.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface CpuSample {
  sandboxMs: number;
  judgeMs: number;
  engineMs: number;
}

function readNumber(file: string): number | undefined {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** CPU of a cgroup parent in ms: cgroup v1 cpuacct, or v2 cpu.stat. */
function cgroupCpuMs(parent: string): number {
  const v1 = readNumber(`/sys/fs/cgroup/cpuacct${parent}/cpuacct.usage`);
  if (v1 !== undefined) return v1 / 1e6;
  try {
    const stat = readFileSync(`/sys/fs/cgroup${parent}/cpu.stat`, 'utf8');
    const usec = /usage_usec (\d+)/.exec(stat);
    return usec ? Number(usec[1]) / 1000 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime (+ cutime + cstime with `children`) of a process, in ms. */
function processCpuMs(pid: number | 'self', children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime is field 14 overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const own = fields[11]! + fields[12]!;
    return (children ? own + fields[13]! + fields[14]! : own) * TICK_MS;
  } catch {
    return 0;
  }
}

function enginePids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'dockerd' || comm === 'containerd') pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export function sampleCpu(cgroupParent: string): CpuSample {
  return {
    sandboxMs: cgroupCpuMs(cgroupParent),
    judgeMs: processCpuMs('self', true),
    engineMs: enginePids().reduce((sum, pid) => sum + processCpuMs(pid), 0),
  };
}

export function cpuSince(before: CpuSample, cgroupParent: string): CpuSample {
  const now = sampleCpu(cgroupParent);
  return {
    sandboxMs: now.sandboxMs - before.sandboxMs,
    judgeMs: now.judgeMs - before.judgeMs,
    engineMs: now.engineMs - before.engineMs,
  };
}
