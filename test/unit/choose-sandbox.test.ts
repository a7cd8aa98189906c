/**
 * chooseSandbox with a fake Docker engine (the real engine's answer is covered by the integration
 * tier): Docker when it answers and has the image, else the process sandbox, said in one line.
 */
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { chooseSandbox } from '../../judge-server/sandbox/choose-sandbox.js';

function fakeEngine(state: { answers: boolean; hasImage: boolean; hangs?: boolean }): Docker {
  const engine = {
    ping: () => (state.hangs ? new Promise(() => undefined) : state.answers ? Promise.resolve('OK') : Promise.reject(new Error('connect ENOENT /var/run/docker.sock'))),
    getImage: () => ({ inspect: () => (state.hasImage ? Promise.resolve({}) : Promise.reject(new Error('no such image'))) }),
  };
  return engine as unknown as Docker;
}

function recorder() {
  const lines: string[] = [];
  return { lines, logger: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) } };
}

const base = { image: 'pairjudge/sandbox:test', tmpfsBytes: 16 * 1024 * 1024 };

describe('chooseSandbox', () => {
  it('takes Docker when the engine answers and the image is there, and labels its results', async () => {
    const { lines, logger } = recorder();
    const chosen = await chooseSandbox({ ...base, docker: fakeEngine({ answers: true, hasImage: true }), logger });
    expect(chosen.kind).toBe('docker');
    expect(chosen.sandbox.kind).toBe('docker');
    expect(lines).toEqual([expect.stringMatching(/^info judge sandbox: docker \(the Docker engine answered and image pairjudge\/sandbox:test is present\)/)]);
    await chosen.sandbox.close();
  });

  it('falls back to the process sandbox when the engine does not answer, saying why', async () => {
    const { lines, logger } = recorder();
    const chosen = await chooseSandbox({ ...base, docker: fakeEngine({ answers: false, hasImage: true }), logger });
    expect(chosen.kind).toBe('process');
    expect(chosen.sandbox.kind).toBe('process');
    expect(lines[0]).toMatch(/^warn judge sandbox: process \(Docker engine is not reachable.*weaker than a container/);
    await chosen.sandbox.close();
  });

  it('falls back when the image is missing', async () => {
    const { lines, logger } = recorder();
    const chosen = await chooseSandbox({ ...base, docker: fakeEngine({ answers: true, hasImage: false }), logger });
    expect(chosen.kind).toBe('process');
    expect(lines[0]).toMatch(/image pairjudge\/sandbox:test is missing/);
  });

  it('does not wait for an engine that hangs', async () => {
    const { lines, logger } = recorder();
    const started = Date.now();
    const chosen = await chooseSandbox({ ...base, docker: fakeEngine({ answers: true, hasImage: true, hangs: true }), dockerTimeoutMs: 200, logger });
    expect(chosen.kind).toBe('process');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines[0]).toMatch(/did not answer in time/);
  });

  it('fails instead of falling back when Docker is required', async () => {
    await expect(chooseSandbox({ ...base, prefer: 'docker', docker: fakeEngine({ answers: false, hasImage: true }), logger: recorder().logger })).rejects.toThrow(/not reachable/);
  });

  it('skips Docker when the process sandbox is asked for', async () => {
    const { logger } = recorder();
    const chosen = await chooseSandbox({ ...base, prefer: 'process', docker: fakeEngine({ answers: true, hasImage: true }), logger });
    expect(chosen.kind).toBe('process');
    expect(chosen.reason).toMatch(/^the process sandbox was asked for/);
  });
});
