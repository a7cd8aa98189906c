/**
 * "Host on this network" and "Find on this network" for the desktop main process, as a plain
 * module tested under Node: it starts the LAN session host (judge-server/lan-host.ts: browser app,
 * signaling and the embedded judge in this process, advertised by mDNS) and browses mDNS/DNS-SD
 * for the hosts others run.
 *
 * One host at a time: a second "Host" answers the running one. Closing the service stops it.
 */
import { Bonjour, type Service } from 'bonjour-service';
import { chooseEmbeddedSandbox } from '../../../judge-server/embedded-judge.js';
import { LAN_SERVICE_TYPE, startLanHost, type LanHostOptions, type RunningLanHost } from '../../../judge-server/lan-host.js';
import { readWorkerConfig } from '../../../judge-server/worker/config.js';
import type { FoundLanHost, LanHostInfo } from '../../renderer/bridge/lan-schema.js';

/** How long "Find on this network" listens for answers by default. */
export const DEFAULT_BROWSE_MS = 3000;

export interface LanServiceOptions {
  /** Options for the host (port, address, name); default: every interface, port 9190. */
  host?: LanHostOptions;
  /** The interface address to browse on (default: all); tests use 127.0.0.1. */
  browseInterface?: string;
  startHost?: (options: LanHostOptions) => Promise<RunningLanHost>;
  /**
   * Host even when only the process sandbox is available. Off in the app: a host answers every
   * address of the machine, so anyone on the network could run code outside a container here
   * (a host bound to 127.x only serves this machine and is allowed).
   */
  allowProcessSandbox?: boolean;
}

export class LanHostRefusedError extends Error {
  constructor() {
    super('Hosting on this network needs Docker: without it, code sent by anyone on the network would run outside a container on this machine.');
    this.name = 'LanHostRefusedError';
  }
}

export interface LanService {
  host(): Promise<LanHostInfo>;
  stopHost(): Promise<void>;
  /** The running host, if any. */
  current(): LanHostInfo | null;
  /** Hosts that answer within `timeoutMs`, this machine's own host left out. */
  find(timeoutMs?: number): Promise<FoundLanHost[]>;
  close(): Promise<void>;
}

function describe(host: RunningLanHost): LanHostInfo {
  return {
    urls: host.urls,
    localUrl: `http://127.0.0.1:${host.port}`,
    port: host.port,
    sandboxKind: host.sandboxKind,
    ...(host.serviceName ? { serviceName: host.serviceName } : {}),
  };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * A found service as a URL to open. The address its answer came from first: that one reached us,
 * while the advertised A records may list every address of the machine (even one the host does
 * not listen on); else its first advertised IPv4 address.
 */
export function foundHostOf(service: Pick<Service, 'name' | 'port' | 'addresses' | 'referer' | 'txt'>): FoundLanHost | null {
  const referer = service.referer?.address;
  const address = referer && IPV4.test(referer) ? referer : service.addresses?.find((candidate) => IPV4.test(candidate));
  if (!address || !Number.isInteger(service.port) || service.port <= 0 || service.port > 65_535) return null;
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  return {
    // The name comes from the network: anyone may advertise anything, so it is bounded and shown as text only.
    name: String(service.name).slice(0, 63),
    url: `http://${address}:${service.port}`,
    port: service.port,
    ...(typeof txt.sandbox === 'string' ? { sandbox: txt.sandbox.slice(0, 16) } : {}),
  };
}

export function createLanService(options: LanServiceOptions = {}): LanService {
  const loopbackOnly = options.host?.address !== undefined && /^127\./.test(options.host.address);
  const mayUseProcessSandbox = options.allowProcessSandbox === true || loopbackOnly;
  /** The sandbox is chosen before anything listens, so a refused host never answers the network. */
  async function startChecked(hostOptions: LanHostOptions): Promise<RunningLanHost> {
    if (mayUseProcessSandbox || hostOptions.sandbox) return startLanHost(hostOptions);
    const chosen = await chooseEmbeddedSandbox(readWorkerConfig(hostOptions.env ?? process.env));
    if (chosen.kind === 'process') {
      await chosen.sandbox.close();
      throw new LanHostRefusedError();
    }
    return startLanHost({ ...hostOptions, sandbox: chosen.sandbox });
  }
  const start = options.startHost ?? startChecked;
  let running: RunningLanHost | null = null;
  let starting: Promise<RunningLanHost> | null = null;

  async function stopHost(): Promise<void> {
    const host = running ?? (starting ? await starting.catch(() => null) : null);
    running = null;
    starting = null;
    await host?.close();
  }

  return {
    async host() {
      if (running) return describe(running);
      starting ??= start({ logLevel: 'warn', ...options.host });
      let started: RunningLanHost;
      try {
        started = await starting;
      } finally {
        starting = null;
      }
      // Checked again after the start: a host started some other way must not stay up either.
      if (started.sandboxKind === 'process' && !mayUseProcessSandbox) {
        await started.close();
        throw new LanHostRefusedError();
      }
      running = started;
      return describe(running);
    },
    stopHost,
    current: () => (running ? describe(running) : null),
    find(timeoutMs = DEFAULT_BROWSE_MS) {
      return new Promise((resolve) => {
        const found = new Map<string, FoundLanHost>();
        const mdns = options.browseInterface ? ({ interface: options.browseInterface, bind: '0.0.0.0' } as object) : {};
        // Browsing problems (no multicast on this network) end in an empty list, not an error.
        const bonjour = new Bonjour(mdns, () => undefined);
        const browser = bonjour.find({ type: LAN_SERVICE_TYPE }, (service) => {
          if (running && service.name === running.serviceName) return;
          const host = foundHostOf(service);
          if (host) found.set(`${host.name}@${host.url}`, host);
        });
        setTimeout(() => {
          browser.stop();
          bonjour.destroy(() => resolve([...found.values()].sort((a, b) => a.name.localeCompare(b.name))));
        }, timeoutMs);
      });
    },
    close: stopHost,
  };
}
