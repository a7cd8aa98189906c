/**
 * Reads `challenges/<id>/` folders into a Catalog at start-up. Any broken challenge stops the
 * load with an error naming its folder and the bad field: a half-loaded catalog would serve
 * challenges whose tests cannot be judged.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import {
  ChallengeFileSchema,
  LANGUAGES,
  isLanguageId,
  type ChallengeFile,
} from '../../protocol/index.js';
import { createCatalog, type Catalog, type LoadedChallenge } from '../../judge-core/catalog.js';

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
  const file = parseChallengeFile(folder, await readText(folderPath, folder, 'challenge.json'));

  if (file.id !== folder) {
    throw new CatalogError(folder, 'challenge.json field /id', `"${file.id}" must equal the folder name`);
  }
  // Results are reported per test name, so two tests with one name would be indistinguishable.
  const seen = new Set<string>();
  file.tests.forEach((t, i) => {
    if (seen.has(t.name)) {
      throw new CatalogError(folder, `challenge.json field /tests/${i}/name`, `duplicate test name "${t.name}"`);
    }
    seen.add(t.name);
  });

  const languages = Object.keys(file.entry).filter(isLanguageId).sort();
  if (languages.length === 0) {
    throw new CatalogError(folder, 'challenge.json field /entry', 'names no language the judge supports');
  }

  const statement = await readText(folderPath, folder, 'statement.md');
  if (statement.trim() === '') throw new CatalogError(folder, 'statement.md', 'is empty');

  const starter: Record<string, string> = {};
  for (const lang of languages) {
    const name = `starter.${LANGUAGES[lang].extension}`;
    starter[lang] = stripLintDirectives(await readText(folderPath, folder, name));
  }

  return { ...file, languages, statement, starter };
}

function parseChallengeFile(folder: string, text: string): ChallengeFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CatalogError(folder, 'challenge.json', `is not valid JSON (${(err as Error).message})`);
  }
  if (!Value.Check(ChallengeFileSchema, data)) {
    const first = Value.Errors(ChallengeFileSchema, data).First();
    const field = first?.path || '/';
    throw new CatalogError(folder, `challenge.json field ${field}`, first?.message ?? 'does not match the schema');
  }
  return data;
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
