/**
 * What the process sandbox stops on this machine, tried for real by Python code (Python reaches
 * the OS directly; JavaScript has vm2 in front as well). Walls that need Linux namespaces are
 * asserted when the sandbox detected them, and otherwise the start-up notes must say they are
 * missing: either way something is checked. The hostile fixtures of the Docker tests run against
 * this sandbox in test/integration/hostile-fixtures-process.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { chmod, cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../protocol/index.js';
import { runJob } from '../../judge-core/run-job.js';
import type { ProcessIsolation } from '../../judge-server/sandbox/process-isolation.js';
import { ProcessSandbox, REPOSITORY_HARNESS_ROOT } from '../../judge-server/sandbox/process-sandbox.js';
import { VERDICT_TABLE_LIMITS, VERDICT_TABLE_TMPFS_BYTES, concurrencyGate } from '../support/verdict-table.js';

const sandbox = new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES });
const gate = concurrencyGate(2);
let isolation: ProcessIsolation;
// A listening socket on the host's loopback: the job must not reach it.
let server: net.Server;
let port: number;
const hostFile = path.join(os.tmpdir(), `pairjudge-host-only-${randomBytes(4).toString('hex')}`);
const SECRET = `s3cret-${randomBytes(6).toString('hex')}`;
const REPOSITORY_ROOT = path.resolve(REPOSITORY_HARNESS_ROOT, '..', '..');
// A file in the repository, next to the catalog: the job must not see it.
const canaryFile = path.join(REPOSITORY_ROOT, `.pairjudge-canary-${randomBytes(4).toString('hex')}`);

beforeAll(async () => {
  isolation = await sandbox.capabilities();
  server = net.createServer((socket) => socket.end('hello from the host\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  await writeFile(hostFile, 'host only');
  await writeFile(canaryFile, 'canary');
  // A secret in the judge's environment must not reach the job.
  process.env.PAIRJUDGE_TEST_SECRET = SECRET;
});

afterAll(async () => {
  delete process.env.PAIRJUDGE_TEST_SECRET;
  await sandbox.close();
  await new Promise((resolve) => server.close(resolve));
  await rm(hostFile, { force: true });
  await rm(canaryFile, { force: true });
});

/** Runs Python `code` whose `probe()` returns a dict of findings; answers that dict. */
async function probe(code: string): Promise<Record<string, unknown>> {
  const job = { id: `walls-${randomBytes(3).toString('hex')}`, language: 'python' as const, code, entry: 'probe', cases: [{ name: 'probe', args: [], expected: null, hidden: false }], submittedAt: Date.now() };
  const result = await gate(async () => (await runJob(job, sandbox, VERDICT_TABLE_LIMITS)).result);
  expect(result.tests[0]?.error, JSON.stringify(result.error)).toBeUndefined();
  return result.tests[0]?.actual as Record<string, unknown>;
}

const ATTEMPT = `
import os, socket, subprocess

def attempt(fn):
    try:
        fn()
        return "REACHED"
    except Exception as error:  # every failure is what the wall should give
        return "blocked: " + type(error).__name__

def read(p):
    with open(p) as handle:
        return handle.read()

def write(p):
    with open(p, "a") as handle:
        handle.write("x")
`;

