import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { HandledJob, JudgeJob } from '../../judge-core/job.js';
import { InProcessJobQueue, QueueFullError } from '../../judge-server/queue/in-process-job-queue.js';
import type { Reply } from '../../judge-server/queue/job.js';

const logger = pino({ level: 'silent' });

function job(id: string): JudgeJob {
  return { id, language: 'javascript', code: 'x', cases: [], submittedAt: Date.now() };
}

function accepted(id: string): HandledJob {
  return { result: { id, status: 'done', verdict: 'accepted', tests: [], stdout: '', durationMs: 1 }, timing: { queueWaitMs: 0, runMs: 1 } };
}

/** A runner whose jobs finish only when the test says so. */
function gatedRunner() {
  const gates = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  return {
    gates,
    get peak() {
      return peak;
    },
    run: (j: JudgeJob) =>
      new Promise<HandledJob>((resolve) => {
        running += 1;
        peak = Math.max(peak, running);
        gates.set(j.id, () => {
          running -= 1;
          resolve(accepted(j.id));
        });
      }),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('InProcessJobQueue', () => {
  it('runs at most `concurrency` jobs at once and answers each with running, then its result', async () => {
    const replies: Reply[] = [];
    const runner = gatedRunner();
    const queue = new InProcessJobQueue({ concurrency: 2, maxQueued: 10, run: runner.run, onReply: (r) => replies.push(r), logger });
    for (const id of ['a', 'b', 'c', 'd']) await queue.publish(job(id));
    await tick();
    expect(runner.gates.size).toBe(2);
    expect((await queue.stats()).messageCount).toBe(2);
    for (let i = 0; i < 4; i += 1) {
      const next = [...runner.gates.entries()].find(([id]) => !replies.some((r) => r.type === 'result' && r.result.id === id));
      next![1]();
      await tick();
    }
    expect(runner.peak).toBe(2);
    const results = replies.filter((r) => r.type === 'result').map((r) => (r.type === 'result' ? r.result.id : ''));
    expect(results.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(replies.filter((r) => r.type === 'running')).toHaveLength(4);
    await queue.close();
  });

  it('refuses a publish past maxQueued instead of growing without bound', async () => {
    const runner = gatedRunner();
    const queue = new InProcessJobQueue({ concurrency: 1, maxQueued: 2, run: runner.run, onReply: () => undefined, logger });
    await queue.publish(job('a'));
    await tick(); // a is running, nothing waits
    await queue.publish(job('b'));
    await queue.publish(job('c'));
    await expect(queue.publish(job('d'))).rejects.toBeInstanceOf(QueueFullError);
    runner.gates.get('a')!();
    await queue.close(50);
  });

  it('ends a job whose run throws as internal_error instead of leaving it running', async () => {
    const replies: Reply[] = [];
    const queue = new InProcessJobQueue({
      concurrency: 1,
      maxQueued: 5,
      run: () => Promise.reject(new Error('sandbox engine vanished')),
      onReply: (r) => replies.push(r),
      logger,
    });
    await queue.publish(job('x'));
    await tick();
    const result = replies.find((r) => r.type === 'result');
    expect(result?.type === 'result' && result.result.verdict).toBe('internal_error');
    await queue.close();
  });

  it('on close lets running jobs finish, ends waiting ones as internal_error and refuses new ones', async () => {
    const replies: Reply[] = [];
    const runner = gatedRunner();
    const queue = new InProcessJobQueue({ concurrency: 1, maxQueued: 5, run: runner.run, onReply: (r) => replies.push(r), logger });
    await queue.publish(job('running'));
    await queue.publish(job('waiting'));
    await tick();
    const closed = queue.close(5_000);
    await tick();
    const waiting = replies.find((r) => r.type === 'result' && r.result.id === 'waiting');
    expect(waiting?.type === 'result' && waiting.result.verdict).toBe('internal_error');
    runner.gates.get('running')!();
    await closed;
    const finished = replies.find((r) => r.type === 'result' && r.result.id === 'running');
    expect(finished?.type === 'result' && finished.result.verdict).toBe('accepted');
    await expect(queue.publish(job('late'))).rejects.toThrow(/stopping/);
    expect(queue.connected).toBe(false);
  });
});
