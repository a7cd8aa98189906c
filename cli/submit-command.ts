/**
 * `pairjudge submit FILE --challenge ID [--language L] [--mode M] [--local] [--server URL] [--json]`.
 * Reads the file, builds the contract v1 request and judges it here (--local) or on a judge
 * server, then prints the result and answers the exit code (see usage.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES, LANGUAGE_IDS, isLanguageId, type LanguageId, type SubmissionRequest, type SubmissionResult } from '../protocol/index.js';
import { SubmissionRejectedError } from '../judge-core/errors.js';
import { SandboxUnavailableError } from '../judge-core/sandbox.js';
import { JudgeClientError, createJudgeClient } from '../judge-client/index.js';
import { DEFAULT_SERVER, parseOptions, parseServerUrl } from './parse-options.js';
import { colours, describeJudge, formatResult } from './print-result.js';
import { startProgress } from './progress.js';
import { EXIT_ACCEPTED, EXIT_NOT_ACCEPTED, EXIT_UNREACHABLE, UsageError } from './usage.js';
import type { CommandIo } from './command-io.js';

/** The language a file's extension names (the registry's extensions, plus JavaScript's module forms). */
const EXTENSIONS: Record<string, LanguageId> = {
  ...Object.fromEntries(LANGUAGE_IDS.map((id) => [`.${LANGUAGES[id].extension}`, id])),
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

/** The request fields the judge may name, as the command line spells them. */
const ARGUMENT_OF_FIELD: Record<string, string> = { challengeId: '--challenge', language: '--language', mode: '--mode', code: 'FILE' };

export interface SubmitArguments {
  file: string;
  challenge: string;
  language: LanguageId;
  mode: 'run' | 'submit';
  local: boolean;
  server: string;
  json: boolean;
}

export function parseSubmitArguments(args: string[]): SubmitArguments {
  const { values, positionals } = parseOptions('submit', args, {
    challenge: { type: 'string' },
    language: { type: 'string' },
    mode: { type: 'string' },
    local: { type: 'boolean' },
    server: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('submit: FILE is missing: give the solution file to judge');
  if (positionals.length > 1) throw new UsageError(`submit: unexpected argument '${positionals[1]}' (one FILE only)`);
  const file = positionals[0]!;
  if (values.challenge === undefined || values.challenge === '') {
    throw new UsageError('submit: --challenge is required (the challenge id; `pairjudge challenges` lists them)');
  }
  let language: LanguageId;
  if (values.language !== undefined) {
    if (!isLanguageId(values.language)) {
      throw new UsageError(`submit: --language must be one of ${LANGUAGE_IDS.join(', ')}, not '${values.language}'`);
    }
    language = values.language;
  } else {
    const extension = path.extname(file).toLowerCase();
    const guessed = EXTENSIONS[extension];
    if (!guessed) {
      throw new UsageError(
        `submit: --language is needed: '${file}' does not end in ${Object.keys(EXTENSIONS).join(', ')}`,
      );
    }
    language = guessed;
  }
  const mode = values.mode ?? 'submit';
  if (mode !== 'run' && mode !== 'submit') throw new UsageError(`submit: --mode must be run or submit, not '${mode}'`);
  if (values.local && values.server !== undefined) throw new UsageError('submit: --server and --local exclude each other');
  const server = values.server !== undefined ? parseServerUrl('--server', values.server) : DEFAULT_SERVER;
  return { file, challenge: values.challenge, language, mode, local: values.local ?? false, server, json: values.json ?? false };
}

function usageFromField(field: string | undefined, message: string): UsageError {
  const argument = field ? (ARGUMENT_OF_FIELD[field] ?? field) : undefined;
  return new UsageError(argument ? `submit: ${argument}: ${message}` : `submit: ${message}`);
}

export async function submitCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseSubmitArguments(args);
  let code: string;
  try {
    code = await readFile(path.resolve(io.cwd, options.file), 'utf8');
  } catch (error) {
    throw new UsageError(`submit: FILE '${options.file}' cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const request: SubmissionRequest = { language: options.language, code, challengeId: options.challenge, mode: options.mode };
  const where = options.local ? 'here' : `at ${options.server}`;
  const progress = startProgress(io.stdout, `judging ${options.file} ${where}…`, !options.json);

  let result: SubmissionResult;
  let judgedBy: string;
  try {
    if (options.local) {
      // Loaded only here: the cloud mode needs no Docker client or catalog loader.
      const { judgeLocally } = await import('./local-judge.js');
      const local = await judgeLocally(request, {
        env: io.env,
        onSandbox: (kind) => progress.say(`judging ${options.file} here, in ${kind === 'docker' ? 'a Docker container' : 'a process sandbox'}…`),
        warn: (message) => {
          progress.stop();
          io.stderr.write(`pairjudge: ${message}\n`);
        },
      });
      result = local.result;
      judgedBy = describeJudge({ local: true, sandbox: result.sandbox ?? local.sandbox });
    } else {
      const client = createJudgeClient({ baseUrl: () => options.server });
      result = await client.submit(request, { onPending: (status) => progress.say(`${status} at ${options.server}…`) });
      judgedBy = describeJudge({ local: false, server: options.server, ...(result.sandbox ? { sandbox: result.sandbox } : {}) });
    }
  } catch (error) {
    progress.stop();
    if (error instanceof SubmissionRejectedError) throw usageFromField(error.field, error.message);
    if (error instanceof JudgeClientError) {
      if (error.info.kind === 'invalid' || error.info.kind === 'not_found') throw usageFromField(error.info.field, error.message);
      io.stderr.write(`pairjudge: ${error.message}\n`);
      return EXIT_UNREACHABLE;
    }
    if (error instanceof SandboxUnavailableError) {
      io.stderr.write(
        `pairjudge: no sandbox can run here: ${error.message}\n` +
          '  (start the Docker engine and build the sandbox image with `npm run setup`)\n',
      );
      return EXIT_UNREACHABLE;
    }
    throw error;
  }
  progress.stop();
  if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else io.stdout.write(formatResult(result, judgedBy, colours(io.stdout.isTTY === true && !io.env.NO_COLOR)));
  return result.verdict === 'accepted' ? EXIT_ACCEPTED : EXIT_NOT_ACCEPTED;
}
