/**
 * `pairjudge submit` end to end, as a child process: --local judges through the judge core in the
 * command's own process (Docker sandbox) with no gateway or broker (AMQP_URL and PORT point at
 * nothing); cloud mode against a real embedded judge
 * server; exit codes 0/1/2/3; --json parsed as contract v1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionResultSchema, type SubmissionResult } from '../../protocol/index.js';
import { startEmbeddedJudge, type RunningEmbeddedJudge } from '../../judge-server/embedded-judge.js';
import { PAIRJUDGE_BIN, REPO_ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pairjudge-cli-'));
function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}
const reference = (name: string) => path.join(REPO_ROOT, 'challenges/two-sum/solutions', name);

const SOLUTIONS = {
  javascript: {
    good: reference('reference.js'),
    wrong: file('wrong.js', 'function twoSum(nums, target) {\n  console.log("looking", nums.length);\n  return [0, 0];\n}\n'),
    loop: file('loop.js', 'function twoSum() {\n  while (true) {}\n}\n'),
    syntax: file('syntax.js', 'function twoSum(nums, target) {\n  return [0, 1\n}\n'),
  },
  python: {
    good: reference('reference.py'),
    wrong: file('wrong.py', 'def two_sum(nums, target):\n    print("looking", len(nums))\n    return [0, 0]\n'),
    loop: file('loop.py', 'def two_sum(nums, target):\n    while True:\n        pass\n'),
    syntax: file('syntax.py', 'def two_sum(nums, target):\n    return [0, 1\n'),
  },
};

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function parseResult(stdout: string): SubmissionResult {
  // --json: exactly one JSON object on stdout, nothing else.
  const parsed: unknown = JSON.parse(stdout);
  expect(Value.Check(SubmissionResultSchema, parsed)).toBe(true);
  return parsed as SubmissionResult;
}

let noJudgeEnv: NodeJS.ProcessEnv;
// A correct solution must not run out of time because the shared machine is busy.
const GENEROUS_LIMITS = { SANDBOX_TEST_TIMEOUT_MS: '10000', SANDBOX_WALL_TIME_MS: '30000' };

beforeAll(async () => {
  const port = await closedPort();
  // Nothing at the broker's address, nothing at the gateway's: --local must need neither.
  noJudgeEnv = { AMQP_URL: 'amqp://127.0.0.1:1', PORT: String(port), HOST: '127.0.0.1', ...GENEROUS_LIMITS };
});

describe.each(['javascript', 'python'] as const)('pairjudge submit --local, %s (no gateway, no broker)', (language) => {
  const files = SOLUTIONS[language];

  it('accepts the reference solution: exit 0 and an accepted contract v1 result', async () => {
    const run = await runCli(['submit', files.good, '--challenge', 'two-sum', '--local', '--json'], { env: noJudgeEnv });
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run.stdout);
    expect(result.verdict).toBe('accepted');
    expect(result.tests.length).toBeGreaterThan(3);
    expect(result.tests.every((t) => t.passed)).toBe(true);
  });

  it('answers a wrong solution with exit 1, and prints expected, actual and console output', async () => {
    const json = await runCli(['submit', files.wrong, '--challenge', 'two-sum', '--local', '--json', '--mode', 'run'], { env: noJudgeEnv });
    expect(json.code, json.stderr).toBe(1);
    const result = parseResult(json.stdout);
    expect(result.verdict).toBe('wrong_answer');
    expect(result.tests[0]).toMatchObject({ passed: false, hidden: false, expected: [0, 1], actual: [0, 0] });

    const text = await runCli(['submit', files.wrong, '--challenge', 'two-sum', '--local', '--mode', 'run'], { env: noJudgeEnv });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Wrong answer {2}0\/3 tests passed/);
    expect(text.stdout).toContain('✗ example 1');
    expect(text.stdout).toContain('expected: [0, 1]');
    expect(text.stdout).toContain('actual:   [0, 0]');
    expect(text.stdout).toContain('looking 4');
    expect(text.stdout).toContain('judged here by a Docker container');
    expect(result.sandbox).toBe('docker');
  });

  it('stops an endless loop: time_limit_exceeded, exit 1', async () => {
    const run = await runCli(['submit', files.loop, '--challenge', 'two-sum', '--local', '--json'], { env: noJudgeEnv });
    expect(run.code, run.stderr).toBe(1);
    expect(parseResult(run.stdout).verdict).toBe('time_limit_exceeded');
  });

  it('reports a syntax error as compile_error with its line, exit 1', async () => {
    const json = await runCli(['submit', files.syntax, '--challenge', 'two-sum', '--local', '--json'], { env: noJudgeEnv });
    expect(json.code, json.stderr).toBe(1);
    const result = parseResult(json.stdout);
    expect(result.verdict).toBe('compile_error');
    expect(result.error?.message).toBeTruthy();
    const text = await runCli(['submit', files.syntax, '--challenge', 'two-sum', '--local'], { env: noJudgeEnv });
    expect(text.stdout).toMatch(/^Compile error/);
    expect(text.stdout).toContain(result.error!.message.split('\n')[0]);
  });
});

describe('pairjudge submit --local on a machine whose Docker engine does not answer', () => {
  // DOCKER_HOST at a closed port: the engine "is not there", so the process sandbox judges.
  const noDocker = () => ({ ...noJudgeEnv, DOCKER_HOST: 'tcp://127.0.0.1:1' });

  it('judges in the process sandbox and says so: in the result, the text and a warning', async () => {
    const json = await runCli(['submit', SOLUTIONS.python.good, '--challenge', 'two-sum', '--local', '--json'], { env: noDocker() });
    expect(json.code, json.stderr).toBe(0);
    expect(parseResult(json.stdout)).toMatchObject({ verdict: 'accepted', sandbox: 'process' });
    expect(json.stderr).toContain('judge sandbox: process');
    const text = await runCli(['submit', SOLUTIONS.javascript.wrong, '--challenge', 'two-sum', '--local', '--mode', 'run'], { env: noDocker() });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('judged here by a process sandbox (weaker than a container');
  });
});

describe('pairjudge submit against a judge server', () => {
  let judge: RunningEmbeddedJudge;
  beforeAll(async () => {
    judge = await startEmbeddedJudge({ env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AMQP_URL: 'amqp://127.0.0.1:1', LOG_LEVEL: 'warn', ...GENEROUS_LIMITS } });
  });
  afterAll(() => judge?.close());

  it('judges at --server: exit 0 for accepted, 1 for wrong, with the server named', async () => {
    const good = await runCli(['submit', SOLUTIONS.python.good, '--challenge', 'two-sum', '--server', judge.url, '--json']);
    expect(good.code, good.stderr).toBe(0);
    expect(parseResult(good.stdout)).toMatchObject({ verdict: 'accepted', sandbox: 'docker' });
    const wrong = await runCli(['submit', SOLUTIONS.javascript.wrong, '--challenge', 'two-sum', '--server', judge.url, '--mode', 'run']);
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(wrong.stdout).toContain('expected: [0, 1]');
    expect(wrong.stdout).toContain(`judged by ${judge.url} in a Docker container`);
  });

  it('lists the server’s catalog, and the same catalog with --local', async () => {
    const remote = await runCli(['challenges', '--server', judge.url, '--json']);
    const local = await runCli(['challenges', '--local', '--json']);
    expect(remote.code).toBe(0);
    expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
    expect((JSON.parse(local.stdout) as { id: string }[]).map((c) => c.id)).toContain('two-sum');
    const text = await runCli(['challenges', '--local']);
    expect(text.stdout).toMatch(/^id +level +languages +title\n/);
    expect(text.stdout).toMatch(/two-sum +easy +c,cpp,go,java,javascript,python,rust,typescript +Two Sum/);
    // Columns line up: every title starts where the header's does.
    const lines = text.stdout.trimEnd().split('\n');
    const titleAt = lines[0]!.indexOf('title');
    expect(lines.find((l) => l.startsWith('two-sum '))!.indexOf('Two Sum')).toBe(titleAt);
  });

  it('answers a challenge the server does not have with exit 2 naming --challenge', async () => {
    const run = await runCli(['submit', SOLUTIONS.javascript.good, '--challenge', 'no-such-challenge', '--server', judge.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--challenge');
    expect(run.stdout).toBe('');
  });

  it('exits 3 when nothing listens at --server, saying where it tried', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['submit', SOLUTIONS.javascript.good, '--challenge', 'two-sum', '--server', url, '--json']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Cannot reach the judge at ${url} (connection refused)`);
    const list = await runCli(['challenges', '--server', url]);
    expect(list.code).toBe(3);
    expect(list.stderr).toContain(`Cannot reach the judge at ${url}`);
  });
});

describe('pairjudge usage errors: exit 2, naming the argument, nothing judged', () => {
  it.each([
    [['submit', SOLUTIONS.javascript.good], '--challenge is required'],
    [['submit', '--challenge', 'two-sum'], 'FILE is missing'],
    [['submit', SOLUTIONS.javascript.good, '--challenge', 'two-sum', '--language', 'ruby'], "--language must be one of javascript, typescript, python, c, cpp, java, go, rust, not 'ruby'"],
    [['submit', SOLUTIONS.javascript.good, '--challenge', 'two-sum', '--mode', 'all'], "--mode must be run or submit, not 'all'"],
    [['submit', SOLUTIONS.javascript.good, '--challenge', 'two-sum', '--server', 'ftp://x'], "--server must be an http:// or https:// URL, not 'ftp://x'"],
    [['submit', SOLUTIONS.javascript.good, '--challenge', 'two-sum', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['submit', path.join(dir, 'missing.js'), '--challenge', 'two-sum', '--local'], "FILE '"],
    [['submit', file('notes.txt', 'x'), '--challenge', 'two-sum', '--local'], '--language is needed'],
    [['submit', SOLUTIONS.javascript.good, '--challenge', 'no-such-challenge', '--local'], '--challenge: challengeId "no-such-challenge" is not in the catalog'],
    [['submit', SOLUTIONS.python.good, '--challenge', 'two-sum', '--language', 'javascript', '--local', '--server', 'http://x'], '--server and --local exclude each other'],
    [['host', '--port', 'eighty'], "--port must be a number from 0 to 65535, not 'eighty'"],
    [['host', '--address', 'my-laptop'], "--address must be an IPv4 address of this machine, not 'my-laptop'"],
    [['judge'], "unknown command 'judge'"],
  ])('pairjudge %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('pairjudge on a terminal', () => {
  it('shows a progress indicator while judging when stdout is a terminal, and none with --json', () => {
    // `script` gives the command a pseudo-terminal, as a person's shell would.
    const command = (extra: string) =>
      `${JSON.stringify(process.execPath)} ${JSON.stringify(PAIRJUDGE_BIN)} submit ${JSON.stringify(SOLUTIONS.javascript.good)} --challenge two-sum --local ${extra}`;
    const env = { ...process.env, NO_COLOR: '1', ...GENEROUS_LIMITS };
    const onTerminal = spawnSync('script', ['-qec', command(''), '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8', env }).stdout;
    expect(onTerminal).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] judging .*reference\.js here/);
    expect(onTerminal).toContain('Accepted');
    const json = spawnSync('script', ['-qec', command('--json'), '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8', env }).stdout;
    expect(json).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(JSON.parse(json.trim())).toMatchObject({ verdict: 'accepted' });
  });
});
