/**
 * A burst of submissions all at once against a gateway, counting the answers by status and
 * timing them; shared by the burst test (which asserts the statuses) and `npm run bench:burst`
 * (which also measures the gateway's memory).
 */
import http from 'node:http';

export interface BurstOutcome {
  statuses: Record<string, number>;
  latenciesMs: number[];
  wallMs: number;
}

/** One POST on a connection of its own (`agent: false`): a real burst of clients, not one client's queue. */
function post(url: string, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/v1/submissions?wait=0`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      timeout: 60_000,
    });
    request.once('response', (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('timeout', () => request.destroy(new Error('timeout')));
    request.once('error', reject);
    request.end(payload);
  });
}

export async function burst(url: string, count: number, body: (i: number) => object): Promise<BurstOutcome> {
  const statuses: Record<string, number> = {};
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now();
      let status: string;
      try {
        status = String(await post(url, JSON.stringify(body(i))));
      } catch (error) {
        status = `error: ${(error as Error).message}`;
      }
      latenciesMs.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }),
  );
  return { statuses, latenciesMs: latenciesMs.sort((a, b) => a - b), wallMs: performance.now() - started };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function burstBody(i: number): object {
  return { language: 'python', code: `# burst ${i}\ndef inc(a):\n    return a + 1\n`, tests: { entry: 'inc', cases: [{ name: 'one', args: [i], expected: i + 1 }] } };
}