describe('process sandbox walls (this machine)', () => {
  it('runs jobs as nobody when the judge is root, else as the judge\'s own user', () => {
    if (process.getuid?.() === 0) expect(isolation.runAs).toBe(65534);
    else expect(isolation.runAs).toBeUndefined();
  });

  it('passes no environment but PATH, LANG and HOME, so no secret of the judge', async () => {
    const found = await probe(`import os\ndef probe():\n    return {"keys": sorted(os.environ), "leak": any("${SECRET}" in v for v in os.environ.values())}\n`);
    expect(found).toEqual({ keys: ['HOME', 'LANG', 'PATH'], leak: false });
  });

  it('cannot read /etc/shadow', async () => {
    const found = await probe(`${ATTEMPT}\ndef probe():\n    return {"shadow": attempt(lambda: read("/etc/shadow"))}\n`);
    expect(found.shadow).toMatch(/^blocked/);
  });

  it('writes only in its own fresh working folder, which is gone afterwards', async () => {
    const found = await probe(
      `${ATTEMPT}\ndef probe():\n    write("left-behind")\n    return {"cwd": os.getcwd(), "empty at start": os.listdir(".") == ["left-behind"], "harness": attempt(lambda: write(${JSON.stringify(path.join(REPOSITORY_HARNESS_ROOT, 'python', 'harness.py'))})), "root": attempt(lambda: write("/pwned"))}\n`,
    );
    expect(found['empty at start']).toBe(true);
    expect(found.harness).toMatch(/^blocked/);
    expect(found.root).toMatch(/^blocked/);
    expect(existsSync('/pwned')).toBe(false);
    expect(existsSync(path.join(String(found.cwd), 'left-behind'))).toBe(false);
  });

  it('has no network, a read-only filesystem, hidden homes, /run and /tmp, a private /proc and no capabilities, where namespaces work', async () => {
    if (!isolation.namespaces) {
      // Not available here: the weakness must be said at start-up (and in chooseSandbox's log).
      expect(isolation.notes.join('\n')).toMatch(/network/);
      return;
    }
    const found = await probe(`${ATTEMPT}
def probe():
    def connect():
        socket.create_connection(("127.0.0.1", ${port}), timeout=2).recv(100)
    status = read("/proc/self/status")
    return {
        "host socket": attempt(connect),
        "write /dev/shm": attempt(lambda: write("/dev/shm/pairjudge-probe")),
        "write /var/tmp": attempt(lambda: write("/var/tmp/pairjudge-probe")),
        "host /tmp file seen": os.path.exists(${JSON.stringify(hostFile)}),
        "/root": os.listdir("/root") if os.path.isdir("/root") else [],
        "/run": os.listdir("/run") if os.path.isdir("/run") else [],
        "/home": os.listdir("/home") if os.path.isdir("/home") else [],
        "processes": len([p for p in os.listdir("/proc") if p.isdigit()]),
        "capabilities": [l.split()[1] for l in status.splitlines() if l.startswith("CapEff")][0],
        "no new privileges": [l.split()[1] for l in status.splitlines() if l.startswith("NoNewPrivs")][0],
    }
`);
    expect(found).toMatchObject({
      'host socket': expect.stringMatching(/^blocked/),
      'write /dev/shm': expect.stringMatching(/^blocked/),
      'write /var/tmp': expect.stringMatching(/^blocked/),
      'host /tmp file seen': false,
      '/root': [],
      '/run': [],
      '/home': [],
      capabilities: '0000000000000000',
      'no new privileges': '1',
    });
    expect(found.processes).toBeLessThanOrEqual(3);
  });

  it('shows the job an allow-list view: the catalog, the repository and the host\'s folders are not there', async () => {
    if (!isolation.namespaces) {
      // Without namespaces nothing can be hidden: the start-up notes must say so.
      expect(isolation.notes.join('\n')).toMatch(/catalog/);
      return;
    }
    const catalogFile = path.join(REPOSITORY_ROOT, 'challenges', 'two-sum', 'challenge.json');
    expect(existsSync(catalogFile)).toBe(true);
    const found = await probe(`${ATTEMPT}
def probe():
    import json
    return {
        "python catalog": attempt(lambda: json.load(open(${JSON.stringify(catalogFile)}))),
        "python canary": attempt(lambda: read(${JSON.stringify(canaryFile)})),
        "repository": sorted(os.listdir(${JSON.stringify(REPOSITORY_ROOT)})) if os.path.isdir(${JSON.stringify(REPOSITORY_ROOT)}) else [],
        "top level": sorted(os.listdir("/")),
        "etc": sorted(os.listdir("/etc")),
    }
`);
    expect(found).toMatchObject({
      'python catalog': 'blocked: FileNotFoundError',
      'python canary': 'blocked: FileNotFoundError',
    });
    // What remains of the repository: only the folders that lead to the harness, the limit
    // wrapper and vm2 (no challenges, no canary, no settings).
    expect((found.repository as string[]).filter((entry) => !['sandbox-image', 'judge-server', 'node_modules'].includes(entry))).toEqual([]);
    // Only what the runtimes need, and the folders that lead to the harness and vm2.
    const allowed = ['bin', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'proc', 'sbin', 'tmp', 'usr', '.old-root', REPOSITORY_ROOT.split('/')[1], realpathSync(REPOSITORY_ROOT).split('/')[1]];
    expect((found['top level'] as string[]).filter((entry) => !allowed.includes(entry))).toEqual([]);
    expect(found.etc).not.toContain('passwd');

    // Code that escaped vm2 runs with the JavaScript harness process's rights: simulated by a
    // harness that is itself the escaped code (in a copy of the harness folder, beside a link
    // to the repository's node_modules so the sandbox finds vm2 as usual).
    const escapedRoot = await mkdtemp(path.join(os.tmpdir(), 'pairjudge-escaped-harness-'));
    const escapedSandbox = new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES, harnessRoot: path.join(escapedRoot, 'harness') });
    try {
      // Readable by the job's user, as the repository's harness is.
      await chmod(escapedRoot, 0o755);
      await cp(REPOSITORY_HARNESS_ROOT, path.join(escapedRoot, 'harness'), { recursive: true });
      await symlink(path.join(REPOSITORY_ROOT, 'node_modules'), path.join(escapedRoot, 'node_modules'));
      const read = (file: string): string => `(() => { try { fs.readFileSync(${file}); return 'REACHED'; } catch (e) { return 'blocked: ' + e.code; } })()`;
      await writeFile(
        path.join(escapedRoot, 'harness', 'javascript', 'harness.cjs'),
        `const fs = require('fs');\nprocess.stdout.write(JSON.stringify({ catalog: ${read(JSON.stringify(catalogFile))}, canary: ${read(JSON.stringify(canaryFile))}, harness: ${read('__filename')} }));\n`,
      );
      const outcome = await gate(() =>
        escapedSandbox.run({ jobId: 'escaped', language: 'javascript', input: { code: '', entry: 'f', cases: [] } as never, limits: VERDICT_TABLE_LIMITS }),
      );
      // The harness itself is readable (so the code really ran with the harness's rights); the
      // catalog and the canary do not exist.
      expect(JSON.parse(outcome.stdout || '{}'), outcome.stderr).toEqual({ catalog: 'blocked: ENOENT', canary: 'blocked: ENOENT', harness: 'REACHED' });
    } finally {
      await escapedSandbox.close();
      await rm(escapedRoot, { recursive: true, force: true });
    }
  });

  it('covers a folder holding the repository, yet still runs the harness bound back read-only', async () => {
    if (!isolation.namespaces) {
      expect(isolation.notes.join('\n')).toMatch(/namespaces|unshare/);
      return;
    }
    // The folder that holds this repository, as if it were a home folder full of secrets.
    const repository = path.resolve(REPOSITORY_HARNESS_ROOT, '..', '..');
    const covering = new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES, hiddenFolders: [path.dirname(repository)] });
    try {
      const code = `${ATTEMPT}\ndef probe():\n    return {"package.json": attempt(lambda: read(${JSON.stringify(path.join(repository, 'package.json'))})), "harness": attempt(lambda: write(${JSON.stringify(path.join(REPOSITORY_HARNESS_ROOT, 'python', 'harness.py'))}))}\n`;
      const job = { id: 'cover', language: 'python' as const, code, entry: 'probe', cases: [{ name: 'probe', args: [], expected: null, hidden: false }], submittedAt: Date.now() };
      const found = (await gate(async () => (await runJob(job, covering, VERDICT_TABLE_LIMITS)).result)).tests[0]?.actual;
      expect(found).toEqual({ 'package.json': 'blocked: FileNotFoundError', harness: expect.stringMatching(/^blocked/) });
      // JavaScript needs vm2 from node_modules, bound back the same way.
      const js = { id: 'cover-js', language: 'javascript' as const, code: 'function add(a, b) { return a + b; }', entry: 'add', cases: [{ name: 'sum', args: [1, 2], expected: 3, hidden: false }], submittedAt: Date.now() };
      expect((await gate(async () => (await runJob(js, covering, VERDICT_TABLE_LIMITS)).result)).verdict).toBe('accepted');
    } finally {
      await covering.close();
    }
  });

  it('lets the code start processes (no seccomp filter here), but none outlives the job', async () => {
    const marker = `${Math.floor(Math.random() * 1e6)}.123`;
    const found = await probe(`${ATTEMPT}
def probe():
    def escape():
        # A new session: out of the job's process group, as an attacker would try.
        subprocess.Popen(["sleep", "${marker}"], start_new_session=True)
    return {"spawn": attempt(escape)}
`);
    expect(found.spawn).toBe('REACHED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { execFileSync } = await import('node:child_process');
    const running = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    if (isolation.namespaces) expect(running).not.toContain(`sleep ${marker}`);
    else {
      // Without a pid namespace a new session escapes the group kill: the notes say so.
      expect(isolation.notes.join('\n')).toMatch(/namespaces|unshare/);
      execFileSync('pkill', ['-f', `sleep ${marker}`]);
    }
  });

  it('stops forking at the process limit, and the children die with the job', async () => {
    // At most 200 forks, so that a machine without namespaces (no limit) gets no real fork bomb.
    const found = await probe(`import os, time
def probe():
    children = 0
    for _ in range(200):
        try:
            if os.fork() == 0:
                time.sleep(60)
                os._exit(0)
            children += 1
        except OSError:
            break
    return {"children": children}
`);
    if (isolation.namespaces) expect(found.children).toBeLessThan(VERDICT_TABLE_LIMITS.pids);
    else expect(isolation.notes.join('\n')).toMatch(/namespaces|unshare/);
  });

  it('bounds the total memory of a job that forks children to hold memory: a verdict, at most 3 processes', async () => {
    if (!isolation.namespaces) {
      expect(isolation.notes.join('\n')).toMatch(/processes/);
      return;
    }
    // Each child reserves 3/4 of the per-process limit (calloc'd, so the machine running this
    // test is not actually filled if the limit is missing). The memory limit is per process, so
    // the number of processes is what bounds the total.
    const block = Math.floor(VERDICT_TABLE_LIMITS.memoryBytes * 0.75);
    const code = `import os, time
def bomb():
    children = 0
    for _ in range(200):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            try:
                block = bytearray(${block})
                time.sleep(60)
            finally:
                os._exit(0)
        children += 1
    return children
`;
    const job = { id: 'memory-children', language: 'python' as const, code, entry: 'bomb', cases: [{ name: 'bomb', args: [], expected: -1, hidden: false }], submittedAt: Date.now() };
    const result = await gate(async () => (await runJob(job, sandbox, VERDICT_TABLE_LIMITS)).result);
    expect(result.verdict, JSON.stringify(result.error)).toBe('wrong_answer');
    // The harness and at most 2 children: 3 x the memory limit in all, whatever the pids limit.
    expect(result.tests[0]?.actual).toBeLessThanOrEqual(2);
    expect(VERDICT_TABLE_LIMITS.pids).toBeGreaterThan(3);
  });
});

