/**
 * The worker's settings. Every sandbox limit has a default and a server-side maximum; a value
 * beyond the maximum is refused at start-up.
 */
import os from 'node:os';
import { decimal, integer, readSettings, text, type SettingValues } from '../config/settings.js';
import { sharedSettings } from '../config/shared-settings.js';
import { compileSettings } from '../config/compile-settings.js';

export const workerSettings = {
  ...sharedSettings,
  concurrency: integer(
    'WORKER_CONCURRENCY',
    'Jobs run at once by this worker (its broker prefetch); default: number of CPU cores',
    Math.max(1, os.availableParallelism()),
    1,
    64,
  ),
  sandboxImage: text('SANDBOX_IMAGE', 'Docker image of the sandbox (npm run build:sandbox builds it)', 'pairjudge/sandbox:latest'),
  sandboxRuntime: text('SANDBOX_RUNTIME', 'OCI runtime for sandboxes, e.g. runsc for gVisor; empty: the engine default', ''),
  wallTimeMs: integer('SANDBOX_WALL_TIME_MS', 'Wall-clock deadline of one run, all tests together', 8000, 1000, 30_000),
  testTimeoutMs: integer('SANDBOX_TEST_TIMEOUT_MS', 'Time budget of one test inside a run', 2000, 100, 30_000),
  memoryMb: integer('SANDBOX_MEMORY_MB', 'Memory limit of a sandbox (swap is off)', 256, 64, 2048),
  cpus: decimal('SANDBOX_CPUS', 'CPU share of a sandbox, in cores', 1, 0.1, 4),
  pids: integer('SANDBOX_PIDS', 'Processes and threads a sandbox may have', 64, 16, 512),
  outputBytes: integer('SANDBOX_OUTPUT_BYTES', 'Console output a submission may print; more is output_limit_exceeded', 256 * 1024, 1024, 4 * 1024 * 1024),
  valueBytes: integer('SANDBOX_VALUE_BYTES', 'Size of one serialized return value', 256 * 1024, 1024, 4 * 1024 * 1024),
  tmpfsMb: integer('SANDBOX_TMPFS_MB', 'Size of the writable /tmp inside a sandbox', 16, 1, 256),
  // The warm pool: containers started ahead of demand, each used for one job only. Each idle one
  // holds memory (about 40 MB for JavaScript, 10 MB for Python), hence the maxima.
  poolJavascript: integer(
    'SANDBOX_POOL_JAVASCRIPT',
    'Warm JavaScript sandboxes kept ready (started, harness loaded, waiting for a job); 0: always a cold container',
    2,
    0,
    16,
  ),
  poolPython: integer('SANDBOX_POOL_PYTHON', 'Warm Python sandboxes kept ready; 0: always a cold container', 2, 0, 16),
  // A warm TypeScript sandbox also has the compiler loaded and the ES library parsed (about
  // 120 MB, and a second or more of CPU that a cold container spends on the job's own clock).
  poolTypescript: integer('SANDBOX_POOL_TYPESCRIPT', 'Warm TypeScript sandboxes kept ready (the compiler loaded); 0: always a cold container', 1, 0, 16),
  cgroupParent: text(
    'SANDBOX_CGROUP_PARENT',
    'Parent cgroup of all sandbox containers, to account or cap them together (cgroupfs: /name; systemd: name.slice); empty: the engine default',
    '',
    /^$|^[A-Za-z0-9_./-]{1,200}$/,
  ),
  // The compile stage of the compiled languages (C, C++, Java, Go, Rust): its own container and
  // limits; compilers take more time and memory than most runs, and fork. The gateway reads the
  // same settings to list them (config/compile-settings.ts).
  ...compileSettings,
  poolTtlMs: integer('SANDBOX_POOL_TTL_MS', 'A warm sandbox unused for this long is replaced by a fresh one', 600_000, 10_000, 3_600_000),
};

export type WorkerConfig = SettingValues<typeof workerSettings>;

export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return readSettings(workerSettings, env);
}
