/**
 * A session host for one network, in one process: the browser app, the pairing signaling socket
 * and the embedded judge (in-process queue, this machine's sandbox), with no broker and no cloud,
 * advertised by mDNS/DNS-SD so others on the network can find it. `pairjudge host` runs it; the
 * desktop main process can call it too ("Host on this network").
 *
 * Security: whoever reaches the address can submit code to this machine's sandbox and join rooms
 * (codes are unguessable; the gateway's size and rate limits apply as in the cloud). Hosting is
 * meant for a network of people you work with; on the process sandbox, which is weaker than a
 * container, only for code you trust.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bonjour, type Service } from 'bonjour-service';
import type { Sandbox } from '../judge-core/sandbox.js';
import { startEmbeddedJudge, type RunningEmbeddedJudge, type SandboxKind } from './embedded-judge.js';

/** DNS-SD service type: `_pairjudge._tcp.local`. The TXT record says where the app is. */
export const LAN_SERVICE_TYPE = 'pairjudge';
export const DEFAULT_LAN_PORT = 9190;

export interface LanHostOptions {
  /** Default 9190; 0 picks a free port. */
  port?: number;
  /** Default 0.0.0.0 (every interface). A single address also limits mDNS to its interface. */
  address?: string;
  env?: NodeJS.ProcessEnv;
  /** The advertised instance name; default "PairJudge on <hostname>". */
  name?: string;
  /** False leaves mDNS out (e.g. a host that only serves this machine). Default true. */
  advertise?: boolean;
  logLevel?: string;
  /** The sandbox to judge in (the host closes it); chosen by the embedded judge when absent. */
  sandbox?: Sandbox;
  /** Told when advertising fails; hosting goes on without it (the URL still works). */
  onAdvertiseError?: (error: Error) => void;
}

export interface RunningLanHost {
  /** URLs to open, one per address others can reach (the first is the one to print first). */
  urls: string[];
  port: number;
  sandboxKind: SandboxKind;
  /** The advertised instance name, or undefined when not advertising. */
  serviceName: string | undefined;
  /** False when out/web is missing: the host serves the API and pairing, not the app. */
  webAppBuilt: boolean;
  judge: RunningEmbeddedJudge;
  close(): Promise<void>;
}

/** The addresses a partner can use for `address`: every non-internal IPv4 for 0.0.0.0. */
export function reachableAddresses(address: string, interfaces = os.networkInterfaces()): string[] {
  if (address !== '0.0.0.0') return [address];
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) found.push(info.address);
    }
  }
  return found.length > 0 ? found : ['127.0.0.1'];
}

export async function startLanHost(options: LanHostOptions = {}): Promise<RunningLanHost> {
  const address = options.address ?? '0.0.0.0';
  const port = options.port ?? DEFAULT_LAN_PORT;
  // The host's own address and port win over HOST/PORT; the broker setting is ignored: the
  // in-process queue carries every job, so AMQP_URL may point at nothing.
  const env = { ...(options.env ?? process.env), HOST: address, PORT: String(port) };
  const judge = await startEmbeddedJudge({
    env,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  });
  const boundPort = Number(new URL(judge.url).port);
  const urls = reachableAddresses(address).map((ip) => `http://${ip.includes(':') ? `[${ip}]` : ip}:${boundPort}/`);
  const webAppBuilt = existsSync(path.join(judge.gatewayConfig.webDir, 'index.html'));

  let bonjour: Bonjour | undefined;
  let service: Service | undefined;
  if (options.advertise !== false) {
    const report = (error: unknown) => options.onAdvertiseError?.(error instanceof Error ? error : new Error(String(error)));
    try {
      // Bound to one address, advertise on that interface only; otherwise on all of them. The
      // mDNS socket itself binds to 0.0.0.0 either way: one bound to a unicast address never
      // receives the multicast queries it must answer.
      bonjour = new Bonjour(address === '0.0.0.0' ? {} : ({ interface: address, bind: '0.0.0.0' } as object), report);
      service = bonjour.publish({
        name: options.name ?? `PairJudge on ${os.hostname()}`,
        type: LAN_SERVICE_TYPE,
        port: boundPort,
        // Only what a browser of the service needs; nothing about the machine beyond its name.
        txt: { path: '/', api: 'v1', sandbox: judge.sandboxKind },
      });
      service.on('error', report);
    } catch (error) {
      report(error);
    }
  }

  let closing: Promise<void> | undefined;
  return {
    urls,
    port: boundPort,
    sandboxKind: judge.sandboxKind,
    serviceName: service?.name,
    webAppBuilt,
    judge,
    close() {
      closing ??= (async () => {
        // Say goodbye on the network first (a TTL-0 record), so browsers drop the host at once.
        if (bonjour) {
          const b = bonjour;
          await new Promise<void>((resolve) => b.unpublishAll(() => resolve()));
          await new Promise<void>((resolve) => b.destroy(() => resolve()));
        }
        await judge.close();
      })();
      return closing;
    },
  };
}
