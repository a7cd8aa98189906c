/**
 * The hostile corpus (test/fixtures/hostile, every language) through the real judge path, twice:
 * HTTP → gateway → RabbitMQ → worker → Docker, as deployed; and again in escape-simulation mode,
 * the same path and the same container walls but with the in-process wall removed (JavaScript
 * without vm2, Python as plain python3), as if that wall had been escaped.
 *
 * In both modes every fixture must end not `accepted`, and nothing may leak or escape:
 *   - no result shows /etc/shadow content, a secret of the worker's environment (a canary set
 *     here), or a hidden test's input;
 *   - nothing is written on the host (a canary directory the fixtures aim at, and the paths they
 *     try), and no container is left behind;
 *   - a good two-sum judged right after the corpus still passes.
 * Normal mode also checks each fixture's own verdict, and that no attack reports "REACHED" in
 * anything the sandbox wrote (per-test console output included).
 *
 * The simulation variant is set by the sandbox the test hands to the worker (trusted code); the
 * job never carries it. Needs RabbitMQ, Docker and the sandbox image (`npm run setup`; with a
 * branch image, SANDBOX_IMAGE=pairjudge/sandbox:<tag>).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import pino from 'pino';
import { REPORT_MARKER, type LanguageId, type SubmissionRequest, type SubmissionResult } from '../../protocol/index.js';
import type { CompileOutcome, CompileRequest, Sandbox, SandboxOutcome, SandboxRequest, SandboxVariant } from '../../judge-core/sandbox.js';
import { DockerSandbox, JOB_LABEL, OWNER_LABEL } from '../../judge-server/sandbox/docker-sandbox.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { readWorkerConfig } from '../../judge-server/worker/config.js';
import { startWorker, type RunningWorker } from '../../judge-server/worker/worker.js';
import { HOSTILE_FIXTURES, readFixture, type HostileFixture } from '../fixtures/hostile/index.js';
import { startTestJudge, type TestJudge } from '../support/test-judge.js';

// A secret in the worker's environment: no sandbox may ever see it.
const CANARY_NAME = `PAIRJUDGE_CANARY_${randomBytes(3).toString('hex').toUpperCase()}`;
const CANARY_VALUE = `canary-${randomBytes(12).toString('hex')}`;
// Where the fixtures try to write on the host (host-write.js, tmpfs-fill.js aim here).
const HOST_CANARY_DIR = '/tmp/pairjudge-host-canary';
const HOST_MARKERS = ['/tmp/pairjudge-escaped-marker', '/work/pairjudge-escaped-marker', '/pairjudge-escaped-marker', '/tmp/pairjudge-fill-0'];
// Fixtures run a few at a time: the machine is shared, and each container is a full process.
const CONCURRENCY = 2;
const WALL_TIME_MS = process.env.SANDBOX_WALL_TIME_MS ?? '30000';
const TEST_TIMEOUT_MS = process.env.SANDBOX_TEST_TIMEOUT_MS ?? '8000';

const reference = (language: 'js' | 'py') => readFileSync(new URL(`../../challenges/two-sum/solutions/reference.${language}`, import.meta.url), 'utf8');

// The inputs of two-sum's hidden tests, as they would appear in JSON (without the outer brackets).
const challenge = JSON.parse(readFileSync(new URL('../../challenges/two-sum/challenge.json', import.meta.url), 'utf8')) as {
  tests: { args: unknown[]; hidden: boolean }[];
};
const HIDDEN_INPUTS = challenge.tests.filter((t) => t.hidden).map((t) => JSON.stringify(t.args[0]).slice(1, 40));

/** A shadow-file line: name, hash field, then the numeric age fields. */
const SHADOW_LINE = /\b(root|daemon|nobody):[^:\s]*:\d+:\d*:\d*:/;

