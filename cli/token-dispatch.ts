/**
 * `pairjudge token …` belongs to the interview API (judge-server/tokens/token-command.ts, which
 * exports `createTokenCommand(argv)`). Loaded on demand, so the rest of the command line works
 * in a checkout that does not have it yet.
 */
import { EXIT_USAGE, UsageError } from './usage.js';
import type { CommandIo } from './command-io.js';

type TokenCommand = (argv: string[]) => Promise<number | void> | number | void;

const TOKEN_MODULE = '../judge-server/tokens/token-command.js';

export async function tokenCommand(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError(`token: unknown subcommand '${sub ?? ''}' (try: pairjudge token create …)`);
  let module: { createTokenCommand?: TokenCommand };
  try {
    // A variable specifier: the module may be absent from this checkout, and that is not an error of ours.
    const specifier: string = TOKEN_MODULE;
    module = (await import(specifier)) as { createTokenCommand?: TokenCommand };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    io.stderr.write('pairjudge: `token create` is not available in this checkout (judge-server/tokens/token-command.ts is missing)\n');
    return EXIT_USAGE;
  }
  if (typeof module.createTokenCommand !== 'function') {
    io.stderr.write('pairjudge: judge-server/tokens/token-command.ts does not export createTokenCommand\n');
    return EXIT_USAGE;
  }
  const code = await module.createTokenCommand(rest);
  return typeof code === 'number' ? code : 0;
}
