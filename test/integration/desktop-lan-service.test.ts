/**
 * The desktop main process's LAN features as a plain module under Node: "Host on this network"
 * starts the real LAN host (embedded judge, signaling, mDNS advertisement), "Find on this network"
 * finds it by mDNS/DNS-SD on the loopback interface, and stopping it says goodbye.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createLanService, foundHostOf, LanHostRefusedError } from '../../desktop/main/lan/lan-service.js';

const NAME = `PairJudge desktop test ${process.pid}`;

describe('desktop LAN service', () => {
  const lan = createLanService({ host: { port: 0, address: '127.0.0.1', name: NAME }, browseInterface: '127.0.0.1' });
  const finder = createLanService({ browseInterface: '127.0.0.1' });
  afterAll(() => lan.close());

  it('hosts on this network: a ready judge with its address, advertised by mDNS', async () => {
    const info = await lan.host();
    expect(info.urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(info.serviceName).toBe(NAME);
    const ready = await fetch(`${info.localUrl}/readyz`);
    expect(ready.status).toBe(200);
    // A second Host answers the running one instead of starting another.
    expect((await lan.host()).port).toBe(info.port);
    expect(lan.current()?.port).toBe(info.port);
  });

  it('finds the host from another service browsing mDNS, and not itself from its own', async () => {
    const found = await finder.find(4000);
    const mine = found.find((host) => host.name === NAME);
    expect(mine).toMatchObject({ url: `http://127.0.0.1:${lan.current()!.port}`, port: lan.current()!.port });
    expect((await lan.find(1500)).some((host) => host.name === NAME)).toBe(false);
  });

  it('stops the host: its port no longer answers, and it is no longer found', async () => {
    const { localUrl } = lan.current()!;
    await lan.stopHost();
    expect(lan.current()).toBeNull();
    await expect(fetch(`${localUrl}/healthz`)).rejects.toThrow();
    expect((await finder.find(1500)).some((host) => host.name === NAME)).toBe(false);
  });

  it('reads a found service defensively: no address or a bad port is no host', () => {
    expect(foundHostOf({ name: 'x', port: 80, addresses: [], referer: undefined, txt: {} })).toBeNull();
    expect(foundHostOf({ name: 'x', port: 0, addresses: ['10.0.0.2'], txt: {} })).toBeNull();
    expect(foundHostOf({ name: 'y'.repeat(200), port: 9190, addresses: ['fe80::1', '10.0.0.2'], txt: { sandbox: 'process' } })).toEqual({
      name: 'y'.repeat(63),
      url: 'http://10.0.0.2:9190',
      port: 9190,
      sandbox: 'process',
    });
  });
});

describe('desktop LAN host without Docker', () => {
  it('refuses before listening: the port is never taken, nothing is advertised', async () => {
    // The port is held by someone else: a host that started listening would fail with EADDRINUSE instead.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const lan = createLanService({
        host: { port, address: '0.0.0.0', advertise: false, env: { ...process.env, SANDBOX_IMAGE: 'pairjudge/sandbox:absent-for-lan-test' } },
      });
      await expect(lan.host()).rejects.toBeInstanceOf(LanHostRefusedError);
      expect(lan.current()).toBeNull();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
