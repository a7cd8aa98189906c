/** `pairjudge challenges [--local] [--server URL] [--json]`: the catalog, one challenge a line. */
import type { ChallengeSummary } from '../protocol/index.js';
import { JudgeClientError, createJudgeClient } from '../judge-client/index.js';
import { DEFAULT_SERVER, parseOptions, parseServerUrl } from './parse-options.js';
import { EXIT_ACCEPTED, EXIT_UNREACHABLE, UsageError } from './usage.js';
import type { CommandIo } from './command-io.js';

export function formatChallenges(list: ChallengeSummary[]): string {
  const idWidth = Math.max(2, ...list.map((c) => c.id.length));
  const languageWidth = Math.max(9, ...list.map((c) => c.languages.join(',').length));
  const line = (id: string, level: string, languages: string, title: string) => `${id.padEnd(idWidth)}  ${level.padEnd(6)}  ${languages.padEnd(languageWidth)}  ${title}`;
  const rows = list.map((c) => line(c.id, c.difficulty, c.languages.join(','), c.title));
  return `${[line('id', 'level', 'languages', 'title'), ...rows].join('\n')}\n`;
}

export async function challengesCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions('challenges', args, {
    local: { type: 'boolean' },
    server: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`challenges: unexpected argument '${positionals[0]}'`);
  if (values.local && values.server !== undefined) throw new UsageError('challenges: --server and --local exclude each other');
  const server = values.server !== undefined ? parseServerUrl('--server', values.server) : DEFAULT_SERVER;
  let list: ChallengeSummary[];
  if (values.local) {
    const { loadLocalCatalog } = await import('./local-judge.js');
    list = (await loadLocalCatalog(io.env)).list();
  } else {
    try {
      list = await createJudgeClient({ baseUrl: () => server }).listChallenges();
    } catch (error) {
      if (!(error instanceof JudgeClientError)) throw error;
      io.stderr.write(`pairjudge: ${error.message}\n`);
      return EXIT_UNREACHABLE;
    }
  }
  io.stdout.write(values.json ? `${JSON.stringify(list)}\n` : formatChallenges(list));
  return EXIT_ACCEPTED;
}
