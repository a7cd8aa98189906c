/**
 * What the operating system lets the process sandbox do, found out once at start-up by trying it
 * (never assumed from the platform name): Linux namespaces through util-linux `unshare` (no
 * network, a read-only view of the filesystem, a private /proc, no capabilities), resource limits
 * through `prlimit` (or a tiny Python wrapper), and a drop to an unprivileged user when the judge
 * runs as root.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
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
 * What the job's filesystem is built from: an allow-list, never the host's root with holes in it.
 * Everything else (the repository, the catalog with its hidden tests and answers, the judge's
 * data folder, homes, sockets) simply does not exist in the job's view. Only what the runtimes
 * need: the system folders (programs and libraries), the dynamic linker's cache and the time zone.
 */
export const SYSTEM_VIEW = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/localtime'];
/** Device files the runtimes open (Python reads /dev/urandom at start-up; output goes to /dev/null). */
export const DEVICE_VIEW = ['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom'];

/** One line of the view: bind read-only (b), device (d), symlink (l), empty read-only cover (h). */
export type ViewEntry = { kind: 'b' | 'd' | 'h'; path: string } | { kind: 'l'; path: string; target: string };

/** The view as the set-up script reads it: one entry a line, fields separated by tabs. */
export function viewSpec(entries: ViewEntry[]): string {
  for (const entry of entries) {
    // Paths come from the judge's own configuration, but a tab or newline would split a line.
    if (/[\t\n]/.test(entry.path + (entry.kind === 'l' ? entry.target : ''))) {
      throw new Error(`a sandbox path holds a tab or newline: ${JSON.stringify(entry.path)}`);
    }
  }
  return entries.map((e) => (e.kind === 'l' ? `l\t${e.path}\t${e.target}` : `${e.kind}\t${e.path}`)).join('\n');
}

/** A path as a view entry: a symlink is recreated as one (its target must be in the view too). */
export function viewEntry(p: string, kind: 'b' | 'd' = 'b'): ViewEntry | undefined {
  try {
    if (lstatSync(p).isSymbolicLink()) return { kind: 'l', path: p, target: readlinkSync(p) };
    return { kind, path: p };
  } catch {
    return undefined;
  }
}

/** The system part of the view (every job's, and the start-up probe's). */
export function systemView(): ViewEntry[] {
  return [
    ...SYSTEM_VIEW.map((p) => viewEntry(p)),
    ...DEVICE_VIEW.map((p) => viewEntry(p, 'd')),
  ].filter((e): e is ViewEntry => e !== undefined);
}

/**
 * Runs inside the fresh namespaces as the namespace's root (a mapped, unprivileged user outside).
 * $1: the view (viewSpec); $2: an existing folder to build the new root on (none of the view's
 * sources may lie under it: it is covered); $3: size of the working tmpfs in bytes; the rest: the
 * command. It builds a fresh tmpfs root holding read-only binds of only the view, a private /proc
 * and a small writable /tmp, then pivot_root()s into it and detaches the old root, so the host's
 * filesystem is no longer reachable by any path. The namespace's mounts are private, so nothing
 * here changes what the host sees.
 */
