/**
 * The walls of a sandbox container, in one place: the cold path (a container per job, created on
 * demand) and the warm pool (created ahead of demand) build their containers from this same spec,
 * so a pooled container has exactly the limits a cold one has.
 *
 * Every limit below is a wall against hostile code; the container is the boundary (vm2 inside is
 * the second wall for JavaScript).
 */
import type Docker from 'dockerode';
import type { LanguageId } from '../../protocol/index.js';
import { DEFAULT_COMPILE_LIMITS, LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import type { CompileLimits, SandboxLimits, SandboxVariant } from '../../judge-core/sandbox.js';
import { compileSeccompProfile, sandboxSeccompProfile } from './seccomp-profile.js';

const SECCOMP_PROFILE = sandboxSeccompProfile();
const COMPILE_SECCOMP_PROFILE = compileSeccompProfile();

/** Where the run stage of a compiled language puts the artefact it receives (loader.c). */
export const ARTEFACT_DIR = '/box';
/**
 * /box holds any artefact the compile stage may hand over (its artefact limit), whatever size
 * SANDBOX_TMPFS_MB gives /tmp: a build the compile stage accepted must not crash the loader
 * (a smaller /box or file-size limit would kill it with SIGXFSZ, or leave it no space).
 */
export const ARTEFACT_DIR_BYTES = DEFAULT_COMPILE_LIMITS.artefactBytes;
/**
 * The compile stage's scratch space: sources, the compiler's temporary files and the artefact.
 * RAM-backed, so it counts against the compile container's memory limit as well.
 */
export const COMPILE_TMPFS_BYTES = 256 * 1024 * 1024;

export const SANDBOX_LABEL = 'pairjudge.sandbox';
export const OWNER_LABEL = 'pairjudge.owner';
/** The job a cold container was created for. */
export const JOB_LABEL = 'pairjudge.job';
/** Set on containers created for the warm pool (the value is the language); they get no job label. */
export const POOL_LABEL = 'pairjudge.pool';

export interface ContainerSpecOptions {
  /** Image reference: a tag for cold containers, the resolved image id for pooled ones. */
  image: string;
  runtime?: string;
  tmpfsBytes: number;
  /** Parent cgroup of every sandbox: one place to account (and cap) all sandboxes together. */
  cgroupParent?: string;
}

/**
 * What a sandbox container for `language` is created with. `limits` holds only the walls that
 * are fixed at creation (memory, CPU, pids); the wall deadline and output cap are enforced by the
 * reader (sandbox-container.ts) from the moment the job is written.
 */
export function containerSpec(
  options: ContainerSpecOptions,
  language: LanguageId,
  limits: Pick<SandboxLimits, 'memoryBytes' | 'cpus' | 'pids'>,
  labels: Record<string, string>,
  variant?: SandboxVariant,
): Docker.ContainerCreateOptions {
  return walledSpec(options, {
    cmd: LANGUAGE_RUNTIMES[language].command(limits as SandboxLimits, variant),
    // No secret and no job data here: a pooled container waits with nothing but the harness. The
    // job (and its report nonce) arrives on stdin when the container is taken.
    env: ['HOME=/tmp', 'LANG=C.UTF-8'],
    labels,
    limits,
    scratchBytes: options.tmpfsBytes,
    ...(LANGUAGE_RUNTIMES[language].compile ? { fileBytes: Math.max(options.tmpfsBytes, ARTEFACT_DIR_BYTES) } : {}),
    tmpfs: {
      // A compiled language's program must be executable, so its artefact gets a place of its
      // own that allows exec. This gives the submission nothing it lacks: it is native code
      // already, and execve replaces the process (new processes stay refused by seccomp).
      ...(LANGUAGE_RUNTIMES[language].compile ? { [ARTEFACT_DIR]: `rw,nosuid,nodev,exec,size=${ARTEFACT_DIR_BYTES},uid=65534,gid=65534,mode=0700` } : {}),
    },
    // No new processes and no risky syscalls (seccomp-profile.ts).
    seccompProfile: SECCOMP_PROFILE,
  });
}

/**
 * The compile stage's container: the same walls as the run stage (no network, nobody, read-only
 * image, no capabilities, memory without swap), except that process creation is allowed (compilers
 * fork) within its own pids limit, and its limits are the compile stage's. It runs
 * sandbox-image/harness/compiled/compile.sh with the compile command.
 */
export function compileContainerSpec(
  options: ContainerSpecOptions,
  command: string[],
  limits: CompileLimits,
  labels: Record<string, string>,
): Docker.ContainerCreateOptions {
  return walledSpec(options, {
    cmd: ['/bin/sh', '/opt/pairjudge/harness/compiled/compile.sh', ...command],
    env: ['HOME=/tmp', 'LANG=C.UTF-8', 'PATH=/usr/local/bin:/usr/bin:/bin', 'TMPDIR=/tmp'],
    labels,
    // Compilers fork: a fork bomb in a build script (or a compiler driven to it) stops at its pids limit.
    limits,
    // noexec holds here too: the compilers run from the image; nothing built is run in this stage.
    scratchBytes: COMPILE_TMPFS_BYTES,
    tmpfs: {},
    seccompProfile: COMPILE_SECCOMP_PROFILE,
  });
}

interface StageSpec {
  cmd: string[];
  env: string[];
  labels: Record<string, string>;
  limits: Pick<SandboxLimits, 'memoryBytes' | 'cpus' | 'pids'>;
  /** Size of the noexec /tmp scratch space, and the largest file a process may write. */
  scratchBytes: number;
  /** The largest file a process may write, when a mount beside /tmp is larger (default scratchBytes). */
  fileBytes?: number;
  /** Mounts beside /tmp. */
  tmpfs: Record<string, string>;
  seccompProfile: string;
}

/**
 * The walls every sandbox container has, run or compile stage alike, in one place so a wall added
 * for one stage cannot be missing from the other.
 */
function walledSpec(options: ContainerSpecOptions, stage: StageSpec): Docker.ContainerCreateOptions {
  const { limits } = stage;
  return {
    Image: options.image,
    Cmd: stage.cmd,
    User: '65534:65534',
    WorkingDir: '/tmp',
    Env: stage.env,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    // The first attached client closing stdin closes it for the process inside: that is its EOF.
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: true,
    Labels: { [SANDBOX_LABEL]: 'true', ...stage.labels },
    HostConfig: {
      // No network at all: user code cannot call out or reach the judge's services.
      NetworkMode: 'none',
      // Nothing in the image can be changed; scratch space is a small, non-executable tmpfs.
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,nosuid,nodev,noexec,size=${stage.scratchBytes}`, ...stage.tmpfs },
      // No capabilities and no way to gain any (setuid binaries included).
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', `seccomp=${stage.seccompProfile}`],
      // Fork bombs stop at the pids limit; memory without swap so the limit is real.
      PidsLimit: limits.pids,
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: Math.round(limits.cpus * 1e9),
      Ulimits: [
        { Name: 'core', Soft: 0, Hard: 0 },
        { Name: 'nofile', Soft: 256, Hard: 256 },
        { Name: 'fsize', Soft: stage.fileBytes ?? stage.scratchBytes, Hard: stage.fileBytes ?? stage.scratchBytes },
      ],
      // Output is read from the attached stream; the engine keeps no log of it on disk.
      LogConfig: { Type: 'none', Config: {} },
      // No /dev/shm or message queues: nothing here needs shared memory.
      IpcMode: 'none',
      // Under host memory pressure, a sandbox is the first thing the kernel should kill.
      OomScoreAdj: 1000,
      ...(options.runtime ? { Runtime: options.runtime } : {}),
      ...(options.cgroupParent ? { CgroupParent: options.cgroupParent } : {}),
    },
  };
}

/** The creation-time walls as a key: a pooled container serves only requests with the same ones. */
export function wallsKey(limits: Pick<SandboxLimits, 'memoryBytes' | 'cpus' | 'pids'>): string {
  return `${limits.memoryBytes}/${limits.cpus}/${limits.pids}`;
}
