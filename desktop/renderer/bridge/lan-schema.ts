/**
 * What the desktop app's LAN features exchange with main: a host started on this machine, and the
 * hosts found on the network by mDNS/DNS-SD. Shared by main and the renderer (types only).
 */
export interface LanHostInfo {
  /** URLs others on the network open (the first is the one to show first). */
  urls: string[];
  /** The URL this machine itself uses for the host (loopback). */
  localUrl: string;
  port: number;
  /** The advertised mDNS instance name, when advertising worked. */
  serviceName?: string;
  /** 'docker' or 'process' (weaker: trusted code only). */
  sandboxKind: string;
}

export interface FoundLanHost {
  name: string;
  /** Where to reach it: http://address:port */
  url: string;
  port: number;
  /** 'docker' or 'process', as the host advertises. */
  sandbox?: string;
}
