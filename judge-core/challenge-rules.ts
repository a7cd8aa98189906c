/**
 * The rules every challenge obeys, wherever it comes from: a catalog folder on disk
 * (judge-server/catalog/load-catalog.ts) or a coach's POST/PUT /v1/challenges
 * (judge-server/authored/). One place, so an authored challenge cannot be something the
 * catalog would refuse. Each refusal names the field as a JSON pointer (`/tests/3/name`);
 * callers phrase it for their audience (a folder and file name, or a request field).
 */
import { Value } from '@sinclair/typebox/value';
import {
  ChallengeFileSchema,
  FunctionTestSchema,
  IoTestSchema,
  MAX_CASE_BYTES,
  isIoTest,
  isLanguageId,
  parseValueType,
  valueTypeMismatch,
  type ChallengeFile,
  type LanguageId,
} from '../protocol/index.js';
import { argsMismatch } from './drivers/driver-input.js';
import { cPrototype } from './drivers/c-driver.js';
import { LANGUAGE_RUNTIMES } from './languages.js';
import type { LoadedChallenge } from './catalog.js';
import { MAX_VALUE_DEPTH, utf8Bytes, valueDepth } from './value-depth.js';

export class ChallengeRuleError extends Error {
  override name = 'ChallengeRuleError';

  constructor(
    /** Which part of the challenge: `file` (challenge.json's fields), `statement` or `starter`. */
    readonly part: 'file' | 'statement' | 'starter',
    /** JSON pointer inside that part, e.g. `/tests/0/name`; `` for the whole part. */
    readonly pointer: string,
    readonly detail: string,
  ) {
    super(`${part}${pointer}: ${detail}`);
  }
}

/** Checks challenge.json's fields (schema, then what the schema cannot say) and returns them typed. */
export function checkChallengeFile(data: unknown): ChallengeFile {
  if (!Value.Check(ChallengeFileSchema, data)) throw schemaError(data);
  // Results are reported per test name, so two tests with one name would be indistinguishable.
  const seen = new Set<string>();
  // One run holds cases of one kind: a program reading stdin has no entry function, and a
  // function challenge has no program to feed.
  const io = isIoTest(data.tests[0]!);
  data.tests.forEach((t, i) => {
    if (seen.has(t.name)) throw new ChallengeRuleError('file', `/tests/${i}/name`, `duplicate test name "${t.name}"`);
    seen.add(t.name);
    if (isIoTest(t) !== io) {
      throw new ChallengeRuleError(
        'file',
        `/tests/${i}`,
        io ? 'is a function case, but the first test is a stdin/stdout case (input, expectedOutput): use one kind' : 'is a stdin/stdout case, but the first test is a function case (args, expected): use one kind',
      );
    }
    // The same bounds a submission's own cases have: a test is shipped in every job to the worker.
    if (isIoTest(t)) {
      if (utf8Bytes(t.input) + utf8Bytes(t.expectedOutput) > MAX_CASE_BYTES) {
        throw new ChallengeRuleError('file', `/tests/${i}`, `input and expectedOutput are over ${MAX_CASE_BYTES} bytes`);
      }
      return;
    }
    if (valueDepth([t.args, t.expected]) > MAX_VALUE_DEPTH) {
      throw new ChallengeRuleError('file', `/tests/${i}`, `nests deeper than ${MAX_VALUE_DEPTH} levels`);
    }
    if (utf8Bytes(JSON.stringify([t.args, t.expected ?? null])) > MAX_CASE_BYTES) {
      throw new ChallengeRuleError('file', `/tests/${i}`, `args and expected are over ${MAX_CASE_BYTES} bytes as JSON`);
    }
  });
  if (data.compare !== undefined && !io) {
    throw new ChallengeRuleError('file', '/compare', 'applies to stdin/stdout cases only, and this challenge has function cases');
  }
  if (offeredLanguages(data).length === 0) {
    throw new ChallengeRuleError('file', '/entry', 'names no language the judge supports');
  }
  checkSignature(data);
  return data;
}

/**
/**
 * The first schema error. A test that fits neither kind of case is checked against the kind it
 * looks like (a stdin/stdout case when it has `input`), so the pointer names the field at fault
 * (`/tests/3/args`) rather than the whole test.
 */
