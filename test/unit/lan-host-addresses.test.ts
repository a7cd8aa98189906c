import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { reachableAddresses } from '../../judge-server/lan-host.js';

const info = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) => ({ address, family, internal }) as NetworkInterfaceInfo;

describe('the LAN host’s URLs', () => {
  it('lists every non-internal IPv4 address of this machine when bound to 0.0.0.0', () => {
    const interfaces = {
      lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
      eth0: [info('192.168.1.20', 'IPv4', false), info('fe80::1', 'IPv6', false)],
      wlan0: [info('10.0.0.7', 'IPv4', false)],
    };
    expect(reachableAddresses('0.0.0.0', interfaces)).toEqual(['192.168.1.20', '10.0.0.7']);
  });

  it('falls back to the loopback when the machine has no network, and keeps a chosen address as is', () => {
    expect(reachableAddresses('0.0.0.0', { lo: [info('127.0.0.1', 'IPv4', true)] })).toEqual(['127.0.0.1']);
    expect(reachableAddresses('192.168.1.20', {})).toEqual(['192.168.1.20']);
  });
});
