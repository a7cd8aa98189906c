/**
 * The process sandbox, for machines without Docker: one child process per job running the SAME
 * harness files as the image (JavaScript still inside vm2, whose package resolves from the
 * repository), under the same job protocol (input on stdin, a nonce-keyed report frame on stdout).
 *
 * It is weaker than a container (no seccomp filter, no cgroup, the host's kernel), so it is meant
 * for your own code or a trusted partner's, and every result it gives carries `"sandbox": "process"`.
 * What it does, each against a named threat:
 * - a wall-clock deadline that kills the whole process group (endless loops, stray children);
 * - resource limits set before the harness starts (memory per process, files, CPU, core dumps);
 * - V8's heap limit for JavaScript, as in the container;
 * - an output cap that kills the run (floods);
 * - no inherited environment (no secrets, no NODE_OPTIONS or PYTHONPATH injection);
 * - a fresh, empty working folder, removed afterwards;
 * - a root judge drops the job to `nobody`;
 * - where Linux namespaces work (process-isolation.ts): no network, a private /proc and pid
 *   space, no capabilities, a task limit per language (JOB_TASKS) that bounds total memory, and
 *   a filesystem built from an allow-list (system folders, harness, vm2; never the repository,
 *   the catalog or the data folder), read-only but for a small /tmp.
 * Without namespaces none of the last point holds: the code can read the catalog's hidden tests
 * and answers. The start-up log says so loudly (choose-sandbox.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LanguageId } from '../../protocol/index.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import {
  SandboxUnavailableError,
  type Sandbox,
  type SandboxLimits,
  type SandboxOutcome,
  type SandboxRequest,
} from '../../judge-core/sandbox.js';
import {
  NAMESPACE_SETUP_SCRIPT,
  RLIMIT_WRAPPER,
  SANDBOX_PATH,
  SETUP_FAILED,
  detectProcessIsolation,
  systemView,
  unshareArgs,
  viewEntry,
  viewSpec,
  type ProcessIsolation,
  type ViewEntry,
} from './process-isolation.js';

/** Where languages.ts points the harness inside the image; rewritten to the repository's copy. */
export const IMAGE_HARNESS_ROOT = '/opt/pairjudge/harness';
export const REPOSITORY_HARNESS_ROOT = fileURLToPath(new URL('../../sandbox-image/harness', import.meta.url));

/** The repository: its catalog holds every hidden test and expected answer. */
export const REPOSITORY_ROOT = path.resolve(REPOSITORY_HARNESS_ROOT, '..', '..');
/** Folders the job's new root may be built on (inside the namespace only; the host sees nothing). */
const ROOT_BASES = ['/tmp', '/mnt', '/media', '/srv', '/var/tmp'];
const STDERR_BYTES = 64 * 1024;

export interface ProcessSandboxOptions {
  /** Size of the writable working folder (a tmpfs when namespaces work). */
  tmpfsBytes: number;
  harnessRoot?: string;
  /**
   * Folders that must stay invisible even when they lie inside a system folder of the view (the
   * repository always is). Anything outside the view is invisible anyway.
   */
  hiddenFolders?: string[];
  /** Tests override what was detected, e.g. to try the Python rlimit wrapper. */
  isolation?: ProcessIsolation;
}

export class ProcessSandbox implements Sandbox {
  readonly kind = 'process' as const;
  private readonly live = new Set<ChildProcess>();
  private closed = false;
  private isolation: Promise<ProcessIsolation>;
  private readonly harnessRoot: string;

  constructor(private readonly options: ProcessSandboxOptions) {
    this.harnessRoot = options.harnessRoot ?? REPOSITORY_HARNESS_ROOT;
    this.isolation = options.isolation ? Promise.resolve(options.isolation) : detectProcessIsolation();
  }

  /** What this machine lets the sandbox do (detected once). */
  capabilities(): Promise<ProcessIsolation> {
    return this.isolation;
  }

  async ready(): Promise<void> {
    const isolation = await this.isolation;
    if (!isolation.python && !isolation.node) {
      throw new SandboxUnavailableError('the process sandbox can run neither node nor python3', false);
    }
  }

  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    if (this.closed) throw new SandboxUnavailableError('sandbox is closed', true);
    const isolation = await this.isolation;
    const hostFolder = await mkdtemp(path.join(os.tmpdir(), 'pairjudge-run-'));
    try {
      // 0700 from mkdtemp: only the job's user may enter it.
      if (isolation.runAs !== undefined) await chown(hostFolder, isolation.runAs, isolation.runAs);
      const { command, args, workFolder } = this.commandLine(request.language, request.limits, isolation, hostFolder);
      return await this.spawnAndRun(command, args, workFolder, hostFolder, request, isolation);
    } finally {
      await rm(hostFolder, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const child of this.live) killGroup(child);
    this.live.clear();
  }