describe('process sandbox fallbacks (forced, to test the paths other machines take)', () => {
  async function probeWith(overrides: Partial<ProcessIsolation>, code: string): Promise<SubmissionResult> {
    const forced = new ProcessSandbox({ tmpfsBytes: VERDICT_TABLE_TMPFS_BYTES, isolation: { ...isolation, ...overrides } });
    try {
      const job = { id: 'fallback', language: 'python' as const, code, entry: 'probe', cases: [{ name: 'probe', args: [], expected: null, hidden: false }], submittedAt: Date.now() };
      return await gate(async () => (await runJob(job, forced, VERDICT_TABLE_LIMITS)).result);
    } finally {
      await forced.close();
    }
  }

  it('sets the same limits through the Python wrapper when prlimit is missing', async () => {
    const result = await probeWith(
      { rlimits: 'python-wrapper' },
      'import resource\n\ndef probe():\n    return [resource.getrlimit(getattr(resource, "RLIMIT_" + n)) for n in ("AS", "NOFILE", "CORE")]\n',
    );
    const memory = VERDICT_TABLE_LIMITS.memoryBytes;
    expect(result.tests[0]?.actual).toEqual([[memory, memory], [256, 256], [0, 0]]);
  });

  it('still runs with a minimal environment in a fresh host folder without namespaces', async () => {
    const result = await probeWith(
      { namespaces: false },
      'import os\n\ndef probe():\n    open("mine", "w").write("x")\n    return {"keys": sorted(os.environ), "cwd": os.getcwd(), "files": os.listdir("."), "uid": os.getuid()}\n',
    );
    const found = result.tests[0]?.actual as { keys: string[]; cwd: string; files: string[]; uid: number };
    expect(found.keys).toEqual(['HOME', 'LANG', 'PATH']);
    expect(found.cwd.startsWith(path.join(os.tmpdir(), 'pairjudge-run-'))).toBe(true);
    expect(found.files).toEqual(['mine']);
    expect(existsSync(found.cwd)).toBe(false);
    if (isolation.runAs !== undefined) expect(found.uid).toBe(isolation.runAs);
  });

  it('points languages.ts\'s image paths at harness files that exist in the repository', () => {
    const line = sandbox.commandLine('javascript', VERDICT_TABLE_LIMITS, { ...isolation, namespaces: false, rlimits: 'none' }, '/tmp/x');
    const harness = [line.command, ...line.args].find((arg) => arg.endsWith('harness.cjs'));
    expect(harness).toBe(path.join(REPOSITORY_HARNESS_ROOT, 'javascript', 'harness.cjs'));
    expect(existsSync(harness!)).toBe(true);
  });
});