/** Records what each run wrote and, for the simulation, sets the variant: trusted code only. */
class RecordingSandbox implements Sandbox {
  readonly outputs = new Map<string, string>();
  constructor(
    private readonly inner: DockerSandbox,
    private readonly variant: SandboxVariant | undefined,
  ) {}
  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    const outcome = await this.inner.run(this.variant ? { ...request, variant: this.variant } : request);
    this.outputs.set(request.jobId, outcome.stdout + '\n' + outcome.stderr);
    return outcome;
  }
  compile(request: CompileRequest): Promise<CompileOutcome> {
    return this.inner.compile(request);
  }
  toolchainId(language: LanguageId): Promise<string> {
    return this.inner.toolchainId(language);
  }
  ready(): Promise<void> {
    return this.inner.ready();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The raw output with every report frame decoded, so per-test output is searched too. */
function decodedOutput(raw: string): string {
  let text = raw;
  for (const match of raw.matchAll(new RegExp(`${REPORT_MARKER}\\S* ([A-Za-z0-9+/=]+)`, 'g'))) {
    text += '\n' + Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  }
  return text;
}

interface Judged {
  result: SubmissionResult;
  raw: string;
  elapsedMs: number;
}

interface Mode {
  judge: TestJudge;
  worker: RunningWorker;
  sandbox: RecordingSandbox;
  results: Map<string, Judged>;
}

async function startMode(variant: SandboxVariant | undefined): Promise<Mode> {
  // The gateway from the test judge; the worker with a recording sandbox on the same queue.
  // The corpus is more submissions than one address may make a minute by default.
  const judge = await startTestJudge({ [CANARY_NAME]: CANARY_VALUE, RATE_LIMIT_MAX: '100000' }, { worker: false });
  const config = readWorkerConfig({
    ...process.env,
    QUEUE_PREFIX: judge.prefix,
    WORKER_CONCURRENCY: String(CONCURRENCY),
    // Generous times: on a loaded shared machine a container alone can take seconds to start,
    // and a fixture that should end as a runtime error must not end as a time limit.
    SANDBOX_WALL_TIME_MS: WALL_TIME_MS,
    SANDBOX_TEST_TIMEOUT_MS: TEST_TIMEOUT_MS,
  });
  const sandbox = new RecordingSandbox(new DockerSandbox({ image: config.sandboxImage, tmpfsBytes: config.tmpfsMb * 1024 * 1024 }), variant);
  const worker = await startWorker(config, pino({ level: 'silent' }), sandbox);
  return { judge, worker, sandbox, results: new Map() };
}

function requestFor(fixture: HostileFixture): SubmissionRequest {
  const code = readFixture(fixture.file);
  if (fixture.script) return { language: fixture.language, code, tests: { script: fixture.script } };
  // Output is shown only in a run (a submit withholds it); attacks on hidden inputs need a submit.
  const mode = /hidden/.test(fixture.file) ? 'submit' : fixture.stdout || fixture.notStdout ? 'run' : 'submit';
  return { language: fixture.language, code, challengeId: 'two-sum', mode };
}

/**
 * The fixtures the escape simulation judges: the compiled languages have no in-process wall to
 * take away (native code already meets only the container's walls), so they run once, as deployed.
 */
const SIMULATED_FIXTURES = HOSTILE_FIXTURES.filter((fixture) => !LANGUAGE_RUNTIMES[fixture.language].compile);

async function judgeAll(mode: Mode, fixtures: HostileFixture[]): Promise<void> {
  const queue = [...fixtures];
  const next = async (): Promise<void> => {
    for (let fixture = queue.shift(); fixture; fixture = queue.shift()) {
      const started = Date.now();
      const { status, body } = await mode.judge.submit(requestFor(fixture), 60);
      expect(status, `${fixture.file}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
      const result = body as SubmissionResult;
      mode.results.set(fixture.file, { result, raw: decodedOutput(mode.sandbox.outputs.get(result.id) ?? ''), elapsedMs: Date.now() - started });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, next));
}

function expectNothingLeaked(fixture: HostileFixture, judged: Judged): void {
  const shown = JSON.stringify(judged.result);
  expect(shown, `${fixture.file} shows the worker's environment`).not.toContain(CANARY_VALUE);
  expect(judged.raw, `${fixture.file}'s sandbox saw the worker's environment`).not.toContain(CANARY_VALUE);
  expect(shown, `${fixture.file} shows a shadow-file line`).not.toMatch(SHADOW_LINE);
  expect(judged.raw, `${fixture.file}'s sandbox read a shadow-file line`).not.toMatch(SHADOW_LINE);
  for (const input of HIDDEN_INPUTS) expect(shown, `${fixture.file} shows a hidden input`).not.toContain(input);
}

function hostWrites(): string[] {
  const found = HOST_MARKERS.filter((file) => existsSync(file));
  if (existsSync(HOST_CANARY_DIR)) found.push(...readdirSync(HOST_CANARY_DIR).map((name) => `${HOST_CANARY_DIR}/${name}`));
  return found;
}

const modes: { normal?: Mode; simulation?: Mode } = {};

beforeAll(async () => {
  expect(hostWrites(), 'marker files are on the host before the corpus ran: remove them').toEqual([]);
  rmSync(HOST_CANARY_DIR, { recursive: true, force: true });
  mkdirSync(HOST_CANARY_DIR, { recursive: true });
  // The worker process gets the canary too, not only the gateway's env copy.
  process.env[CANARY_NAME] = CANARY_VALUE;
  modes.normal = await startMode(undefined);
  modes.simulation = await startMode('escape-simulation');
  await judgeAll(modes.normal, HOSTILE_FIXTURES);
  await judgeAll(modes.simulation, SIMULATED_FIXTURES);
}, 600_000);

afterAll(async () => {
  delete process.env[CANARY_NAME];
  for (const mode of [modes.normal, modes.simulation]) {
    if (!mode) continue;
    await mode.worker.close();
    await mode.judge.stop();
  }
  rmSync(HOST_CANARY_DIR, { recursive: true, force: true });
});

describe('the hostile corpus through the judge, vm2 in place', () => {
  it('has at least 32 JavaScript fixtures, each with a header saying what it attacks', () => {
    const js = HOSTILE_FIXTURES.filter((f) => f.language === 'javascript');
    expect(js.length).toBeGreaterThanOrEqual(32);
    for (const f of HOSTILE_FIXTURES) expect(readFixture(f.file), f.file).toMatch(/^(\/\/|#) \S/);
  });

  for (const fixture of HOSTILE_FIXTURES) {
    it(`gives ${fixture.file} the verdict ${fixture.verdict}, shows no secret and reaches nothing`, () => {
      const judged = modes.normal?.results.get(fixture.file);
      expect(judged, `${fixture.file} was not judged`).toBeDefined();
      const { result, raw } = judged!;
      expect(result.verdict, JSON.stringify({ ...result, stdout: result.stdout.slice(0, 500) }).slice(0, 2000)).toBe(fixture.verdict);
      if (fixture.error) expect(result.error?.message ?? result.tests.find((t) => t.error)?.error).toMatch(fixture.error);
      if (fixture.stdout) expect(result.stdout).toMatch(fixture.stdout);
      if (fixture.notStdout) expect(raw, `${fixture.file}: the attack says it got through`).not.toMatch(fixture.notStdout);
      expectNothingLeaked(fixture, judged!);
    });
  }
});

describe('the hostile corpus in escape-simulation mode (no vm2, plain python3)', () => {
  for (const fixture of SIMULATED_FIXTURES) {
    it(`does not accept ${fixture.file}, and the container alone keeps every secret`, () => {
      const judged = modes.simulation?.results.get(fixture.file);
      expect(judged, `${fixture.file} was not judged`).toBeDefined();
      expect(judged!.result.verdict).not.toBe('accepted');
      expectNothingLeaked(fixture, judged!);
      // With Node's powers the code may reach its own process; the network and the host it may not.
      expect(judged!.raw).not.toMatch(/(tcp \S+|udp send|dns lookup|docker socket): REACHED/);
    });
  }
});

describe('after the corpus', () => {
  it('left nothing written on the host', () => {
    expect(hostWrites()).toEqual([]);
  });

  it('left no sandbox container behind', async () => {
    const docker = new Docker();
    const containers = await docker.listContainers({ all: true, filters: { label: [JOB_LABEL] } });
    const ours = containers.filter((c) => c.Labels[OWNER_LABEL]?.includes(`:${process.pid}:`));
    expect(ours).toEqual([]);
  });

  it('still accepts a good two-sum in both modes', async () => {
    for (const mode of [modes.normal!, modes.simulation!]) {
      for (const [language, ext] of [['javascript', 'js'], ['python', 'py']] as const) {
        const { body } = await mode.judge.submit({ language, code: reference(ext), challengeId: 'two-sum' });
        // Plain python3 writes no report: the simulation can only prove the walls, not a verdict.
        if (mode === modes.simulation && language === 'python') expect((body as SubmissionResult).verdict).not.toBe('internal_error');
        else expect((body as SubmissionResult).verdict, `${language}`).toBe('accepted');
      }
    }
  });
});