  /** The full command: namespaces (when they work), then limits, then the harness. */
  commandLine(
    language: LanguageId,
    limits: SandboxLimits,
    isolation: ProcessIsolation,
    hostFolder: string,
  ): { command: string; args: string[]; workFolder: string } {
    const harness = this.harnessCommand(language, limits, isolation);
    const limited = [...this.limiter(language, limits, isolation), ...harness];
    if (!isolation.namespaces) return { command: limited[0]!, args: limited.slice(1), workFolder: hostFolder };
    // What the job needs beyond the system folders: the harness, the vm2 package, the
    // interpreter (a whole Python installation when it lives outside /usr) and the wrapper.
    const python = language === 'python' ? [path.dirname(path.dirname(harness[0]!))] : [];
    // Node resolves vm2 from the harness's real path, through the node_modules folder as it is
    // named there (possibly a symlink): both the names and the targets are in the view.
    const harnessReal = realPath(this.harnessRoot);
    const modules = vm2Lookup(harnessReal);
    const needed = outermost([this.harnessRoot, harnessReal, modules, realPath(modules), harness[0]!, RLIMIT_WRAPPER, ...python]);
    const system = systemView();
    const inSystem = (p: string): boolean => system.some((e) => e.kind !== 'l' && (p === e.path || p.startsWith(e.path + '/')));
    // The repository (catalog, hidden tests, settings) and any folder the judge names stay
    // invisible even when they lie inside a system folder (an install under /usr, say).
    const covered = [...new Set([REPOSITORY_ROOT, ...(this.options.hiddenFolders ?? [])])].filter((folder) => inSystem(folder) && existsSync(folder));
    const view: ViewEntry[] = [
      ...system,
      ...covered.map((folder): ViewEntry => ({ kind: 'h', path: folder })),
      ...needed.filter((p) => !inSystem(p) || covered.some((folder) => p === folder || p.startsWith(folder + '/'))).map((p) => viewEntry(p)).filter((e): e is ViewEntry => e !== undefined),
    ];
    // The new root is built on a folder holding none of the view's sources (it gets covered).
    const sources = view.filter((e) => e.kind !== 'h').map((e) => e.path);
    const base = ROOT_BASES.find((folder) => existsSync(folder) && !sources.some((p) => p === folder || p.startsWith(folder + '/')));
    if (!base) throw new SandboxUnavailableError(`no folder to build the job's root on (tried ${ROOT_BASES.join(', ')})`, false);
    return {
      command: isolation.tools.unshare!,
      args: [...unshareArgs(), '--', '/bin/sh', '-c', NAMESPACE_SETUP_SCRIPT, 'pairjudge-sandbox', viewSpec(view), base, String(this.options.tmpfsBytes), ...limited],
      // A fresh tmpfs over /tmp, as in the container.
      workFolder: '/tmp/job',
    };
  }

  /** languages.ts's command, pointed at this machine's interpreters and the repository's harness. */
  private harnessCommand(language: LanguageId, limits: SandboxLimits, isolation: ProcessIsolation): string[] {
    const [interpreter, ...rest] = LANGUAGE_RUNTIMES[language].command(limits);
    const host = language === 'python' ? isolation.python : isolation.node;
    if (!host) throw new SandboxUnavailableError(`no ${interpreter} for the process sandbox on this machine`, false);
    // The real file: a symlink may sit in a folder the namespace covers.
    return [realPath(host), ...rest.map((arg) => (arg.startsWith(IMAGE_HARNESS_ROOT + '/') ? this.harnessRoot + arg.slice(IMAGE_HARNESS_ROOT.length) : arg))];
  }

  /** Resource limits, soft = hard so the code cannot raise them again. */
  private limiter(language: LanguageId, limits: SandboxLimits, isolation: ProcessIsolation): string[] {
    const values: [string, number][] = [
      // Address space for Python (a MemoryError, as in the container). V8 reserves far more
      // address space than it uses, so JavaScript gets a cap on writable data instead, under
      // which a too large allocation fails as "Array buffer allocation failed".
      [language === 'python' ? 'AS' : 'DATA', limits.memoryBytes],
      ['NOFILE', 256],
      ['CORE', 0],
      ['FSIZE', this.options.tmpfsBytes],
      // CPU seconds: a backstop for a job the judge could no longer kill (the judge crashed).
      ['CPU', Math.ceil(limits.wallTimeMs / 1000) * 2 + 1],
    ];
    // Processes count per user; only in a fresh user namespace is that user the job alone
    // (outside one it would count every process of the judge's user, or of nobody).
    if (isolation.namespaces) values.push(['NPROC', jobTasks(language, limits)]);
    switch (isolation.rlimits) {
      case 'prlimit':
        return [isolation.tools.prlimit!, ...values.map(([name, value]) => `--${name.toLowerCase()}=${value}`), '--'];
      case 'python-wrapper':
        return [isolation.python!, '-I', '-S', '-B', RLIMIT_WRAPPER, ...values.map(([name, value]) => `${name}=${value}`), '--'];
      default:
        return [];
    }
  }