function schemaError(data: unknown): ChallengeRuleError {
  const first = Value.Errors(ChallengeFileSchema, data).First();
  const tests = (data as { tests?: unknown } | null)?.tests;
  const at = /^\/tests\/(\d+)$/.exec(first?.path ?? '');
  const test: unknown = at && Array.isArray(tests) ? tests[Number(at[1])] : undefined;
  if (at && test !== null && typeof test === 'object') {
    const schema = 'input' in test ? IoTestSchema : FunctionTestSchema;
    const inner = Value.Errors(schema, test).First();
    if (inner) return new ChallengeRuleError('file', `/tests/${at[1]}${inner.path}`, inner.message);
  }
  return new ChallengeRuleError('file', first?.path ?? '', first?.message ?? 'does not match the schema');
}

/**
 * A compiled language's driver is generated from the signature, so a challenge offering one must
 * declare it, in types the notation knows, and every test must fit it. A stdin/stdout challenge
 * runs the program itself and has no function to drive: it needs no signature.
 */
function checkSignature(data: ChallengeFile): void {
  const compiled = offeredLanguages(data).filter((language) => LANGUAGE_RUNTIMES[language].compile);
  const io = data.tests.some(isIoTest);
  if (!data.signature) {
    if (compiled.length > 0 && !io) throw new ChallengeRuleError('file', '/signature', `is required to offer ${compiled.join(', ')}`);
    return;
  }
  if (io) throw new ChallengeRuleError('file', '/signature', 'applies to function cases only, and this challenge has stdin/stdout cases');
  const signature = data.signature;
  const names = new Set<string>();
  signature.params.forEach((param, i) => {
    if (names.has(param.name)) throw new ChallengeRuleError('file', `/signature/params/${i}/name`, `duplicate parameter "${param.name}"`);
    names.add(param.name);
    try {
      parseValueType(param.type);
    } catch (error) {
      throw new ChallengeRuleError('file', `/signature/params/${i}/type`, (error as Error).message);
    }
  });
  let returns;
  try {
    returns = parseValueType(signature.returns);
  } catch (error) {
    throw new ChallengeRuleError('file', '/signature/returns', (error as Error).message);
  }
  data.tests.forEach((t, i) => {
    if (isIoTest(t)) return;
    const problem = argsMismatch(t.args, signature);
    if (problem) throw new ChallengeRuleError('file', `/tests/${i}/args`, problem);
    const wrong = valueTypeMismatch(t.expected, returns, 'expected');
    if (wrong) throw new ChallengeRuleError('file', `/tests/${i}/expected`, `${wrong} (${signature.returns})`);
  });
  if (data.entry.c !== undefined) {
    try {
      cPrototype(signature, data.entry.c);
    } catch (error) {
      throw new ChallengeRuleError('file', '/entry/c', `the signature has no C shape: ${(error as Error).message}`);
    }
  }
}

/**
 * Languages a challenge offers: the keys of `entry` the judge knows, sorted. Other keys are
 * ignored rather than refused, so a catalog can name a language before this judge runs it.
 */
export function offeredLanguages(file: ChallengeFile): LanguageId[] {
  return Object.keys(file.entry).filter(isLanguageId).sort();
}

export function checkStatement(statement: string): string {
  if (statement.trim() === '') throw new ChallengeRuleError('statement', '', 'is empty');
  return statement;
}

/** Every offered language needs starter code; starters of languages not offered are left out. */
export function checkStarters(languages: string[], starter: Record<string, string | undefined>): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const lang of languages) {
    const code = starter[lang];
    if (code === undefined) throw new ChallengeRuleError('starter', `/${lang}`, 'is missing');
    checked[lang] = code;
  }
  return checked;
}

/** Applies every rule and assembles the challenge the catalog serves and builds jobs from. */
export function assembleChallenge(parts: { file: unknown; statement: string; starter: Record<string, string | undefined> }): LoadedChallenge {
  const file = checkChallengeFile(parts.file);
  const languages = offeredLanguages(file);
  const statement = checkStatement(parts.statement);
  const starter = checkStarters(languages, parts.starter);
  return { ...file, languages, statement, starter };
}
