/**
 * "Host on this network" never exposes the process sandbox to the network: a host that could
 * only get the process sandbox is stopped again and the person is told Docker is needed.
 */
import { describe, expect, it } from 'vitest';
import type { RunningLanHost } from '../../judge-server/lan-host.js';
import { createLanService, LanHostRefusedError } from '../../desktop/main/lan/lan-service.js';

function fakeHost(sandboxKind: 'docker' | 'process', closed: string[]): RunningLanHost {
  return {
    urls: ['http://10.0.0.2:9190/'],
    port: 9190,
    sandboxKind,
    serviceName: 'PairJudge on test',
    webAppBuilt: true,
    judge: {} as RunningLanHost['judge'],
    close: async () => {
      closed.push(sandboxKind);
    },
  };
}

describe('desktop LAN host and the process sandbox', () => {
  it('refuses to host on every interface with the process sandbox, and stops what it started', async () => {
    const closed: string[] = [];
    const lan = createLanService({ startHost: async () => fakeHost('process', closed) });
    await expect(lan.host()).rejects.toBeInstanceOf(LanHostRefusedError);
    await expect(lan.host()).rejects.toThrow(/needs Docker/);
    expect(closed).toEqual(['process', 'process']);
    expect(lan.current()).toBeNull();
  });

  it('hosts with Docker, or on the process sandbox when bound to loopback only', async () => {
    const closed: string[] = [];
    const docker = createLanService({ startHost: async () => fakeHost('docker', closed) });
    expect((await docker.host()).sandboxKind).toBe('docker');
    const loopback = createLanService({ host: { address: '127.0.0.1' }, startHost: async () => fakeHost('process', closed) });
    expect((await loopback.host()).sandboxKind).toBe('process');
    expect(closed).toEqual([]);
  });
});
