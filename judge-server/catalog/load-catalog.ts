/**
 * Reads `challenges/<id>/` folders into a Catalog at start-up. Any broken challenge stops the
 * load with an error naming its folder and the bad field: a half-loaded catalog would serve
 * challenges whose tests cannot be judged.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES } from '../../protocol/index.js';
import { createCatalog, type Catalog, type LoadedChallenge } from '../../judge-core/catalog.js';
import { ChallengeRuleError, assembleChallenge, checkChallengeFile, offeredLanguages } from '../../judge-core/challenge-rules.js';

// Callers that build jobs from the loaded catalog find the test selection here too.
export { testsForMode } from '../../judge-core/catalog.js';
export type { Catalog, LoadedChallenge } from '../../judge-core/catalog.js';

export class CatalogError extends Error {
  constructor(
    readonly folder: string,
    readonly field: string,
    detail: string,
  ) {
    super(`challenge folder "${folder}": ${field}: ${detail}`);
    this.name = 'CatalogError';
  }
}

export async function loadCatalog(dir: string): Promise<Catalog> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const challenges: LoadedChallenge[] = [];
  for (const folder of folders) {
    challenges.push(await loadChallenge(path.join(dir, folder), folder));
  }
  return createCatalog(challenges);
}

export async function loadChallenge(folderPath: string, folder: string): Promise<LoadedChallenge> {
  const data = parseJson(folder, await readText(folderPath, folder, 'challenge.json'));
  // The rules shared with authored challenges (judge-core/challenge-rules.ts), phrased per file.
  const file = withFolder(folder, () => checkChallengeFile(data));
  if (file.id !== folder) {
    throw new CatalogError(folder, 'challenge.json field /id', `"${file.id}" must equal the folder name`);
  }
  const statement = await readText(folderPath, folder, 'statement.md');
  const starter: Record<string, string> = {};
  for (const lang of offeredLanguages(file)) {
    const name = `starter.${LANGUAGES[lang].extension}`;
    starter[lang] = stripLintDirectives(await readText(folderPath, folder, name));
  }
  return withFolder(folder, () => assembleChallenge({ file, statement, starter }));
}

function parseJson(folder: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CatalogError(folder, 'challenge.json', `is not valid JSON (${(err as Error).message})`);
  }
}

/** Names a broken rule by the file it lives in: `challenge.json field /tests/1/name`, `statement.md`. */
function withFolder<T>(folder: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof ChallengeRuleError)) throw err;
    const where =
      err.part === 'file'
        ? `challenge.json field ${err.pointer || '/'}`
        : err.part === 'statement'
          ? 'statement.md'
          : `starter for ${err.pointer.slice(1)}`;
    throw new CatalogError(folder, where, err.detail);
  }
}

async function readText(folderPath: string, folder: string, name: string): Promise<string> {
  try {
    return await readFile(path.join(folderPath, name), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CatalogError(folder, name, code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? 'error'})`);
  }
}

/**
 * Starter files are linted with the repository, which needs an eslint directive for the entry
 * function that only the judge calls. That line means nothing to the person solving the
 * challenge, so clients get the starter without it.
 */
export function stripLintDirectives(code: string): string {
  return code
    .split('\n')
    .filter((line) => !/^\s*\/\/\s*eslint-disable/.test(line))
    .join('\n');
}
