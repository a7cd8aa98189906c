/**
 * Pieces of the fault tests: gateways and workers as real processes (so they can be killed),
 * a load of small submissions with known verdicts sent the way a careful client sends them (one
 * Idempotency-Key each, retried on 503, 429 or a dropped connection), the collection of their
 * results, a /readyz watcher, and the fault-table row each test reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import type { SubmissionState, Verdict } from '../../protocol/index.js';
import { JOB_LABEL } from '../../judge-server/sandbox/docker-sandbox.js';
import { waitFor } from './free-port.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface Proc {
  child: ChildProcess;
  /** Stops it with `signal` and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function spawnTs(script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface GatewayProc extends Proc {
  url: string;
}

export async function startGatewayProcess(port: number, env: Record<string, string>): Promise<GatewayProc> {
  const proc = spawnTs('judge-server/gateway/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_MAX: '100000',
    MAX_QUEUED_SUBMISSIONS: '100000',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`the gateway on ${url}`, 60_000, async () => {
    if (proc.child.exitCode !== null) throw new Error(`the gateway exited with ${proc.child.exitCode}`);
    return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
  });
  return { ...proc, url };
}

export function startWorkerProcess(env: Record<string, string>): Proc {
  return spawnTs('judge-server/worker/main.ts', { WORKER_CONCURRENCY: '2', ...env });
}

export interface LoadItem {
  key: string;
  body: Record<string, unknown>;
  expected: Verdict;
}

/** `n` quick submissions: JavaScript and Python in turn, every other one wrong. */
export function makeLoad(n: number): LoadItem[] {
  return Array.from({ length: n }, (_, i) => {
    const right = i % 2 === 0;
    const javascript = i % 4 < 2;
    const step = right ? 1 : 2;
    const code = javascript ? `// load ${i}\nfunction inc(a) { return a + ${step}; }\n` : `# load ${i}\ndef inc(a):\n    return a + ${step}\n`;
    return {
      key: randomUUID(),
      expected: right ? 'accepted' : 'wrong_answer',
      body: { language: javascript ? 'javascript' : 'python', code, tests: { entry: 'inc', cases: [{ name: 'one more', args: [i], expected: i + 1 }] } },
    };
  });
}

export interface SendStats {
  sent: number;
  /** Ids the gateways gave for each key (more than one would be a duplicate). */
  ids: Map<string, Set<string>>;
  /** Keys never accepted (refused for good, or the deadline passed). */
  refused: number;
  statuses: Record<string, number>;
  /** When each acceptance came (ms since the epoch), to tell what was accepted during a fault. */
  acceptedAt: number[];
}

/**
 * Sends every item (at most `concurrency` at once), each to `pickUrl()`, retrying on 503, 429 and
 * network errors with the same Idempotency-Key until `deadlineMs` passes.
 */
export async function sendLoad(
  items: LoadItem[],
  pickUrl: (index: number) => string,
  options: { concurrency?: number; deadlineMs?: number; paceMs?: number; onAccepted?: (count: number) => void } = {},
): Promise<SendStats> {
  const stats: SendStats = { sent: items.length, ids: new Map(), refused: 0, statuses: {}, acceptedAt: [] };
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  let next = 0;
  const count = (status: string) => (stats.statuses[status] = (stats.statuses[status] ?? 0) + 1);
  const one = async (index: number) => {
    const item = items[index]!;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      let status: number;
      let retryAfterS = 0.3;
      try {
        const response = await fetch(`${pickUrl(index + attempt)}/v1/submissions?wait=0`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': item.key },
          body: JSON.stringify(item.body),
          signal: AbortSignal.timeout(15_000),
        });
        status = response.status;
        const body = (await response.json()) as { id?: string };
        if ((status === 200 || status === 202) && body.id) {
          count(String(status));
          const set = stats.ids.get(item.key) ?? new Set();
          set.add(body.id);
          stats.ids.set(item.key, set);
          stats.acceptedAt.push(Date.now());
          options.onAccepted?.(stats.acceptedAt.length);
          return;
        }
        retryAfterS = Number(response.headers.get('retry-after')) || retryAfterS;
      } catch {
        status = 0;
      }
      count(status === 0 ? 'network error' : String(status));
      if (status !== 0 && status !== 503 && status !== 429) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfterS, 2) * 1000));
    }
    stats.refused++;
  };
  await Promise.all(
    Array.from({ length: options.concurrency ?? 16 }, async () => {
      while (next < items.length) {
        await one(next++);
        if (options.paceMs) await new Promise((resolve) => setTimeout(resolve, options.paceMs));
      }
    }),
  );
  return stats;
}

