/**
 * `pairjudge host [--port 9190] [--address ADDR] [--name NAME]`: runs the LAN session host (judge-server/
 * lan-host.ts) in the foreground, prints the URL to open, and stops cleanly on Ctrl-C.
 */
import { isIP } from 'node:net';
import { DEFAULT_LAN_PORT, startLanHost } from '../judge-server/lan-host.js';
import { SandboxUnavailableError } from '../judge-core/sandbox.js';
import { parseOptions } from './parse-options.js';
import { EXIT_ACCEPTED, EXIT_UNREACHABLE, UsageError } from './usage.js';
import type { CommandIo } from './command-io.js';

export function parseHostArguments(args: string[]): { port: number; address: string; name?: string } {
  const { values, positionals } = parseOptions('host', args, { port: { type: 'string' }, address: { type: 'string' }, name: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`host: unexpected argument '${positionals[0]}'`);
  const portText = values.port ?? String(DEFAULT_LAN_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65_535)) throw new UsageError(`host: --port must be a number from 0 to 65535, not '${portText}'`);
  const address = values.address ?? '0.0.0.0';
  if (isIP(address) !== 4) throw new UsageError(`host: --address must be an IPv4 address of this machine, not '${address}'`);
  // A DNS-SD instance name is one label of at most 63 bytes.
  if (values.name !== undefined && (values.name.trim() === '' || Buffer.byteLength(values.name) > 63 || values.name.includes('.'))) {
    throw new UsageError(`host: --name must be 1 to 63 bytes without dots, not '${values.name}'`);
  }
  return { port, address, ...(values.name !== undefined ? { name: values.name } : {}) };
}

export async function hostCommand(args: string[], io: CommandIo): Promise<number> {
  const { port, address, name } = parseHostArguments(args);
  // Taken over before start-up, so a Ctrl-C while starting still closes what started.
  const stop = io.waitForStop();
  let host;
  try {
    host = await startLanHost({
      port,
      address,
      ...(name ? { name } : {}),
      env: io.env,
      logLevel: io.env.LOG_LEVEL ?? 'warn',
      onAdvertiseError: (error) => io.stderr.write(`pairjudge host: not advertised on the network (${error.message}); the URL still works\n`),
    });
  } catch (error) {
    if (error instanceof SandboxUnavailableError) {
      io.stderr.write(`pairjudge host: no sandbox can run here: ${error.message}\n`);
      return EXIT_UNREACHABLE;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      throw new UsageError(`host: cannot listen on ${address}:${port} (${(error as NodeJS.ErrnoException).code})`);
    }
    throw error;
  }
  const sandbox = host.sandboxKind === 'process' ? 'a process sandbox (weaker than a container: trusted code only)' : 'Docker containers';
  io.stdout.write(
    `PairJudge host ready: browser app, pairing and judge in one process (no broker, no cloud)\n` +
      host.urls.map((url) => `  open: ${url}\n`).join('') +
      `  judge: ${sandbox}\n` +
      (host.serviceName ? `  advertised by mDNS as "${host.serviceName}" (_pairjudge._tcp)\n` : '') +
      (host.webAppBuilt ? '' : '  the browser app is not built: run `npm run build:web` (or `npm run setup`)\n') +
      'Ctrl-C stops.\n',
  );
  const signal = await stop;
  io.stdout.write(`stopping (${signal})…\n`);
  await host.close();
  io.stdout.write('stopped\n');
  return EXIT_ACCEPTED;
}
