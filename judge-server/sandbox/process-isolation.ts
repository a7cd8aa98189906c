/**
 * What the operating system lets the process sandbox do, found out once at start-up by trying it
 * (never assumed from the platform name): Linux namespaces through util-linux `unshare` (no
 * network, a read-only view of the filesystem, a private /proc, no capabilities), resource limits
 * through `prlimit` (or a tiny Python wrapper), and a drop to an unprivileged user when the judge
 * runs as root.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment every sandboxed process gets, and nothing else (no secrets, no NODE_OPTIONS). */
export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/** uid/gid `nobody`: what a root judge drops to, the same user the Docker sandbox runs as. */
export const UNPRIVILEGED_ID = 65534;

export const RLIMIT_WRAPPER = fileURLToPath(new URL('./rlimit-exec.py', import.meta.url));

export interface ProcessIsolation {
  /** `unshare` runs the job in fresh user, mount, pid, network, IPC and UTS namespaces. */
  namespaces: boolean;
  /** How resource limits are applied before the harness starts. */
  rlimits: 'prlimit' | 'python-wrapper' | 'none';
  /** uid and gid the job runs as (a root judge drops to nobody); undefined: the judge's own. */
  runAs: number | undefined;
  /** The judge's own node, when the sandbox user can run it; undefined otherwise. */
  node: string | undefined;
  /** Python interpreter reachable by the sandbox user on SANDBOX_PATH; undefined when there is none. */
  python: string | undefined;
  /** Where the tools were found. */
  tools: { unshare?: string; setpriv?: string; prlimit?: string };
  /** One line per weakness, for the start-up log and the report. */
  notes: string[];
}

function findTool(name: string): string | undefined {
  for (const dir of SANDBOX_PATH.split(':')) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

interface Probe {
  code: number | null;
  stdout: string;
  stderr: string;
}

function probe(command: string, args: string[], runAs: number | undefined): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        env: { PATH: SANDBOX_PATH, LANG: 'C.UTF-8' },
        cwd: '/',
        timeout: 10_000,
        ...(runAs !== undefined ? { uid: runAs, gid: runAs } : {}),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The namespace set every job runs in when `namespaces` is true. */
export function unshareArgs(): string[] {
  return ['--user', '--map-root-user', '--net', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc', '--ipc', '--uts'];
}

/** Starts the stderr line of a namespace set-up that failed (exit code 125): the judge's fault, not the code's. */
export const SETUP_FAILED = 'pairjudge-sandbox-setup-failed:';

/**
 * Runs inside the fresh namespaces as the namespace's root (a mapped, unprivileged user outside).
 * $1: the working directory; $2: space-separated folders to hide; $3: size of the working tmpfs
 * in bytes; the rest: the command. The namespace's mounts are private, so nothing here changes
 * what the host sees.
 */
export const NAMESPACE_SETUP_SCRIPT = [
  'set -eu',
  'work="$1"; hide="$2"; size="$3"; shift 3',
  // Every mount becomes read-only: the code cannot change the harness, the repository or the
  // host's files, nor leave anything behind in shared folders (/tmp, /dev/shm).
  // A mount whose folder this user cannot even reach (another user's container layers under
  // /var/lib/docker, say) cannot be remounted, and needs no remount: the code cannot reach it either.
  'while read -r _ _ _ _ point _; do',
  '  point="$(printf "%b" "$point")"',
  '  mount -o remount,bind,ro "$point" 2>/dev/null || [ ! -e "$point" ] || { echo "' + SETUP_FAILED + ' cannot make $point read-only" >&2; exit 125; }',
  'done < /proc/self/mountinfo',
  // Home folders and /run (secrets, agent and engine sockets) are covered by empty, read-only
  // folders. A socket is not protected by a read-only mount, so hiding it is what counts.
  'for d in $hide; do mount -t tmpfs -o ro,nosuid,nodev,noexec,size=4k,mode=755 pairjudge-hidden "$d"; done',
  // The only writable place: a small, fresh tmpfs that vanishes with the namespace.
  'mount -t tmpfs -o rw,nosuid,nodev,size="$size",mode=700 pairjudge-work "$work"',
  // cd sets PWD and OLDPWD; the job gets exactly the environment the judge chose.
  'cd "$work"; unset PWD OLDPWD',
  // No capabilities survive into the code (the bounding set is emptied, so the exec below gains
  // none), and nothing gains privileges later: the read-only mounts cannot be undone.
  'exec setpriv --no-new-privs --bounding-set=-all --inh-caps=-all -- "$@"',
].join('\n');

let detected: Promise<ProcessIsolation> | undefined;

/** Detects the isolation this machine offers; computed once per process. */
export function detectProcessIsolation(): Promise<ProcessIsolation> {
  detected ??= detect();
  return detected;
}

async function detect(): Promise<ProcessIsolation> {
  const notes: string[] = [];
  const runAs = process.platform !== 'win32' && process.getuid?.() === 0 ? UNPRIVILEGED_ID : undefined;
  if (runAs === undefined) notes.push('jobs run as the judge\'s own user (it is not root, so it cannot drop to nobody)');
  const tools = { unshare: findTool('unshare'), setpriv: findTool('setpriv'), prlimit: findTool('prlimit') };

  const pythonProbe = await probe('python3', ['-I', '-S', '-c', 'import sys; print(sys.executable)'], runAs).catch(() => undefined);
  const python = pythonProbe?.code === 0 && pythonProbe.stdout.trim() ? pythonProbe.stdout.trim() : undefined;
  if (!python) notes.push('no python3 the sandbox user can run: Python jobs cannot run');
  const nodeProbe = await probe(process.execPath, ['-e', '0'], runAs);
  const node = nodeProbe.code === 0 ? process.execPath : undefined;
  if (!node) notes.push(`${process.execPath} cannot be run by the sandbox user: JavaScript jobs cannot run`);

  let namespaces = false;
  if (process.platform === 'linux' && tools.unshare && tools.setpriv) {
    // The real set-up, on a throw-away working folder: it works here or it is not used.
    const check = await probe(
      tools.unshare,
      [...unshareArgs(), '--', '/bin/sh', '-c', NAMESPACE_SETUP_SCRIPT, 'pairjudge-probe', '/tmp', '', '65536', '/bin/sh', '-c', 'cat /proc/self/status'],
      runAs,
    );
    namespaces = check.code === 0 && /^CapEff:\s*0+$/m.test(check.stdout);
    if (!namespaces) notes.push(`namespaces unavailable (${(check.stderr.trim().split('\n').at(-1) ?? '').slice(0, 200) || 'capabilities were not dropped'}): jobs can reach the network and write where their user may`);
  } else {
    notes.push('no util-linux unshare/setpriv on Linux: jobs can reach the network and write where their user may');
  }

  let rlimits: ProcessIsolation['rlimits'] = 'none';
  if (tools.prlimit) rlimits = 'prlimit';
  else if (python) rlimits = 'python-wrapper';
  else notes.push('no prlimit and no python3: memory is capped only by V8\'s heap limit, processes not at all');
  return { namespaces, rlimits, runAs, node, python, tools, notes };
}