export const NAMESPACE_SETUP_SCRIPT = [
  'set -eu',
  // Any step that fails ends the set-up as the judge's failure (exit 125 and a marked line), never
  // as a verdict on the code. The exec at the end replaces the shell, so the trap does not fire.
  `trap 'echo "${SETUP_FAILED} a set-up step failed (see the line above)" >&2; exit 125' EXIT`,
  'spec="$1"; R="$2"; size="$3"; shift 3',
  'tab="$(printf "\\t")"',
  // (mount -n: no record in /run/mount/utab.)
  'mount -n -t tmpfs -o rw,nosuid,nodev,size=1m,mode=755 pairjudge-root "$R"',
  // The pid namespace's own /proc (only the job's processes), and /tmp: a small, fresh tmpfs
  // that vanishes with the namespace, the only writable place. Both come first, so that a part
  // of the view that lives under /tmp (a harness there) is bound on top rather than covered.
  'mkdir -p "$R/proc" "$R/tmp" "$R/.old-root"',
  'mount -n -t proc -o nosuid,nodev,noexec proc "$R/proc"',
  'mount -n -t tmpfs -o rw,nosuid,nodev,size="$size",mode=700 pairjudge-work "$R/tmp"',
  'while IFS="$tab" read -r kind p target; do',
  '  case "$kind" in',
  '  l) mkdir -p "$R${p%/*}"; ln -s "$target" "$R$p";;',
  // A folder that must stay invisible although it lies inside a bound one (a repository under /usr).
  '  h) mkdir -p "$R$p"; mount -n -t tmpfs -o rw,nosuid,nodev,noexec,size=64k,mode=755 pairjudge-hidden "$R$p";;',
  '  b|d)',
  '    if [ -d "$p" ]; then mkdir -p "$R$p"; else mkdir -p "$R${p%/*}"; [ -e "$R$p" ] || : > "$R$p"; fi',
  // Not recursive: mounts below a bound folder stay out of the view.
  '    mount -n --bind "$p" "$R$p"',
  // Read-only (the code cannot change the harness or the system), no set-uid programs, and
  // device files only where they were asked for.
  '    if [ "$kind" = d ]; then mount -n -o remount,bind,ro,nosuid,noexec "$R$p"',
  '    else mount -n -o remount,bind,ro,nosuid,nodev "$R$p"; fi;;',
  '  esac',
  'done <<PAIRJUDGE_VIEW',
  '$spec',
  'PAIRJUDGE_VIEW',
  'while IFS="$tab" read -r kind p target; do',
  '  [ "$kind" != h ] || mount -n -o remount,bind,ro,nosuid,nodev,noexec "$R$p"',
  'done <<PAIRJUDGE_VIEW',
  '$spec',
  'PAIRJUDGE_VIEW',
  // The job's working folder: empty even when parts of the view were bound under /tmp (a
  // repository checked out there).
  'mkdir -m 700 "$R/tmp/job"',
  'mount -n -o remount,bind,ro,nosuid,nodev "$R"',
  // The old root is detached, not merely out of sight as with chroot: no path leads back to it.
  'cd "$R"',
  // pivot_root(8) lives in an sbin folder, which the job's PATH leaves out.
  'job_path="$PATH"; PATH="$PATH:/usr/sbin:/sbin"',
  'pivot_root . .old-root',
  'umount -n -l /.old-root',
  // cd sets PWD and OLDPWD; the job gets exactly the environment the judge chose.
  'cd /tmp/job; unset PWD OLDPWD; PATH="$job_path"; unset job_path',
  // No capabilities survive into the code (the bounding set is emptied, so the exec below gains
  // none), and nothing gains privileges later: the read-only mounts cannot be undone.
  'exec setpriv --no-new-privs --bounding-set=-all --inh-caps=-all -- "$@"',
].join('\n');

/** What a job can do where namespaces do not work: said at start-up, loudly. */
const UNISOLATED =
  'jobs can reach the network, READ EVERY FILE THEIR USER MAY (the catalog with its hidden tests and expected answers among them, so a submission can be accepted without solving anything) and write where their user may; processes are not limited per job, so memory is capped per process only. Judge only your own code';

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
      [...unshareArgs(), '--', '/bin/sh', '-c', NAMESPACE_SETUP_SCRIPT, 'pairjudge-probe', viewSpec(systemView()), '/tmp', '65536', '/bin/cat', '/proc/self/status'],
      runAs,
    );
    namespaces = check.code === 0 && /^CapEff:\s*0+$/m.test(check.stdout);
    if (!namespaces) notes.push(`namespaces unavailable (${(check.stderr.trim().split('\n').at(-1) ?? '').slice(0, 200) || 'capabilities were not dropped'}): ${UNISOLATED}`);
  } else {
    notes.push(`no util-linux unshare/setpriv on Linux: ${UNISOLATED}`);
  }

  // No cgroup is made per job (not implemented): memory is limited per process, and with
  // namespaces the task limit bounds how many processes a job can have.
  notes.push(namespaces ? 'no cgroup per job: memory is limited per process, and the task limit bounds the total (at most 3 processes for Python)' : 'no cgroup per job, and no task limit: memory is limited per process only');
  let rlimits: ProcessIsolation['rlimits'] = 'none';
  if (tools.prlimit) rlimits = 'prlimit';
  else if (python) rlimits = 'python-wrapper';
  else notes.push('no prlimit and no python3: memory is capped only by V8\'s heap limit, processes not at all');
  return { namespaces, rlimits, runAs, node, python, tools, notes };
}
