/**
 * The `pairjudge` command line: picks the command and turns its outcome into an exit code (see
 * usage.ts). bin/pairjudge.js calls runCommandLine; tests call runCommand with their own streams.
 */
import type { CommandIo } from './command-io.js';
import { EXIT_ACCEPTED, EXIT_NOT_ACCEPTED, EXIT_USAGE, HELP, UsageError } from './usage.js';

type Command = (args: string[], io: CommandIo) => Promise<number>;

// Each command loads only what it uses: a usage error or `challenges` need no Docker client,
// no Fastify and no mDNS, and start in a fraction of the time.
const COMMANDS: Record<string, () => Promise<Command>> = {
  submit: async () => (await import('./submit-command.js')).submitCommand,
  challenges: async () => (await import('./challenges-command.js')).challengesCommand,
  host: async () => (await import('./host-command.js')).hostCommand,
  token: async () => (await import('./token-dispatch.js')).tokenCommand,
};

export async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_ACCEPTED;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(HELP);
      return EXIT_ACCEPTED;
    }
    return await (await command())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pairjudge: ${error.message}\n(pairjudge help shows the usage)\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`pairjudge: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_NOT_ACCEPTED;
  }
}

/** Runs a command in this process and exits with its code. */
export async function runCommandLine(argv: string[]): Promise<void> {
  // A reader that stops early (`| head`) is not an error of the command.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const waitForStop = () =>
    new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
  const code = await runCommand(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), waitForStop });
  process.exitCode = code;
  // A library's idle handle (a Docker socket kept alive, an mDNS socket) must not keep a
  // finished command running.
  setTimeout(() => process.exit(code), 1000).unref();
}