  private async spawnAndRun(
    command: string,
    args: string[],
    workFolder: string,
    hostFolder: string,
    request: SandboxRequest,
    isolation: ProcessIsolation,
  ): Promise<SandboxOutcome> {
    const { limits } = request;
    const startedAt = performance.now();
    const child = spawn(command, args, {
      cwd: hostFolder,
      // Nothing of the judge's environment: its secrets stay out, and so do NODE_OPTIONS,
      // PYTHONPATH and friends that would change what the harness loads.
      env: { PATH: SANDBOX_PATH, LANG: 'C.UTF-8', HOME: workFolder },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so that the deadline kills everything the job started.
      detached: true,
      ...(isolation.runAs !== undefined ? { uid: isolation.runAs, gid: isolation.runAs } : {}),
    });
    this.live.add(child);
    let outputOverflow = false;
    let timedOut = false;
    const stdout = new Capped(limits.rawOutputBytes, () => {
      outputOverflow = true;
      killGroup(child);
    });
    const stderr = new Capped(STDERR_BYTES, () => undefined);
    child.stdout!.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.add(chunk));
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve(error));
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(JSON.stringify(request.input));
    const deadline = setTimeout(() => {
      timedOut = !outputOverflow;
      killGroup(child);
    }, limits.wallTimeMs);
    let exit: Awaited<typeof exited>;
    try {
      exit = await exited;
    } finally {
      clearTimeout(deadline);
    }
    const durationMs = Math.round(performance.now() - startedAt);
    // Whatever the job left running (a forked child holding the pipes) goes with it.
    killGroup(child);
    await Promise.race([closed, sleep(1000)]);
    this.live.delete(child);
    if (exit instanceof Error) {
      throw new SandboxUnavailableError(`could not start the process sandbox (${command}): ${exit.message}`, false, { cause: exit });
    }
    if (exit.code === 125 && stderr.text().includes(SETUP_FAILED) && !stdout.text().includes('\n')) {
      // The namespace set-up failed before the harness started (user code could only fake this
      // for its own job, which then fails as unjudgeable).
      const detail = stderr.text().trim().split('\n').slice(-3).join(' / ').slice(0, 1000);
      throw new SandboxUnavailableError(`the process sandbox could not isolate the job: ${detail}`, false);
    }
    return {
      stdout: stdout.text(),
      stderr: stderr.text(),
      exitCode: exit.code ?? (exit.signal ? 128 + (os.constants.signals[exit.signal] ?? 0) : null),
      timedOut,
      // No cgroup, so no OOM-killer flag: running out of memory shows as V8's or Python's own
      // out-of-memory error, which the verdict reads from the report or stderr.
      oomKilled: false,
      outputOverflow,
      durationMs,
    };
  }
}

/**
 * Linux counts threads against RLIMIT_NPROC, and the memory limit is per process, so this number
 * is what bounds the job's total memory: at most (tasks - what the harness needs) extra processes,
 * each under the memory limit. The fewest tasks with which a simple job passes, measured on
 * Linux 6.x (the count includes `unshare` itself): JavaScript 10 (node's main thread, V8's
 * platform threads, the harness's worker thread), Python 3 (`unshare`, the harness and its
 * watchdog thread). JavaScript gets 16, room for libuv's lazily started thread pool (threads
 * share one address space, and code inside vm2 cannot fork); Python gets 2 spare for the code's
 * own threads, so at most 3 processes x the memory limit (test/unit/process-sandbox.test.ts).
 * TypeScript is JavaScript plus the compiler's thread: 2 more.
 * The verdict table passes with these values (test/unit/verdict-table-process.test.ts).
 */
export const JOB_TASKS: Partial<Record<LanguageId, number>> = { javascript: 16, typescript: 18, python: 5 };

function jobTasks(language: LanguageId, limits: SandboxLimits): number {
  return Math.min(limits.pids, JOB_TASKS[language] ?? 1);
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The node_modules folder Node looks vm2 up in from the harness (the nearest one that has it). */
function vm2Lookup(harnessRoot: string): string {
  for (let dir = path.join(harnessRoot, 'javascript'); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (existsSync(path.join(candidate, 'vm2'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  // Elsewhere on Node's search path (NODE_PATH, a global folder): the folder it resolves from.
  const resolved = createRequire(path.join(harnessRoot, 'javascript', 'runner.cjs')).resolve('vm2');
  const at = resolved.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  return at === -1 ? path.dirname(resolved) : resolved.slice(0, at + '/node_modules'.length);
}

/** Distinct paths, leaving out any inside another (a bind inside a read-only bind cannot be made). */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths)].sort();
  return unique.filter((p) => !unique.some((other) => other !== p && p.startsWith(other + '/')));
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Collects bytes up to a limit; calls `onOverflow` once when the limit is passed. */
class Capped {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private overflowed = false;

  constructor(
    private readonly limit: number,
    private readonly onOverflow: () => void,
  ) {}

  add(chunk: Buffer): void {
    if (this.overflowed) return;
    const room = this.limit - this.size;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size = this.limit;
      this.overflowed = true;
      this.onOverflow();
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