/** Polls every id until all are done or `deadlineMs` passes; returns the last state of each (undefined: 404). */
export async function collectResults(ids: string[], pickUrl: (index: number) => string, deadlineMs: number): Promise<Map<string, SubmissionState | undefined>> {
  const states = new Map<string, SubmissionState | undefined>();
  const deadline = Date.now() + deadlineMs;
  let round = 0;
  for (;;) {
    const pending = ids.filter((id) => states.get(id)?.status !== 'done');
    if (pending.length === 0 || Date.now() > deadline) return states;
    for (let i = 0; i < pending.length; i += 20) {
      await Promise.all(
        pending.slice(i, i + 20).map(async (id, j) => {
          try {
            const response = await fetch(`${pickUrl(round + j)}/v1/submissions/${id}`, { signal: AbortSignal.timeout(10_000) });
            if (response.status === 404) states.set(id, undefined);
            else if (response.ok) states.set(id, (await response.json()) as SubmissionState);
          } catch {
            // That gateway is away: ask again next round.
          }
        }),
      );
    }
    round++;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export interface FaultRow {
  fault: string;
  sent: number;
  accepted: number;
  answered: number;
  wrongVerdict: number;
  lost: number;
  duplicated: number;
  stuck: number;
  seconds: number;
  /** expected→got counts of wrong verdicts, for the report. */
  mismatches: Record<string, number>;
}

export function faultRow(fault: string, items: LoadItem[], sent: SendStats, states: Map<string, SubmissionState | undefined>, startedAt: number): FaultRow {
  let answered = 0;
  let wrongVerdict = 0;
  let lost = 0;
  let stuck = 0;
  let duplicated = 0;
  const mismatches: Record<string, number> = {};
  for (const item of items) {
    const ids = sent.ids.get(item.key);
    if (!ids) continue;
    if (ids.size > 1) duplicated += ids.size - 1;
    for (const id of ids) {
      const state = states.get(id);
      if (!state) lost++;
      else if (state.status !== 'done') stuck++;
      else {
        answered++;
        if (state.verdict !== item.expected) {
          wrongVerdict++;
          const key = `${item.expected}→${state.verdict}`;
          mismatches[key] = (mismatches[key] ?? 0) + 1;
        }
      }
    }
  }
  const accepted = [...sent.ids.values()].reduce((n, set) => n + set.size, 0);
  return { fault, sent: sent.sent, accepted, answered, wrongVerdict, lost, duplicated, stuck, seconds: Math.round((Date.now() - startedAt) / 1000), mismatches };
}

/** Prints the row and appends it to test-results/faults.jsonl (for the report). */
export function reportFault(row: FaultRow, extra: Record<string, unknown> = {}): void {
  const dir = path.join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, 'faults.jsonl'), `${JSON.stringify({ ...row, ...extra, at: new Date().toISOString() })}\n`);
  console.log(`FAULT ${JSON.stringify({ ...row, ...extra })}`);
}

/** Samples GET /readyz every 250 ms; 0 stands for "no answer". */
export class ReadyWatcher {
  readonly samples: { at: number; status: number; body?: unknown }[] = [];
  private timer: NodeJS.Timeout;

  constructor(private readonly url: () => string) {
    this.timer = setInterval(() => void this.sample(), 250);
  }

  private async sample(): Promise<void> {
    const at = Date.now();
    try {
      const response = await fetch(`${this.url()}/readyz`, { signal: AbortSignal.timeout(2000) });
      this.samples.push({ at, status: response.status, body: await response.json() });
    } catch {
      this.samples.push({ at, status: 0 });
    }
  }

  between(from: number, to: number): number[] {
    return this.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.status);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Sandbox containers left on `docker` for any of `ids`. */
export async function containersLeft(docker: Docker, ids: Set<string>): Promise<number> {
  const all = await docker.listContainers({ all: true, filters: { label: [JOB_LABEL] } });
  return all.filter((c) => ids.has(c.Labels[JOB_LABEL] ?? '')).length;
}

/** A promise resolved once `sendLoad` reports `n` acceptances (pass `onAccepted` to it). */
export function acceptedCounter(n: number): { onAccepted: (count: number) => void; reached: Promise<void> } {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  return { onAccepted: (count) => count >= n && resolve(), reached };
}

export function allIds(sent: SendStats): string[] {
  return [...sent.ids.values()].flatMap((set) => [...set]);
}
